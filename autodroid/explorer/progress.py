"""Progress reporting for a crawl: a rich live panel on a terminal, plain periodic lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import Callable, Protocol


class ProgressSink(Protocol):
    def update(self, stats) -> None: ...

    def close(self, stats) -> None: ...


class Quiet:
    def update(self, stats) -> None:
        pass

    def close(self, stats) -> None:
        pass


class Callback:
    """Wraps a plain function called with the stats after every step."""

    def __init__(self, function: Callable):
        self.function = function

    def update(self, stats) -> None:
        self.function(stats)

    def close(self, stats) -> None:
        self.function(stats)


class PlainLines:
    """One line every ``every`` seconds (for logs and pipes), and one at the end."""

    def __init__(self, stream=None, every: float = 5.0):
        self.stream = stream or sys.stderr
        self.every = every
        self._last = 0.0

    def update(self, stats) -> None:
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            print(f"explore: {stats.line()}", file=self.stream, flush=True)

    def close(self, stats) -> None:
        print(f"explore: {stats.line()}", file=self.stream, flush=True)


class RichLive:
    """A live table refreshed a few times a second."""

    def __init__(self):
        from rich.console import Console
        from rich.live import Live

        self._live = Live(console=Console(stderr=True), refresh_per_second=4, transient=False)
        self._live.start()
        self._last = 0.0

    @staticmethod
    def _table(stats):
        from rich.table import Table

        table = Table(title=f"exploring {stats.app}", show_header=False, box=None)
        for name, value in (("steps", f"{stats.steps}/{stats.budget_steps}"), ("states", stats.states),
                            ("screens", stats.screens), ("edges", stats.edges),
                            ("transitions", stats.transitions), ("unexplored", stats.unexplored),
                            ("skipped (destructive)", stats.skipped_destructive),
                            ("elapsed", f"{stats.elapsed:.1f}s / {stats.budget_seconds:.0f}s")):
            table.add_row(name, str(value))
        return table

    def update(self, stats) -> None:
        now = time.monotonic()
        if now - self._last >= 0.2:
            self._last = now
            self._live.update(self._table(stats))

    def close(self, stats) -> None:
        self._live.update(self._table(stats))
        self._live.stop()


def make_progress(progress) -> ProgressSink:
    """``None``/"quiet": nothing; "plain": periodic lines; "rich": live panel; "auto": rich on a terminal,
    else plain; a callable: called with the stats after each step; an object with update/close: used."""
    if progress is None or progress == "quiet":
        return Quiet()
    if progress == "auto":
        progress = "rich" if sys.stderr.isatty() else "plain"
    if progress == "plain":
        return PlainLines()
    if progress == "rich":
        return RichLive()
    if hasattr(progress, "update") and hasattr(progress, "close"):
        return progress
    if callable(progress):
        return Callback(progress)
    from autodroid.errors import BadInputError

    raise BadInputError(f"unknown progress mode {progress!r}", fix="use quiet, plain, rich, auto or a callable")
