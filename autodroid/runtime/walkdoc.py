"""A doc from a short scripted walk on a device: each step's screen before and after becomes a state and
a transition, fed to the doc writer. For tests and quick demos where a full crawl is not wanted."""

from __future__ import annotations

from dataclasses import dataclass, field

from autodroid.appdoc import AppDoc
from autodroid.errors import ElementNotFound
from autodroid.explorer.docwriter import build_doc
from autodroid.explorer.grouping import Edge
from autodroid.ui.screen import Node, Screen


@dataclass(frozen=True)
class Step:
    action: str  # tap | long_tap | set_text | scroll | back
    where: dict = field(default_factory=dict)  # Node attributes the target must have (rid, text, desc...)
    text: str | None = None  # set_text's text, or scroll's direction
    nth: int = 0  # which of several matching nodes


def find(screen: Screen, where: dict, nth: int = 0) -> Node:
    found = [n for n in screen.app_nodes() if all(getattr(n, k) == v for k, v in where.items())]
    if len(found) <= nth:
        raise ElementNotFound(f"no node with {where} (#{nth}) on the screen")
    return found[nth]


def doc_from_walk(device, steps: list[Step], app: str) -> AppDoc:
    ids: dict[str, str] = {}
    states: dict[str, Screen] = {}

    def state_of(screen: Screen) -> str:
        key = screen.raw or screen.html()
        if key not in ids:
            ids[key] = f"s{len(ids)}"
            states[ids[key]] = screen
        return ids[key]

    first = device.screen()
    start = state_of(first)
    edges = []
    for step in steps:
        screen = device.screen()
        source = state_of(screen)
        node = None if step.action == "back" else find(screen, step.where, step.nth)
        if step.action == "back":
            device.back()
        elif step.action == "set_text":
            device.set_text(node, step.text or "")
        elif step.action == "scroll":
            device.scroll(node, step.text or "down")
        else:
            getattr(device, step.action)(node)
        target = state_of(device.screen())
        edges.append(Edge(source, step.action, node.id if node is not None else None, target, step.text))
    return build_doc(app, first.package, states, edges, start, {"source": "walk", "steps": len(steps)})
