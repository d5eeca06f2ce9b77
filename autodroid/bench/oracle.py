"""The oracle agent: writes each task's script from its gold actions (no model), so its success is the
ceiling of doc + runtime on the recorded apps, and its runs time the interpreter and grounding alone.

Each gold action (scrolls skipped: the runtime scrolls by itself) becomes one line on the doc API that
names the gold node on its demonstration screen: ``X.tap()``, ``X.set_text("...")``, or for a list row
``X.select("option")`` / ``X.match("label").tap()``. A gold node the doc cannot name makes the oracle
fail that task (the doc-coverage ceiling).

This reads the gold steps: it is a diagnostic, never a success claim for an agent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from autodroid.appdoc import AppDoc
from autodroid.bench.agents import AgentOutcome
from autodroid.droidtask import GoldTask, find_gold_node, load_records, parse_state
from autodroid.selectors import norm


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def oracle_script(doc: AppDoc, folder: Path, task: GoldTask) -> tuple[str, list[str]]:
    """(script, problems): one line per gold action the doc can name; problems list the ones it cannot."""
    from autodroid.explorer.coverage import element_names_node

    records = load_records(Path(folder) / task.file)
    lines, problems = [], []
    for index, step in enumerate(task.steps):
        if step.action == "scroll":
            continue
        screen = parse_state(records[index].state)
        node = find_gold_node(screen, step.element)
        name = element_names_node(doc, screen, node) if node is not None else None
        if name is None:
            problems.append(f"step {index}: the doc names no API for {step.element.tag} id={step.element.id}")
            continue
        element = doc.elements[name]
        if element.type == "list":
            texts = screen.subtree_text(node) + [t for a in screen.ancestors(node) for t in (a.text, a.desc) if t][:2]
            option = next((o for o in element.options for t in texts if norm(o) == norm(t)), None)
            if option is not None:
                lines.append(f"{name}.select({_quote(option)})")
            elif texts:
                lines.append(f"{name}.match({_quote(texts[0])}).tap()")
            else:
                problems.append(f"step {index}: list row of {name} has no label")
        elif step.action == "input_text":
            lines.append(f"{name}.set_text({_quote(step.text or '')})")
        else:
            lines.append(f"{name}.tap()")
    return "\n".join(lines), problems


@dataclass
class OracleAgent:
    """``agent(task_text, doc, device, model)``; it needs the gold task, found by its text in the app."""

    folder: Path | None = None
    tasks: dict | None = None

    def bind(self, folder: Path, tasks: list[GoldTask]) -> "OracleAgent":
        return OracleAgent(Path(folder), {t.task: t for t in tasks})

    def __call__(self, task_text: str, doc: AppDoc, device, model=None) -> AgentOutcome:
        from autodroid.runtime.run import run_on_device

        if self.tasks is None or task_text not in self.tasks:
            return AgentOutcome(error="oracle: no gold task with this text (bind the agent to the app first)")
        script, problems = oracle_script(doc, self.folder, self.tasks[task_text])
        outcome = AgentOutcome(scripts=[script])
        if problems:
            outcome.error = "oracle: " + "; ".join(problems)
            if not script:
                return outcome
        report = run_on_device(script, doc, device, auto_yes=True)
        if not report.ok and outcome.error is None:
            outcome.error = " ".join(report.error_text.split())[:300]
        outcome.notes["runtime_actions"] = len(report.actions)
        return outcome
