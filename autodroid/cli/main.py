"""The ``autodroid`` command. Each group lives in its own module; this file only assembles them and
turns library errors into one line with the fix (exit code 2)."""

from __future__ import annotations

import importlib
import sys

import click

from autodroid import __version__
from autodroid.errors import AutodroidError
from autodroid.textsafe import clean

# (module, attribute) of every command or group; each module owns its commands.
COMMAND_MODULES: list[tuple[str, str]] = [
    ("autodroid.cli.device_cmds", "devices"),
    ("autodroid.cli.device_cmds", "screen"),
    ("autodroid.cli.device_cmds", "act"),
    ("autodroid.cli.explore", "explore"),
    ("autodroid.cli.docs", "docs"),
    ("autodroid.cli.models", "models"),
    ("autodroid.cli.doctor", "doctor"),
    ("autodroid.cli.paths", "paths_command"),
    ("autodroid.cli.script", "script"),
    ("autodroid.cli.bench", "bench"),
    ("autodroid.cli.run", "run"),
    ("autodroid.cli.run", "plan"),
    ("autodroid.cli.run", "examples"),
]


class ErrorBoundaryGroup(click.Group):
    """Runs a command and prints ``error: <message> (fix: <fix>)`` for any AutodroidError."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AutodroidError as error:
            click.echo(f"error: {clean(error.one_line())}", err=True)
            sys.exit(2)
        except click.UsageError as error:  # a bad option or argument: one line too, with where to look
            where = error.ctx.command_path if error.ctx is not None else "autodroid"
            click.echo(f"error: {clean(' '.join(error.format_message().split()))} "
                       f"(fix: see `{where} --help`)", err=True)
            sys.exit(2)


@click.group(cls=ErrorBoundaryGroup)
@click.version_option(__version__, prog_name="autodroid")
def cli() -> None:
    """autodroid: explore an app into API docs, plan a script with a local model, run it safely."""


for _module, _attribute in COMMAND_MODULES:
    cli.add_command(getattr(importlib.import_module(_module), _attribute))
