"""Planner ablation on the DroidTask apps: success (lenient and strict, the bench harness's scoring) of our
agent under several planner configurations, so each part's contribution is visible.

    flock /tmp/autodroid-cpu.lock python benchmarks/bench_planner_ablation.py --model qwen2.5-coder-1.5b \
        --configs full,no-retrieval,no-examples,no-repair --out /tmp/ablation [--apps clock,notes] [--limit 3]

Each configuration writes its own results folder (``<out>/<config>/accuracy.json``, resumable: finished
tasks are kept) through ``autodroid.bench.accuracy.run_accuracy``; a combined table goes to
``<out>/ablation.md``. Docs come from the exploration logs only; examples are synthesized from those docs
and verified on ``replay:<folder>?log`` (cached in the user cache dir, never in the repo).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from autodroid.bench.agents import AgentOutcome

# name -> PlanConfig overrides plus the agent's own settings (examples, repairs, continue past unrecorded
# actions of the replay device)
CONFIGS: dict[str, dict] = {
    "full": {},
    "no-retrieval": {"retrieval": "off"},
    "no-choices": {"choices": False},
    "hybrid": {"ranking": "hybrid"},
    "no-examples": {"examples_on": False},
    "no-repair": {"repairs": 0},
    "no-confirm": {"auto_confirm": False},
    "no-continue": {"continue_unexplored": False},
    "stubs-none": {"stubs": "none"},
    "max2": {"max_lines": 2},
    "max1": {"max_lines": 1},
    "block": {"decode": "block", "max_lines": 6, "stop_after_confirm": False},
    "bare": {"retrieval": "off", "auto_confirm": False, "examples_on": False, "repairs": 0, "max_lines": 6,
             "decode": "block", "stop_after_confirm": False, "drop_openers": False},
}
AGENT_KEYS = {"examples_on": True, "repairs": 2, "continue_unexplored": True}


def example_store(doc, folder: Path):
    """Verified examples for a DroidTask doc (cached per doc version in the user cache)."""
    from autodroid.device.replay import ReplayDevice
    from autodroid.planner.examples import (ExampleStore, examples_cache_path, load_examples, save_examples,
                                            synthesize, verify)

    path = examples_cache_path(doc)
    if path.is_file():
        return load_examples(path, doc)
    device = ReplayDevice(folder, log_only=True)

    def fresh():
        device.reset()
        return device

    verified = verify(doc, synthesize(doc), fresh)
    save_examples(path, doc, verified, device=f"replay:{folder}?log")
    return ExampleStore.of(verified)


def make_agent(name: str, dataset: Path, trace_dir: Path | None):
    from autodroid.agent import run_task
    from autodroid.planner.planner import PlanConfig

    settings = dict(CONFIGS[name])
    agent_settings = {key: settings.pop(key, default) for key, default in AGENT_KEYS.items()}
    use_examples, repairs = agent_settings["examples_on"], agent_settings["repairs"]
    config = replace(PlanConfig(), **settings)
    stores: dict[str, object] = {}

    def agent(task_text: str, doc, device, model) -> AgentOutcome:
        store = None
        if use_examples:
            key = f"{doc.app}-{doc.version}"
            if key not in stores:
                stores[key] = example_store(doc, dataset / doc.app)
            store = stores[key]
        trace = None
        if trace_dir is not None:
            trace_dir.mkdir(parents=True, exist_ok=True)
            trace = trace_dir / f"{doc.app}-{abs(hash(task_text)) % 10**8}.jsonl"
            trace.unlink(missing_ok=True)
        result = run_task(task_text, doc, device, model, config=config, examples=store, repairs=repairs,
                          auto_yes=True, trace_path=trace,
                          continue_unexplored=agent_settings["continue_unexplored"])
        return outcome(result)

    return agent


def outcome(result) -> AgentOutcome:
    out = AgentOutcome(error=result.error, scripts=result.scripts, repairs=result.repairs)
    for plan in result.plans:
        out.prompt_tokens += plan.prompt_tokens
        out.generated_tokens += plan.generated_tokens
        out.cached_prompt_tokens += plan.cached_prefix_tokens
        out.prefill_seconds += plan.prefill_seconds
        out.decode_seconds += plan.decode_seconds
        out.llm_seconds += plan.prefill_seconds + plan.decode_seconds
        out.model_calls += 1
    first = result.plans[0] if result.plans else None
    if first is not None:
        out.notes["candidates"] = list(first.candidates)
        out.notes["changes"] = [list(p.changes) for p in result.plans]
        out.notes["raw"] = [p.raw for p in result.plans]
        out.notes["prefix"] = first.prefix.source if first.prefix else None
    return out


def table(out: Path, names: list[str]) -> str:
    rows = []
    apps: list[str] = []
    for name in names:
        path = out / name / "accuracy.json"
        if not path.is_file():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        per_app: dict[str, list] = {}
        for task in data["tasks"]:
            per_app.setdefault(task["app"], []).append(task)
        apps = sorted(set(apps) | set(per_app))
        rows.append((name, data.get("model"), per_app))
    lines = ["| config | model | " + " | ".join(apps) + " | lenient | strict | mean uncached prompt tok | mean gen tok | mean LLM s |",
             "|---|---|" + "---|" * len(apps) + "---|---|---|---|---|"]
    for name, model, per_app in rows:
        cells, total, lenient, strict, tasks = [], 0, 0, 0, []
        for app in apps:
            items = per_app.get(app, [])
            ok = sum(t["lenient"] for t in items)
            cells.append(f"{ok}/{len(items)}" if items else "-")
            total += len(items)
            lenient += ok
            strict += sum(t["strict"] for t in items)
            tasks.extend(items)
        if not total:
            continue
        uncached = sum(t["prompt_tokens"] - t["cached_prompt_tokens"] for t in tasks) / total
        generated = sum(t["generated_tokens"] for t in tasks) / total
        llm = sum(t["llm_seconds"] for t in tasks) / total
        lines.append(f"| {name} | {model} | " + " | ".join(cells) +
                     f" | **{lenient}/{total} ({lenient / total:.0%})** | {strict}/{total} ({strict / total:.0%}) "
                     f"| {uncached:.0f} | {generated:.0f} | {llm:.1f} |")
    return "\n".join(lines) + "\n"


def latency(model_name: str | None, dataset: Path, apps: list[str] | None, out: Path) -> str:
    """Time to script per app: cold (prefix KV computed), warm (a new process loads it from disk) and hot
    (in memory), with prompt / cached / generated token counts. One task per app (its first gold task's
    text; the plan is not run)."""
    from autodroid.bench.dataset import app_doc, discover_apps
    from autodroid.droidtask import load_gold_tasks
    from autodroid.planner import load_model
    from autodroid.planner.planner import Planner
    from autodroid.planner.prompt import PromptBuilder

    rows = ["| app | prefix tokens | cold s | warm (disk) s | hot s | prompt tok | new tok | generated tok |",
            "|---|---|---|---|---|---|---|---|"]
    for folder in discover_apps(dataset, apps):
        doc = app_doc(folder).doc
        task = load_gold_tasks(folder)[0].task
        store = example_store(doc, folder)
        model = load_model(model_name)
        prompt = PromptBuilder(doc).build(model, task)
        if hasattr(model, "forget_prefix"):  # llama.cpp models: drop the stored KV state, so this is cold
            model.forget_prefix(prompt.prefix_key)
        cold = Planner(model, doc, examples=store).plan(task)
        hot = Planner(model, doc, examples=store).plan(task)
        model.close()
        model = load_model(model_name)
        warm = Planner(model, doc, examples=store).plan(task)
        model.close()
        rows.append(f"| {folder.name} | {cold.prefix.tokens if cold.prefix else 0} | {cold.plan_seconds:.1f} "
                    f"({cold.prefix.source if cold.prefix else '-'}) | {warm.plan_seconds:.1f} "
                    f"({warm.prefix.source if warm.prefix else '-'}) | {hot.plan_seconds:.1f} | {hot.prompt_tokens} "
                    f"| {hot.prompt_tokens - hot.cached_prefix_tokens} | {hot.generated_tokens} |")
    text = "\n".join(rows) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latency.md").write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    from autodroid.bench.accuracy import run_accuracy
    from autodroid.bench.dataset import default_dataset
    from autodroid.planner import load_model

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None)
    parser.add_argument("--configs", default="full")
    parser.add_argument("--apps", default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--dataset", type=Path, default=None)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--traces", action="store_true", help="write one JSONL trace per task under <out>/<config>/traces")
    parser.add_argument("--latency", action="store_true", help="only time cold / warm / hot planning per app")
    args = parser.parse_args(argv)
    dataset = args.dataset or default_dataset()
    if dataset is None:
        print("no dataset: pass --dataset (../shared/droidtask is absent)", file=sys.stderr)
        return 2
    if args.latency:
        print(latency(args.model, Path(dataset), args.apps.split(",") if args.apps else None, args.out))
        return 0
    names = [n.strip() for n in args.configs.split(",") if n.strip()]
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        print(f"unknown config(s) {', '.join(unknown)}; pick from {', '.join(CONFIGS)}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    model = load_model(args.model)
    command = " ".join(["python", "benchmarks/bench_planner_ablation.py", *(argv or sys.argv[1:])])
    for name in names:
        folder = args.out / name
        agent = make_agent(name, Path(dataset), folder / "traces" if args.traces else None)
        run_accuracy(dataset=Path(dataset), out=folder, apps=args.apps.split(",") if args.apps else None,
                     model=model, agents=["ours"], agent_fns={"ours": agent}, limit=args.limit, fresh=args.fresh,
                     command=f"{command}  # config {name}")
    text = table(args.out, names)
    (args.out / "ablation.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
