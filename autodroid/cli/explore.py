"""`autodroid explore`: crawl an app on a device into app_docs/<app>/explore/graph.jsonl, then write its doc."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from autodroid.device import open_device
from autodroid.paths import app_docs_dir


def _log_only(spec: str) -> tuple[str, str | None]:
    """DroidTask docs come from the exploration log only (the task demonstrations are the test set)."""
    kind, _, rest = spec.partition(":")
    if kind == "replay" and "?" not in rest:
        return spec + "?log", "exploring the exploration log only (replay:...?log): the task demonstrations are the test set"
    if kind == "replay" and not rest.endswith("?log"):
        return spec, "warning: this replay device includes task demonstrations; docs for benchmarks must use ?log"
    return spec, None


@click.command()
@click.option("--device", "spec", required=True, help="sim:<app>, replay:<folder>[?log], u2:<serial>")
@click.option("--app", default=None, help="app name (default: sim app / replay folder name / foreground package)")
@click.option("--budget", "budget_steps", type=click.IntRange(min=1), default=None,
              help="device actions over the whole graph, resumed runs included (default: 1000; replay: 20000)")
@click.option("--seconds", "budget_seconds", type=click.FloatRange(min=1), default=None,
              help="wall-time budget of this run (default 1800)")
@click.option("--resume", is_flag=True, help="continue the graph in --out where it stopped")
@click.option("--allow-destructive", is_flag=True, default=None,
              help="also try delete/send/pay/... elements (always on for replay devices: nothing real happens)")
@click.option("--destructive-words", default=None, help="comma-separated words that mark an element destructive")
@click.option("--per-screen-limit", type=click.IntRange(min=0), default=None,
              help="tries of the same element action per screen (0: no limit; default 2, replay: no limit)")
@click.option("--sample-text", default="test", show_default=True, help="text typed into input fields")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="folder of graph.jsonl (default: app_docs/<app>/explore/)")
@click.option("--no-doc", is_flag=True, help="only crawl; do not write app_docs/<app>/doc.yaml")
@click.option("--progress", type=click.Choice(["auto", "rich", "plain", "quiet"]), default="auto", show_default=True)
def explore(spec, app, budget_steps, budget_seconds, resume, allow_destructive, destructive_words, per_screen_limit,
            sample_text, out_dir, no_doc, progress) -> None:
    """Explore an app into a UI transition graph (kill-safe; --resume continues), then document it."""
    from autodroid.explorer import crawl, default_app_name

    spec, note = _log_only(spec)
    if note:
        click.echo(note, err=True)
    with open_device(spec) as device:
        name = app or default_app_name(device)
        out = out_dir or app_docs_dir() / name / "explore"
        words = [word.strip() for word in destructive_words.split(",") if word.strip()] if destructive_words else None
        stats = crawl(device, out, app=name, budget_steps=budget_steps, budget_seconds=budget_seconds,
                      resume=resume, allow_destructive=allow_destructive, destructive_words=words,
                      per_screen_limit=per_screen_limit, sample_text=sample_text, progress=progress)
    click.echo(f"explored {name}: {stats.line()}")
    click.echo(f"graph: {stats.graph_path}")
    if stats.stopped in ("device error", "interrupted"):
        click.echo(f"error: {stats.message} (fix: the graph is intact; run again with --resume)", err=True)
        sys.exit(2)
    if stats.stopped != "complete":
        click.echo(stats.message)
    if no_doc:
        return
    try:
        from autodroid.explorer.docwriter import write_doc
    except ImportError:
        click.echo("doc step pending: autodroid.explorer.docwriter is not available yet")
        return
    click.echo(f"doc: {write_doc(stats.graph_path, None, name)}")
