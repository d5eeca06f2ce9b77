"""Our agent in the benchmark's shape: ``autodroid.agent.run_task`` (plan one script, run it, repair).

Examples for a DroidTask app are synthesized from its doc and kept only when they run on the app's
exploration log (``ReplayDevice(folder, log_only=True)``): gold tasks and their demonstrations never
reach the planner. They are cached per doc version in the user cache dir. Sensitive actions are allowed
(``auto_yes``): the device is a recording, nothing real happens, and the step-wise baseline has no policy
either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from autodroid.bench.agents import AgentOutcome


def example_store(doc, folder: Path):
    """Verified examples of a DroidTask app's doc (built once per doc version, then loaded from the cache)."""
    from autodroid.device.replay import ReplayDevice
    from autodroid.planner.examples import ExampleStore, examples_cache_path, load_examples, save_examples, \
        synthesize, verify

    path = examples_cache_path(doc)
    if path.is_file():
        return load_examples(path, doc)
    device = ReplayDevice(folder, log_only=True)

    def fresh():
        device.reset()
        return device

    verified = verify(doc, synthesize(doc), fresh)
    save_examples(path, doc, verified, device=f"replay:{folder}?log")
    return ExampleStore.of(verified)


def outcome_from_result(result) -> AgentOutcome:
    """An ``autodroid.agent.TaskResult`` as the benchmark's ``AgentOutcome``."""
    out = AgentOutcome(error=result.error, scripts=list(result.scripts), repairs=result.repairs)
    for plan in result.plans:
        out.prompt_tokens += plan.prompt_tokens
        out.generated_tokens += plan.generated_tokens
        out.cached_prompt_tokens += plan.cached_prefix_tokens
        out.prefill_seconds += plan.prefill_seconds
        out.decode_seconds += plan.decode_seconds
        out.llm_seconds += plan.prefill_seconds + plan.decode_seconds
        out.model_calls += 1
        if plan.prefix is not None:
            out.prefix_seconds += plan.prefix.seconds
    out.notes["plans"] = [{"script": p.script, "raw": p.raw, "problems": list(p.problems), "changes": list(p.changes),
                           "candidates": list(p.candidates[:10]), "plan_s": round(p.plan_seconds, 3),
                           "prefix": None if p.prefix is None else {
                               "source": p.prefix.source, "tokens": p.prefix.tokens,
                               "seconds": round(p.prefix.seconds, 3)}}
                          for p in result.plans]
    out.notes["attempt_errors"] = [a.error_type for a in result.attempts if not a.ok]
    return out


@dataclass
class OursAgent:
    """``agent(task_text, doc, device, model)``. Bound to an app folder only to find its exploration log
    for examples; the gold tasks ``bind`` receives are ignored."""

    folder: Path | None = None
    repairs: int = 2
    examples: bool = True
    trace_dir: Path | None = None
    _stores: dict = field(default_factory=dict)

    def bind(self, folder: Path, tasks=None) -> "OursAgent":
        return OursAgent(Path(folder), self.repairs, self.examples, self.trace_dir, self._stores)

    def __call__(self, task_text: str, doc, device, model) -> AgentOutcome:
        from autodroid.agent import run_task

        store = None
        if self.examples and self.folder is not None:
            key = (doc.app, doc.version)
            if key not in self._stores:
                self._stores[key] = example_store(doc, self.folder)
            store = self._stores[key]
        trace = None
        if self.trace_dir is not None:
            import hashlib

            self.trace_dir.mkdir(parents=True, exist_ok=True)
            trace = self.trace_dir / f"{doc.app}-{hashlib.sha256(task_text.encode()).hexdigest()[:10]}.jsonl"
            trace.unlink(missing_ok=True)
        result = run_task(task_text, doc, device, model, examples=store, repairs=self.repairs, auto_yes=True,
                          trace_path=trace)
        return outcome_from_result(result)


def run_ours(task_text: str, doc, device, model) -> AgentOutcome:
    """Unbound: uses the doc's stored examples if any (``run_task``'s default), no log-verified ones."""
    from autodroid.agent import run_task

    return outcome_from_result(run_task(task_text, doc, device, model, repairs=2, auto_yes=True))
