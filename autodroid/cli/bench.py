"""`autodroid bench accuracy|latency|report`: the benchmark suites (see benchmarks/README.md)."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from autodroid.errors import BadInputError


def _names(values: tuple[str, ...]) -> list[str]:
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def _command() -> str:
    """The command line as given (options left at their defaults omitted), for the results file."""
    ctx = click.get_current_context()
    words = ["autodroid", *ctx.command_path.split()[1:]]
    for param in ctx.command.params:
        source = ctx.get_parameter_source(param.name)
        if source is None or source.name == "DEFAULT" or not isinstance(param, click.Option):
            continue
        value = ctx.params[param.name]
        flag = max(param.opts, key=len)
        if param.is_flag:
            words.append(flag) if value else None
            continue
        for item in (value if param.multiple else [value]):
            words += [flag, str(item)]
    return " ".join(shlex.quote(w) for w in words)


@click.group()
def bench() -> None:
    """Benchmarks: task success on recorded apps (ours vs a step-wise agent) and latency."""


@bench.command()
@click.option("--dataset", type=click.Path(path_type=Path), default=None,
              help="folder of DroidTask-format app folders (default: ../shared/droidtask)")
@click.option("--apps", multiple=True, help="apps to run, comma-separated (default: every app folder)")
@click.option("--model", "model_name", default=None,
              help="registry name, .gguf path or server URL (default model if omitted)")
@click.option("--agents", default="ours,baseline", show_default=True,
              help="comma-separated: ours, baseline (step-wise, same model), keyword (step-wise word overlap, no "
                   "model), candidates-1 / candidates-3 / candidates-K / candidates-all (the planner's first K "
                   "candidate lines as the script, no model), oracle / oracle-targets (gold scripts, all steps / "
                   "target steps only: the doc + runtime ceiling)")
@click.option("--folds", "n_folds", type=int, default=None,
              help="leave-apps-out: split every app of the dataset into N folds (by a hash of the app name); "
                   "the summary has one table per fold and their mean")
@click.option("--fold", "only_folds", type=int, multiple=True,
              help="with --folds: run only the apps of this fold (repeatable; folds count from 0)")
@click.option("--limit", type=int, default=None, help="only the first N tasks of each app")
@click.option("--max-steps", type=int, default=10, show_default=True, help="the baseline's action budget per task")
@click.option("--fresh", is_flag=True, help="ignore results already in --out (default: resume, skipping done tasks)")
@click.option("--replace", is_flag=True, help="rerun the --agents from scratch, keeping other agents' results in --out")
@click.option("--traces", is_flag=True, help="write one JSONL trace per task of our agent under OUT/traces")
@click.option("--describe", is_flag=True,
              help="every agent gets the doc enriched by the model (autodroid docs describe), cached per doc version")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="results folder (accuracy.json, report)")
def accuracy(dataset: Path | None, apps: tuple[str, ...], model_name: str | None, agents: str,
             n_folds: int | None, only_folds: tuple[int, ...], limit: int | None,
             max_steps: int, fresh: bool, replace: bool, traces: bool, describe: bool, out: Path) -> None:
    """Every agent on every gold task: success (headline: gold actions really performed on their screens),
    strict (in gold order, no error), published (the papers' lenient rule), precision, side effects."""
    from autodroid.bench.accuracy import run_accuracy
    from autodroid.bench.agents import AGENTS, is_agent
    from autodroid.bench.dataset import default_dataset

    dataset = dataset or default_dataset()
    if dataset is None:
        raise BadInputError("no dataset given and ../shared/droidtask is absent",
                            fix="pass --dataset <folder of DroidTask app folders>")
    chosen = _names((agents,))
    unknown = [a for a in chosen if not is_agent(a)]
    if unknown or not chosen:
        raise BadInputError(f"unknown agent {', '.join(unknown) or '(none)'}",
                            fix=f"use --agents from {', '.join(AGENTS)}")
    document = run_accuracy(dataset=dataset, out=out, apps=_names(apps) or None, model_name=model_name,
                            agents=chosen, limit=limit, fresh=fresh, replace=replace, max_steps=max_steps,
                            traces=traces, folds=n_folds, only_folds=list(only_folds) or None,
                            describe=describe, command=_command())
    for name, entry in document["summary"]["agents"].items():
        o = entry["overall"]
        precision = "–" if o["precision"] is None else f"{o['precision']:.2f}"
        click.echo(f"{name}: success {o['success']}/{o['tasks']} ({o['success_rate']:.1%}), "
                   f"strict {o['strict']}/{o['tasks']} ({o['strict_rate']:.1%}), "
                   f"published {o['published']}/{o['tasks']} ({o['published_rate']:.1%}), precision {precision}, "
                   f"side effects {o['side_effects_total']}, {o['llm_seconds_mean']:.2f} LLM s/task")
    folds = document["summary"].get("folds")
    if folds:
        for name, m in folds["mean"].items():
            click.echo(f"{name}: mean over {m['folds']} folds: success {m['success_rate']:.1%}, "
                       f"strict {m['strict_rate']:.1%}, published {m['published_rate']:.1%}")
    click.echo(f"results: {out / 'accuracy.json'}, {out / 'report.html'}, {out / 'summary.md'}")


@bench.command()
@click.option("--model", "model_name", default=None,
              help="registry name, .gguf path or server URL (default model if omitted)")
@click.option("--repeats", type=int, default=3, show_default=True, help="repeats of each measurement")
@click.option("--dataset", type=click.Path(path_type=Path), default=None,
              help="folder of DroidTask-format app folders (default: ../shared/droidtask)")
@click.option("--app", default=None,
              help="the app whose doc and tasks are timed (default: notes if present, else the first app)")
@click.option("--tasks", "task_count", type=int, default=3, show_default=True, help="tasks timed per repeat")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="results folder (latency.json, report)")
def latency(model_name: str | None, repeats: int, dataset: Path | None, app: str | None, task_count: int,
            out: Path) -> None:
    """Model load, prefill/decode rates, cold vs warm time to script, per-action overheads, peak memory."""
    from autodroid.bench.dataset import default_dataset
    from autodroid.bench.latency import run_latency

    dataset = dataset or default_dataset()
    if dataset is None:
        raise BadInputError("no dataset given and ../shared/droidtask is absent",
                            fix="pass --dataset <folder of DroidTask app folders>")
    document = run_latency(model_name=model_name, repeats=repeats, dataset=dataset, app=app,
                           task_count=task_count, out=out, command=_command())
    floor = document.get("floor") or {}
    if floor:
        click.echo(f"warm time to script {floor['warm_s']:.2f} s; physical floor {floor['floor_s']:.2f} s; "
                   f"ratio {floor['ratio']:.2f}")
    click.echo(f"results: {out / 'latency.json'}, {out / 'report.html'}, {out / 'summary.md'}")


@bench.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.argument("runs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, file_okay=False))
def merge(out: Path, runs: tuple[Path, ...]) -> None:
    """Merge accuracy runs of one comparison (same model, dataset, folds) into OUT, e.g. agents that ran one
    after the other; each agent's rows come from the first run that has them; every command is kept."""
    from autodroid.bench.accuracy import merge_runs

    document = merge_runs(list(runs), out)
    click.echo(f"{len(document['tasks'])} tasks of {', '.join(document['agents'])} -> {out / 'accuracy.json'}")


@bench.command()
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--publish", "dest", type=click.Path(path_type=Path), default=None,
              help="also write the results without dataset text (task sentences, scripts, screen labels) "
                   "and their report to this folder, e.g. benchmarks/results/<name>")
def report(folder: Path, dest: Path | None) -> None:
    """Rebuild report.html and summary.md from the JSON results in FOLDER."""
    from autodroid.bench.report import publish, write_report

    html, md = write_report(folder)
    click.echo(f"{html}\n{md}")
    if dest is not None:
        for path in publish(folder, dest):
            click.echo(str(path))


from autodroid.cli.bench_sim import sim  # noqa: E402  (the sim task set: benchmarks/sim_tasks.yaml)

bench.add_command(sim)
