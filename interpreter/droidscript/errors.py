"""Typed errors, split by what the caller should do. Every one subclasses ``DroidScriptError``.

- ``ScriptError``: the script is invalid (refused before running, or failed while running because of
  its own logic: division by zero, wrong types, unknown dict key). Regenerate or repair the script.
- ``BudgetExceeded``: a budget ran out (``.budget`` names which). The script may loop forever or do too
  much; shorten it or raise the budget.
- ``ActionError``: the host failed while acting (element missing, device broken, policy refused, ...).
  The host's exception is ``.cause`` and ``__cause__``. ``NoSuchItem`` is the interpreter's own
  "the list has no such item" (``lst.match``, ``lst[i]``).

Messages are written for a model to repair from: they quote the line and name the nearest valid names.
"""

from __future__ import annotations

from typing import Any, Sequence


QUOTE_CHARS = 200
MESSAGE_CHARS = 1000


def quote_line(line: str) -> str:
    """A source line for a message: stripped, cut to QUOTE_CHARS, and with every character that a terminal
    or a reader would act on (control characters, line/paragraph separators, bidi controls) escaped."""
    line = line.strip()
    if len(line) > QUOTE_CHARS:
        line = line[:QUOTE_CHARS - 3] + "..."
    return "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" if ord(c) > 0xff
                   else f"\\x{ord(c):02x}" for c in line)


class DroidScriptError(Exception):
    """Base of every error the interpreter raises on purpose."""

    default_fix = ""

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        col: int | None = None,
        source_line: str | None = None,
        fix: str | None = None,
    ):
        if len(message) > MESSAGE_CHARS:  # a message quoting a 40,000-character name is no help to anyone
            message = message[:MESSAGE_CHARS - 3] + "..."
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.source_line = source_line
        self.fix = fix if fix is not None else self.default_fix
        # The run's RunResult up to the failure; set by run_script (None from check_script).
        self.partial: Any = None

    def located(self, line: int | None, col: int | None, source_line: str | None) -> "DroidScriptError":
        """Fill in a position if none is set yet (errors raised deep inside get it from the statement)."""
        if self.line is None and line is not None:
            self.line, self.col, self.source_line = line, col, source_line
        return self

    def __str__(self) -> str:
        head = f"line {self.line}: {self.message}" if self.line is not None else self.message
        if self.source_line is not None and self.source_line.strip():
            head += f"\n    {quote_line(self.source_line)}"
        return head

    def one_line(self) -> str:
        text = " ".join(self.message.split())
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{text} (fix: {self.fix})" if self.fix else f"{where}{text}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary for traces."""
        return {
            "type": type(self).__name__,
            "message": self.message,
            "line": self.line,
            "col": self.col,
            "source": self.source_line,
            "fix": self.fix,
        }


class ScriptError(DroidScriptError):
    """The script is invalid: refused by the static pass (``phase="static"``) or failed at run time
    because of its own logic (``phase="runtime"``). ``suggestions``: nearest valid names, if any."""

    default_fix = "rewrite the line using only documented API names, methods and the allowed syntax"

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        col: int | None = None,
        source_line: str | None = None,
        suggestions: Sequence[str] = (),
        phase: str = "static",
        fix: str | None = None,
    ):
        self.suggestions = tuple(suggestions)
        self.phase = phase
        self.more: tuple[ScriptError, ...] = ()  # further static errors (run_script raises the first)
        if self.suggestions:
            message = f"{message}; nearest valid: {', '.join(self.suggestions)}"
        super().__init__(message, line=line, col=col, source_line=source_line, fix=fix)

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["suggestions"] = list(self.suggestions)
        d["phase"] = self.phase
        return d


class BudgetExceeded(DroidScriptError):
    """A budget ran out. ``budget`` is the Budgets field name (``max_seconds``, ``max_actions``...)."""

    default_fix = "make the script shorter or its loops bounded, or run it with a larger budget"

    def __init__(self, budget: str, limit: Any, message: str | None = None, **where: Any):
        self.budget = budget
        self.limit = limit
        super().__init__(message or f"budget {budget}={limit} exceeded", **where)

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["budget"] = self.budget
        d["limit"] = self.limit
        return d


class ActionError(DroidScriptError):
    """The host failed while acting. ``cause`` (also ``__cause__``) is the host's exception, if any."""

    default_fix = "check that the element is on a reachable screen, or use another documented element"

    def __init__(
        self,
        message: str,
        *,
        name: str | None = None,
        method: str | None = None,
        args: tuple = (),
        cause: BaseException | None = None,
        **where: Any,
    ):
        self.name = name
        self.method = method
        self.args_ = args
        self.cause = cause
        super().__init__(message, **where)
        if cause is not None:
            self.__cause__ = cause

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["name"] = self.name
        d["method"] = self.method
        d["cause"] = None if self.cause is None else f"{type(self.cause).__name__}: {self.cause}"
        return d


class NoSuchItem(ActionError):
    """A list has no item matching the text (``lst.match``) or at the index (``lst[i]``)."""

    default_fix = "use one of the item labels listed in the message, or check the list first with len()"
