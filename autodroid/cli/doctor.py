"""`autodroid doctor`: check Python, the model, RAM, adb, the phone and its uiautomator2 server."""

from __future__ import annotations

import json
import sys

import click

from autodroid.doctor import Check, run_doctor


def _marks() -> tuple[str, str, str]:
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "✓✗".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "OK  ", "FAIL", "--  "
    return "✓", "✗", "-"


def format_check(check: Check, marks: tuple[str, str, str]) -> str:
    good, bad, skipped = marks
    mark = skipped if check.skipped else good if check.ok else bad
    optional = "" if check.required or check.ok or check.skipped else " (optional)"
    line = f"{mark} {check.name}{optional}: {check.detail}"
    if check.fix and not check.ok and not check.skipped:
        line += f"\n    fix: {check.fix}"
    return line


@click.command()
@click.option("--model", default=None, help="registry name, .gguf path or server URL (default: $AUTODROID_MODEL, "
              "else the registry default)")
@click.option("--device", default=None, help="u2:SERIAL or SERIAL (default: $ANDROID_SERIAL, else the only phone)")
@click.option("--no-device", is_flag=True, help="skip the phone checks (offline use with sim: and replay: devices)")
@click.option("--verify-model", is_flag=True, help="hash the whole model file (assembling it first if needed)")
@click.option("--json", "as_json", is_flag=True, help="print the checks as JSON")
def doctor(model: str | None, device: str | None, no_device: bool, verify_model: bool, as_json: bool) -> None:
    """Check this setup; every failed check comes with its fix. Exit code 1 when a required check fails."""
    report = run_doctor(model=model, device=device, check_device=not no_device, verify_model=verify_model)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=1, ensure_ascii=False))
    else:
        marks = _marks()
        for check in report.checks:
            click.echo(format_check(check, marks))
        failed = sum(check.failed for check in report.checks)
        click.echo("all required checks passed" if report.ok else f"{failed} required check(s) failed")
    sys.exit(0 if report.ok else 1)
