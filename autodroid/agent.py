"""The agent: task -> plan (one script from the local model) -> run (sandboxed, on the device) -> repair.

``run_task`` plans a script, runs it through the runtime, and when the run fails in a way a better script
could fix (unknown API, element not found, navigation failed, unexplored transition, an invalid answer),
feeds the error and the current screen back to the model and runs the new script, at most ``repairs``
times. Every attempt (prompt sizes, script, post-processing, runtime trace) goes to one JSONL trace.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from autodroid.appdoc import AppDoc
from autodroid.errors import AutodroidError
from autodroid.planner.model import Model
from autodroid.planner.planner import Plan, PlanConfig, Planner
from autodroid.planner.prompt import RepairContext

# Failures a new script can fix; anything else (policy refusal, a broken device) ends the task.
REPAIRABLE = ("ScriptError", "BudgetExceeded", "NoSuchItem", "ElementNotFound", "AmbiguousElement",
              "NavigationFailed", "UnexploredTransition", "PlanError")
SCREEN_CHARS = 1500  # compact html of the current screen shown to the model when repairing

EventCallback = Callable[[dict], None]


@dataclass
class Attempt:
    number: int
    plan: Plan
    ok: bool
    error: str = ""  # one paragraph, for the model and the person (empty when ok)
    error_type: str = ""
    actions: list = field(default_factory=list)  # runtime DeviceActions of this attempt
    skipped: list = field(default_factory=list)  # lines a recording had no outcome for (continued past)
    seconds: float = 0.0  # run time on the device

    def to_dict(self) -> dict:
        return {"attempt": self.number, "ok": self.ok, "error": self.error, "error_type": self.error_type,
                "script": self.plan.script, "actions": len(self.actions), "run_s": round(self.seconds, 3),
                "continued_past": list(self.skipped)}


@dataclass
class TaskResult:
    task: str
    app: str
    ok: bool
    attempts: list[Attempt]
    error: str | None  # one line when the task failed
    seconds: float
    trace_path: str | None = None

    @property
    def script(self) -> str:
        return self.attempts[-1].plan.script if self.attempts else ""

    @property
    def scripts(self) -> list[str]:
        return [a.plan.script for a in self.attempts]

    @property
    def plans(self) -> list[Plan]:
        return [a.plan for a in self.attempts]

    @property
    def actions(self) -> list:
        return [action for attempt in self.attempts for action in attempt.actions]

    @property
    def repairs(self) -> int:
        return max(0, len(self.attempts) - 1)

    def totals(self) -> dict[str, Any]:
        plans = self.plans
        return {
            "model_calls": len(plans),
            "prompt_tokens": sum(p.prompt_tokens for p in plans),
            "cached_prefix_tokens": sum(p.cached_prefix_tokens for p in plans),
            "generated_tokens": sum(p.generated_tokens for p in plans),
            "prefill_seconds": sum(p.prefill_seconds for p in plans),
            "decode_seconds": sum(p.decode_seconds for p in plans),
        }


def _error_type(report) -> str:
    cause = report.cause
    return type(cause).__name__ if cause is not None else ""


def current_screen_html(device, limit: int = SCREEN_CHARS) -> str:
    from autodroid.ui.render import render_html

    try:
        html = render_html(device.screen())
    except AutodroidError:
        return ""
    return html if len(html) <= limit else html[:limit] + "\n..."


def run_task(task: str, doc: AppDoc, device, model: Model, *, planner: Planner | None = None,
             config: PlanConfig | None = None, examples: Any = "auto", repairs: int = 2, policy=None,
             confirm=None, auto_yes: bool = False, budgets=None, trace_path: str | Path | None = None,
             on_event: EventCallback | None = None, repair_on: tuple[str, ...] = REPAIRABLE,
             continue_unexplored: bool = True, continue_on_failure: bool = True) -> TaskResult:
    """Plan, run and repair one task. ``examples``: "auto" (the stored examples for this doc, if any), an
    ``ExampleStore``, or None. ``on_event`` gets progress dicts (``{"event": "planned", ...}``) for a UI.
    ``continue_unexplored``: on a recorded (replay) device, an action the script issued on the right element
    but the recording has no outcome for counts as performed (as the published metric counts it) and the
    script goes on with its next line, on the unchanged screen; real devices never report this.
    ``continue_on_failure``: a line whose element cannot be found or reached is skipped and the script goes
    on (the attempt still fails and is repaired). A line that already ran in this task is never run again
    by a repaired script (it would toggle a checkbox back, or type twice).
    Never raises for a failing script; model and device errors that no retry can fix propagate."""
    from autodroid.runtime import run_on_device
    from autodroid.runtime.trace import Trace

    if repairs < 0:
        raise ValueError("repairs must be >= 0")
    started = time.perf_counter()
    if planner is None:
        store = examples
        if examples == "auto":
            from autodroid.planner.examples import default_store

            store = default_store(doc)
        planner = Planner(model, doc, config=config, examples=store)
    emit = on_event or (lambda event: None)
    trace = Trace(trace_path)
    trace.add("task", task=task, app=doc.app, doc_version=doc.version, model=getattr(model, "name", "?"),
              device=getattr(device, "spec", ""), config=vars(planner.config))
    attempts: list[Attempt] = []
    done_lines: list[str] = []
    repair: RepairContext | None = None
    error_line: str | None = None
    try:
        for number in range(1, repairs + 2):
            emit({"event": "planning", "attempt": number})
            plan = planner.plan(task, repair=repair, attempt=number)
            trace.add("plan", **plan.to_dict())
            emit({"event": "planned", "attempt": number, "plan": plan})
            if plan.ok and any(a.plan.script == plan.script for a in attempts):
                trace.add("repeat", attempt=number, note="the model wrote a script it already ran; stopping")
                break  # running it again would fail the same way
            if not plan.ok:
                problem = plan.problems[0] if plan.problems else "the model wrote no action"
                attempt = Attempt(number, plan, False, f"the script is invalid: {problem}", "PlanError")
            else:
                script = "\n".join(line for line in plan.script.splitlines() if line not in done_lines)
                if not script.strip():
                    trace.add("repeat", attempt=number, note="every line of the new script already ran; stopping")
                    break
                emit({"event": "running", "attempt": number, "script": script})
                run_started = time.perf_counter()
                attempt, done = _run_attempt(number, plan, script, doc, device, trace, trace_path,
                                             continue_unexplored, continue_on_failure,
                                             dict(policy=policy, confirm=confirm, budgets=budgets, auto_yes=auto_yes))
                done_lines.extend(done)
                attempt.seconds = time.perf_counter() - run_started
                trace = _reopen(trace)
            attempts.append(attempt)
            trace.add("attempt", **attempt.to_dict())
            emit({"event": "attempt", "attempt": attempt})
            if attempt.ok:
                error_line = None
                break
            error_line = " ".join(attempt.error.split())
            if attempt.error_type not in repair_on or number > repairs:
                break
            repair = RepairContext(plan.script or plan.raw, attempt.error, current_screen_html(device))
    finally:
        result = TaskResult(task, doc.app, bool(attempts) and attempts[-1].ok, attempts, error_line,
                            time.perf_counter() - started, str(trace_path) if trace_path else None)
        trace.add("task_end", ok=result.ok, error=error_line, attempts=len(attempts),
                  seconds=round(result.seconds, 3), **{k: (round(v, 3) if isinstance(v, float) else v)
                                                       for k, v in result.totals().items()})
        trace.close()
    return result


LINE_FAILURES = ("ElementNotFound", "AmbiguousElement", "NoSuchItem", "NavigationFailed")


def _run_attempt(number: int, plan: Plan, script: str, doc: AppDoc, device, trace, trace_path,
                 continue_unexplored: bool, continue_on_failure: bool, options: dict) -> tuple[Attempt, list[str]]:
    """Run ``script`` (the plan's, without lines an earlier attempt already did). With
    ``continue_unexplored``, go on after each action a recording lacks (it counts as done); with
    ``continue_on_failure``, go on after a line whose element cannot be found or reached (the attempt
    still fails, naming it). Returns the attempt and the lines that were done."""
    from autodroid.planner.examples import run_outcome
    from autodroid.planner.postprocess import straight_lines
    from autodroid.runtime import run_on_device

    actions: list = []
    skipped: list[str] = []
    done: list[str] = []
    failures: list[tuple[str, str, str]] = []  # (line, error text, error type)
    if trace_path is not None:
        trace.close()  # the runtime appends its own entries to the same file
    while True:
        report = run_on_device(script, doc, device, trace_path=trace_path, **options)
        actions.extend(report.actions)
        if trace_path is None:
            for entry in report.trace:
                trace.add("runtime", **{("kind" if k == "event" else k): v for k, v in entry.items()
                                        if k not in ("seq", "t")})
        lines = straight_lines(script) or []
        if report.ok:
            done.extend(lines)
            break
        failed_line = getattr(report.error, "line", None)
        if not (isinstance(failed_line, int) and 0 < failed_line <= len(lines)):
            failures.append(("", report.error_text, _error_type(report)))
            break
        done.extend(lines[:failed_line - 1])
        if continue_unexplored and run_outcome(report) == "reached":
            skipped.append(lines[failed_line - 1])
            done.append(lines[failed_line - 1])
        elif continue_on_failure and _error_type(report) in LINE_FAILURES:
            failures.append((lines[failed_line - 1], report.error_text, _error_type(report)))
        else:
            failures.append((lines[failed_line - 1], report.error_text, _error_type(report)))
            break
        if failed_line == len(lines):
            break
        script = "\n".join(lines[failed_line:])
    if not failures:
        return Attempt(number, plan, True, "", "", actions, skipped=skipped), done
    line, text, kind = failures[0]
    if len(failures) > 1:
        text += f"\n(and {len(failures) - 1} more failed line{'s' * (len(failures) > 2)}: " \
                f"{'; '.join(f[0] for f in failures[1:])})"
    return Attempt(number, plan, False, text, kind, actions, skipped=skipped), done


def _reopen(trace):
    from autodroid.runtime.trace import Trace

    fresh = Trace(trace.path)
    fresh.entries = trace.entries
    return fresh


__all__ = ["Attempt", "REPAIRABLE", "TaskResult", "run_task"]
