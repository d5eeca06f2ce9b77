"""A doc whose stubs do not fit the model's context with room for a task (a phone's Settings app) is not
cached whole: the planner lists each task's candidates in the task's part instead of failing every task."""

from __future__ import annotations

from autodroid.appdoc import load_doc
from autodroid.planner.planner import PlanConfig, Planner
from tests.picking_model import PickingModel

DOC = load_doc("settings")


class ContextModel(PickingModel):
    def __init__(self, n_ctx: int):
        super().__init__(lambda line: True)
        self.n_ctx = n_ctx
        self.seen: list[str] = []

    def choose(self, prompt, options, **kwargs):
        self.seen.append(prompt)
        return super().choose(prompt, options, **kwargs)


def _prefix_tokens(model) -> int:
    return model.count_tokens(model.chat_prompt(Planner(None, DOC).prompts.system_text(), ""))


def test_a_doc_too_big_for_the_context_lists_each_tasks_candidates_instead():
    size = _prefix_tokens(ContextModel(0))
    small = ContextModel(size + 100)  # room for the doc, not for a task after it
    planner = Planner(small, DOC)
    assert planner.config.stubs == "none"
    plan = planner.plan("turn on dark theme")
    assert plan.script
    assert small.seen and all(len(prompt.split()) < _prefix_tokens(small) for prompt in small.seen)  # no whole doc
    assert "APIs for this task" in small.seen[0]


def test_a_doc_that_fits_keeps_every_api_in_the_cached_prefix():
    size = _prefix_tokens(ContextModel(0))
    assert Planner(ContextModel(size * 2), DOC).config.stubs == "full"
    assert Planner(PickingModel(lambda line: True), DOC).config.stubs == "full"  # no context size known: as asked
    assert Planner(ContextModel(10), DOC, config=PlanConfig(stubs="none")).config.stubs == "none"
