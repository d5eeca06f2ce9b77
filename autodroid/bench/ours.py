"""Our agent in the benchmark's shape: ``autodroid.agent.run_task`` (plan one script, run it, repair)."""

from __future__ import annotations

from autodroid.bench.agents import AgentOutcome
from autodroid.errors import BadInputError


def run_ours(task_text: str, doc, device, model) -> AgentOutcome:
    try:
        from autodroid.agent import run_task
    except ImportError as error:
        raise BadInputError(f"our agent is not available ({error})",
                            fix="install the planner (autodroid.agent), or run --agents baseline,oracle") from None
    result = run_task(task_text, doc, device, model)
    return outcome_from_result(result)


def outcome_from_result(result) -> AgentOutcome:
    raise NotImplementedError  # wired when autodroid.agent lands
