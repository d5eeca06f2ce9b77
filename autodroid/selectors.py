"""Matching doc selectors against live screens (shared by the doc writer and the runtime's grounding)."""

from __future__ import annotations

from autodroid.appdoc import Selector
from autodroid.ui.screen import Node, Screen


def norm(text: str) -> str:
    """Case- and space-insensitive form used for every text comparison."""
    return " ".join(text.replace("\xa0", " ").split()).casefold()


def selector_matches(node: Node, selector: Selector) -> bool:
    if selector.resource_id is not None and node.rid != selector.resource_id and node.resource_id != selector.resource_id:
        return False
    if selector.text is not None and norm(node.text) != norm(selector.text):
        return False
    if selector.desc is not None and norm(node.desc) != norm(selector.desc):
        return False
    if selector.cls is not None and selector.cls not in (node.cls, node.short_cls, node.tag):
        return False
    return True


def select_nodes(screen: Screen, selector: Selector, within: Node | None = None) -> list[Node]:
    """Nodes of the app window (or of ``within``'s subtree) matching the selector; ``index`` narrows to one."""
    pool = screen.descendants(within) if within is not None else screen.app_nodes()
    found = [node for node in pool if selector_matches(node, selector)]
    if selector.index is not None:
        return found[selector.index:selector.index + 1] if -len(found) <= selector.index < len(found) else []
    return found
