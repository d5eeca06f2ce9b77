"""``run_on_device``: run one droidscript script against a device through the app's doc.

The planner calls this and repairs from ``RunReport.error_text``; the CLI prints ``RunReport.summary()``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from droidscript import Budgets, DroidScriptError, RunResult, run_script

from autodroid.appdoc import AppDoc
from autodroid.device.base import Device
from autodroid.errors import AutodroidError
from autodroid.runtime.host import ConfirmCallback, DeviceAction, Limits, RuntimeHost
from autodroid.runtime.policy import Policy
from autodroid.runtime.trace import Trace, summarize


@dataclass
class RunReport:
    ok: bool
    error: Exception | None  # a droidscript error (ScriptError, BudgetExceeded, ActionError...) or None
    error_text: str  # what failed, on which line, what was on screen: written for a model to repair from
    actions: list[DeviceAction]  # every device action, script steps and the runtime's own (navigation...)
    trace: list[dict[str, Any]]
    result: RunResult | None = None  # the interpreter's result (partial on failure)
    printed: tuple[str, ...] = field(default_factory=tuple)

    @property
    def cause(self) -> Exception | None:
        """The underlying typed error: ``PolicyRefused``, ``ElementNotFound``, ``DeviceError``... for action
        failures; the droidscript error itself otherwise."""
        return getattr(self.error, "cause", None) or self.error

    @property
    def script_actions(self) -> list[DeviceAction]:
        return [a for a in self.actions if a.role == "script"]

    def summary(self) -> str:
        return summarize(self.trace)


def run_on_device(script: str, doc: AppDoc, device: Device, *, policy: Policy | None = None,
                  confirm: ConfirmCallback | None = None, budgets: Budgets | None = None,
                  trace_path: str | Path | None = None, auto_yes: bool = False, limits: Limits | None = None,
                  app: str | None = None) -> RunReport:
    """Run ``script`` on ``device`` with ``doc``'s APIs. Never raises for a failing script or device: the
    report says ``ok=False`` with a typed ``error``. ``confirm`` is asked for actions the policy marks
    ``confirm`` (no callback and no ``auto_yes``: they are refused)."""
    trace = Trace(trace_path)
    host = RuntimeHost(doc, device, policy=policy, confirm=confirm, auto_yes=auto_yes, trace=trace,
                       limits=limits, app=app)
    budgets = budgets or Budgets()
    host.max_seconds = budgets.max_seconds
    host.max_actions = budgets.max_actions
    host.deadline = time.monotonic() + host.max_seconds

    def on_event(event: dict) -> None:
        kind = event.get("event")
        if kind == "statement":
            host.line = event.get("line")
            trace.add("statement", line=event.get("line"), source=event.get("source"))
        elif kind == "print":
            trace.add("print", line=event.get("line"), text=event.get("text"))
        elif kind in ("action", "read") and not event.get("ok", True):
            trace.add("call_failed", **{k: v for k, v in event.items() if k != "event"})
        elif kind == "read" and event.get("method") != "list_items":
            trace.add("read", line=event.get("line"), api=event.get("name"), method=event.get("method"))

    trace.add("run_start", app=doc.app, doc_version=host.doc_version, device=getattr(device, "spec", ""),
              policy=host.policy.origin, script=script)
    error: Exception | None = None
    result: RunResult | None = None
    try:
        result = run_script(script, host, budgets=budgets, on_event=on_event)
    except DroidScriptError as failure:
        error = failure
        result = failure.partial
    except AutodroidError as failure:  # raised outside a host call (cannot happen today; kept typed)
        error = failure
    text = error_text(error, host) if error is not None else ""
    trace.add("run_end", ok=error is None, error=text or None,
              error_type=type(getattr(error, "cause", None) or error).__name__ if error else None,
              actions=len(host.actions), elapsed_s=result.elapsed_s if result else 0.0)
    trace.close()
    return RunReport(error is None, error, text, list(host.actions), list(trace.entries), result,
                     tuple(result.printed) if result else ())


def error_text(error: Exception, host: RuntimeHost) -> str:
    """One paragraph: the line and its source, what failed, the screen and nearby APIs, and the fix."""
    if isinstance(error, DroidScriptError):
        text = str(error)
        cause = getattr(error, "cause", None)
        if cause is None and host.may_read_screen_for_errors():  # script or budget errors say nothing about the screen yet
            try:
                rec = host.recognize()
                nearby = host.nearby_apis()
                text += f"\nScreen now: {rec.describe()}."
                if nearby:
                    text += f" Elements here: {', '.join(nearby)}."
            except AutodroidError:
                pass
        if error.fix:
            text += f"\nFix: {error.fix}"
        return text
    if isinstance(error, AutodroidError):
        return error.one_line()
    return f"{type(error).__name__}: {error}"
