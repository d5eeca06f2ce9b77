"""The step-wise baseline (AutoDroid-v1 style): one model call per action, on the same model as ours and
with the same app knowledge, so the comparison measures the one-script design and nothing else.

Each call sees (stable part first, so its KV state is computed once per app and reused like ours):
- the app's name and its **memory**: the same doc our planner gets (every element with its description,
  options and the screen it opens), written from the exploration log only;
- the same verified **examples** as ours (the nearest three tasks with their doc-API scripts);
- the task, the actions so far with what each did ("nothing happened" for a no-op or a failed action),
  and the current screen: its actionable elements with ids, labels and, where the doc names one, the
  memory entry (API name, "opens <screen>").

It answers one action among whole literal lines (``Model.choose`` when the model has it, else a grammar
admitting only them): on a screen with marked elements only theirs (ours' grammar is narrowed to its
ranked candidates the same way), else every action of the screen. An element the memory names is acted on by its memory name, in the same line
format as ours and the examples (``api.tap()``, ``api.set_text("<text the task gives>")``, the task's
texts only, as our grammar); any other element by its id (``tap(ID)``, ``set_text(ID, "...")``,
``scroll(ID)``); and ``back()``, ``done()`` (once an action took effect on one of the three elements retrieval ranks best
for the task, or after three effective actions: a small model otherwise "finishes" right after opening a
menu, and ours may not end before its lines do the task's work either). An action
already taken on a screen (it did nothing, or it led on and the agent came back) is not offered again
on that screen, and ``back()`` is not offered before the first action. When three actions in a row changed
nothing it restarts the app and goes on (at most ``restarts`` times, told to the model), the same repair
allowance ours has. It stops at ``done()`` or after ``max_steps`` model calls.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from autodroid.bench.agents import AgentOutcome
from autodroid.errors import AutodroidError, ModelError
from autodroid.ui.screen import Node, Screen

SYSTEM = """You operate the Android app "{app}" for a user, one action at a time.
Memory of the app from an earlier exploration: its screens and elements, what each element is, its options
and the screen it opens ("opens X"):
{memory}

Each turn you get the task, the actions already taken with what they did, and the current screen: its
elements with ids, and for the ones you know from memory their memory name. Answer with exactly one action:
name.tap() / tap(ID) - tap the element with that memory name / that id
name.set_text("text") / set_text(ID, "text") - type a text the task gives into an input
name.scroll("down") / scroll(ID) - scroll a scrollable element down
back() - press the back button
done() - the task is complete
Go through the screens the memory says lead to the element the task needs. If an action did nothing,
choose another one."""

USER = """{examples}Task: {task}
Actions taken so far:
{history}
Current screen ({screen}):
{elements}
Next action:"""

EXAMPLES = "Examples of tasks in this app and the memory elements that do them:\n{lines}\n\n"
STUCK_REPEATS = 3  # actions in a row that changed nothing before the app is restarted
END_AFTER = 3  # done() is offered after this many effective actions, or once one hit a best-ranked element
MAX_LABEL = 40
_SENTINEL = "\u2063USER\u2063"


def shown_nodes(screen: Screen) -> list[Node]:
    """The elements one can act on: tappable, checkable, editable or scrollable nodes."""
    return [n for n in screen.nodes if n.clickable or n.checkable or n.editable or n.scrollable]


def action_options(nodes: list[Node], values: list[str], tried: set[str],
                   apis: dict[int, str | None] | None = None) -> dict[str, tuple[str, Node | None, str | None]]:
    """Every action line on these nodes -> (verb, node, typed text), typing only the task's texts, without
    the ``tried`` lines. ``apis`` (node id -> memory name) names the elements the memory knows; a name
    shared by several shown nodes (list rows) or a list's name falls back to ids."""
    from autodroid.planner.grammar_for_doc import py_string

    apis = apis or {}
    counts: dict[str, int] = {}
    for node in nodes:
        if apis.get(node.id):
            counts[apis[node.id]] = counts.get(apis[node.id], 0) + 1
    options: dict[str, tuple[str, Node | None, str | None]] = {}

    def add(verb: str, node: Node, text: str | None = None) -> None:
        api = apis.get(node.id)
        named = api if api and counts.get(api) == 1 else None
        arg = "" if text is None else py_string(text)
        if named:
            line = f"{named}.{verb}({arg})" if verb != "scroll" else f'{named}.scroll("down")'
        else:
            line = f"{verb}({node.id}{', ' + arg if arg else ''})"
        options.setdefault(line, (verb, node, text))

    for node in nodes:
        if node.clickable or node.checkable:
            add("tap", node)
        if node.editable:
            for value in values:
                add("set_text", node, value)
            if not (node.clickable or node.checkable):
                add("tap", node)
        if node.scrollable:
            add("scroll", node)
    options["back()"] = ("back", None, None)
    options["done()"] = ("done", None, None)
    return {line: what for line, what in options.items() if line not in tried}


def lines_grammar(lines: list[str]) -> str:
    from autodroid.planner.grammar_for_doc import grammar_for_lines

    return grammar_for_lines(lines, mode="first-line")


def _label(node: Node) -> str:
    label = node.text or node.desc or (node.rid or "").replace("_", " ")
    label = " ".join(label.split())
    return label[:MAX_LABEL]


@dataclass
class StepwiseAgent:
    """``agent(task_text, doc, device, model)``; ``bind`` gives it the app folder for the verified examples
    (the same store ours uses)."""

    max_steps: int = 10
    restarts: int = 2
    examples: int = 3
    folder: object = None
    _stores: dict = field(default_factory=dict)

    def bind(self, folder, tasks=None) -> "StepwiseAgent":
        return StepwiseAgent(self.max_steps, self.restarts, self.examples, folder, self._stores)

    # ------------------------------------------------------------------ prompt parts

    def _store(self, doc):
        if self.folder is None or not self.examples:
            return None
        key = (doc.app, doc.version)
        if key not in self._stores:
            from autodroid.bench.ours import example_store

            self._stores[key] = example_store(doc, self.folder)
        return self._stores[key]

    def _examples(self, doc, task: str) -> str:
        store = self._store(doc)
        if store is None:
            return ""
        chosen = store.nearest(task, self.examples)
        if not chosen:
            return ""
        lines = "\n".join(f"- {e.task}: {'; '.join(e.script.strip().splitlines())}" for e in chosen)
        return EXAMPLES.format(lines=lines)

    @staticmethod
    def _memory_line(doc, screen: Screen, node: Node, names: dict, hints: dict | None = None) -> str:
        from autodroid.explorer.coverage import element_names_node

        if node.id not in names:
            try:
                names[node.id] = element_names_node(doc, screen, node)
            except Exception:
                names[node.id] = None
        api = names[node.id]
        kind = "input" if node.editable else "checkbox" if node.checkable else \
            "scrollable" if node.scrollable and not node.clickable else "button"
        status = " (checked)" if node.checked or node.selected else ""
        line = f"[{node.id}] {kind} \"{_label(node)}\"{status}"
        if api:
            element = doc.elements[api]
            line += f" = {api}"
            if element.leads_to and element.leads_to != element.screen:
                line += f", opens {element.leads_to}"
            hint = (hints or {}).get(api)
            if hint:
                line += f" [{hint}]"
        return line

    def _screen_name(self, doc, screen: Screen, recognizer) -> str:
        try:
            return recognizer.recognize(screen).screen or "not in memory"
        except Exception:
            return "not in memory"

    # ------------------------------------------------------------------ the loop

    def __call__(self, task_text: str, doc, device, model) -> AgentOutcome:
        from autodroid.planner.retrieval import task_values
        from autodroid.runtime.recognition import Recognizer

        outcome = AgentOutcome()
        system = SYSTEM.format(app=doc.app, memory=_memory(doc))
        examples = self._examples(doc, task_text)
        values = task_values(task_text)
        recognizer = Recognizer(doc)
        hints = task_hints(doc, task_text)
        history: list[str] = []
        tried: dict[str, set[str]] = {}  # screen state -> action lines already taken there
        unchanged = restarts = effective = 0
        reached = False  # an action took effect on one of the elements retrieval ranks best for the task
        targets = set(list(hints)[:HINT_TARGETS])
        marked = model.chat_prompt(system, _SENTINEL)
        cut = marked.find(_SENTINEL)
        prefix = marked[:cut] if cut > 0 else ""
        key = hashlib.sha256("|".join(("stepwise", getattr(model, "name", "model"), doc.version,
                                       hashlib.sha256(prefix.encode()).hexdigest())).encode()).hexdigest()[:24]
        if prefix:
            state = model.ensure_prefix(prefix, key)
            outcome.prefix_seconds += state.seconds
        for _ in range(self.max_steps):
            screen = device.screen()
            state = getattr(device, "state", None)
            state = state if isinstance(state, str) else screen.raw
            nodes = shown_nodes(screen)
            names: dict = {}
            lines = [(self._memory_line(doc, screen, n, names, hints), n) for n in nodes]
            lines.sort(key=lambda pair: 0 if "[for this task]" in pair[0] else 1 if "[way to " in pair[0] else 2)
            nodes = [n for _, n in lines]
            elements = "\n".join(line for line, _ in lines) or "(no elements)"
            marked = [n for n in nodes if hints.get(names.get(n.id) or "") or (n.editable and values)]
            options = action_options(marked or nodes, values, tried.get(state, set()), names)
            if len(options) <= 2 and marked:  # every marked action was taken here: all of the screen's
                options = action_options(nodes, values, tried.get(state, set()), names)
            if not (reached or effective >= END_AFTER):
                options.pop("done()", None)  # as ours may not end before its lines do the task's work
            if not history:  # back() on the app's first screen leaves the app
                options.pop("back()", None)
            prompt = model.chat_prompt(system, USER.format(
                examples=examples, task=" ".join(task_text.split()), history="\n".join(history) or "(none)",
                screen=self._screen_name(doc, screen, recognizer), elements=elements))
            try:
                if callable(getattr(model, "choose", None)):
                    completion = model.choose(prompt, list(options), allow_end=False,
                                              prefix_cache_key=key if prefix else None)
                else:
                    completion = model.complete(prompt, grammar=lines_grammar(list(options)), max_tokens=80,
                                                stop=["\n"], prefix_cache_key=key if prefix else None)
            except ModelError as error:
                outcome.error = f"model: {error.one_line()}"
                return outcome
            outcome.add_completion(completion)
            answer = completion.text.strip()
            outcome.scripts.append(answer)
            if answer not in options:
                outcome.error = f"unparseable action {answer[:60]!r}"
                return outcome
            verb, node, typed = options[answer]
            if verb == "done":
                return outcome
            try:
                if verb == "tap":
                    result = device.tap(node)
                elif verb == "set_text":
                    result = device.set_text(node, typed)
                elif verb == "scroll":
                    result = device.scroll(node, "down")
                else:
                    result = device.back()
                changed = result.changed
            except AutodroidError:
                changed = False
            what = f"{answer} on [{node.id}] \"{_label(node)}\"" if node is not None else answer
            if changed:
                unchanged, effective = 0, effective + 1
                reached = reached or (node is not None and names.get(node.id) in targets)
                history.append(f"{len(history) + 1}. {what}")
                tried.setdefault(state, set()).add(answer)  # taken here once: not again (no tab ping-pong)
                continue
            tried.setdefault(state, set()).add(answer)
            unchanged += 1
            history.append(f"{len(history) + 1}. {what}: nothing happened")
            if unchanged >= STUCK_REPEATS:
                if restarts >= self.restarts:
                    outcome.error = f"stuck: {STUCK_REPEATS} actions in a row did nothing, {restarts} restarts used"
                    return outcome
                restarts += 1
                outcome.repairs = restarts
                unchanged = 0
                try:
                    device.app_start(getattr(device, "app", doc.app) or doc.app)
                except AutodroidError:
                    pass
                history.append(f"{len(history) + 1}. (the app was restarted after {STUCK_REPEATS} actions did "
                               "nothing; try another way)")
        outcome.notes["stopped"] = f"max_steps={self.max_steps}"
        return outcome


HINT_TARGETS = 3  # top-ranked APIs whose screens the "[way to X]" hints point at
HINT_DEPTH = 3  # navigation steps a hint may look ahead


def task_hints(doc, task: str) -> dict[str, str]:
    """API -> hint for this task: "for this task" for the APIs the planner's retrieval ranks (its default
    config, no model), "way to <API>" for elements whose documented effect leads, within ``HINT_DEPTH``
    screens, to the screen of one of the ``HINT_TARGETS`` best-ranked APIs."""
    from autodroid.planner.planner import Planner

    try:
        ranked = [c.name for c in Planner(None, doc).candidates(task)]
    except Exception:
        return {}
    hints = {name: "for this task" for name in ranked}
    opens: dict[str, list[tuple[str, str]]] = {}  # screen -> [(element on it, screen it opens)]
    for name, element in doc.elements.items():
        if element.leads_to and element.leads_to != element.screen:
            for screen in element.screens:
                opens.setdefault(screen, []).append((name, element.leads_to))
    for target in ranked[:HINT_TARGETS]:
        goal = set(doc.elements[target].screens)
        # breadth-first backwards: screens from which ``goal`` is reached, and the first element to tap
        distance = {s: 0 for s in goal}
        frontier = set(goal)
        for depth in range(1, HINT_DEPTH + 1):
            reached = set()
            for screen, edges in opens.items():
                if distance.get(screen, depth) < depth:
                    continue  # this screen is already closer to the goal: its other exits lead away
                for name, to in edges:
                    if to in frontier:
                        hints.setdefault(name, f"way to {target}")
                        distance[screen] = depth
                        reached.add(screen)
            frontier = reached
            if not frontier:
                break
    return hints


def _memory(doc) -> str:
    from autodroid.appdoc import render_doc
    from autodroid.planner.prompt import stub_names

    return render_doc(doc, stub_names(doc))
