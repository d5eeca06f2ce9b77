"""The accuracy suite: every gold task of every app in a DroidTask-format dataset, per agent.

For each app: the doc is built from the exploration log only (cached); for each gold task a fresh
replay device holding the log and that task's demonstration is wrapped in a ``RecordingDevice``, the agent
runs, and the recorded actions are scored (``evaluate``). Results are written after every task to
``<out>/accuracy.json``, so an interrupted run resumes where it stopped (``fresh=True`` starts over).
"""

from __future__ import annotations

import json
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from autodroid.bench.agents import AgentOutcome, get_agent, needs_model
from autodroid.bench.dataset import app_doc, discover_apps, task_ceiling
from autodroid.bench.evaluate import Screens, action_log, gold_actions, score
from autodroid.bench.machine import machine
from autodroid.bench.summary import failure_kind
from autodroid.bench.recording import RecordingDevice
from autodroid.droidtask import GoldTask, load_gold_tasks
from autodroid.errors import AutodroidError, BadInputError
from autodroid.fileio import atomic_write_text

RESULTS_FILE = "accuracy.json"
DOC_FREE = {"keyword"}  # agents that never read the doc: their runs keep the app info of the doc-driven runs
FORMAT = 2  # 2: success / precision / side effects, per-action log (format 1 rows cannot be resumed)


@dataclass
class TaskResult:
    agent: str
    app: str
    file: str
    task: str
    lenient: bool  # the published rule ("published" in summaries)
    strict: bool  # success in gold order, no agent error
    matched: int
    gold: int
    in_order: int
    ceiling_named: int  # gold actions the doc names (ceiling for a doc-driven agent)
    prompt_tokens: int
    cached_prompt_tokens: int
    generated_tokens: int
    llm_seconds: float
    prefill_seconds: float
    decode_seconds: float
    model_calls: int
    repairs: int
    device_actions: int
    unexplored: int
    device_seconds: float
    wall_seconds: float
    error: str | None
    scripts: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: dict = field(default_factory=dict)
    prefix_seconds: float = 0.0  # cached prompt prefix computed or loaded (one-off per app for ours)
    raw_model_calls: int = 0  # every complete() call (ours: one per script line, sharing the KV cache)
    evaluated_tokens: int = 0  # prompt tokens the model evaluated (not from a cache), over every call
    raw_llm_seconds: float = 0.0  # model time over every complete() call
    doc_version: str = ""  # the doc the task ran with (docs change when the doc writer does)
    success: bool | None = None  # every gold action really performed on its screen (None: row of an older format)
    done: int = 0  # gold actions really performed on their screen
    counted_actions: int = 0  # device actions the agent caused (restarts and scrolls excluded)
    gold_matching: int = 0  # of those, actions credited to a gold action
    precision: float | None = None  # gold_matching / counted_actions (None: no action)
    side_effects: int = 0  # state-changing actions that really happened outside the gold set
    noop_matches: int = 0  # gold actions the published rule matched only by actions that did not happen
    action_log: list[dict] = field(default_factory=list)  # per device action: kind, API, screen, error, gold
    fold: int | None = None  # the leave-apps-out fold of the app (None: no --folds)
    gold_offered: bool | None = None  # every gold target line is among the planner's choice lines (None: unknown)
    failure: str | None = None  # why success failed: doc ceiling / not offered / runtime/navigation / wrong choice

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.agent, self.app, self.file)


@dataclass
class AppInfo:
    name: str
    folder: str
    tasks: int  # gold tasks in the app (before --limit)
    doc_version: str
    doc_elements: int
    doc_screens: int
    gold_coverage: float  # share of gold actions (scrolls skipped) the doc names
    doc_cached: bool
    doc_seconds: float


class MeteredModel:
    """Forwards to a model and counts what every ``complete`` and ``choose`` call cost, whatever the agent
    reports (our planner decodes line by line in continuation calls that share the KV cache)."""

    def __init__(self, model):
        self.model = model
        self.calls = 0
        self.evaluated_tokens = 0  # prompt tokens not served from a KV cache, over every call
        self.seconds = 0.0
        if callable(getattr(model, "choose", None)):  # only then: the planner asks whether a model has it
            self.choose = self._choose

    def __getattr__(self, name):
        return getattr(self.model, name)

    def complete(self, prompt: str, **settings):
        return self._count(self.model.complete(prompt, **settings))

    def _choose(self, prompt: str, options, **settings):
        return self._count(self.model.choose(prompt, options, **settings))

    def _count(self, completion):
        self.calls += 1
        self.evaluated_tokens += completion.prompt_tokens - completion.cached_prefix_tokens
        self.seconds += completion.prefill_seconds + completion.decode_seconds
        return completion


def run_task(agent_name: str, agent: Callable[..., AgentOutcome], folder: Path, task: GoldTask, doc, model,
             ceiling: int, screens: Screens | None = None) -> TaskResult:
    """One gold task on a fresh recording replay device (log + this task's demonstration)."""
    from autodroid.device.replay import ReplayDevice

    device = RecordingDevice(ReplayDevice(folder, files=[task.file]))
    metered = MeteredModel(model) if model is not None else None
    started = time.perf_counter()
    try:
        outcome = agent(task.task, doc, device, metered)
    except AutodroidError as error:
        outcome = AgentOutcome(error=f"{type(error).__name__}: {error.one_line()}")
    except Exception as error:  # a crash in an agent fails this task, not the whole run; the trace is kept
        outcome = AgentOutcome(error=f"crash: {type(error).__name__}: {error}")
        outcome.notes["traceback"] = traceback.format_exc(limit=6)
    wall = time.perf_counter() - started
    gold = gold_actions(task, folder)
    screens = screens if screens is not None else Screens(doc)
    result = score(gold, device.actions, error=outcome.error, screens=screens)
    row = TaskResult(
        agent=agent_name, app=folder.name, file=task.file, task=task.task,
        lenient=result.lenient, strict=result.strict, matched=result.matched, gold=result.total,
        in_order=result.in_order, ceiling_named=ceiling,
        prompt_tokens=outcome.prompt_tokens, cached_prompt_tokens=outcome.cached_prompt_tokens,
        generated_tokens=outcome.generated_tokens, llm_seconds=round(outcome.llm_seconds, 4),
        prefill_seconds=round(outcome.prefill_seconds, 4), decode_seconds=round(outcome.decode_seconds, 4),
        model_calls=outcome.model_calls, repairs=outcome.repairs, device_actions=len(device.actions),
        unexplored=sum(1 for a in device.actions if a.error == "UnexploredTransition"),
        device_seconds=round(device.device_seconds, 4), wall_seconds=round(wall, 4), error=outcome.error,
        scripts=list(outcome.scripts), actions=[a.describe() for a in device.actions], missing=result.missing,
        notes=dict(outcome.notes), prefix_seconds=round(outcome.prefix_seconds, 4),
        raw_model_calls=metered.calls if metered else 0, evaluated_tokens=metered.evaluated_tokens if metered else 0,
        raw_llm_seconds=round(metered.seconds, 4) if metered else 0.0, doc_version=doc.version,
        success=result.success, done=result.done, counted_actions=result.actions,
        gold_matching=result.gold_matching, precision=result.precision, side_effects=result.side_effects,
        noop_matches=result.noop_matches, action_log=action_log(device.actions, gold, doc, screens),
        gold_offered=gold_offered(doc, folder, task),
    )
    row.failure = failure_kind(asdict(row))
    return row


_OFFERED: dict[tuple[str, str, str], bool | None] = {}


def gold_offered(doc, folder: Path, task: GoldTask) -> bool | None:
    """Whether every target line of the gold script (``autodroid.runtime.gold``: the gold steps on the doc
    API, navigation steps dropped) is among the planner's choice lines for the task (a match line counts
    when its list is offered with any match). None when the doc cannot write the gold script."""
    key = (doc.version, str(folder), task.file)
    if key not in _OFFERED:
        from autodroid.bench.candidates import candidate_lines
        from autodroid.runtime.gold import gold_script

        try:
            gold = gold_script(doc, folder, task)
            offered = set(candidate_lines(doc, task.task))
        except Exception:  # a planner or doc problem must not stop the run: unknown
            _OFFERED[key] = None
            return None
        if gold.problems:
            _OFFERED[key] = None
        else:
            matching = {line.split(".match(")[0] for line in offered if ".match(" in line}
            _OFFERED[key] = all(s.line in offered or (".match(" in s.line and s.line.split(".match(")[0] in matching)
                                for s in gold.lines if s.role == "target")
    return _OFFERED[key]


def _load_previous(path: Path, *, model: str, dataset: str) -> dict:
    """The results document an earlier run left in ``path`` (empty when none)."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        raise BadInputError(f"{path} is not valid JSON", fix="delete it or run with --fresh") from None
    models = {data.get("model"), model} - {"none"}  # model-free agents (the oracle) fit any run
    if data.get("format") != FORMAT or len(models) > 1 or data.get("dataset") != dataset:
        raise BadInputError(
            f"{path} holds results of another run (model {data.get('model')!r}, dataset {data.get('dataset')!r})",
            fix="pass another --out folder, or --fresh to replace them")
    return data


def run_accuracy(
    *,
    dataset: Path,
    out: Path,
    apps: list[str] | None = None,
    model_name: str | None = None,
    agents: list[str] | tuple[str, ...] = ("ours", "baseline"),
    limit: int | None = None,
    fresh: bool = False,
    replace: bool = False,
    max_steps: int = 10,
    traces: bool = False,
    folds: int | None = None,
    only_folds: list[int] | None = None,
    describe: bool = False,
    model=None,
    agent_fns: dict[str, Callable[..., AgentOutcome]] | None = None,
    console: Console | None = None,
    command: str = "",
) -> dict:
    """Run the suite and write ``<out>/accuracy.json`` (after every task) and the report; returns the
    results document. ``fresh`` drops every earlier result in ``out``; ``replace`` only those of ``agents``
    (rerun them, keep the other agents'). ``traces``: our agent writes a JSONL trace per task under ``<out>/traces``.
    ``folds``: leave-apps-out folds over every app of the dataset (``autodroid.bench.folds``); the summary
    then has one table per fold and their mean. ``only_folds`` runs the apps of those folds only.
    ``describe``: every agent gets the doc enriched by the model (``planner.describe``: one line about each
    checkbox, input and list, written from the doc alone, cached per doc version and model).
    ``model`` and ``agent_fns`` replace the loaded model and the named agents (tests)."""
    console = console or Console()
    dataset = Path(dataset).resolve()
    out = Path(out)
    if limit is not None and limit < 1:
        raise BadInputError(f"--limit must be at least 1 (got {limit})", fix="pass --limit 1 or more, or leave it out")
    folders = discover_apps(dataset, apps)
    fold_members: list[list[str]] | None = None
    if folds:
        from autodroid.bench.folds import folds as make_folds

        fold_members = make_folds([p.name for p in discover_apps(dataset)], folds)
        if only_folds:
            bad = [f for f in only_folds if not 0 <= f < folds]
            if bad:
                raise BadInputError(f"no fold {', '.join(map(str, bad))} with --folds {folds}",
                                    fix=f"pick folds from 0 to {folds - 1}")
            wanted = {a for f in only_folds for a in fold_members[f]}
            folders = [p for p in folders if p.name in wanted]
            if not folders:
                raise BadInputError("no app is both in --apps and in the chosen folds",
                                    fix="drop --apps or pick other --fold values")
    elif only_folds:
        raise BadInputError("--fold needs --folds N", fix="pass --folds N with --fold")
    fold_of = {app: i for i, members in enumerate(fold_members or []) for app in members}
    trace_dir = Path(out) / "traces" if traces else None
    fns = {name: (agent_fns or {}).get(name) or get_agent(name, max_steps=max_steps, trace_dir=trace_dir)
           for name in agents}

    infos: dict[str, AppInfo] = {}
    tasks: dict[str, list[GoldTask]] = {}
    bound: dict[tuple[str, str], Callable[..., AgentOutcome]] = {}  # (agent, app) -> agent bound to the app
    docs = {}
    screens: dict[str, Screens] = {}
    ceilings: dict[tuple[str, str], int] = {}
    from autodroid.explorer.coverage import gold_coverage

    for folder in folders:
        started = time.perf_counter()
        built = app_doc(folder)
        all_tasks = load_gold_tasks(folder)
        tasks[folder.name] = all_tasks[:limit] if limit else all_tasks
        docs[folder.name] = built.doc
        screens[folder.name] = Screens(built.doc)
        for name, fn in fns.items():  # agents that need the app's gold tasks (the oracle) bind to it
            bound[(name, folder.name)] = fn.bind(folder, all_tasks) if hasattr(fn, "bind") else fn
        for task in tasks[folder.name]:
            ceilings[(folder.name, task.file)] = task_ceiling(built.doc, folder, task)[0]
        infos[folder.name] = AppInfo(
            folder.name, str(folder), len(all_tasks), built.doc.version, len(built.doc.elements),
            len(built.doc.screens), round(gold_coverage(built.doc, folder).share, 4), built.cached,
            round(time.perf_counter() - started, 3))

    load_seconds = 0.0
    owned = model is None and (describe or any(needs_model(a) for a in agents))  # loaded here, so closed here
    if owned:
        from autodroid.planner.registry import load_model

        started = time.perf_counter()
        with console.status(f"loading model {model_name or '(default)'}"):
            model = load_model(model_name)
        load_seconds = time.perf_counter() - started
    if describe:
        from autodroid.planner.describe import described_cached

        for name in list(docs):
            with console.status(f"describing the elements of {name}"):
                docs[name] = described_cached(docs[name], model)
    model_label = model.name if model is not None else "none"
    path = out / RESULTS_FILE
    earlier = {} if fresh else _load_previous(path, model=model_label, dataset=str(dataset))
    previous = [TaskResult(**_backfill(entry)) for entry in earlier.get("tasks", [])
                if not (replace and entry["agent"] in agents)]
    if model_label == "none":
        model_label = earlier.get("model", "none")
    done = {r.key: r for r in previous}
    document = {
        "format": FORMAT, "suite": "accuracy", "dataset": str(dataset), "model": model_label,
        "agents": sorted({*earlier.get("agents", []), *agents}),
        "limits": {**earlier.get("limits", {}), **{agent: limit for agent in agents}}, "max_steps": max_steps,
        "command": command,
        "commands": [*earlier.get("commands", [earlier["command"]] if earlier.get("command") else []), command],
        "machines": [*earlier.get("machines", [earlier["machine"]] if earlier.get("machine") else []), machine()],
        "machine": machine(),
        "model_load_seconds": round(load_seconds, 3),
        "apps": {**earlier.get("apps", {}), **{name: asdict(info) for name, info in infos.items()
                                               if not (set(agents) <= DOC_FREE and name in earlier.get("apps", {}))}},
        "tasks": [asdict(r) for r in previous],
    }
    if describe or earlier.get("describe"):
        document["describe"] = True
    if fold_members is not None:
        if earlier.get("folds") and earlier["folds"]["members"] != fold_members:
            raise BadInputError(f"{path} holds results of other folds ({earlier['folds']['members']})",
                                fix="pass another --out folder, or --fresh to replace them")
        document["folds"] = {"n": folds, "members": fold_members, "by": "sha256 of the app name, dealt round-robin"}
    elif earlier.get("folds"):
        document["folds"] = earlier["folds"]

    jobs = [(agent, folder, task) for agent in agents for folder in folders for task in tasks[folder.name]
            if (agent, folder.name, task.file) not in done]
    jobs.sort(key=lambda job: (job[1].name, list(agents).index(job[0])))  # per app: all of ours, then baseline
    console.print(f"[bold]accuracy[/]: {len(folders)} apps, {sum(len(t) for t in tasks.values())} tasks, "
                  f"agents {', '.join(agents)}, model {model_label}"
                  + (f"; {len(done)} results kept from {path}" if done else ""))
    remaining = {agent: sum(1 for j in jobs if j[0] == agent) for agent in agents}
    try:
        _run_jobs(jobs, bound, docs, ceilings, model, document, path, console, remaining, screens, fold_of)
    finally:
        if owned:
            model.close()

    from autodroid.bench.summary import summarize

    document["summary"] = summarize(document)
    _write(path, document)
    from autodroid.bench.report import write_report

    write_report(out)
    return document


def _run_jobs(jobs, bound, docs, ceilings, model, document: dict, path: Path, console: Console,
              remaining: dict[str, int], screens: dict, fold_of: dict[str, int]) -> None:
    first_seconds: dict[str, float] = {}
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TimeRemainingColumn(), console=console, transient=False) as progress:
        bar = progress.add_task("tasks", total=len(jobs))
        for agent, folder, task in jobs:
            progress.update(bar, description=f"{agent} {folder.name}/{task.file}")
            result = run_task(agent, bound[(agent, folder.name)], folder, task, docs[folder.name], model,
                              ceilings[(folder.name, task.file)], screens[folder.name])
            result.fold = fold_of.get(folder.name)
            remaining[agent] -= 1
            if agent not in first_seconds:
                first_seconds[agent] = result.wall_seconds
                progress.console.print(
                    f"estimate {agent}: first task {result.wall_seconds:.1f} s x {remaining[agent] + 1} tasks "
                    f"= ~{_duration(result.wall_seconds * (remaining[agent] + 1))}")
            if result.error and result.error.startswith("crash:"):
                progress.console.print(f"[red]{agent} crashed on {folder.name}/{task.file}: {result.error}[/]")
            document["tasks"].append(asdict(result))
            _write(path, document)
            progress.advance(bar)


def _backfill(entry: dict) -> dict:
    """Rows written before the metered fields existed: every call was counted by the agent itself."""
    if "raw_model_calls" not in entry:
        entry = {**entry, "raw_model_calls": entry["model_calls"],
                 "evaluated_tokens": entry["prompt_tokens"] - entry["cached_prompt_tokens"],
                 "raw_llm_seconds": entry["llm_seconds"]}
    return entry


def _write(path: Path, document: dict) -> None:
    atomic_write_text(path, json.dumps(document, indent=1, ensure_ascii=False) + "\n")


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def merge_runs(runs: list[Path], out: Path) -> dict:
    """One results folder from several runs of the same model, dataset and folds (e.g. the agents of one
    comparison run one after the other under the CPU lock): their tasks (an agent's rows from the first run
    that has them), apps, commands and machines; summary and report rebuilt in ``out``."""
    documents = []
    for run in runs:
        path = Path(run) / RESULTS_FILE
        if not path.is_file():
            raise BadInputError(f"{path} does not exist", fix="pass the --out folders of accuracy runs")
        documents.append(json.loads(path.read_text(encoding="utf-8")))
    models = {d["model"] for d in documents} - {"none"}
    datasets = {d["dataset"] for d in documents}
    folds = {json.dumps(d.get("folds", {}).get("members")) for d in documents if d.get("folds")}
    if len(models) > 1 or len(datasets) > 1 or len(folds) > 1 or any(d.get("format") != FORMAT for d in documents):
        raise BadInputError("the runs differ in model, dataset, folds or format", fix="merge runs of one comparison")
    merged = {k: v for k, v in documents[0].items() if k not in ("summary",)}
    merged["model"] = models.pop() if models else "none"
    seen: set[tuple[str, str, str]] = set()
    tasks, agents = [], []
    for document in documents:
        owned = {r["agent"] for r in document["tasks"]} - set(agents)
        agents += sorted(owned)
        for row in document["tasks"]:
            key = (row["agent"], row["app"], row["file"])
            if row["agent"] in owned and key not in seen:
                seen.add(key)
                tasks.append(row)
    merged["tasks"] = tasks
    merged["agents"] = agents
    merged["apps"] = {k: v for d in reversed(documents) for k, v in d.get("apps", {}).items()}
    merged["commands"] = [c for d in documents for c in d.get("commands", [])]
    merged["machines"] = [m for d in documents for m in d.get("machines", [])]
    merged["limits"] = {k: v for d in documents for k, v in d.get("limits", {}).items()}
    merged["merged_from"] = [str(Path(r)) for r in runs]
    for document in documents:
        if document.get("folds"):
            merged["folds"] = document["folds"]
    from autodroid.bench.summary import summarize

    merged["summary"] = summarize(merged)
    Path(out).mkdir(parents=True, exist_ok=True)
    _write(Path(out) / RESULTS_FILE, merged)
    from autodroid.bench.report import write_report

    write_report(Path(out))
    return merged
