"""Budgets stop scripts: measured wall clock, actions, loops, operations, sizes."""

from __future__ import annotations

import time

import pytest

from droidscript import Budgets, BudgetExceeded, ItemRef, ScriptError, check_script, run_script
from test_droidscript_fakehost import APIS, FakeHost

# Loop and op budgets far above what 0.3 s can reach, so only the clock can stop these.
ONLY_CLOCK = dict(max_ops=10**12, max_loop_iterations=10**12, max_iterations_per_loop=10**12)


@pytest.mark.parametrize(
    "src",
    [
        "while True:\n    pass\n",
        "i = 0\nwhile i >= 0:\n    i = (i + 1) % 1000\n",
        "while True:\n    for i in range(10000):\n        x = i\n",
        'while True:\n    s = "a"\n    while len(s) < 5000:\n        s = s + s\n',
    ],
    ids=["while-true-pass", "counter", "nested-for", "string-doubling"],
)
def test_wall_clock_budget_stops_runaway_loops_in_time(src):
    budget = 0.3
    started = time.monotonic()
    with pytest.raises(BudgetExceeded) as e:
        run_script(src, FakeHost(), budgets=Budgets(max_seconds=budget, **ONLY_CLOCK))
    elapsed = time.monotonic() - started
    assert e.value.budget == "max_seconds"
    assert elapsed < budget + 0.1, f"stopped after {elapsed:.3f} s, budget {budget} s"
    assert elapsed >= budget * 0.9  # it really ran until the deadline, not stopped by something else
    assert e.value.line is not None and e.value.partial.ops > 100


def test_wall_clock_budget_counts_slow_host_calls():
    class SlowHost(FakeHost):
        def act(self, name, method, args, item=None, field=None):
            time.sleep(0.05)
            return super().act(name, method, args, item, field)

    started = time.monotonic()
    with pytest.raises(BudgetExceeded) as e:
        run_script("while True:\n    main__sort_button.tap()", SlowHost(),
                   budgets=Budgets(max_seconds=0.2, max_actions=10**6, **ONLY_CLOCK))
    assert e.value.budget == "max_seconds"
    assert time.monotonic() - started < 0.2 + 0.05 + 0.1  # at most one host call past the deadline
    assert 2 <= len(e.value.partial.actions) <= 5


def test_action_budget():
    host = FakeHost()
    with pytest.raises(BudgetExceeded) as e:
        run_script("for i in range(50):\n    main__sort_button.tap()", host, budgets=Budgets(max_actions=5))
    assert e.value.budget == "max_actions" and e.value.limit == 5
    assert len(host.actions()) == 5  # the 6th never reached the device
    assert e.value.line == 2


def test_back_counts_as_an_action():
    with pytest.raises(BudgetExceeded, match="action budget"):
        run_script("back()\nback()\nback()", FakeHost(), budgets=Budgets(max_actions=2))


def test_read_budget():
    with pytest.raises(BudgetExceeded) as e:
        run_script("while True:\n    x = main__title.get_text()", FakeHost(), budgets=Budgets(max_reads=7))
    assert e.value.budget == "max_reads"


def test_per_loop_and_total_loop_budgets():
    with pytest.raises(BudgetExceeded) as e:
        run_script("while True:\n    pass", FakeHost(), budgets=Budgets(max_iterations_per_loop=100))
    assert e.value.budget == "max_iterations_per_loop" and e.value.partial.loop_iterations == 101
    # Each loop alone stays under its own limit, together they pass the total.
    src = "for i in range(80):\n    for j in range(80):\n        pass\n"
    with pytest.raises(BudgetExceeded) as e:
        run_script(src, FakeHost(), budgets=Budgets(max_iterations_per_loop=100, max_loop_iterations=1000))
    assert e.value.budget == "max_loop_iterations"
    run_script(src, FakeHost(), budgets=Budgets(max_iterations_per_loop=100, max_loop_iterations=10_000))


def test_operation_budget():
    with pytest.raises(BudgetExceeded) as e:
        run_script("x = 0\nwhile x < 10**6:\n    x = x + 1".replace("10**6", "1000000"), FakeHost(),
                   budgets=Budgets(max_ops=500, max_iterations_per_loop=10**9, max_loop_iterations=10**9))
    assert e.value.budget == "max_ops"


def test_string_growth_budget():
    with pytest.raises(BudgetExceeded) as e:
        run_script('s = "ab"\nwhile True:\n    s = s + s', FakeHost(), budgets=Budgets(max_string_length=1000))
    assert e.value.budget == "max_string_length"
    with pytest.raises(BudgetExceeded):
        run_script('s = "abcdefghij"\nwhile True:\n    s = f"{s}{s}"', FakeHost(),
                   budgets=Budgets(max_string_length=1000))
    with pytest.raises(BudgetExceeded):
        run_script('s = "abcdefghij"\nl = [s, s, s, s]\nprint(l, l, l)', FakeHost(),
                   budgets=Budgets(max_string_length=100))


def test_integer_growth_budget():
    with pytest.raises(BudgetExceeded) as e:
        run_script("x = 2\nwhile True:\n    x = x * x", FakeHost())
    assert e.value.budget == "max_int"


def test_range_budget_static_and_runtime():
    errs = check_script("for i in range(10000000000):\n    pass", APIS)
    assert errs and "max_range" in errs[0].message
    with pytest.raises(BudgetExceeded) as e:
        run_script("n = 100000\nfor i in range(n):\n    pass", FakeHost())
    assert e.value.budget == "max_range"


def test_print_budget():
    with pytest.raises(BudgetExceeded) as e:
        run_script('while True:\n    print("spam")', FakeHost(), budgets=Budgets(max_prints=20))
    assert e.value.budget == "max_prints" and len(e.value.partial.printed) == 20


def test_list_items_budget_bounds_an_endless_host_list():
    class Endless(FakeHost):
        def list_items(self, name):
            i = 0
            while True:
                yield ItemRef(name, i, i, f"item {i}")
                i += 1

    with pytest.raises(BudgetExceeded) as e:
        run_script("n = len(main__notes)", Endless(), budgets=Budgets(max_list_items=50))
    assert e.value.budget == "max_list_items"
    with pytest.raises(BudgetExceeded):
        run_script('main__notes.match("nope").tap()', Endless(), budgets=Budgets(max_list_items=50))


def test_depth_and_source_size_are_refused_before_running():
    deep_parens = "x = " + "(" * 500 + "1" + ")" * 500  # the tokenizer's own limit: a syntax error
    deep_expr = "x = " + "[" * 100 + "1" + "]" * 100
    deep_not = "x = " + "not " * 3000 + "1"
    deep_ops = "x = " + " + ".join(["1"] * 200)
    deep_ifs = "".join("    " * i + "if True:\n" for i in range(70)) + "    " * 70 + "pass\n"
    for src in (deep_parens, deep_expr, deep_not, deep_ops, deep_ifs):
        host = FakeHost()
        with pytest.raises(ScriptError) as e:
            run_script(src, host)
        assert "nested" in e.value.message or "syntax" in e.value.message
        assert host.log == []
    with pytest.raises(ScriptError, match="max_source_chars"):
        run_script("back()\n" * 5000, FakeHost())


def test_generous_budgets_let_normal_scripts_finish():
    src = "for item in main__notes:\n    if item.get_text() == \"todo\":\n        item.tap()\n"
    result = run_script(src, FakeHost(), budgets=Budgets(max_seconds=5))
    assert len(result.actions) == 1
