"""Destructive elements are recorded but not tried unless allowed; the word matching itself."""

from __future__ import annotations

import pytest
import yaml

from autodroid.device.registry import open_device
from autodroid.explorer import crawl, load_graph
from autodroid.explorer.safety import DestructiveFilter
from autodroid.ui.droidtask_html import parse_droidtask_html

LIST = """<FrameLayout id='0'>
  <p id='1'>Notes</p>
  <button id='2' resource_id='open'>Open</button>
  <button id='3' resource_id='remove_all' alt='Delete all'></button>
</FrameLayout>"""
DETAILS = """<FrameLayout id='0'>
  <p id='1'>Details</p>
</FrameLayout>"""
EMPTY = """<FrameLayout id='0'>
  <p id='1'>No notes</p>
</FrameLayout>"""


def _record(state: str, action: str, choice) -> dict:
    details = ({"action_type": "navigate_back", "Choice": None, "Input": None} if action == "navigate_back"
               else {"action_type": "click", "id": choice})
    return {"State": state, "Action": action, "ActionDetails": details, "Choice": choice, "Input": None,
            "new_state_str": "0" * 64, "state_str": "0", "tag": "2024-01-01_000000"}


@pytest.fixture
def tiny_app(tmp_path):
    """A hand-made recording in the DroidTask format: open details, come back, delete everything."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    records = [_record(LIST, "touch", 2), _record(DETAILS, "navigate_back", None), _record(LIST, "touch", 3),
               _record(EMPTY, "touch", -1)]
    (folder / "log.yaml").write_text(yaml.safe_dump({"records": records, "step_num": 4, "task_name": "utg"}))
    return folder


def test_destructive_element_is_recorded_as_skipped_not_tried(tiny_app, tmp_path):
    stats = crawl(open_device(f"replay:{tiny_app}?log"), tmp_path / "out", allow_destructive=False, durable=False)
    graph = load_graph(tmp_path / "out")
    skipped = [e for e in graph.edges if e.result == "skipped_destructive"]
    assert len(skipped) == 1 and stats.skipped_destructive == 1
    assert skipped[0].node["desc"] == "Delete all" and skipped[0].to_id is None
    assert "'delete'" in skipped[0].note and "--allow-destructive" in skipped[0].note
    assert EMPTY not in {state.raw for state in graph.states.values()}
    assert {state.raw for state in graph.states.values()} == {LIST, DETAILS}


def test_replay_devices_allow_recorded_destructive_actions_by_default(tiny_app, tmp_path):
    crawl(open_device(f"replay:{tiny_app}?log"), tmp_path / "out", durable=False)
    graph = load_graph(tmp_path / "out")
    assert {state.raw for state in graph.states.values()} == {LIST, DETAILS, EMPTY}
    assert not [e for e in graph.edges if e.result == "skipped_destructive"]


def test_custom_word_list_replaces_the_default(tiny_app, tmp_path):
    crawl(open_device(f"replay:{tiny_app}?log"), tmp_path / "out", allow_destructive=False,
          destructive_words=["open"], durable=False)
    graph = load_graph(tmp_path / "out")
    assert [e.node["text"] for e in graph.edges if e.result == "skipped_destructive"] == ["Open"]
    assert {state.raw for state in graph.states.values()} == {LIST, EMPTY}


def test_sim_notes_never_deletes_a_note(tmp_path):
    device = open_device("sim:notes")
    crawl(device, tmp_path, budget_steps=400, durable=False)
    graph = load_graph(tmp_path)
    skipped = [e for e in graph.edges if e.result == "skipped_destructive"]
    assert "delete_note" in {e.node["rid"] for e in skipped}
    menu_delete = [e for e in skipped if not e.node["text"] and not e.node["desc"]]  # a menu row: text inside
    assert menu_delete and all("Delete" in graph.states[e.from_id].screen.subtree_text(
        graph.states[e.from_id].screen.node(e.node["id"])) for e in menu_delete)
    taken = {(e.from_id, e.node["id"]) for e in graph.edges if e.node and e.result in ("changed", "unchanged")}
    assert taken and not taken & {(e.from_id, e.node["id"]) for e in skipped}


@pytest.mark.parametrize("label, word", [
    ("Delete", "delete"), ("Delete note", "delete"), ("deleteButton", "delete"), ("btn_remove", "remove"),
    ("Sign out", "sign out"), ("SEND", "send"), ("Factory reset", "reset"), ("Format SD card", "format sd"),
    ("Share link", "share"), ("Clear history", "clear"),
])
def test_destructive_labels(label, word):
    assert DestructiveFilter().matched_word([label]) == word


@pytest.mark.parametrize("label", ["Deleted items", "Date format", "Sort order", "Settings", "Signature",
                                   "Calendar", "Payload viewer", "Recall"])
def test_harmless_labels(label):
    assert DestructiveFilter().matched_word([label]) is None


def test_icon_button_is_judged_by_the_text_inside_it():
    screen = parse_droidtask_html("<FrameLayout id='0'><button id='1'><p id='2'>Remove</p></button></FrameLayout>")
    assert DestructiveFilter().check(screen, screen.node(1)) == "remove"
