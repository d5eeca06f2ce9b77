"""Budgets: every limit a script runs under, and the meter that counts them inside the walker."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, fields

from .errors import BudgetExceeded


@dataclass(frozen=True, kw_only=True)
class Budgets:
    """Limits for one run. Every field is documented in the README table (generated from ``BUDGET_DOCS``)."""

    max_seconds: float = 60.0
    max_ops: int = 200_000
    max_actions: int = 100
    max_reads: int = 2_000
    max_loop_iterations: int = 10_000
    max_iterations_per_loop: int = 1_000
    max_list_items: int = 500
    max_string_length: int = 10_000
    max_int: int = 10**15
    max_range: int = 10_000
    max_depth: int = 60
    max_source_chars: int = 20_000
    max_prints: int = 200

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                    or value < 0:
                raise ValueError(f"Budgets.{f.name} must be a finite non-negative number, got {value!r}")


BUDGET_DOCS: dict[str, str] = {
    "max_seconds": "wall-clock seconds for the whole run, the static check and error suggestions included; checked at "
                   "every step of the walker and after every host call",
    "max_ops": "walker steps (every statement and expression node evaluated, every list item fetched)",
    "max_actions": "device actions (tap, long_tap, set_text, scroll, select, back); the autodroid runtime also "
                   "counts its own (navigation hops, scrolls, restarts) against it",
    "max_reads": "host reads (get_text, get_attributes, list items fetched)",
    "max_loop_iterations": "loop iterations in total, all loops together",
    "max_iterations_per_loop": "iterations of any one loop (counted afresh each time the loop starts)",
    "max_list_items": "items fetched from a host list in one pass (`for`, `lst[i]`, `len`, `match`)",
    "max_string_length": "characters in any string the script builds (+, f-strings, str(), print)",
    "max_int": "absolute value of any integer (literal or computed)",
    "max_range": "elements in one `range(...)` or list literal",
    "max_depth": "nesting depth of the syntax tree (blocks and expressions)",
    "max_source_chars": "characters of script source",
    "max_prints": "calls of `print`",
}


class Meter:
    """Counts one run against its budgets. ``tick`` is the hot path: one increment, one clock read."""

    __slots__ = ("budgets", "ops", "actions", "reads", "loop_iterations", "prints", "started", "deadline", "where")

    def __init__(self, budgets: Budgets, where, started: float | None = None):
        self.budgets = budgets
        self.ops = 0
        self.actions = 0
        self.reads = 0
        self.loop_iterations = 0
        self.prints = 0
        self.started = time.monotonic() if started is None else started
        self.deadline = self.started + budgets.max_seconds
        # where() -> dict(line=, col=, source_line=) of the statement running now, for error positions.
        self.where = where

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def exceeded(self, budget: str, message: str) -> BudgetExceeded:
        return BudgetExceeded(budget, getattr(self.budgets, budget), message, **self.where())

    def tick(self) -> None:
        self.ops += 1
        if self.ops > self.budgets.max_ops:
            raise self.exceeded("max_ops", f"operation budget of {self.budgets.max_ops} steps exhausted")
        if time.monotonic() > self.deadline:
            raise self.exceeded("max_seconds", f"time budget of {self.budgets.max_seconds} s exhausted")

    def check_clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise self.exceeded("max_seconds", f"time budget of {self.budgets.max_seconds} s exhausted")

    def action(self) -> None:
        self.actions += 1
        if self.actions > self.budgets.max_actions:
            raise self.exceeded("max_actions", f"action budget of {self.budgets.max_actions} device actions exhausted")

    def read(self) -> None:
        self.reads += 1
        if self.reads > self.budgets.max_reads:
            raise self.exceeded("max_reads", f"read budget of {self.budgets.max_reads} host reads exhausted")

    def loop_iteration(self, count_in_this_loop: int) -> None:
        self.loop_iterations += 1
        if self.loop_iterations > self.budgets.max_loop_iterations:
            raise self.exceeded(
                "max_loop_iterations", f"loop budget of {self.budgets.max_loop_iterations} iterations in total exhausted"
            )
        if count_in_this_loop > self.budgets.max_iterations_per_loop:
            raise self.exceeded(
                "max_iterations_per_loop",
                f"this loop ran more than {self.budgets.max_iterations_per_loop} iterations",
            )

    def print_call(self) -> None:
        self.prints += 1
        if self.prints > self.budgets.max_prints:
            raise self.exceeded("max_prints", f"print budget of {self.budgets.max_prints} lines exhausted")
