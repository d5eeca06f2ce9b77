"""The agent on real devices and the real runtime, with a queued-reply model: plan -> run -> repair -> trace."""

from __future__ import annotations

import json

import pytest
from conftest import needs_shared

from autodroid.agent import run_task
from autodroid.appdoc import load_doc
from autodroid.device import open_device
from autodroid.planner.model import FakeModel
from autodroid.planner.planner import PlanConfig


@pytest.fixture()
def notes():
    doc = load_doc("notes")
    with open_device("sim:notes") as device:
        if device.current_app() != doc.package:
            device.app_start(doc.package)
        yield doc, device


def _checkbox(doc, label: str) -> str:
    return next(n for n, e in doc.elements.items() if e.type == "checkbox" and e.description == label)


def test_success_on_the_first_attempt_with_auto_navigation(notes, tmp_path):
    doc, device = notes
    autosave = _checkbox(doc, "Autosave notes")
    model = FakeModel(replies=[f"{autosave}.tap()", ""])
    trace = tmp_path / "trace.jsonl"
    result = run_task("turn on autosave notes", doc, device, model, examples=None, trace_path=trace)
    assert result.ok and result.error is None and result.repairs == 0
    roles = [a.role for a in result.actions]
    assert roles[-1] == "script" and "navigation" in roles  # the model named only the target
    box = next(node for node in device.screen().nodes if node.text == "Autosave notes")
    assert box.checked  # the sim app starts with autosave off: the tap really happened
    events = [json.loads(line)["event"] for line in trace.read_text().splitlines()]
    assert events[0] == "task" and "plan" in events and "run_start" in events and events[-1] == "task_end"


def test_repair_after_an_invalid_answer_feeds_the_error_back(notes, tmp_path):
    doc, device = notes
    autosave = _checkbox(doc, "Autosave notes")
    model = FakeModel(replies=["settings_screen__autosave.tap()", "", f"{autosave}.tap()", ""])
    config = PlanConfig(grammar=False)  # e.g. a server without grammar support
    trace = tmp_path / "trace.jsonl"
    result = run_task("disable autosave notes", doc, device, model, config=config, examples=None, trace_path=trace)
    assert result.ok and len(result.attempts) == 2
    assert result.attempts[0].error_type == "PlanError" and "settings_screen__autosave" in result.attempts[0].error
    repair_prompt = model.calls[2].prompt
    assert "A previous script for this task failed." in repair_prompt and "unknown name" in repair_prompt
    assert "Current screen:\n<" in repair_prompt  # the current screen, as compact html
    attempts = [json.loads(line) for line in trace.read_text().splitlines() if '"event": "attempt"' in line]
    assert [a["ok"] for a in attempts] == [False, True]


def test_repair_after_a_runtime_failure_and_at_most_n_times(notes):
    doc, device = notes
    # a list option the live list does not have: the runtime fails, the model repeats itself
    bad = 'main_screen__notes_list.match("No such note").tap()'
    model = FakeModel(replies=[bad, "", 'main_screen__notes_list.match("Also missing").tap()', "",
                               'main_screen__notes_list.match("Still missing").tap()', ""])
    result = run_task("open the note 'No such note'", doc, device, model, examples=None, repairs=2,
                      config=PlanConfig(task_strings=False))
    assert not result.ok and len(result.attempts) == 3
    assert result.error and "No such note" not in result.error  # the last attempt's error is reported
    assert all(a.error_type for a in result.attempts)


def test_the_same_script_twice_ends_the_repairs(notes):
    doc, device = notes
    bad = 'main_screen__notes_list.match("No such note").tap()'
    model = FakeModel(replies=[bad, "", bad, "", "unused"])
    result = run_task("open 'No such note'", doc, device, model, examples=None, repairs=2)
    assert not result.ok and len(result.attempts) == 1 and model.replies == ["unused"]


def test_policy_refusal_is_not_repaired(notes):
    doc, device = notes
    delete = next(n for n, e in doc.elements.items() if e.risk == "sensitive" and e.type == "button"
                  and e.description == "Delete")
    row = next(e for e in doc.navigation if e.to == doc.elements[delete].screen and e.option)
    model = FakeModel(replies=[f'{row.element}.select("{row.option}")', f"{delete}.tap()", "", "unused"])
    result = run_task(f"delete the note {row.option}", doc, device, model, examples=None, confirm=None,
                      auto_yes=False)
    assert not result.ok and len(result.attempts) == 1
    assert result.attempts[0].error_type == "PolicyRefused"


@needs_shared
def test_continue_past_an_action_the_recording_lacks(droidtask):
    from autodroid.device.replay import ReplayDevice
    from autodroid.explorer.fromlog import doc_from_log

    folder = droidtask / "clock"
    doc = doc_from_log(folder)
    sunday = next(n for n, e in doc.elements.items() if e.description == "Start week on Sunday")
    volume = next(n for n, e in doc.elements.items() if e.description == "Increase volume gradually")
    script = [f"{sunday}.tap()", f"{volume}.tap()", ""]
    device = ReplayDevice(folder, log_only=True)  # neither tap was recorded in the log
    result = run_task("toggle two settings", doc, device, FakeModel(replies=list(script)), examples=None)
    assert result.ok and result.attempts[0].skipped == [f"{sunday}.tap()", f"{volume}.tap()"]
    device = ReplayDevice(folder, log_only=True)
    strict = run_task("toggle two settings", doc, device, FakeModel(replies=list(script)), examples=None,
                      continue_unexplored=False, repairs=0)
    assert not strict.ok and strict.attempts[0].error_type == "UnexploredTransition"


def test_a_line_that_cannot_be_found_is_skipped_and_done_lines_never_rerun(notes):
    doc, device = notes
    autosave = _checkbox(doc, "Autosave notes")
    preview = _checkbox(doc, "Show note preview")
    bad = 'main_screen__notes_list.match("No such note").tap()'
    model = FakeModel(replies=[bad, f"{autosave}.tap()", "",  # attempt 1: the bad line, then the good one
                               f"{autosave}.tap()", f"{preview}.tap()", ""])  # the repair repeats the good line
    result = run_task("turn on autosave and preview", doc, device, model, examples=None, repairs=1,
                      config=PlanConfig(task_strings=False, choices=False, retrieval="off"))
    first, second = result.attempts
    assert not first.ok and first.error_type == "NoSuchItem"
    assert [a.api for a in first.actions if a.role == "script"] == [autosave]  # went on past the bad line
    assert second.ok and [a.api for a in second.actions if a.role == "script"] == [preview]  # autosave not again
    screen = device.screen()
    assert next(n for n in screen.nodes if n.text == "Autosave notes").checked
    assert next(n for n in screen.nodes if n.text == "Show note preview").checked is False  # starts on: toggled


def test_without_continue_on_failure_the_script_stops_at_the_bad_line(notes):
    doc, device = notes
    autosave = _checkbox(doc, "Autosave notes")
    bad = 'main_screen__notes_list.match("No such note").tap()'
    model = FakeModel(replies=[bad, f"{autosave}.tap()", ""])
    result = run_task("x", doc, device, model, examples=None, repairs=0, continue_on_failure=False,
                      config=PlanConfig(task_strings=False, choices=False, retrieval="off"))
    assert not result.ok and not [a for a in result.actions if a.role == "script"]
