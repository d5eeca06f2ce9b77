"""No-model agents: the planner's ranked candidate lines run as the script (``candidates-1``,
``candidates-3``, ``candidates-all``).

The lines are exactly the choice lines the planner offers the model for this task (its default
``PlanConfig``, its own ranking and line expansion: ``Planner.candidate_lines`` when the planner has it,
else ``Planner.choices`` over ``Planner.candidates``, the same two calls ``Planner.plan`` makes), so these
rows follow every planner change. The first k lines (all of them for ``candidates-all``) are run by the
same task runner as ours (``autodroid.agent.run_task``: unexplored lines counted as done and skipped past,
a line that cannot be found or reached skipped), with no repair and no model. Lines with a free text slot
(only a model could fill them) are left out. Sensitive actions are allowed (``auto_yes``), as for ours.

A planner change that does not beat these rows is not an improvement of the model's part.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from autodroid.bench.agents import AgentOutcome


def candidate_lines(doc, task: str, *, config=None) -> list[str]:
    """The planner's choice lines for ``task`` on ``doc``, best first (no model involved)."""
    from autodroid.planner.grammar_for_doc import has_text_slot
    from autodroid.planner.planner import Planner

    planner = Planner(None, doc, config=config)
    helper = getattr(planner, "candidate_lines", None)
    if callable(helper):
        lines = list(helper(task))
    else:
        lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    return [line for line in lines if not has_text_slot(line)]


@dataclass
class _FixedPlanner:
    """Stands in for ``Planner`` in ``run_task``: always returns the same script, never calls a model."""

    doc: object
    script: str
    candidates: tuple[str, ...]
    config: object = field(default=None)

    def plan(self, task: str, *, repair=None, attempt: int = 1):
        from autodroid.planner.grammar_for_doc import check_against_doc
        from autodroid.planner.planner import Plan

        problems = tuple(e.one_line() for e in check_against_doc(self.script, self.doc)) if self.script else (
            "no candidate line for this task",)
        return Plan(task=task, app=self.doc.app, script=self.script, raw=self.script, candidates=self.candidates,
                    examples=(), changes=(), problems=problems, model="none", prompt_tokens=0,
                    cached_prefix_tokens=0, generated_tokens=0, prefill_seconds=0.0, decode_seconds=0.0,
                    plan_seconds=0.0, finish_reason="stop", attempt=attempt)


@dataclass
class CandidatesAgent:
    """``agent(task_text, doc, device, model)``; ``k`` None: every candidate line."""

    k: int | None = 1

    @property
    def name(self) -> str:
        return f"candidates-{self.k if self.k is not None else 'all'}"

    def __call__(self, task_text: str, doc, device, model=None) -> AgentOutcome:
        from autodroid.agent import run_task
        from autodroid.planner.planner import PlanConfig

        started = time.perf_counter()
        config = PlanConfig()
        lines = candidate_lines(doc, task_text, config=config)
        chosen = lines if self.k is None else lines[: self.k]
        script = "\n".join(chosen)
        planner = _FixedPlanner(doc, script, tuple(lines), config)
        result = run_task(task_text, doc, device, None, planner=planner, repairs=0, auto_yes=True)
        outcome = AgentOutcome(error=result.error, scripts=[script] if script else [])
        outcome.notes["offered_lines"] = len(lines)
        outcome.notes["plan_s"] = round(time.perf_counter() - started - result.seconds, 4)
        return outcome


def parse_k(name: str) -> int | None:
    """``candidates-3`` -> 3, ``candidates-all`` -> None; ValueError for other names."""
    if not name.startswith("candidates-"):
        raise ValueError(name)
    tail = name.split("-", 1)[1]
    if tail == "all":
        return None
    k = int(tail)
    if k < 1:
        raise ValueError(name)
    return k
