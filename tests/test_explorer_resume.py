"""kill -9 and resume: the graph ends as an uninterrupted run's; budgets stop cleanly; device errors stop
with the graph intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from autodroid.device.registry import open_device
from autodroid.errors import DeviceError
from autodroid.explorer import crawl, load_graph
from tests.conftest import needs_shared


def graph_sets(path: Path) -> tuple[set, set, set]:
    """States, transitions and tried actions with their results, by state identity (ids may differ)."""
    graph = load_graph(path)
    key = {state.id: state.key for state in graph.states.values()}
    states = set(key.values())
    transitions = {(key[e.from_id], e.action, (e.node or {}).get("id"), e.text, e.direction, key[e.to_id])
                   for e in graph.transitions()}
    tried = {(key[e.from_id], e.action, (e.node or {}).get("id"), e.text, e.direction, e.result)
             for e in graph.edges if e.from_id and e.action != "restart"}
    return states, transitions, tried


CHILD = textwrap.dedent("""
    import sys, time
    from autodroid.device.registry import open_device
    from autodroid.explorer import crawl
    spec, out, resume = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    crawl(open_device(spec), out, resume=resume, progress=lambda stats: time.sleep(0.004))
    print("finished")
""")


def _run_and_kill(script: Path, spec: str, out: Path, resume: bool, kill_at_lines: int) -> None:
    child = subprocess.Popen([sys.executable, str(script), spec, str(out), "1" if resume else "0"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    graph = out / "graph.jsonl"
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and child.poll() is None:
            if graph.is_file() and graph.read_bytes().count(b"\n") >= kill_at_lines:
                os.kill(child.pid, signal.SIGKILL)
                break
            time.sleep(0.002)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL, f"the crawl ended before the kill: {child.stderr.read()!r}"


@needs_shared
def test_kill_9_twice_then_resume_gives_the_uninterrupted_graph(droidtask, tmp_path):
    spec = f"replay:{droidtask / 'firefox'}?log"
    reference = tmp_path / "reference"
    crawl(open_device(spec), reference, durable=False)
    total = (reference / "graph.jsonl").read_bytes().count(b"\n")

    script = tmp_path / "child.py"
    script.write_text(CHILD)
    out = tmp_path / "killed"
    _run_and_kill(script, spec, out, resume=False, kill_at_lines=total // 4)
    first = (out / "graph.jsonl").read_bytes().count(b"\n")
    _run_and_kill(script, spec, out, resume=True, kill_at_lines=first + total // 3)
    assert (out / "graph.jsonl").read_bytes().count(b"\n") < total

    stats = crawl(open_device(spec), out, resume=True)
    assert stats.stopped == "complete" and stats.resumed
    assert graph_sets(out) == graph_sets(reference)
    metas = load_graph(out).metas
    assert len(metas) == 3 and [m.get("resumed", False) for m in metas] == [False, True, True]


@needs_shared
@pytest.mark.parametrize("app", ["music", "camera"])
def test_resume_after_a_torn_last_line_at_any_point(droidtask, tmp_path, app):
    """Cut the finished graph after line n, half-way through line n+1 (a crash mid-write), and resume."""
    spec = f"replay:{droidtask / app}?log"
    reference = tmp_path / "reference"
    crawl(open_device(spec), reference, durable=False)
    lines = (reference / "graph.jsonl").read_bytes().split(b"\n")
    expected = graph_sets(reference)
    for cut in range(2, len(lines) - 1, max(1, len(lines) // 12)):
        out = tmp_path / f"cut{cut}"
        out.mkdir()
        (out / "graph.jsonl").write_bytes(b"\n".join(lines[:cut]) + b"\n" + lines[cut][: len(lines[cut]) // 2])
        stats = crawl(open_device(spec), out, resume=True, durable=False)
        assert stats.stopped == "complete"
        assert graph_sets(out) == expected, f"resumed after line {cut}"
        assert not load_graph(out).truncated_tail


@needs_shared
def test_step_budget_stops_and_resume_continues_the_count(droidtask, tmp_path):
    spec = f"replay:{droidtask / 'music'}?log"
    stats = crawl(open_device(spec), tmp_path, budget_steps=60, durable=False)
    assert (stats.stopped, stats.steps) == ("step budget", 60)
    assert "--resume" in stats.message
    assert max(edge.step for edge in load_graph(tmp_path).edges) == 60
    stats = crawl(open_device(spec), tmp_path, budget_steps=150, resume=True, durable=False)
    assert (stats.stopped, stats.steps, stats.run_steps) == ("step budget", 150, 90)
    stats = crawl(open_device(spec), tmp_path, resume=True, durable=False)
    assert stats.stopped == "complete"
    reference = tmp_path / "reference"
    crawl(open_device(spec), reference, durable=False)
    assert graph_sets(tmp_path) == graph_sets(reference)


@needs_shared
def test_time_budget_stops(droidtask, tmp_path):
    stats = crawl(open_device(f"replay:{droidtask / 'music'}?log"), tmp_path, budget_seconds=0.3,
                  durable=False, progress=lambda stats: time.sleep(0.01))
    assert stats.stopped == "time budget"
    assert 5 < stats.steps < 100
    load_graph(tmp_path)  # intact


class FlakyTaps:
    """A replay device whose taps fail with DeviceError from the nth on (a phone that went away)."""

    def __init__(self, device, fail_from: int):
        self.device, self.fail_from, self.taps = device, fail_from, 0

    def __getattr__(self, name):
        return getattr(self.device, name)

    def tap(self, node):
        self.taps += 1
        if self.taps >= self.fail_from:
            raise DeviceError("uiautomator server stopped answering")
        return self.device.tap(node)


@needs_shared
def test_device_error_is_retried_once_then_stops_with_the_graph_intact(droidtask, tmp_path):
    spec = f"replay:{droidtask / 'clock'}?log"
    flaky = FlakyTaps(open_device(spec), fail_from=40)
    stats = crawl(flaky, tmp_path, durable=False)
    assert stats.stopped == "device error"
    assert "uiautomator server stopped answering" in stats.message and "retry" in load_graph(tmp_path).edges[-1].note
    assert flaky.taps == 41  # the failing tap and its one retry
    stats = crawl(open_device(spec), tmp_path, resume=True, durable=False)
    assert stats.stopped == "complete"
    reference = tmp_path / "reference"
    crawl(open_device(spec), reference, durable=False)
    states, transitions, _ = graph_sets(tmp_path)
    assert (states, transitions) == graph_sets(reference)[:2]


def test_refuses_to_overwrite_a_graph_without_resume(tmp_path):
    from autodroid.errors import BadInputError

    (tmp_path / "graph.jsonl").write_text('{"type": "meta"}\n')
    with pytest.raises(BadInputError, match="already holds") as info:
        crawl(open_device("sim:notes"), tmp_path)
    assert "--resume" in info.value.fix
