"""The one shape every benchmarked agent has: ``agent(task_text, doc, device, model) -> AgentOutcome``.

Ours (one script per task, ``autodroid.agent.run_task``) and the step-wise baseline plug in the same
way, so both run on the same model, tasks and recording replay devices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol

from autodroid.appdoc import AppDoc


@dataclass
class AgentOutcome:
    prompt_tokens: int = 0  # all prompt tokens the model was given, over every call
    generated_tokens: int = 0
    llm_seconds: float = 0.0  # prefill + decode time over every call
    model_calls: int = 0
    repairs: int = 0
    error: str | None = None  # one line when the agent failed or gave up (None: it finished)
    scripts: list[str] = field(default_factory=list)  # ours: every script attempt; baseline: chosen actions
    cached_prompt_tokens: int = 0  # prompt tokens served from a KV cache instead of evaluated
    prefill_seconds: float = 0.0
    decode_seconds: float = 0.0
    prefix_seconds: float = 0.0  # computing or loading cached prompt prefixes (ours: once per app, then ~0)
    notes: dict = field(default_factory=dict)  # agent-specific extras (e.g. prefix cache source)

    def add_completion(self, completion) -> None:
        self.prompt_tokens += completion.prompt_tokens
        self.generated_tokens += completion.generated_tokens
        self.cached_prompt_tokens += completion.cached_prefix_tokens
        self.prefill_seconds += completion.prefill_seconds
        self.decode_seconds += completion.decode_seconds
        self.llm_seconds += completion.prefill_seconds + completion.decode_seconds
        self.model_calls += 1


class Agent(Protocol):
    def __call__(self, task_text: str, doc: AppDoc, device, model) -> AgentOutcome: ...


# oracle / oracle-targets: gold-informed scripts (all steps / target steps only), the doc + runtime ceiling;
# candidates-K / candidates-all: the planner's first K (every) candidate lines as the script, no model;
# keyword: a step-wise word-overlap heuristic, no model, no doc (the baseline's floor)
AGENTS = ("ours", "baseline", "candidates-1", "candidates-3", "candidates-all", "keyword", "oracle", "oracle-targets")
MODEL_FREE = frozenset({"oracle", "oracle-targets", "keyword", "candidates-all"})


def is_agent(name: str) -> bool:
    """A known agent name (``candidates-K`` for any K >= 1 too)."""
    if name in AGENTS:
        return True
    from autodroid.bench.candidates import parse_k

    try:
        parse_k(name)
    except ValueError:
        return False
    return True


def needs_model(name: str) -> bool:
    return not (name in MODEL_FREE or name.startswith("candidates-"))


def get_agent(name: str, *, max_steps: int = 10, trace_dir=None) -> Callable[..., AgentOutcome]:
    from autodroid.errors import BadInputError

    if name == "ours":
        from autodroid.bench.ours import OursAgent

        return OursAgent(trace_dir=trace_dir)
    if name == "baseline":
        from autodroid.bench.baseline import StepwiseAgent

        return StepwiseAgent(max_steps=max_steps)
    if name in ("oracle", "oracle-targets"):
        from autodroid.bench.oracle import OracleAgent

        return OracleAgent(targets_only=name == "oracle-targets")
    if name == "keyword":
        from autodroid.bench.keyword import KeywordAgent

        return KeywordAgent(max_steps=max_steps)
    if is_agent(name) and name.startswith("candidates-"):
        from autodroid.bench.candidates import CandidatesAgent, parse_k

        return CandidatesAgent(k=parse_k(name))
    raise BadInputError(f"unknown agent {name!r}", fix=f"use one of {', '.join(AGENTS)}")
