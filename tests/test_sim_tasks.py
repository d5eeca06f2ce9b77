"""The sim task sets (benchmarks/sim_tasks.yaml and the held-out benchmarks/sim_tasks_heldout_*.yaml): they
load, every reference script passes its final-state check on a fresh sim without side effects, doing nothing
fails every check, and the checker refuses malformed checks."""

from __future__ import annotations

from collections import Counter

import pytest

from autodroid.appdoc import load_doc
from autodroid.bench.simtasks import (
    DEFAULT_TASKS, CheckError, check_device, evaluate, fresh_snapshot, load_tasks, side_effects, snapshot,
    validate_check,
)
from autodroid.device import open_device
from autodroid.errors import BadInputError
from autodroid.runtime import run_on_device

TASKS = load_tasks()
HELDOUT_FILES = {app: DEFAULT_TASKS.parent / f"sim_tasks_heldout_{app}.yaml"
                 for app in ("contacts", "calendar", "dialer", "messages", "todo", "settings")}
HELDOUT = [task for path in HELDOUT_FILES.values() for task in load_tasks(path)]
ALL_TASKS = TASKS + HELDOUT


def test_the_set_is_big_enough_with_unique_ids():
    counts = Counter(t.app for t in TASKS)
    assert len(TASKS) >= 40
    assert counts["notes"] >= 15 and counts["clock"] >= 15
    assert len({t.id for t in TASKS}) == len(TASKS)
    assert all(t.task and t.reference.strip() for t in TASKS)


@pytest.mark.parametrize("app", sorted(HELDOUT_FILES))
def test_each_held_out_file_is_big_enough_holds_only_its_app_and_says_it_is_held_out(app):
    tasks = load_tasks(HELDOUT_FILES[app])
    assert len(tasks) >= 20 and {t.app for t in tasks} == {app}
    assert not any(t.app == app for t in TASKS)  # held-out apps stay out of the dev set
    header = HELDOUT_FILES[app].read_text(encoding="utf-8").split("format: 1")[0]
    assert "HELD-OUT" in header and "doc ceiling" in header
    assert "held out once" in header or "not yet run" in header  # its STATUS line


def test_task_ids_are_unique_across_the_sets():
    assert len({t.id for t in ALL_TASKS}) == len(ALL_TASKS)


@pytest.mark.parametrize("tasks", [TASKS, HELDOUT], ids=["dev", "heldout"])
def test_sentences_do_not_name_element_apis(tasks):
    for app in sorted({t.app for t in tasks}):
        doc = load_doc(app)
        names = set(doc.elements) | {e.short_name for e in doc.elements.values() if "_" in e.short_name}
        for task in (t for t in tasks if t.app == app):
            assert "__" not in task.task and not any(name in task.task for name in names), task.id


@pytest.mark.parametrize("task", ALL_TASKS, ids=[t.id for t in ALL_TASKS])
def test_reference_script_passes_its_check_on_a_fresh_sim(task):
    doc = load_doc(task.app)
    with open_device(task.device) as device:
        report = run_on_device(task.reference, doc, device, auto_yes=True)
        assert report.ok, report.error_text
        result = check_device(task.check, device, task.app)
        assert result.ok, result.reason
        assert side_effects(snapshot(device, task.app), fresh_snapshot(task.app), task.check) == []


@pytest.mark.parametrize("task", ALL_TASKS, ids=[t.id for t in ALL_TASKS])
def test_doing_nothing_fails_every_check(task):
    with open_device(task.device) as device:  # nothing is run: the final state is the seed
        result = check_device(task.check, device, task.app)
    assert not result.ok
    assert result.failures and all(isinstance(f, str) and f for f in result.failures)


def test_a_wrong_script_fails_with_a_reason():
    task = next(t for t in TASKS if t.id == "notes-sort-title-desc")
    doc = load_doc("notes")
    with open_device("sim:notes") as device:
        report = run_on_device('sort_by_dialog__sorting_dialog_radio_sorting_list.select("Date created")\n'
                               'sort_by_dialog__ok_button.tap()\n', doc, device)
        assert report.ok, report.error_text
        result = check_device(task.check, device, "notes")
    assert not result.ok
    assert "sort.field is 'Date created', expected 'Title'" in result.reason
    assert "sort.order is 'Ascending'" in result.reason


def test_unknown_predicate_is_a_clear_error():
    with pytest.raises(CheckError, match="unknown predicate 'exists'") as caught:
        validate_check([{"exists": {"notes": {"title": "x"}}}], "notes")
    assert "equals" in caught.value.fix
    with pytest.raises(CheckError, match="unknown predicate"):
        evaluate([{"exists": {}}], fresh_snapshot("notes"), "notes")


@pytest.mark.parametrize("check, message", [
    ([{"equals": {"settings.colour": "red"}}], "no 'settings.colour'"),
    ([{"has": {"notes": {"name": "x"}}}], "no field 'name'"),
    ([{"has": {"settings": {"theme": "Dark"}}}], "not a list"),
    ([{"equals": {"settings.theme": {"like": "Dark"}}}], "unknown operator"),
    ([{"count": {"notes": "many"}}], "count of 'notes'"),
    ([], "non-empty list"),
    ([{"equals": {"a": 1}, "has": {}}], "one key"),
])
def test_malformed_checks_are_refused(check, message):
    with pytest.raises(CheckError, match=message):
        validate_check(check, "notes")


def test_values_match_loosely_on_case_and_spaces_and_operators_work():
    state = fresh_snapshot("notes")
    assert evaluate([{"has": {"notes": {"title": "  groceries ", "body": {"contains": "OLIVE oil"}}}}], state).ok
    assert evaluate([{"equals": {"sort.order": {"any_of": ["Descending", "Ascending"]}}}], state).ok
    assert evaluate([{"equals": {"settings.theme": {"not": "Dark"}}}], state).ok
    assert evaluate([{"count": {"notes": {"at_least": 15}}}], state).ok
    assert not evaluate([{"count": {"notes": {"at_most": 3}}}], state).ok
    clock = fresh_snapshot("clock")
    assert evaluate([{"equals": {"cities": ["new york", "London"]}}], clock).ok  # lists ignore order
    assert not evaluate([{"equals": {"cities": ["London"]}}], clock).ok
    assert evaluate([{"has": {"alarms": {"label": "Work", "days": ["Fri", "Mon", "Tue", "Wed", "Thu"]}}}], clock).ok
    assert evaluate([{"has": {"cities": "London"}}, {"lacks": {"cities": "Tokyo"}}], clock).ok
    assert not evaluate([{"equals": {"settings.use_24h": 0}}], clock).ok  # a bool is not a number


def test_unchanged_compares_with_a_fresh_sim():
    doc = load_doc("notes")
    with open_device("sim:notes") as device:
        assert check_device([{"unchanged": ["settings", "sort"]}], device, "notes").ok
        assert run_on_device("settings_screen__autosave_checkbox.tap()\n", doc, device).ok
        result = check_device([{"unchanged": ["settings", "sort"]}], device, "notes")
    assert not result.ok and result.reason.startswith("settings changed")


def test_side_effects_are_changes_outside_what_the_check_looks_at():
    doc = load_doc("notes")
    check = [{"equals": {"settings.autosave": True}}]
    script = ("settings_screen__autosave_checkbox.tap()\nsettings_screen__show_preview_checkbox.tap()\n"
              'search_screen__input.set_text("eggs")\n')
    with open_device("sim:notes") as device:
        assert run_on_device(script, doc, device).ok
        state = snapshot(device, "notes")
    assert evaluate(check, state).ok
    # the search box left open is screen state, not data; the preview toggled on the way is a side effect
    assert side_effects(state, fresh_snapshot("notes"), check) == ["settings.show_preview: True -> False"]
    state["notes"].append({"title": "stray", "body": ""})
    effects = side_effects(state, fresh_snapshot("notes"), check)
    assert effects[0].startswith("notes: 15 -> 16 items, 1 new or changed")
    assert side_effects(state, fresh_snapshot("notes"), [{"has": {"notes": {"title": "stray"}}}]) == [
        "settings.show_preview: True -> False", "settings.autosave: False -> True"]


def test_snapshot_is_read_only_and_needs_a_sim():
    with open_device("sim:clock") as device:
        state = snapshot(device, "clock")
        state["alarms"].clear()
        assert len(device.apps["clock"].data.alarms) == 10
        with pytest.raises(BadInputError):
            snapshot(device, "weather")
    with pytest.raises(BadInputError):
        snapshot(object(), "notes")


def test_a_task_file_with_a_bad_task_is_refused(tmp_path):
    bad = tmp_path / "tasks.yaml"
    bad.write_text("tasks:\n- {id: a, app: notes, task: t, check: [{equals: {sort.field: Title}}], reference: x}\n"
                   "- {id: a, app: notes, task: t, check: [{equals: {sort.field: Title}}], reference: x}\n")
    with pytest.raises(BadInputError, match="duplicate task id 'a'"):
        load_tasks(bad)
    bad.write_text("tasks:\n- {id: a, app: notes, task: t, check: [{nope: {}}], reference: x}\n")
    with pytest.raises(CheckError, match="a: unknown predicate 'nope'"):
        load_tasks(bad)
    bad.write_text("tasks:\n- {id: a, app: weather, task: t, check: [{nope: {}}], reference: x}\n")
    with pytest.raises(BadInputError, match="unknown app"):
        load_tasks(bad)


# ------------------------------------------------------------------------------------------ the runner

def test_runner_writes_records_and_a_summary_and_resumes(tmp_path):
    import json

    from autodroid.bench.simtasks import read_results, run_sim_bench

    summary = run_sim_bench(tmp_path, agents=["reference", "candidates-1"], limit=2, command="test")
    records = read_results(tmp_path)
    assert len(records) == 8  # 2 agents x 2 tasks x 2 apps
    reference = summary["agents"]["reference"]
    assert reference["total"] == {**reference["total"], "tasks": 4, "pass": 4, "rate": 1.0}
    assert set(reference["apps"]) == {"notes", "clock"}
    for record in records:
        assert {"agent", "id", "app", "scripts", "actions", "error", "pass", "reason"} <= set(record)
        assert record["pass"] or record["reason"]
    first = next(r for r in records if r["agent"] == "reference")
    assert first["actions"] and all("action" in a and "screen" in a for a in first["actions"])
    text = (tmp_path / "summary.md").read_text()
    assert "| reference |" in text and "**4/4 (100.0%)** | 4/4 (100.0%)" in text
    assert all(r["strict"] == (r["pass"] and not r["side_effects"]) for r in records)
    assert json.loads((tmp_path / "summary.json").read_text())["meta"]["tasks"] == 4
    run_sim_bench(tmp_path, agents=["reference"], limit=2)  # resume: nothing runs again
    assert len(read_results(tmp_path)) == 8


def test_ours_is_run_task_and_is_judged_on_the_state_not_on_its_word():
    from autodroid.bench.simtasks import run_one
    from autodroid.planner import FakeModel

    task = next(t for t in TASKS if t.id == "notes-autosave-on")
    # A model that confidently does the wrong thing: the agent reports success, the check fails.
    record = run_one(task, "ours", FakeModel(replies=["settings_screen__monospace_checkbox.tap()"] * 6))
    assert record["agent"] == "ours" and record["scripts"]
    assert record["error"] is None and not record["pass"]
    assert "settings.autosave is False" in record["reason"]
    assert record["final_state"] == {"settings.autosave": False}


def test_unknown_agent_is_refused_before_anything_runs(tmp_path):
    from autodroid.bench.simtasks import run_sim_bench

    with pytest.raises(BadInputError, match="unknown agent 'oracle'"):
        run_sim_bench(tmp_path, agents=["reference", "oracle"])
    assert not (tmp_path / "results.jsonl").exists()


def test_cli_bench_sim(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from autodroid.cli.main import cli

    import json

    from autodroid.bench.simtasks import DEFAULT_TASKS

    monkeypatch.chdir(DEFAULT_TASKS.parents[1])  # a relative --tasks path, as typed in the checkout
    result = CliRunner().invoke(cli, ["bench", "sim", "--out", str(tmp_path), "--agents", "reference",
                                      "--apps", "clock", "--limit", "3", "--tasks", "benchmarks/sim_tasks.yaml"])
    assert result.exit_code == 0, result.output
    assert "reference: 3/3 (100.0%) by final state (clock 3/3)" in result.output
    meta = json.loads((tmp_path / "summary.json").read_text())["meta"]
    assert meta["task_file"] == "benchmarks/sim_tasks.yaml" and "--tasks" in meta["command"]


def test_cli_bench_sim_reads_several_task_files_and_refuses_an_id_in_two(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import json

    from autodroid.bench.simtasks import DEFAULT_TASKS
    from autodroid.cli.main import cli

    monkeypatch.chdir(DEFAULT_TASKS.parents[1])
    files = ["--tasks", "benchmarks/sim_tasks_heldout_contacts.yaml", "--tasks", "benchmarks/sim_tasks_heldout_calendar.yaml"]
    result = CliRunner().invoke(cli, ["bench", "sim", "--out", str(tmp_path / "two"), "--agents", "reference",
                                      "--limit", "2", *files])
    assert result.exit_code == 0, result.output
    summary_line = next(line for line in result.output.splitlines() if line.startswith("reference: "))
    assert summary_line.startswith("reference: 4/4 (100.0%)")
    assert "calendar 2/2" in summary_line and "contacts 2/2" in summary_line
    meta = json.loads((tmp_path / "two" / "summary.json").read_text())["meta"]
    assert meta["task_file"] == ("benchmarks/sim_tasks_heldout_contacts.yaml, "
                                 "benchmarks/sim_tasks_heldout_calendar.yaml")
    assert len(meta["task_sha256"].split()) == 2
    twice = CliRunner().invoke(cli, ["bench", "sim", "--out", str(tmp_path / "twice"), "--agents", "reference",
                                     "--tasks", "benchmarks/sim_tasks.yaml", "--tasks", "benchmarks/sim_tasks.yaml"])
    assert twice.exit_code != 0 and "task ids in more than one task file" in twice.output
    assert not (tmp_path / "twice" / "results.jsonl").exists()
