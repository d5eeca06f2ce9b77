"""DroidTask gold tasks written as droidscript scripts run on the replay device and perform the gold
actions; the same tasks with only their target steps succeed through auto-navigation.

Docs come from each app's log.yaml only. Full scripts must make the device receive exactly the gold
actions in order; target-only scripts must perform the kept gold actions in order. The floors below are
the measured shares (see benchmarks/bench_gold_scripts.py): a drop is a regression, a rise should raise
them. Tasks without a script are the ones whose screens or elements the exploration log never saw.
"""

from __future__ import annotations

import pytest

from autodroid.droidtask import load_gold_tasks
from autodroid.explorer.fromlog import doc_from_log
from autodroid.runtime.gold import evaluate_app, format_table, gold_script, replayable_tasks
from tests.conftest import DROIDTASK_APPS, needs_shared

# app: (replayable tasks, full-script successes, target-only successes) measured on this commit
FLOORS = {
    "applauncher": (5, 4, 4), "camera": (15, 15, 15), "clock": (12, 10, 10), "filemanager": (15, 13, 13),
    "firefox": (8, 8, 8), "gallery": (9, 9, 9), "music": (8, 7, 7), "notes": (14, 12, 11),
    "voicerecorder": (9, 8, 8),
}
# Why the others fail: elements or screens absent from log.yaml (see the final report in the PR).
UNSCRIPTABLE = {
    ("applauncher", "task4.yaml"), ("filemanager", "task8.yaml"), ("music", "task1.yaml"), ("notes", "task9.yaml"),
    ("voicerecorder", "task2.yaml"),  # 'Save' on customize colours appears only after a change
    ("clock", "task4.yaml"), ("notes", "task15.yaml"),  # sort dialogs never opened in the log
    ("clock", "task9.yaml"),  # the FAQ screen
    ("filemanager", "task16.yaml"),  # the system 'Open with' chooser
}


@pytest.fixture(scope="module")
def outcomes(droidtask):
    replayable = replayable_tasks(droidtask)
    assert len(replayable) == 95
    results = {}
    for app in DROIDTASK_APPS:
        only = {file for a, file in replayable if a == app}
        results[app] = evaluate_app(droidtask / app, doc_from_log(droidtask / app), only)
    print("\n" + format_table(list(results.values())))
    return results


@needs_shared
@pytest.mark.parametrize("app", DROIDTASK_APPS)
def test_gold_scripts_perform_the_gold_actions(outcomes, app):
    outcome = outcomes[app]
    tasks, full, target = FLOORS[app]
    assert outcome.total == tasks
    failures = [f"{t.file}: {t.why}" for t in outcome.tasks if not t.full_ok]
    assert outcome.count("full_ok") >= full, failures
    assert outcome.count("target_ok") >= target, [f"{t.file}: {t.why}" for t in outcome.tasks if not t.target_ok]
    for task in outcome.tasks:
        if not task.generated:
            assert (app, task.file) in UNSCRIPTABLE, task.why
        else:
            assert task.full_ok, task.why  # every script we could write replays exactly


@needs_shared
def test_totals_and_auto_navigation_is_exercised(outcomes):
    all_tasks = [t for o in outcomes.values() for t in o.tasks]
    assert sum(t.full_ok for t in all_tasks) >= 86
    assert sum(t.target_ok for t in all_tasks) >= 85
    assert sum(t.dropped for t in all_tasks if t.target_ok) >= 120  # navigation steps found by the runtime


@needs_shared
def test_generated_script_reads_like_the_task(droidtask):
    folder = droidtask / "clock"
    doc = doc_from_log(folder)
    task = next(t for t in load_gold_tasks(folder) if t.file == "task1.yaml")
    script = gold_script(doc, folder, task)
    assert script.complete, script.problems
    lines = [s.line for s in script.lines]
    assert len(lines) == len(task.steps)
    assert all(line.startswith(tuple(doc.elements)) for line in lines)
    assert any(s.role == "navigation" for s in script.lines)
    assert script.targets_only().count("\n") < script.full().count("\n")


@needs_shared
def test_non_replayable_tasks_are_excluded_for_a_reason(droidtask):
    replayable = replayable_tasks(droidtask)
    assert ("music", "task10.yaml") not in replayable  # recording starts on another tab
    assert ("filemanager", "task13.yaml") not in replayable  # gold label error
