"""The held-out calendar task set (benchmarks/sim_tasks_heldout_calendar.yaml): it loads, its sentences name
no element API, every reference script passes its final-state check on a fresh sim without side effects,
and doing nothing fails every check."""

from __future__ import annotations

import pytest

from autodroid.appdoc import load_doc
from autodroid.bench.simtasks import DEFAULT_TASKS, check_device, fresh_snapshot, load_tasks, side_effects, snapshot
from autodroid.device import open_device
from autodroid.runtime import run_on_device

TASK_FILE = DEFAULT_TASKS.parent / "sim_tasks_heldout_calendar.yaml"
TASKS = load_tasks(TASK_FILE)


def test_the_set_is_big_enough_with_unique_ids_and_only_calendar_tasks():
    assert len(TASKS) >= 20
    assert {t.app for t in TASKS} == {"calendar"}
    assert len({t.id for t in TASKS}) == len(TASKS)
    assert all(t.task and t.reference.strip() for t in TASKS)


def test_the_header_says_it_is_held_out():
    header = TASK_FILE.read_text(encoding="utf-8").split("format: 1")[0]
    assert "HELD-OUT" in header and "doc ceiling" in header


def test_sentences_do_not_name_element_apis():
    names = set(load_doc("calendar").elements)
    for task in TASKS:
        assert "__" not in task.task and not any(name in task.task for name in names), task.id


@pytest.mark.parametrize("task", TASKS, ids=[t.id for t in TASKS])
def test_reference_script_passes_its_check_on_a_fresh_sim(task):
    doc = load_doc(task.app)
    with open_device(task.device) as device:
        report = run_on_device(task.reference, doc, device, auto_yes=True)
        assert report.ok, report.error_text
        result = check_device(task.check, device, task.app)
        assert result.ok, result.reason
        assert side_effects(snapshot(device, task.app), fresh_snapshot(task.app), task.check) == []


@pytest.mark.parametrize("task", TASKS, ids=[t.id for t in TASKS])
def test_doing_nothing_fails_every_check(task):
    with open_device(task.device) as device:
        result = check_device(task.check, device, task.app)
    assert not result.ok and result.failures
