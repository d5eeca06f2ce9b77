"""The step-wise baseline with a queued-reply model on real recording replay devices."""

from __future__ import annotations

import re

from autodroid.bench.baseline import StepwiseAgent, action_grammar, shown_nodes
from autodroid.bench.evaluate import gold_actions, score
from autodroid.bench.recording import RecordingDevice
from autodroid.device.replay import ReplayDevice
from autodroid.droidtask import find_gold_node, load_gold_tasks, load_records, parse_state
from autodroid.planner.model import FakeModel


def _gold_replies(droidtask, task) -> list[str]:
    """What a perfect step-wise agent answers: each gold step on its demonstration screen, then done()."""
    records = load_records(droidtask / task.app / task.file)
    replies = []
    for index, step in enumerate(task.steps):
        node = find_gold_node(parse_state(records[index].state), step.element)
        if step.action == "touch":
            replies.append(f"tap({node.id})")
        elif step.action == "input_text":
            replies.append(f'set_text({node.id}, "{step.text}")')
        else:
            replies.append(f"scroll({node.id})")
    return replies + ["done()"]


def test_grammar_admits_only_ids_on_the_screen_typed_by_what_they_do(droidtask):
    screen = ReplayDevice(droidtask / "notes", files=["task1.yaml"]).screen()
    html = screen.html()
    nodes = shown_nodes(screen, html)
    grammar = action_grammar(nodes)
    tap_ids = set(re.findall(r'"(\d+)"', grammar.split("tapid ::=")[1].splitlines()[0]))
    assert tap_ids == {str(n.id) for n in nodes} == set(re.findall(r"id=(\d+)", html))
    if any(n.editable for n in nodes):
        input_ids = set(re.findall(r'"(\d+)"', grammar.split("inputid ::=")[1].splitlines()[0]))
        assert input_ids == {str(n.id) for n in nodes if n.editable}
    assert '"back()"' in grammar and '"done()"' in grammar
    no_inputs = action_grammar([n for n in nodes if not n.editable and not n.scrollable])
    assert "settext" not in no_inputs and "scroll" not in no_inputs


def test_grammar_compiles_with_llama_cpp(droidtask):
    import pytest

    llama = pytest.importorskip("autodroid.planner.llama", reason="llama-cpp-python not installed")
    screen = ReplayDevice(droidtask / "notes", files=["task1.yaml"]).screen()
    assert llama.compile_grammar(action_grammar(shown_nodes(screen, screen.html()))).text


def test_a_perfect_stepwise_model_succeeds_and_every_call_sees_the_screen(droidtask):
    for app in ("notes", "clock", "filemanager"):
        task = next(t for t in load_gold_tasks(droidtask / app) if any(s.action == "touch" for s in t.steps))
        replies = _gold_replies(droidtask, task)
        model = FakeModel(replies=list(replies))
        device = RecordingDevice(ReplayDevice(droidtask / app, files=[task.file]))
        outcome = StepwiseAgent(max_steps=12)(task.task, None, device, model)
        assert outcome.error is None and outcome.model_calls == len(replies)
        assert outcome.scripts == replies
        assert score(gold_actions(task, droidtask / app), device.actions).strict
        first = model.calls[0]
        assert task.task in first.prompt and "(none)" in first.prompt
        assert first.grammar.startswith("root ::=")
        assert "1. " in model.calls[1].prompt  # the history of actions taken so far


def test_stops_when_stuck_and_at_the_step_budget(droidtask):
    device = RecordingDevice(ReplayDevice(droidtask / "clock", files=["task1.yaml"]))
    screen = device.screen()
    dead = next(n for n in shown_nodes(screen, screen.html()) if n.tag == "p" and not n.inherited_clickable)
    outcome = StepwiseAgent(max_steps=10)("anything", None, device, FakeModel(replies=[f"tap({dead.id})"] * 10))
    assert outcome.error and outcome.error.startswith("stuck") and outcome.model_calls == 3

    device = RecordingDevice(ReplayDevice(droidtask / "clock", files=["task1.yaml"]))
    outcome = StepwiseAgent(max_steps=2)("anything", None, device, FakeModel(replies=["back()"] * 5))
    assert outcome.model_calls == 2 and outcome.notes["stopped"] == "max_steps=2"


def test_a_model_failure_ends_the_task_with_its_message(droidtask):
    device = RecordingDevice(ReplayDevice(droidtask / "clock", files=["task1.yaml"]))
    outcome = StepwiseAgent()("anything", None, device, FakeModel(replies=[]))
    assert outcome.error.startswith("model: FakeModel has no reply left")
    assert device.actions == []
