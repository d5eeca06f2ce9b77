"""How well a doc covers a DroidTask app: the gold tasks' elements (the ceiling on any agent using the
doc) and the reference doc's elements."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from autodroid.appdoc import AppDoc, Element, approx_tokens, render_doc
from autodroid.droidtask import GoldElement, load_gold_tasks, load_records, node_matches, parse_state
from autodroid.explorer.elements import find_lists
from autodroid.selectors import select_nodes
from autodroid.ui.screen import Node, Screen


@dataclass
class Coverage:
    covered: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.covered / self.total if self.total else 1.0


def element_names_node(doc: AppDoc, screen: Screen, node: Node) -> str | None:
    """The API that reaches ``node`` on ``screen``: an element whose selector picks exactly it, or a list
    whose row holds it (reached with select/match). None when the doc cannot name it."""
    for element in doc.elements.values():
        if element.type == "list":
            continue
        if any(select_nodes(screen, s) == [node] for s in element.selectors[:1]):
            return element.name
    for element in doc.elements.values():
        if element.type == "list" and _in_list_row(doc, element, screen, node):
            return element.name
    for element in doc.elements.values():  # later selectors, for widgets whose first one is over-specific
        if element.type != "list" and any(select_nodes(screen, s) == [node] for s in element.selectors[1:]):
            return element.name
    return None


def _in_list_row(doc: AppDoc, element: Element, screen: Screen, node: Node) -> bool:
    containers = {n.id for s in element.selectors for n in select_nodes(screen, s)}
    for shape in find_lists(screen):
        if shape.container.id in containers:
            rows = {d.id for row in shape.rows for d in [row, *screen.descendants(row)]}
            if node.id in rows:
                return True
    return False


def gold_coverage(doc: AppDoc, folder: Path) -> Coverage:
    """Share of gold-task action elements the doc names, checked on the screen where each was acted on."""
    result = Coverage()
    for task in load_gold_tasks(folder):
        records = load_records(folder / task.file)
        for index, step in enumerate(task.steps):
            if step.action == "scroll":
                continue  # the published metric skips scrolls
            result.total += 1
            screen = parse_state(records[index].state) if index < len(records) else None
            node = _gold_node(screen, step.element) if screen else None
            if node is not None and element_names_node(doc, screen, node):
                result.covered += 1
            else:
                result.misses.append(f"{task.file} step {index}: {step.element.tag} "
                                     f"{step.element.resource_id or step.element.alt or step.element.text!r}")
    return result


def _gold_node(screen: Screen, element: GoldElement) -> Node | None:
    node = screen.get(element.id)
    return node if node is not None and node_matches(node, element) else None


def reference_coverage(doc: AppDoc, folder: Path) -> Coverage:
    """Share of reference_doc.json elements our doc also names (checked on the reference's own state)."""
    path = folder / "reference_doc.json"
    result = Coverage()
    if not path.is_file():
        return result
    reference = json.loads(path.read_text(encoding="utf-8"))
    records = load_records(folder / "log.yaml")
    for screen_entry in reference.values():
        for name, element in (screen_entry.get("elements") or {}).items():
            try:
                state_index = int(element.get("state_tag"))
            except (TypeError, ValueError):
                continue
            if not 0 <= state_index < len(records):
                continue
            result.total += 1
            screen = parse_state(records[state_index].state)
            node = screen.get(element.get("id")) if isinstance(element.get("id"), int) else None
            if node is not None and element_names_node(doc, screen, node):
                result.covered += 1
            else:
                result.misses.append(name)
    return result


def doc_tokens(doc: AppDoc) -> int:
    return approx_tokens(render_doc(doc))


def reference_tokens(folder: Path) -> int:
    path = folder / "reference_doc.json"
    if not path.is_file():
        return 0
    reference = json.loads(path.read_text(encoding="utf-8"))
    lines = [f"{name}: {e.get('type')}  # {e.get('description', '')}"
             for s in reference.values() for name, e in (s.get("elements") or {}).items()]
    return approx_tokens("\n".join(lines))
