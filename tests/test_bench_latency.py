"""The latency suite's plumbing with a queued-reply model (real planner, runtime and replay devices);
the real numbers come from `autodroid bench latency` with a real model (benchmarks/README.md)."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from autodroid.bench.latency import memory_mb, physical_floor, run_latency, stat
from autodroid.planner.model import FakeModel
from bench_helpers import GoldAgent
from autodroid.droidtask import load_gold_tasks


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("AUTODROID_CACHE", str(tmp_path / "cache"))


def test_stat_and_floor_arithmetic():
    assert stat([3.0, 1.0, 2.0]) == {"median": 2.0, "min": 1.0, "max": 3.0, "n": 3}
    assert stat([]) is None
    metrics = {"prefill_tok_s": stat([100.0]), "decode_tok_s": stat([10.0]),
               "script_cold_s": stat([20.0]), "script_warm_s": stat([2.0])}
    floor = physical_floor(metrics, [{"uncached_prompt_tokens": 100, "generated_tokens": 10, "warm_s": 2.6}])
    assert floor["floor_s"] == 2.0 and floor["ratio"] == 1.3 and floor["cold_over_warm"] == 10.0
    assert physical_floor({}, []) is None


def test_memory_reads_this_process():
    memory = memory_mb()
    assert memory["VmHWM"] >= memory["VmRSS"] > 10


def test_suite_measures_every_stage_and_writes_the_report(droidtask, tmp_path):
    from autodroid.bench.dataset import app_doc

    doc = app_doc(droidtask / "clock").doc
    button = next(name for name, e in doc.elements.items() if e.type == "button")
    loads = []

    def loader():
        model = FakeModel(replies=[f"{button}.tap()"] * 6 + ["1\n2\n3\n4"] * 2)
        loads.append(model)
        return model

    tasks = load_gold_tasks(droidtask / "clock")
    out = tmp_path / "out"
    document = run_latency(dataset=droidtask.parent / "droidtask", out=out, app="clock", repeats=2, task_count=2,
                           loader=loader, agent=GoldAgent(tasks), console=Console(file=open("/dev/null", "w")),
                           overhead_apps=["clock"])
    metrics = document["metrics"]
    assert len(loads) == 2 * (1 + 2 + 2) and all(m.closed for m in loads)
    assert metrics["model_load_s"]["n"] == 6
    assert metrics["script_cold_s"]["n"] == 2 and metrics["script_warm_s"]["n"] == 4
    assert metrics["script_hot_s"]["n"] == 2 and metrics["end_to_end_s"]["n"] == 4
    assert 0 < metrics["interpreter_s_per_action"]["median"] < 0.05
    assert 0 < metrics["replay_device_s_per_action"]["median"] < 0.05
    assert 0 < metrics["sim_device_s_per_action"]["median"] < 0.5
    assert 0 < metrics["grounding_large_dump_s_per_action"]["median"] < 0.05
    assert 0 < metrics["parse_large_dump_s"]["median"] < 0.5
    assert document["memory"]["peak_rss_mb"] > 0
    assert set(document["breakdown"]["end_to_end"]) == {"LLM", "device", "planner + interpreter"}
    assert all(t["script"] == f"{button}.tap()" for t in document["per_task"])
    saved = json.loads((out / "latency.json").read_text())
    assert saved["metrics"] == metrics
    md = (out / "summary.md").read_text()
    assert "interpreter + grounding per action" in md and "Peak RSS" in md
    assert "<svg" in (out / "report.html").read_text()
