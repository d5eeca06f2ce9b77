"""The interpreter benchmark runs, and the walker's share per action is far under the 2 ms goal."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_interpreter.py"


def _load():
    spec = importlib.util.spec_from_file_location("bench_interpreter", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_runs_and_overhead_is_small(capsys):
    bench = _load()
    assert bench.main(["--repeats", "3"]) == 0
    out = capsys.readouterr().out
    assert "straight_line_walk_only_us_per_action" in out
    results = bench.measure(3)
    assert set(results) >= {"straight_line_run_script_us_per_action", "loop_over_list_run_script_us_per_action"}
    # Generous bound (shared CI machine): the goal for interpreter + grounding is 2 ms per action.
    assert results["straight_line_run_script_us_per_action"] < 2000
    assert results["straight_line_walk_only_us_per_action"] < 500
