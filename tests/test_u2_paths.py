"""`autodroid explore`, `autodroid script run` and `autodroid run` on a `u2:` device, end to end through the
real U2Device adapter, over a uiautomator2 stand-in backed by a simulated app (no phone here)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from autodroid.appdoc import load_doc
from autodroid.cli.main import cli
from autodroid.paths import PROJECT_DIR
from autodroid.planner.model import FakeModel
from u2_simphone import sim_phone_device


@pytest.fixture
def phone(monkeypatch):
    """`u2:<anything>` opens the sim-backed phone; yields the SimPhone to inspect."""
    device, phone = sim_phone_device("notes")
    monkeypatch.setattr("autodroid.device.u2.open_u2", lambda arg, **options: device)
    return phone


def test_explore_on_u2_writes_graph_and_doc(phone, tmp_path, monkeypatch):
    monkeypatch.setenv("AUTODROID_APP_DOCS", str(tmp_path / "docs"))
    result = CliRunner().invoke(cli, ["explore", "--device", "u2:emulator-5554", "--app", "org.autodroid.notes", "--budget", "60",
                                      "--out", str(tmp_path / "explore"), "--progress", "quiet"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "explore" / "graph.jsonl").is_file()
    doc = load_doc("org.autodroid.notes", tmp_path / "docs")
    assert doc.package == "org.autodroid.notes" and len(doc.screens) >= 3
    assert phone.calls_named("click"), "the crawl must tap through the uiautomator2 transport"
    assert phone.sim.current_app() == "org.autodroid.notes" or phone.calls_named("app_start")


def test_script_run_on_u2_acts_on_the_phone(phone, tmp_path):
    script = tmp_path / "new_note.ds"
    script.write_text('main_screen__fab_new_note_button.tap()\nnew_note_screen__title_input.set_text("Milk")\n')
    result = CliRunner().invoke(cli, ["script", "run", "--device", "u2:192.168.1.20:5555", "--app", "notes",
                                      "--doc", str(PROJECT_DIR / "app_docs" / "notes" / "doc.yaml"), str(script)])
    assert result.exit_code == 0, result.output
    assert phone.typed == ["Milk"]
    assert [n.text for n in phone.sim.screen() if n.editable][0] == "Milk"


def test_run_on_u2_plans_with_a_model_and_sorts_the_notes(phone, monkeypatch):
    doc = load_doc("notes", PROJECT_DIR / "app_docs")
    sort_list = next(e.name for e in doc.elements.values() if e.options and "Title" in e.options)
    order_list = next(e.name for e in doc.elements.values() if e.options and "Descending" in e.options)
    ok = next(e.name for e in doc.elements.values() if e.screen == doc.elements[sort_list].screen
              and e.short_name == "ok_button")
    lines = [f'{sort_list}.select("Title")', f'{order_list}.select("Descending")', f"{ok}.tap()"]
    model = FakeModel(replies=[*lines, ""])  # the planner asks for one line per call; empty = done
    monkeypatch.setattr("autodroid.planner.load_model", lambda name=None, **kw: model)
    result = CliRunner().invoke(cli, ["run", "--device", "u2:R58M123", "--app", "notes", "--no-examples",
                                      "sort notes by title, descending"])
    assert result.exit_code == 0, result.output
    titles = [n.text for n in phone.sim.screen() if n.rid == "note_title"]
    assert titles and titles == sorted(titles, reverse=True)
