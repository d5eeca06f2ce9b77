"""Replay every replayable DroidTask gold task from the log's start screen on the replay device."""

from __future__ import annotations

import csv

import pytest

from autodroid.device.replay import ReplayDevice
from autodroid.droidtask import find_gold_node, load_gold_tasks, load_records
from autodroid.errors import UnexploredTransition
from tests.conftest import DROIDTASK_APPS, needs_shared


def replay_gold(device: ReplayDevice, task) -> tuple[int, int, str]:
    """Returns (steps done, steps that reached the task file's own recorded next screen, failure)."""
    device.reset()
    own = load_records(device.folder / task.file)
    matched = 0
    aligned = True  # the session has followed this task's own recording so far
    for number, step in enumerate(task.steps):
        node = find_gold_node(device.screen(), step.element)
        if node is None:
            return number, matched, f"step {number}: gold element not on screen"
        aligned = aligned and number + 1 < len(own) and own[number].state == device.state
        try:
            if step.action == "touch":
                device.tap(node)
            elif step.action == "input_text":
                device.set_text(node, step.text)
            else:
                device.scroll(node, "down")
        except UnexploredTransition as error:
            return number, matched, f"step {number}: {error}"
        if aligned:
            assert device.state == own[number + 1].state, f"{task.file} step {number} reached another screen"
            matched += 1
    return len(task.steps), matched, ""


@needs_shared
def test_replays_at_least_95_of_97_gold_tasks(droidtask):
    status = {(row["app"], row["task_file"]): row for row in
              csv.DictReader(open(droidtask / "replay_status.tsv"), delimiter="\t")}
    total = replayed = 0
    failures = []
    for app in DROIDTASK_APPS:
        for task in load_gold_tasks(droidtask / app):
            device = ReplayDevice(droidtask / app, files=[task.file])  # log + this demonstration
            total += 1
            done, matched, failure = replay_gold(device, task)
            if not failure:
                replayed += 1
                assert matched >= 1 or status[(app, task.file)]["starts_at_log_start"] == "no"
            else:
                failures.append(f"{app}/{task.file}: {failure}")
                assert status[(app, task.file)]["replayable_from_log_start"] == "no", failures[-1]
    assert total == 97
    assert replayed >= 95, failures


@needs_shared
def test_unexplored_action_leaves_screen_unchanged(droidtask):
    device = ReplayDevice(droidtask / "clock", log_only=True)
    before = device.state
    untouched = [n for n in device.screen() if n.tag == "p"]
    with pytest.raises(UnexploredTransition) as info:
        device.tap(untouched[0])
    assert "never recorded" in str(info.value)
    assert device.state == before


@needs_shared
def test_back_without_recording_returns_to_previous_screen(droidtask):
    device = ReplayDevice(droidtask / "clock", log_only=True)
    start = device.state
    settings = device.screen().xpath("//*[@resource_id='settings']")[0]
    assert device.tap(settings).changed
    assert device.state != start
    device.back()
    assert device.state == start
    with pytest.raises(UnexploredTransition):
        device.reset() or device.back()


@needs_shared
def test_stale_node_is_element_not_found(droidtask):
    from autodroid.errors import ElementNotFound

    device = ReplayDevice(droidtask / "clock")
    settings = device.screen().xpath("//*[@resource_id='settings']")[0]
    device.tap(settings)
    with pytest.raises(ElementNotFound):
        device.tap(settings)
