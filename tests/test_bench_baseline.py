"""The step-wise baseline with a queued-reply model on real recording replay devices: what each call
sees (memory, examples, history with no-ops told back, screen), what it may answer, restarts."""

from __future__ import annotations

import pytest

from autodroid.bench.baseline import StepwiseAgent, action_options, lines_grammar, shown_nodes
from autodroid.bench.dataset import app_doc
from autodroid.bench.evaluate import Screens, gold_actions, score
from autodroid.bench.recording import RecordingDevice, tap_targets
from autodroid.device.replay import ReplayDevice
from autodroid.droidtask import find_gold_node, load_gold_tasks, load_records, parse_state
from autodroid.planner.model import FakeModel


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("AUTODROID_CACHE", str(tmp_path / "cache"))


def _line_for(doc, screen, node, verb, text=None) -> str:
    from autodroid.explorer.coverage import element_names_node

    nodes = shown_nodes(screen)
    apis = {n.id: element_names_node(doc, screen, n) for n in nodes}
    options = action_options(nodes, [text] if text else [], set(), apis)
    return next(line for line, (v, n, t) in options.items() if v == verb and n.id == node.id and t == text)


def _gold_replies(droidtask, task, doc) -> list[str]:
    """What a perfect step-wise agent answers: each gold step on its demonstration screen, then done()."""
    records = load_records(droidtask / task.app / task.file)
    replies = []
    for index, step in enumerate(task.steps):
        screen = parse_state(records[index].state)
        node = find_gold_node(screen, step.element)
        if step.action == "touch":
            replies.append(_line_for(doc, screen, tap_targets(screen, node)[-1], "tap"))
        elif step.action == "input_text":
            replies.append(_line_for(doc, screen, node, "set_text", step.text))
        else:
            replies.append(_line_for(doc, screen, node, "scroll"))
    return replies + ["done()"]


def test_options_are_the_screens_actions_typing_only_the_tasks_texts(droidtask):
    from autodroid.explorer.coverage import element_names_node

    screen = ReplayDevice(droidtask / "notes", files=["task1.yaml"]).screen()
    nodes = shown_nodes(screen)
    options = action_options(nodes, ["groceries"], set())
    taps = {int(o[4:-1]) for o in options if o.startswith("tap(")}
    assert taps == {n.id for n in nodes if n.clickable or n.checkable or n.editable}
    assert {o for o in options if o.startswith("set_text(")} == {f'set_text({n.id}, "groceries")'
                                                                 for n in nodes if n.editable}
    assert "back()" in options and "done()" in options
    assert not [o for o in action_options(nodes, [], set()) if "set_text(" in o]  # no free text
    first = next(iter(options))
    assert first not in action_options(nodes, ["groceries"], {first})  # a no-op is not offered again
    # elements the memory names are acted on by their memory name, in our script syntax
    doc = app_doc(droidtask / "notes").doc
    apis = {n.id: element_names_node(doc, screen, n) for n in nodes}
    named = action_options(nodes, ["groceries"], set(), apis)
    unique = [a for a in apis.values() if a and list(apis.values()).count(a) == 1]
    assert unique and all(any(line.startswith(a + ".") for line in named) for a in unique)
    verb, node, text = next(v for line, v in named.items() if line.startswith(unique[0] + "."))
    assert apis[node.id] == unique[0]


def test_grammar_compiles_with_llama_cpp(droidtask):
    llama = pytest.importorskip("autodroid.planner.llama", reason="llama-cpp-python not installed")
    screen = ReplayDevice(droidtask / "notes", files=["task1.yaml"]).screen()
    assert llama.compile_grammar(lines_grammar(list(action_options(shown_nodes(screen), ['a "b"'], set())))).text


def test_a_perfect_stepwise_model_succeeds_and_every_call_sees_memory_examples_and_screen(droidtask):
    for app in ("notes", "clock", "filemanager"):
        folder = droidtask / app
        doc = app_doc(folder).doc
        task = next(t for t in load_gold_tasks(folder) if any(s.action == "touch" for s in t.steps)
                    and t.file not in ("task13.yaml",))
        replies = _gold_replies(droidtask, task, doc)
        model = FakeModel(replies=list(replies))
        device = RecordingDevice(ReplayDevice(folder, files=[task.file]))
        outcome = StepwiseAgent(max_steps=12).bind(folder)(task.task, doc, device, model)
        assert outcome.error is None and outcome.model_calls == len(replies), outcome
        assert outcome.scripts == replies
        assert score(gold_actions(task, folder), device.actions, screens=Screens(doc)).strict
        first = model.calls[0]
        assert f'the Android app "{app}"' in first.prompt
        some = next(iter(doc.elements))
        assert some in first.prompt  # the memory: the same doc ours gets
        assert task.task in first.prompt and "(none)" in first.prompt
        assert "Examples of tasks" in first.prompt  # the same verified examples as ours
        assert first.grammar.startswith("root ::=") and first.prefix_cache_key
        assert " = " in first.prompt  # screen elements linked to their memory entries
        assert any("." in r and not r.startswith(("tap(", "set_text(")) for r in replies)  # memory names used
        assert "1. " in model.calls[1].prompt  # the history of actions taken so far


def _dead_taps(folder, doc) -> list[str]:
    """Tap lines of the first screen (as the agent offers them) that the recording has no outcome for."""
    from autodroid.explorer.coverage import element_names_node

    screen = ReplayDevice(folder, files=["task1.yaml"]).screen()
    nodes = shown_nodes(screen)
    apis = {n.id: element_names_node(doc, screen, n) for n in nodes}
    dead = []
    for line, (verb, node, _) in action_options(nodes, [], set(), apis).items():
        if verb != "tap":
            continue
        probe = ReplayDevice(folder, files=["task1.yaml"])
        try:
            changed = probe.tap(probe.screen().get(node.id)).changed
        except Exception:
            changed = False
        if not changed:
            dead.append(line)
    return dead


def test_a_noop_is_told_back_and_restarts_come_before_giving_up(droidtask):
    folder = droidtask / "filemanager"
    doc = app_doc(folder).doc
    dead = _dead_taps(folder, doc)
    assert len(dead) >= 9, "the file manager's first screen has many taps the recording never saw"
    device = RecordingDevice(ReplayDevice(folder, files=["task1.yaml"]))
    model = FakeModel(replies=dead[:9])
    outcome = StepwiseAgent(max_steps=20, restarts=2)("anything", doc, device, model)
    assert "nothing happened" in model.calls[1].prompt  # told back, not the end
    assert "restarted" in model.calls[3].prompt
    assert outcome.repairs == 2 and outcome.error.startswith("stuck") and outcome.model_calls == 9
    assert [a.kind for a in device.actions].count("app_start") == 2
    # the same no-op is not offered again on that screen: the model's repeat is refused there
    device = RecordingDevice(ReplayDevice(folder, files=["task1.yaml"]))
    again = StepwiseAgent()("anything", doc, device, FakeModel(replies=[dead[0], dead[0]]))
    assert again.error.startswith("unparseable") and again.model_calls == 2


def test_stops_at_the_step_budget_and_on_model_failure(droidtask):
    from autodroid.explorer.coverage import element_names_node

    folder = droidtask / "clock"
    doc = app_doc(folder).doc
    screen = ReplayDevice(folder, files=["task1.yaml"]).screen()
    nodes = shown_nodes(screen)
    options = action_options(nodes, [], set(), {n.id: element_names_node(doc, screen, n) for n in nodes})
    live = next(line for line, (verb, node, _) in options.items() if verb == "tap" and line not in _dead_taps(folder, doc))
    device = RecordingDevice(ReplayDevice(folder, files=["task1.yaml"]))
    outcome = StepwiseAgent(max_steps=2)("anything", doc, device, FakeModel(replies=[live, "back()", "done()"]))
    assert outcome.model_calls == 2 and outcome.notes["stopped"] == "max_steps=2" and outcome.error is None
    device = RecordingDevice(ReplayDevice(folder, files=["task1.yaml"]))
    outcome = StepwiseAgent()("anything", doc, device, FakeModel(replies=[]))
    assert outcome.error.startswith("model: FakeModel has no reply left")
    assert device.actions == []


def test_done_is_offered_only_after_acting_on_a_best_ranked_element(droidtask):
    from autodroid.bench.baseline import task_hints
    from autodroid.explorer.coverage import element_names_node

    folder = droidtask / "clock"
    doc = app_doc(folder).doc
    task = "show the stopwatch laps"
    hints = task_hints(doc, task)
    top = list(hints)[:3]
    screen = ReplayDevice(folder, files=["task1.yaml"]).screen()
    nodes = shown_nodes(screen)
    apis = {n.id: element_names_node(doc, screen, n) for n in nodes}
    options = action_options(nodes, [], set(), apis)
    dead = _dead_taps(folder, doc)
    on_target = next(line for line, (verb, node, _) in options.items()
                     if verb == "tap" and apis.get(node.id) in top and line not in dead)
    elsewhere = next(line for line, (verb, node, _) in options.items()
                     if verb == "tap" and node is not None and apis.get(node.id) in hints
                     and apis.get(node.id) not in top and line not in dead)
    # after a tap elsewhere the model may not stop yet (a small model "finishes" after opening anything)
    device = RecordingDevice(ReplayDevice(folder, files=["task1.yaml"]))
    early = StepwiseAgent()(task, doc, device, FakeModel(replies=[elsewhere, "done()"]))
    assert early.error.startswith("unparseable") and early.model_calls == 2
    device = RecordingDevice(ReplayDevice(folder, files=["task1.yaml"]))
    reached = StepwiseAgent()(task, doc, device, FakeModel(replies=[on_target, "done()"]))
    assert reached.error is None and reached.model_calls == 2
