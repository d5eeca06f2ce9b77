"""Issue 13, budgets: one action budget counts every device action (navigation, scrolls and restarts
included); the time budget covers the static check, name suggestions and error building, so no run
overruns max_seconds by more than 100 ms; --max-seconds refuses nan, inf, 0 and negatives in one line."""

from __future__ import annotations

import time

import pytest
from droidscript import Budgets, BudgetExceeded, ScriptError, check_script

from autodroid.appdoc import load_doc
from autodroid.device import open_device
from autodroid.runtime import run_on_device
from security_helpers import assert_one_line_error, autodroid

SLACK = 0.1  # seconds over the budget a run may take


@pytest.fixture(scope="module")
def notes_doc():
    return load_doc("notes")


def test_navigation_counts_against_the_action_budget(notes_doc):
    script = ("while True:\n"
              "    x = main_screen__notes_list[0].get_text()\n"
              "    y = settings_screen__autosave_checkbox.get_attributes()\n")
    with open_device("sim:notes") as device:
        report = run_on_device(script, notes_doc, device, budgets=Budgets(max_actions=100))
    assert isinstance(report.error, BudgetExceeded) and report.error.budget == "max_actions", report.error_text
    assert len(report.actions) == 100
    assert {a.role for a in report.actions} == {"navigation"}  # reads only: every action was the runtime's
    assert any(e["event"] == "out_of_actions" for e in report.trace)


def test_script_and_runtime_actions_share_one_budget(notes_doc):
    script = "for i in range(20):\n    main_screen__search_button.tap()\n    back()\n"
    with open_device("sim:notes") as device:
        report = run_on_device(script, notes_doc, device, budgets=Budgets(max_actions=7))
    assert isinstance(report.error, BudgetExceeded) and report.error.budget == "max_actions"
    assert len(report.actions) <= 7


def _long_titles(device, count: int, length: int) -> None:
    data = device.apps["notes"].data
    for i in range(count):
        data.add(f"{i:04d} " + "a" * length, "body")


def test_match_suggestions_on_huge_titles_stay_within_the_time_budget(notes_doc):
    with open_device("sim:notes") as device:
        _long_titles(device, 60, 10_000)
        script = f'main_screen__notes_list.match("{"b" * 9_000}").tap()\n'
        started = time.monotonic()
        report = run_on_device(script, notes_doc, device, budgets=Budgets(max_seconds=5))
        elapsed = time.monotonic() - started
    assert not report.ok
    assert elapsed < 5 + SLACK, elapsed
    assert len(report.error_text) < 5_000  # labels are clipped in the message


def test_the_static_check_of_many_unknown_names_is_bounded():
    source = "\n".join(f"m{i}.tap()" for i in range(1_400))
    apis = {f"screen_{i}__button_{j}": "button" for i in range(30) for j in range(12)}
    started = time.monotonic()
    errors = check_script(source, apis, budgets=Budgets(max_seconds=1))
    assert time.monotonic() - started < 1 + SLACK
    assert errors and all(isinstance(e, ScriptError) for e in errors)


def test_the_time_budget_covers_the_check_when_running(notes_doc):
    source = "\n".join(f"m{i}.tap()" for i in range(1_400))
    with open_device("sim:notes") as device:
        started = time.monotonic()
        report = run_on_device(source, notes_doc, device, budgets=Budgets(max_seconds=1))
        elapsed = time.monotonic() - started
    assert not report.ok and isinstance(report.error, (ScriptError, BudgetExceeded))
    assert elapsed < 1 + SLACK, elapsed


def test_the_time_budget_includes_the_check_in_the_meter(notes_doc):
    with open_device("sim:notes") as device:
        report = run_on_device("while True:\n    pass\n", notes_doc, device, budgets=Budgets(
            max_seconds=0.3, max_ops=10**9, max_loop_iterations=10**9, max_iterations_per_loop=10**9))
    assert isinstance(report.error, BudgetExceeded) and report.error.budget == "max_seconds"
    assert report.result.elapsed_s < 0.3 + SLACK


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0", "1e400", "soon"])
def test_max_seconds_must_be_a_finite_positive_number(value, tmp_path):
    script = tmp_path / "s.ds"
    script.write_text("back()\n")
    done = autodroid("script", "run", "--device", "sim:notes", "--app", "notes", "--max-seconds", value, str(script))
    assert_one_line_error(done, "--max-seconds")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -1.0])
def test_budgets_refuse_values_that_disable_a_limit(value):
    with pytest.raises(ValueError, match="finite non-negative"):
        Budgets(max_seconds=value)


def test_the_navigation_loop_reproducer_through_the_cli(tmp_path):
    script = tmp_path / "loop.ds"
    script.write_text("while True:\n"
                      "    x = main_screen__notes_list[0].get_text()\n"
                      "    y = settings_screen__autosave_checkbox.get_attributes()\n")
    done = autodroid("script", "run", "--device", "sim:notes", "--app", "notes", "--max-seconds", "5", str(script))
    assert done.code == 1 and "Traceback" not in done.err
    assert done.out.startswith("FAILED after 100 device actions (100 navigation)")
    assert "action budget of 100 device actions exhausted" in done.err
    assert done.rss_mb < 200


def test_error_building_skips_a_slow_screen_dump_after_the_time_budget(notes_doc):
    class SlowDumps:
        """sim:notes whose screen dumps take 0.5 s, like a real phone's."""

        def __init__(self, inner):
            self.inner = inner
            self.spec = "u2:slow"

        def screen(self):
            time.sleep(0.5)
            return self.inner.screen()

        def __getattr__(self, name):
            return getattr(self.inner, name)

    with open_device("sim:notes") as device:
        budgets = Budgets(max_seconds=0.3, max_ops=10**9, max_loop_iterations=10**9, max_iterations_per_loop=10**9)
        started = time.monotonic()
        report = run_on_device("while True:\n    pass\n", notes_doc, SlowDumps(device), budgets=budgets)
        elapsed = time.monotonic() - started
    assert isinstance(report.error, BudgetExceeded) and report.error.budget == "max_seconds"
    assert elapsed < 0.3 + SLACK, elapsed
    assert "Screen now" not in report.error_text
