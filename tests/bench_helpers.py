"""Agents for the benchmark tests: they act on the recording device without a model."""

from __future__ import annotations

from autodroid.bench.agents import AgentOutcome
from autodroid.droidtask import GoldTask, find_gold_node
from autodroid.errors import AutodroidError


def perform(device, task: GoldTask, steps=None, *, text_case=str) -> None:
    """Do the task's gold steps (or the chosen ones) on ``device``, as a person replaying them would."""
    for step in (task.steps if steps is None else steps):
        screen = device.screen()
        node = find_gold_node(screen, step.element) or screen.get(step.element.id)
        if node is None:
            continue  # the recording went elsewhere; a person would be stuck here too
        try:
            if step.action == "touch":
                device.tap(node)
            elif step.action == "input_text":
                device.set_text(node, text_case(step.text))
            else:
                device.scroll(node, "down")
        except AutodroidError:
            pass


class GoldAgent:
    """Replays the gold steps of the task with the given text (``steps`` picks some of them by index)."""

    def __init__(self, tasks: list[GoldTask], pick=None, error: str | None = None):
        self.tasks = {t.task: t for t in tasks}
        self.pick = pick
        self.error = error

    def __call__(self, task_text, doc, device, model) -> AgentOutcome:
        task = self.tasks[task_text]
        steps = task.steps if self.pick is None else [task.steps[i] for i in self.pick(task)]
        perform(device, task, steps)
        return AgentOutcome(prompt_tokens=100, generated_tokens=10, llm_seconds=0.5, model_calls=1,
                            error=self.error, scripts=["(gold)"])
