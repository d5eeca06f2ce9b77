"""The latency suite: where the time of one task goes, on this machine, with one model.

Per repeat: load the model (timed); plan the first task with no KV file for the doc prefix (cold: the
prefix is evaluated and saved); plan the other tasks with the prefix in memory (hot); time raw decoding;
then for each task load a new model object and plan it with the KV file on disk (warm, as in a new
process), and run it end to end (plan, run, repairs) on a recording replay device from another new model
object (warm as well: nothing of the task is left in memory). Model-free parts: interpreter + grounding
time per action (oracle scripts of every app run through the runtime, device time subtracted) and device
time per action (replay and sim). Medians with min and max over repeats; peak RSS of the process.

Run it alone (``flock /tmp/autodroid-cpu.lock autodroid bench latency ...`` on a shared machine): other
CPU work in parallel makes every number slower. The 1-minute load average at the start is recorded.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rich.console import Console

from autodroid.bench.dataset import app_doc, discover_apps
from autodroid.bench.machine import machine
from autodroid.bench.recording import RecordingDevice
from autodroid.droidtask import load_gold_tasks
from autodroid.errors import AutodroidError, BadInputError
from autodroid.fileio import atomic_write_text

RESULTS_FILE = "latency.json"
DECODE_PROMPT = "Count from 1 to 100, one number per line, and nothing else."
DECODE_TOKENS = 48
SIM_ACTIONS = 40


def memory_mb() -> dict[str, float]:
    """VmHWM (peak resident), VmRSS, RssAnon (private) and RssFile (mapped file pages), in MB."""
    values: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="utf-8") as handle:
            for line in handle:
                key, _, rest = line.partition(":")
                if key in ("VmHWM", "VmRSS", "RssAnon", "RssFile"):
                    values[key] = round(int(rest.split()[0]) / 1024, 1)
    except OSError:
        import resource

        values["VmHWM"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return values


def stat(samples: list[float]) -> dict | None:
    if not samples:
        return None
    return {"median": round(statistics.median(samples), 6), "min": round(min(samples), 6),
            "max": round(max(samples), 6), "n": len(samples)}


@dataclass
class Samples:
    values: dict[str, list[float]] = field(default_factory=dict)
    parts: dict[str, dict[str, list[float]]] = field(default_factory=dict)  # breakdowns

    def add(self, key: str, value: float | None) -> None:
        if value is not None:
            self.values.setdefault(key, []).append(value)

    def add_parts(self, key: str, parts: dict[str, float]) -> None:
        bucket = self.parts.setdefault(key, {})
        for name, value in parts.items():
            bucket.setdefault(name, []).append(max(0.0, value))


# ------------------------------------------------------------------------------- model-free parts


def interpreter_overhead(dataset: Path, samples: Samples, apps: list[str] | None = None) -> None:
    """One pass of oracle scripts over every app (or ``apps``): runtime time per device action, device
    time excluded."""
    from autodroid.bench.oracle import OracleAgent
    from autodroid.device.replay import ReplayDevice

    outside = actions = device = 0.0
    for folder in discover_apps(dataset, apps):
        doc = app_doc(folder).doc
        tasks = load_gold_tasks(folder)
        agent = OracleAgent().bind(folder, tasks)
        for task in tasks:
            recorder = RecordingDevice(ReplayDevice(folder, files=[task.file]))
            started = time.perf_counter()
            agent(task.task, doc, recorder, None)
            wall = time.perf_counter() - started
            outside += wall - recorder.device_seconds
            device += recorder.device_seconds
            actions += len(recorder.actions)
    if actions:
        samples.add("interpreter_s_per_action", outside / actions)
        samples.add("replay_device_s_per_action", device / actions)


class _NoOpDevice:
    """Returns one dump's screen and does nothing; a fresh Screen object after each action, as a phone's
    new dump would be (the same approach as benchmarks/bench_grounding.py)."""

    spec = "noop"

    def __init__(self, screen):
        self._screen = screen

    def screen(self):
        return self._screen

    def _nothing(self, *args):
        import dataclasses

        from autodroid.device.base import ActionResult

        self._screen = dataclasses.replace(self._screen, _by_id={})
        return ActionResult(False, "")

    tap = long_tap = set_text = scroll = back = app_start = _nothing

    def current_app(self) -> str:
        return self._screen.package

    def close(self) -> None:
        pass


LARGE_DUMP = "ad2_chrome_1.xml"  # 688 nodes, the largest in ../shared/u2_dumps
DUMP_ACTIONS = 40


def large_dump_costs(samples: Samples) -> None:
    """On a real ~700-node uiautomator dump: parse time, and runtime time per action (40 taps through the
    interpreter on a no-op device; the doc is written from the dump itself)."""
    from autodroid.explorer.docwriter import build_doc
    from autodroid.paths import shared_dir
    from autodroid.runtime import run_on_device
    from autodroid.runtime.policy import Policy
    from autodroid.ui.u2xml import parse_u2_xml

    shared = shared_dir()
    path = shared / "u2_dumps" / LARGE_DUMP if shared is not None else None
    if path is None or not path.is_file():
        return
    raw = path.read_bytes()
    parse_times = []
    for _ in range(5):
        started = time.perf_counter()
        screen = parse_u2_xml(raw)
        parse_times.append(time.perf_counter() - started)
    samples.add("parse_large_dump_s", statistics.median(parse_times))
    doc = build_doc(path.stem, screen.package, {"s0": screen}, [], "s0")
    tappable = [e.name for e in doc.elements.values() if e.type in ("button", "checkbox", "text")]
    script = "".join(f"{tappable[i % len(tappable)]}.tap()\n" for i in range(DUMP_ACTIONS))
    allow = Policy(default={"normal": "allow", "sensitive": "allow"})
    device = _NoOpDevice(screen)
    run_on_device(script, doc, device, policy=allow)  # warm-up
    started = time.perf_counter()
    report = run_on_device(script, doc, device, policy=allow)
    if report.ok and report.actions:
        samples.add("grounding_large_dump_s_per_action", (time.perf_counter() - started) / len(report.actions))


def sim_device_time(samples: Samples, actions: int = SIM_ACTIONS) -> None:
    """A simulated app: tap the first tappable element, go back, repeat; time of each action call."""
    from autodroid.device.registry import open_device

    device = open_device("sim:notes")
    timings = []
    try:
        for i in range(actions):
            screen = device.screen()
            tappable = [n for n in screen.app_nodes() if n.clickable]
            started = time.perf_counter()
            try:
                if i % 2 == 0 and tappable:
                    device.tap(tappable[(i // 2) % len(tappable)])
                else:
                    device.back()
            except AutodroidError:
                continue
            timings.append(time.perf_counter() - started)
    finally:
        device.close()
    if timings:
        samples.add("sim_device_s_per_action", statistics.median(timings))


# ------------------------------------------------------------------------------- model parts


def _planner(model, doc, examples=None):
    """The planner as our agent builds it (default config, the app's log-verified examples)."""
    from autodroid.planner.planner import Planner

    return Planner(model, doc, examples=examples)


def decode_rate(model) -> float | None:
    prompt = model.chat_prompt("You are a counter.", f"{DECODE_PROMPT} (run {time.time_ns()})")
    completion = model.complete(prompt, max_tokens=DECODE_TOKENS)
    if completion.generated_tokens < 2 or completion.decode_seconds <= 0:
        return None
    return (completion.generated_tokens - 1) / completion.decode_seconds  # the first token ends the prefill


def _plan_parts(plan, *, prefix_seconds: float) -> dict[str, float]:
    llm = plan.prefill_seconds + plan.decode_seconds
    return {"prefix KV": prefix_seconds, "prefill": plan.prefill_seconds, "decode": plan.decode_seconds,
            "planner other": plan.plan_seconds - llm - prefix_seconds}


def run_latency(*, dataset: Path, out: Path, model_name: str | None = None, repeats: int = 3,
                app: str | None = None, task_count: int = 3, loader: Callable[[], object] | None = None,
                agent=None, console: Console | None = None, command: str = "",
                overhead_apps: list[str] | None = None) -> dict:
    """Measure and write ``<out>/latency.json`` and the report. ``loader`` (returns a fresh model object)
    and ``agent`` replace the registry model and our agent (tests); ``overhead_apps`` limits the oracle
    runs that time the interpreter (default: every app)."""
    console = console or Console()
    if repeats < 1 or task_count < 1:
        raise BadInputError("--repeats and --tasks must be at least 1", fix="pass positive numbers")
    folders = discover_apps(Path(dataset))
    names = [f.name for f in folders]
    chosen = app or ("notes" if "notes" in names else names[0])
    if chosen not in names:
        raise BadInputError(f"no app {chosen} in {dataset}", fix=f"pick from {', '.join(names)}")
    folder = next(f for f in folders if f.name == chosen)
    doc = app_doc(folder).doc
    tasks = load_gold_tasks(folder)[:task_count]
    if loader is None:
        from autodroid.planner.registry import load_model

        def loader():
            return load_model(model_name)
    examples = None
    if agent is None:
        from autodroid.bench.agents import get_agent
        from autodroid.bench.ours import example_store

        agent = get_agent("ours").bind(folder)
        examples = example_store(doc, folder)

    samples = Samples()
    load_average = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None
    console.print(f"[bold]latency[/]: app {chosen} ({len(tasks)} tasks), {repeats} repeats"
                  + (f"; load average {load_average:.2f}" if load_average is not None else ""))
    memory_after_load: dict[str, float] = {}
    floors = []
    model_label = "?"
    per_task: list[dict] = []
    for repeat in range(repeats):
        console.print(f"repeat {repeat + 1}/{repeats}: interpreter and devices")
        interpreter_overhead(Path(dataset), samples, overhead_apps)
        sim_device_time(samples)
        large_dump_costs(samples)

        console.print(f"repeat {repeat + 1}/{repeats}: cold plan (prefix evaluated and saved)")
        started = time.perf_counter()
        model = loader()
        samples.add("model_load_s", time.perf_counter() - started)
        model_label = getattr(model, "name", "?")
        if not memory_after_load:
            memory_after_load = memory_mb()
        planner = _planner(model, doc, examples)
        key = planner.prompts.build(model, "").prefix_key
        if hasattr(model, "forget_prefix"):
            model.forget_prefix(key)  # cold: no KV file for this doc prefix
        cold = planner.plan(tasks[0].task)
        prefix = cold.prefix
        prefix_seconds = prefix.seconds if prefix is not None else 0.0
        samples.add("script_cold_s", cold.plan_seconds)
        samples.add_parts("script_cold", _plan_parts(cold, prefix_seconds=prefix_seconds))
        if prefix is not None and prefix.source == "computed" and prefix.seconds > 0:
            samples.add("prefix_compute_s", prefix.seconds)
            samples.add("prefill_tok_s", prefix.tokens / prefix.seconds)
        for task in tasks[1:]:
            hot = planner.plan(task.task)
            samples.add("script_hot_s", hot.plan_seconds)
            samples.add_parts("script_hot", _plan_parts(hot, prefix_seconds=hot.prefix.seconds if hot.prefix else 0))
        rate = decode_rate(model)
        samples.add("decode_tok_s", rate)
        model.close()

        for index, task in enumerate(tasks):
            console.print(f"repeat {repeat + 1}/{repeats}: warm plan and end to end, task {index + 1}/{len(tasks)}")
            started = time.perf_counter()
            model = loader()
            samples.add("model_load_s", time.perf_counter() - started)
            warm = _planner(model, doc, examples).plan(task.task)
            prefix_seconds = warm.prefix.seconds if warm.prefix else 0.0
            samples.add("script_warm_s", warm.plan_seconds)
            samples.add_parts("script_warm", _plan_parts(warm, prefix_seconds=prefix_seconds))
            uncached = warm.prompt_tokens - warm.cached_prefix_tokens
            floors.append({"uncached_prompt_tokens": uncached, "generated_tokens": warm.generated_tokens,
                           "warm_s": warm.plan_seconds})
            per_task.append({"repeat": repeat, "task": task.file, "prompt_tokens": warm.prompt_tokens,
                             "cached_prefix_tokens": warm.cached_prefix_tokens,
                             "generated_tokens": warm.generated_tokens, "warm_s": round(warm.plan_seconds, 4),
                             "prefix_source": warm.prefix.source if warm.prefix else None,
                             "script": warm.script})
            model.close()
            model = loader()  # end to end from a fresh model object too (warm), not right after planning this task
            end_to_end(agent, folder, task, doc, model, samples)
            model.close()

    metrics = {key: stat(values) for key, values in samples.values.items()}
    document = {
        "format": 1, "suite": "latency", "model": model_label, "app": chosen, "dataset": str(Path(dataset).resolve()),
        "tasks": [t.file for t in tasks], "repeats": repeats, "command": command,
        "machine": {**machine(), "load_average_at_start": load_average},
        "metrics": metrics,
        "breakdown": {key: {name: round(statistics.median(v), 6) for name, v in parts.items()}
                      for key, parts in samples.parts.items()},
        "floor": physical_floor(metrics, floors),
        "memory": {"peak_rss_mb": memory_mb().get("VmHWM"), "rss_after_load_mb": memory_after_load.get("VmRSS"),
                   "anon_after_load_mb": memory_after_load.get("RssAnon"),
                   "file_after_load_mb": memory_after_load.get("RssFile")},
        "per_task": per_task,
    }
    out = Path(out)
    atomic_write_text(out / RESULTS_FILE, json.dumps(document, indent=1) + "\n")
    from autodroid.bench.report import write_report

    write_report(out)
    return document


def end_to_end(agent, folder: Path, task, doc, model, samples: Samples) -> None:
    from autodroid.device.replay import ReplayDevice

    device = RecordingDevice(ReplayDevice(folder, files=[task.file]))
    started = time.perf_counter()
    outcome = agent(task.task, doc, device, model)
    wall = time.perf_counter() - started
    samples.add("end_to_end_s", wall)
    samples.add_parts("end_to_end", {"LLM": outcome.llm_seconds, "device": device.device_seconds,
                                     "planner + interpreter": wall - outcome.llm_seconds - device.device_seconds})


def physical_floor(metrics: dict, floors: list[dict]) -> dict | None:
    """Prefill of the uncached prompt tokens plus decode of the script tokens at the measured rates,
    beside the measured warm time to script (medians over the warm plans)."""
    prefill, decode = metrics.get("prefill_tok_s"), metrics.get("decode_tok_s")
    if not floors or not prefill or not decode or prefill["median"] <= 0 or decode["median"] <= 0:
        return None
    ratios, floor_times = [], []
    for entry in floors:
        floor = entry["uncached_prompt_tokens"] / prefill["median"] + entry["generated_tokens"] / decode["median"]
        floor_times.append(floor)
        if floor > 0:
            ratios.append(entry["warm_s"] / floor)
    cold, warm = metrics.get("script_cold_s"), metrics.get("script_warm_s")
    return {
        "uncached_prompt_tokens": statistics.median(e["uncached_prompt_tokens"] for e in floors),
        "generated_tokens": statistics.median(e["generated_tokens"] for e in floors),
        "floor_s": round(statistics.median(floor_times), 4),
        "warm_s": round(statistics.median(e["warm_s"] for e in floors), 4),
        "ratio": round(statistics.median(ratios), 3) if ratios else None,
        "cold_over_warm": round(cold["median"] / warm["median"], 2) if cold and warm and warm["median"] > 0 else None,
    }

