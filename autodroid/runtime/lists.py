"""List rows on a live screen: finding them, labelling them, matching labels, and the row's tap target.

Rows are found the way the doc writer found them (``find_lists``: children of one repeated shape, or
sibling check boxes), so a live row and a documented option get the same label (``row_label``).
"""

from __future__ import annotations

from dataclasses import dataclass

from autodroid.appdoc import Element
from autodroid.explorer.elements import find_lists, row_label_and_names
from autodroid.runtime.screenindex import index_of
from autodroid.selectors import norm
from autodroid.ui.screen import Node, Screen


@dataclass(frozen=True)
class Row:
    node: Node
    label: str
    key: tuple[str, int]  # (normalised label, how many rows with that label came before it on this page)
    names: tuple[str, ...] = ()  # the row's other short texts (``row_names``: an alarm's label beside its time)


def list_rows(screen: Screen, container: Node, element: Element) -> list[Row]:
    rows = _row_nodes(screen, container, element)
    seen: dict[str, int] = {}
    out = []
    for node in rows:
        label, names = row_label_and_names(screen, node)
        key = norm(label)
        out.append(Row(node, label, (key, seen.get(key, 0)), tuple(names)))
        seen[key] = seen.get(key, 0) + 1
    return out


def _row_nodes(screen: Screen, container: Node, element: Element) -> list[Node]:
    index = index_of(screen)
    if index.lists is None:
        index.lists = find_lists(screen)
    shapes = index.lists
    for shape in shapes:
        if shape.container.id == container.id:
            return _all_rows(screen, shape.rows)
    inside = {d.id for d in screen.descendants(container)}
    for shape in shapes:  # the list found as a nested or wrapping container of the documented one
        if shape.container.id in inside or container.id in {d.id for d in screen.descendants(shape.container)}:
            return _all_rows(screen, shape.rows)
    if element.item_selector is not None:
        matches = index_of(screen).select(element.item_selector, within=container)
        ids = {node.id for node in matches}
        top = [n for n in matches if not any(a.id in ids for a in screen.ancestors(n) if a.id in inside)]
        if top:
            return top
    node = container
    while len(node.children) == 1:
        node = screen.node(node.children[0])
    return screen.children_of(node)


def _all_rows(screen: Screen, rows: list[Node]) -> list[Node]:
    """The shape-alike rows ``find_lists`` kept, plus their siblings of another shape that show a label or
    react to taps (a file row among folder rows); layout-only siblings stay out."""
    parent = screen.parent_of(rows[0]) if rows else None
    if parent is None or any(screen.parent_of(r) is not parent and (screen.parent_of(r) or r).id != parent.id
                             for r in rows):
        return rows
    kept = {r.id for r in rows}
    out = []
    for child in screen.children_of(parent):
        if child.id in kept or (screen.subtree_text(child, 1) and
                                any(n.clickable or n.checkable for n in [child, *screen.descendants(child)])):
            out.append(child)
    return out


def tap_target(screen: Screen, row: Node) -> Node:
    """The node a finger would tap to choose a row: the row itself if it reacts (a clickable row with a
    switch inside opens the item; it must not flip the switch), else its first reacting child (a choice
    row's check box, a file row's name)."""
    if row.clickable or row.checkable or row.long_clickable:
        return row
    for node in screen.descendants(row):
        if node.clickable or node.checkable or node.long_clickable:
            return node
    return row


def match_label(labels: list[str], wanted: str) -> int | None | list[int]:
    """Index of the label equal to ``wanted`` after normalising case and spaces; else of the one label
    containing it; ``None`` when nothing fits; a list of indexes when several contain it (ambiguous).
    Never a fuzzy guess."""
    target = norm(wanted)
    for i, label in enumerate(labels):
        if norm(label) == target:
            return i
    containing = [i for i, label in enumerate(labels) if target and target in norm(label)]
    if len(containing) == 1:
        return containing[0]
    return containing or None


def match_row(rows: list[Row], wanted: str) -> Row | None | list[Row]:
    """The row whose label fits ``wanted`` (``match_label``); else the row showing exactly ``wanted`` among
    its other names (an alarm called "Gym": the doc lists such names after the labels); a list when several
    fit, ``None`` when none does."""
    found = match_label([r.label for r in rows], wanted)
    if isinstance(found, int):
        return rows[found]
    if isinstance(found, list):
        return [rows[i] for i in found]
    target = norm(wanted)
    named = [r for r in rows if any(norm(n) == target for n in r.names)]
    return named[0] if len(named) == 1 else (named or None)


def exact_row(rows: list[Row], wanted: str) -> Row | None | list[Row]:
    """The row labelled (or named) exactly ``wanted`` after normalising case and spaces; a list when several
    are, ``None`` when none is (a row merely containing it does not count)."""
    target = norm(wanted)
    found = [r for r in rows if norm(r.label) == target] or [r for r in rows if any(norm(n) == target for n in r.names)]
    return found[0] if len(found) == 1 else (found or None)
