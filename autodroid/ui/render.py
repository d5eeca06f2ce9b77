"""Compact, deterministic renderings of a screen: HTML for prompts and a structural signature.

The HTML keeps only informative or actionable nodes, in the DroidTask form (typed tags, per-screen ids):
``<button id=12 resource_id='sort' alt='Sort'>Title</button>``. The signature hashes the layout skeleton
(classes and resource ids, no text, no checked state, list rows collapsed) so that the same screen with
other content or another scroll position gets the same signature.
"""

from __future__ import annotations

import hashlib
from html import escape

from autodroid.ui.screen import Node, Screen

_LIST_CLASSES = ("RecyclerView", "ListView", "GridView", "scrollbar", "ScrollView", "ViewPager")
TEXT_LIMIT = 50


def is_informative(node: Node) -> bool:
    return node.actionable or bool(node.text or node.desc)


def _attributes(node: Node) -> str:
    parts = [f"id={node.id}"]
    if node.rid:
        parts.append(f"resource_id='{escape(node.rid)}'")
    if node.desc:
        parts.append(f"alt='{escape(_short(node.desc))}'")
    if node.checked or node.selected:
        parts.append("status='selected'")
    if not node.enabled:
        parts.append("disabled")
    return " ".join(parts)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def render_html(screen: Screen, *, only_app_window: bool = True) -> str:
    """Indented HTML of the informative nodes; layout-only nodes are dropped and their children lifted."""
    lines: list[str] = []

    def walk(node: Node, depth: int) -> None:
        if only_app_window and node.window != screen.app_window:
            return
        if not node.visible and not node.children:
            return
        children = screen.children_of(node)
        if is_informative(node):
            tag = node.tag
            pad = "  " * depth
            inner = escape(_short(node.text)) if node.text else ""
            child_start = len(lines)
            lines.append(f"{pad}<{tag} {_attributes(node)}>{inner}")
            for child in children:
                walk(child, depth + 1)
            if len(lines) == child_start + 1:
                lines[-1] += f"</{tag}>"
            else:
                lines.append(f"{pad}</{tag}>")
        else:
            for child in children:
                walk(child, depth)

    for root_id in screen.roots:
        walk(screen.node(root_id), 0)
    return "\n".join(lines)


DATA_LISTS = ("RecyclerView", "ListView", "GridView")


def skeleton(screen: Screen, *, drop_list_rows: bool = False, drop_messages: bool = False) -> str:
    """The layout skeleton of the app window: one token per node, list rows collapsed to their set
    (or dropped altogether, so rows of another shape, e.g. with a preview line, do not count); with
    ``drop_messages``, without plain texts nobody can act on (an error line, a hint under a form)."""

    def shape(node: Node) -> str:
        own = node.short_cls if screen.source != "droidtask" else node.cls
        if node.rid:
            own += f"#{node.rid}"
        elif node.clickable and node.desc and not node.text:
            own += f"@{node.desc}"  # icon buttons: their description is part of the layout
        if drop_list_rows and node.short_cls in DATA_LISTS:
            return own + "(rows)"
        children = [shape(child) for child in screen.children_of(node)
                    if not (drop_messages and _is_message(screen, child))]
        if any(own.startswith(name) for name in _LIST_CLASSES) or node.scrollable:
            children = sorted(set(children))
        return own + ("(" + ",".join(children) + ")" if children else "")

    roots = [screen.node(r) for r in screen.roots if screen.node(r).window == screen.app_window]
    return "|".join(shape(root) for root in roots)


def _is_message(screen: Screen, node: Node) -> bool:
    return bool(node.text) and not (node.actionable or node.editable or node.checkable or screen.children_of(node))


def structural_signature(screen: Screen) -> str:
    return hashlib.sha1(skeleton(screen).encode("utf-8")).hexdigest()[:16]
