"""`autodroid script run`: run a droidscript script on a device through the app's doc, print the trace."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import click

from autodroid.appdoc import load_doc
from autodroid.device import open_device
from autodroid.errors import BadInputError
from autodroid.textsafe import clean


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
@click.option("--max-seconds", default=None, metavar="SECONDS",
              help="wall-clock budget of the script (a number > 0, at most 86400)")
@click.option("--interactive/--non-interactive", default=None,
              help="ask y/N for `confirm` actions (default: when stdin is a terminal and the script is a file)")
@click.argument("file", type=click.File("rb"))
def run(spec: str, app: str, doc_path: Path | None, policy_path: str | None, auto_yes: bool,
        trace_path: Path | None, max_seconds: str | None, interactive: bool | None, file) -> None:
    """Run FILE (or - for stdin) on the device; print the trace summary. Exit 1 when the script fails."""
    from droidscript import Budgets

    from autodroid.runtime import run_on_device

    seconds = parse_seconds(max_seconds)
    source = read_script(file, Budgets().max_source_chars)
    doc = load_doc(doc_path if doc_path is not None else app)
    if doc_path is not None and doc.app != app:
        raise BadInputError(f"{doc_path} documents {doc.app!r}, not {app!r}", fix=f"pass --app {doc.app}")
    policy = load_cli_policy(policy_path)
    if interactive is None:
        interactive = getattr(file, "name", "-") not in ("<stdin>", "-") and sys.stdin.isatty()
    confirm = _ask if interactive else None
    budgets = Budgets(max_seconds=seconds) if seconds is not None else None
    with open_device(spec) as device:
        if doc.package and device.current_app() != doc.package:
            device.app_start(doc.package)
        report = run_on_device(source, doc, device, policy=policy, confirm=confirm, budgets=budgets,
                               trace_path=trace_path, auto_yes=auto_yes)
    click.echo(report.summary())
    if not report.ok:
        click.echo(f"\nerror: {clean(report.error_text, keep_newlines=True)}", err=True)
        sys.exit(1)


MAX_SECONDS = 86_400.0


def parse_seconds(value: str | None) -> float | None:
    """A --max-seconds value: a finite number > 0 (nan, inf, 0 and negatives would disable or break the
    clock)."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or not 0 < seconds <= MAX_SECONDS:
        raise BadInputError(f"--max-seconds {clean(value)[:40]!r} is not a number of seconds between 0 and "
                            f"{MAX_SECONDS:g}", fix="pass a positive number such as --max-seconds 30")
    return seconds


def read_script(file, max_chars: int) -> str:
    """The script file's text: UTF-8, at most ``max_chars`` characters, not empty; else one clear error."""
    name = getattr(file, "name", "the script")
    name = "<stdin>" if name in ("<stdin>", "-") else str(name)
    data = file.read(max_chars * 4 + 1)
    if len(data) > max_chars * 4:
        raise BadInputError(f"the script {clean(name)} is larger than {max_chars:,} characters",
                            fix="a script is a few lines of API calls; pass the right file")
    if b"\x00" in data:
        raise BadInputError(f"the script {clean(name)} is a binary file (it holds NUL bytes)",
                            fix="pass a text file of script lines")
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInputError(f"the script {clean(name)} is not UTF-8 text (byte {error.start})",
                            fix="save the script as UTF-8") from None
    if len(source) > max_chars:
        raise BadInputError(f"the script {clean(name)} has {len(source):,} characters, more than {max_chars:,}",
                            fix="a script is a few lines of API calls; shorten it")
    if not source.strip():
        raise BadInputError(f"the script {clean(name)} is empty", fix="write at least one line, e.g. back()")
    return source


def load_cli_policy(value: str | None):
    """The --policy option: the shipped default, a file, or `none` (warned about on stderr)."""
    from autodroid.runtime.policy import NO_POLICY_WARNING, policy_for_option

    policy = policy_for_option(value)
    if not policy.classify:
        click.echo(NO_POLICY_WARNING, err=True)
    return policy


def _ask(request) -> bool:
    return click.confirm(clean(request.question()), default=False, err=True)
