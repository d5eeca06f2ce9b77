"""The step-wise baseline (AutoDroid-v1 style): one model call per action.

Each call sees the task, the actions taken so far and the current screen as compact HTML
(``Screen.html()``), and answers ONE action under a grammar that admits only the ids on that screen,
typed like the planner's grammar: ``tap(ID)`` (any shown element), ``set_text(ID, "...")`` (inputs),
``scroll(ID)`` (scrollables), ``back()``, ``done()``. It stops at ``done()``, after ``max_steps`` actions,
or when the same action left the screen unchanged three times in a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from autodroid.bench.agents import AgentOutcome
from autodroid.errors import AutodroidError, ModelError
from autodroid.ui.screen import Node, Screen

SYSTEM = """You operate an Android app for a user, one action at a time.
Each turn you get the task, the actions already taken, and the current screen as HTML. Elements have ids.
Answer with exactly one action:
tap(ID) - tap the element with that id
set_text(ID, "text") - type text into an input element
scroll(ID) - scroll a scrollable element down
back() - press the back button
done() - the task is complete"""

USER = """Task: {task}
Actions taken so far:
{history}
Current screen:
{html}
Next action:"""

_SHOWN = re.compile(r"<(\w+) id=(\d+)")
_ACTION = re.compile(r'^\s*(tap|scroll|set_text|back|done)\((?:(\d+)(?:,\s*"(.*)")?)?\)\s*$', re.S)
MAX_TEXT = 80
STUCK_REPEATS = 3


def shown_nodes(screen: Screen, html: str) -> list[Node]:
    nodes = []
    for _, node_id in _SHOWN.findall(html):
        node = screen.get(int(node_id))
        if node is not None:
            nodes.append(node)
    return nodes


def action_grammar(nodes: list[Node]) -> str:
    """GBNF admitting one action on the shown nodes (ids typed by what the node can do)."""

    def ids(chosen: list[Node]) -> str:
        return " | ".join(f'"{n.id}"' for n in chosen)

    rules = []
    alternatives = []
    if nodes:
        alternatives.append("tap")
        rules.append(f'tap ::= "tap(" tapid ")"\ntapid ::= {ids(nodes)}')
    inputs = [n for n in nodes if n.editable]
    if inputs:
        alternatives.append("settext")
        rules.append(f'settext ::= "set_text(" inputid ", \\"" chars "\\")"\ninputid ::= {ids(inputs)}\n'
                     f'chars ::= [^"\\\\\\n]{{0,{MAX_TEXT}}}')
    scrollables = [n for n in nodes if n.scrollable]
    if scrollables:
        alternatives.append("scroll")
        rules.append(f'scroll ::= "scroll(" scrollid ")"\nscrollid ::= {ids(scrollables)}')
    alternatives += ['"back()"', '"done()"']
    return "\n".join([f"root ::= {' | '.join(alternatives)}", *rules]) + "\n"


def _describe(node: Node) -> str:
    label = node.text or node.desc or node.rid
    return f"<{node.tag} id={node.id}{' ' + repr(label[:40]) if label else ''}>"


@dataclass
class StepwiseAgent:
    max_steps: int = 10
    max_tokens: int = 48

    def __call__(self, task_text: str, doc, device, model) -> AgentOutcome:
        outcome = AgentOutcome()
        history: list[str] = []
        repeats = 0
        last = None
        for _ in range(self.max_steps):
            screen = device.screen()
            html = screen.html()
            nodes = shown_nodes(screen, html)
            prompt = model.chat_prompt(SYSTEM, USER.format(
                task=task_text, history="\n".join(history) or "(none)", html=html))
            try:
                completion = model.complete(prompt, grammar=action_grammar(nodes), max_tokens=self.max_tokens)
            except ModelError as error:
                outcome.error = f"model: {error.one_line()}"
                return outcome
            outcome.add_completion(completion)
            answer = completion.text.strip()
            outcome.scripts.append(answer)
            match = _ACTION.match(answer)
            if match is None:
                outcome.error = f"unparseable action {answer[:60]!r}"
                return outcome
            verb, node_id, text = match.groups()
            if verb == "done":
                return outcome
            node = screen.get(int(node_id)) if node_id else None
            if verb != "back" and node is None:
                outcome.error = f"no element {node_id} on the screen"
                return outcome
            try:
                if verb == "tap":
                    result = device.tap(node)
                elif verb == "set_text":
                    result = device.set_text(node, text or "")
                elif verb == "scroll":
                    result = device.scroll(node, "down")
                else:
                    result = device.back()
                changed, said = result.changed, "" if result.changed else " (screen unchanged)"
            except AutodroidError as error:
                changed, said = False, f" (failed: {type(error).__name__}; screen unchanged)"
            typed = f", {text!r}" if verb == "set_text" else ""
            what = f"{verb}({_describe(node)}{typed})" if node else f"{verb}()"
            history.append(f"{len(history) + 1}. {what}{said}")
            repeats = repeats + 1 if (answer == last and not changed) else (1 if not changed else 0)
            last = answer
            if repeats >= STUCK_REPEATS:
                outcome.error = f"stuck: {answer} left the screen unchanged {STUCK_REPEATS} times"
                return outcome
        outcome.notes["stopped"] = f"max_steps={self.max_steps}"
        return outcome
