"""The keyword heuristic (agent ``keyword``): the step-wise baseline's floor, with no model and no doc.

On each screen it acts on the element whose label (text, content description, resource id) shares the
most word stems with the task (``autodroid.planner.retrieval.words``), never the same element of the
same screen twice; an input gets the text the task gives (quoted, else its words with digits). It stops
when nothing on the screen shares a word with the task, or after ``max_steps`` actions. A step-wise agent
that uses a model should beat it; if it does not, the model adds nothing there.
"""

from __future__ import annotations

from dataclasses import dataclass

from autodroid.bench.agents import AgentOutcome
from autodroid.errors import AutodroidError


def _label(node) -> str:
    return " ".join(x for x in (node.text, node.desc, (node.rid or "").replace("_", " ")) if x)


@dataclass
class KeywordAgent:
    max_steps: int = 10

    def __call__(self, task_text: str, doc, device, model=None) -> AgentOutcome:
        from autodroid.planner.retrieval import task_values, words

        task_words = set(words(task_text))
        values = task_values(task_text)
        outcome = AgentOutcome()
        tried: set[tuple[str, int]] = set()
        typed: set[str] = set()
        for _ in range(self.max_steps):
            screen = device.screen()
            state = getattr(device, "state", None)
            state = state if isinstance(state, str) else screen.raw
            best, best_score = None, 0.0
            for node in screen.nodes:
                if not (node.clickable or node.checkable or node.editable) or (state, node.id) in tried:
                    continue
                hits = len(task_words & set(words(_label(node))))
                if node.editable and values and any(v not in typed for v in values):
                    hits += 0.5  # a field to put the task's text in
                if hits > best_score:
                    best, best_score = node, hits
            if best is None:
                outcome.notes["stopped"] = "no element shares a word with the task"
                return outcome
            tried.add((state, best.id))
            try:
                if best.editable and values:
                    value = next((v for v in values if v not in typed), values[0])
                    typed.add(value)
                    device.set_text(best, value)
                    outcome.scripts.append(f"set_text({best.id}, {value!r})")
                else:
                    device.tap(best)
                    outcome.scripts.append(f"tap({best.id})")
            except AutodroidError:
                continue  # a no-op or a failed action: the next best element next time
        outcome.notes["stopped"] = f"max_steps={self.max_steps}"
        return outcome
