"""`autodroid bench sim`: the sim task set (benchmarks/sim_tasks.yaml), each task checked on the sim's final
state (autodroid/bench/simtasks.py)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("sim")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="results folder (results.jsonl, summary.md, summary.json)")
@click.option("--model", "model_name", default=None,
              help="registry name, .gguf path or server URL for `ours` (default model if omitted)")
@click.option("--agents", default="reference,candidates-1,candidates-3,candidates-all,ours", show_default=True,
              help="comma-separated: reference (the tasks' gold scripts), candidates-K / candidates-all (the "
                   "planner's first K / every candidate line, no model), ours (autodroid run's agent)")
@click.option("--tasks", "tasks_paths", type=click.Path(path_type=Path, dir_okay=False, exists=True), multiple=True,
              help="task file, may be given more than once (default: benchmarks/sim_tasks.yaml; held out: "
                   "benchmarks/sim_tasks_heldout_*.yaml)")
@click.option("--apps", default=None,
              help="only these sim apps, comma-separated (notes, clock, calendar, contacts, dialer, messages, todo, settings)")
@click.option("--limit", type=int, default=None, help="only the first N tasks of each app")
@click.option("--fresh", is_flag=True, help="ignore results already in --out (default: resume)")
def sim(out: Path, model_name: str | None, agents: str, tasks_paths: tuple[Path, ...], apps: str | None,
        limit: int | None, fresh: bool) -> None:
    """Each agent on each sim task (a fresh sim per task); a task passes when its check holds on the final
    state. Writes OUT/results.jsonl (one line per agent and task) and OUT/summary.md."""
    from autodroid.bench.simtasks import run_sim_bench
    from autodroid.cli.bench import _command

    names = [a.strip() for a in agents.split(",") if a.strip()]
    chosen_apps = [a.strip() for a in apps.split(",") if a.strip()] if apps else None
    summary = run_sim_bench(out, agents=names, model_name=model_name, tasks_path=list(tasks_paths) or None,
                            apps=chosen_apps, limit=limit, fresh=fresh, command=_command(),
                            progress=lambda line: click.echo(line, err=True))
    for name, entry in summary["agents"].items():
        total = entry["total"]
        apps_text = ", ".join(f"{app} {b['pass']}/{b['tasks']}" for app, b in entry["apps"].items())
        click.echo(f"{name}: {total['pass']}/{total['tasks']} ({total['rate']:.1%}) by final state ({apps_text})")
    click.echo(f"results: {out / 'results.jsonl'}, {out / 'summary.md'}")
