"""Examples: templated from the doc, verified by running them through the runtime, stored, retrieved."""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner
from conftest import needs_shared
from planner_helpers import demo_doc

from autodroid.appdoc import load_doc
from autodroid.cli.main import cli
from autodroid.device import open_device
from autodroid.errors import BadInputError
from autodroid.planner.examples import (ExampleStore, default_store, examples_path, load_examples, save_examples,
                                        synthesize, verify)
from autodroid.planner.prompt import Example


def test_templates_cover_each_kind_of_element_and_skip_sensitive_ones():
    by_task = {c.task: c for c in synthesize(demo_doc())}
    assert by_task["enable autosave notes"].script == "settings_screen__autosave_checkbox.tap()"
    assert by_task["set sort by to descending"].script == 'sort_dialog__order_list.select("Descending")'
    assert by_task["set font size to large"].script == 'font_size_dialog__radio_list.select("Large")'
    assert any(c.kind == "name" and c.task.startswith("create a new note named") for c in by_task.values())
    assert by_task["open settings"].kind == "open"
    scripts = " ".join(c.script for c in by_task.values())
    assert "delete" not in scripts and "cancel" not in scripts and "title_text" not in scripts


def _sim_notes():
    doc = load_doc("notes")
    devices = []

    def fresh():
        while devices:
            devices.pop().close()
        device = open_device("sim:notes")
        devices.append(device)
        return device
    return doc, fresh


def test_only_examples_that_run_on_the_device_are_kept():
    doc, fresh = _sim_notes()
    candidates = synthesize(doc)
    broken = dataclasses.replace(candidates[0], task="broken", script='main_screen__notes_list.match("nope").tap()')
    seen = []
    kept = verify(doc, [*candidates[:6], broken], fresh, on_result=lambda c, ok, why: seen.append((c.task, ok, why)))
    assert "broken" not in [v.example.task for v in kept]
    assert ("broken", False) == seen[-1][:2] and "nope" in seen[-1][2]
    assert kept and all(v.outcome == "ran" and v.actions >= 1 for v in kept)


def test_the_stored_sim_examples_ran_and_confirm_their_dialogs():
    doc = load_doc("notes")
    store = default_store(doc)
    assert store is not None and len(store) >= 20
    titled = [e for e in store.examples if e.script.startswith("new_note_screen__title_input.set_text(")]
    assert titled and all(e.script.endswith("new_note_screen__save_note_button.tap()") for e in titled)


def test_save_load_and_a_changed_doc_keeps_only_examples_that_still_check(tmp_path):
    doc = demo_doc()
    good = Example("turn on autosave", "settings_screen__autosave_checkbox.tap()")
    from autodroid.planner.examples import Verified

    path = save_examples(tmp_path / "examples.yaml", doc, [Verified(good, "settings_screen__autosave_checkbox", "toggle", 2),
                                                           Verified(Example("x", "gone__element.tap()"), "gone", "tap", 1)],
                         device="sim:demo")
    assert [e.task for e in load_examples(path, doc).examples] == ["turn on autosave", "x"]  # same doc: as stored
    edited = dataclasses.replace(doc, app="demo")  # same elements, other version? force a version change:
    edited = dataclasses.replace(doc, generated_from={"edited": True})
    assert edited.version != doc.version
    assert [e.task for e in load_examples(path, edited).examples] == ["turn on autosave"]
    (tmp_path / "bad.yaml").write_text("examples: [1, 2", encoding="utf-8")
    with pytest.raises(BadInputError):
        load_examples(tmp_path / "bad.yaml", doc)


def test_nearest_prefers_rare_shared_words_one_per_element():
    store = ExampleStore([(Example("open notes settings", "a__b.tap()"), "a__b", "open"),
                          (Example("turn on autosave notes", "c__d.tap()"), "c__d", "toggle"),
                          (Example("turn off autosave notes", "c__d.tap()"), "c__d", "toggle"),
                          (Example("sort notes", "e__f.tap()"), "e__f", "open")])
    nearest = store.nearest("disable autosave for my notes", 2)
    assert nearest[-1].task == "turn on autosave notes"  # nearest last, next to the task
    assert len({e.script for e in nearest}) == len(nearest)


def test_a_same_named_app_documented_elsewhere_does_not_borrow_the_sim_examples():
    other = dataclasses.replace(load_doc("notes"), generated_from={"device": "replay:somewhere"})
    assert examples_path("notes").is_file()
    assert default_store(other) is None or default_store(other) is not default_store(load_doc("notes"))


def test_examples_command_writes_a_file(tmp_path):
    out = tmp_path / "ex.yaml"
    result = CliRunner().invoke(cli, ["examples", "--device", "sim:notes", "--app", "notes", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "examples ran on sim:notes" in result.output
    assert len(load_examples(out, load_doc("notes"))) >= 20


@needs_shared
def test_droidtask_examples_reach_their_elements_on_the_log_only(droidtask):
    from autodroid.device.replay import ReplayDevice
    from autodroid.explorer.fromlog import doc_from_log

    folder = droidtask / "clock"
    doc = doc_from_log(folder)
    device = ReplayDevice(folder, log_only=True)

    def fresh():
        device.reset()
        return device
    kept = verify(doc, synthesize(doc)[:12], fresh)
    assert kept and {v.outcome for v in kept} <= {"ran", "reached"}
