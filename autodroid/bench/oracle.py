"""The oracle agent: writes each task's script from its gold actions (no model), so its success is the
ceiling of doc + runtime on the recorded apps, and its runs time the interpreter and grounding alone.

The script is ``autodroid.runtime.gold.gold_script(...).full()`` (agent ``oracle``; ``oracle-targets``
keeps only the target steps, so auto-navigation must find the way): every gold step as one line on the doc
API that grounds to the gold node on its demonstration screen. A gold node the doc cannot name makes the
oracle report an error for that task (the doc-coverage ceiling); the lines it has still run.

This reads the gold steps: it is a diagnostic, never a success claim for an agent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from autodroid.appdoc import AppDoc
from autodroid.bench.agents import AgentOutcome
from autodroid.droidtask import GoldTask


@dataclass
class OracleAgent:
    """``agent(task_text, doc, device, model)``; it needs the gold task, found by its text in the app."""

    folder: Path | None = None
    tasks: dict | None = None
    targets_only: bool = False  # drop the navigation steps: the runtime's auto-navigation must find the way

    def bind(self, folder: Path, tasks: list[GoldTask]) -> "OracleAgent":
        return OracleAgent(Path(folder), {t.task: t for t in tasks}, self.targets_only)

    def __call__(self, task_text: str, doc: AppDoc, device, model=None) -> AgentOutcome:
        from autodroid.runtime.gold import gold_script
        from autodroid.runtime.run import run_on_device

        if self.tasks is None or task_text not in self.tasks:
            return AgentOutcome(error="oracle: no gold task with this text (bind the agent to the app first)")
        gold = gold_script(doc, self.folder, self.tasks[task_text])
        script = (gold.targets_only() if self.targets_only else gold.full()).strip()
        outcome = AgentOutcome(scripts=[script])
        if gold.problems:
            outcome.error = "oracle: " + "; ".join(gold.problems)
            if not script:
                return outcome
        report = run_on_device(script, doc, device, auto_yes=True)
        if not report.ok and outcome.error is None:
            outcome.error = " ".join(report.error_text.split())[:300]
        outcome.notes["runtime_actions"] = len(report.actions)
        return outcome
