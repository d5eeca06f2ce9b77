"""`autodroid script run`: run a droidscript script on a device through the app's doc, print the trace."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from autodroid.appdoc import load_doc
from autodroid.device import open_device
from autodroid.errors import BadInputError


@click.group()
def script() -> None:
    """Run scripts written in the autodroid script language (see interpreter/README.md)."""


@script.command()
@click.option("--device", "spec", required=True, help="sim:<app>, replay:<folder>[?log], u2:<serial>")
@click.option("--app", required=True, help="the app whose doc names the script's APIs (app_docs/<app>/doc.yaml)")
@click.option("--doc", "doc_path", type=click.Path(dir_okay=False, path_type=Path),
              help="use this doc.yaml instead of app_docs/<app>/doc.yaml")
@click.option("--policy", "policy_path", default=None, metavar="FILE|none",
              help="privilege policy (YAML or TOML); default: the shipped policies/default.yaml; "
                   "`none`: no policy, only the doc's risk tags (not recommended)")
@click.option("--yes", "auto_yes", is_flag=True, help="confirm every action the policy marks `confirm` (never `deny`)")
@click.option("--trace", "trace_path", type=click.Path(dir_okay=False, path_type=Path),
              help="append the run's trace to this JSON-lines file")
@click.option("--max-seconds", type=float, default=None, help="wall-clock budget of the script")
@click.option("--interactive/--non-interactive", default=None,
              help="ask y/N for `confirm` actions (default: when stdin is a terminal and the script is a file)")
@click.argument("file", type=click.File("r", encoding="utf-8"))
def run(spec: str, app: str, doc_path: Path | None, policy_path: str | None, auto_yes: bool,
        trace_path: Path | None, max_seconds: float | None, interactive: bool | None, file) -> None:
    """Run FILE (or - for stdin) on the device; print the trace summary. Exit 1 when the script fails."""
    from droidscript import Budgets

    from autodroid.runtime import run_on_device

    source = file.read()
    if not source.strip():
        raise BadInputError(f"the script {file.name} is empty", fix="write at least one line, e.g. back()")
    doc = load_doc(doc_path if doc_path is not None else app)
    if doc_path is not None and doc.app != app:
        raise BadInputError(f"{doc_path} documents {doc.app!r}, not {app!r}", fix=f"pass --app {doc.app}")
    policy = load_cli_policy(policy_path)
    if interactive is None:
        interactive = file.name != "<stdin>" and sys.stdin.isatty()
    confirm = _ask if interactive else None
    budgets = Budgets(max_seconds=max_seconds) if max_seconds is not None else None
    with open_device(spec) as device:
        if doc.package and device.current_app() != doc.package:
            device.app_start(doc.package)
        report = run_on_device(source, doc, device, policy=policy, confirm=confirm, budgets=budgets,
                               trace_path=trace_path, auto_yes=auto_yes)
    click.echo(report.summary())
    if not report.ok:
        click.echo(f"\nerror: {report.error_text}", err=True)
        sys.exit(1)


def load_cli_policy(value: str | None):
    """The --policy option: the shipped default, a file, or `none` (warned about on stderr)."""
    from autodroid.runtime.policy import NO_POLICY_WARNING, policy_for_option

    policy = policy_for_option(value)
    if not policy.classify:
        click.echo(NO_POLICY_WARNING, err=True)
    return policy


def _ask(request) -> bool:
    return click.confirm(request.question(), default=False, err=True)
