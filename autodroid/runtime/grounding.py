"""Resolve a doc element to ONE node of the live screen, by scoring features against its selectors.

Every node matched by any of the element's selectors is a candidate. A candidate scores for each
selector it matches (the most specific selector weighs most), for each of the element's reference
features it shares (resource id, content description, text, class: the union of the selectors' fields),
and for a node kind that fits the element type (a button is clickable, an input editable...). ``index``
selectors encode the element's position among look-alikes (e.g. the n-th row). The best candidate wins
only if it is strictly better than the next one; a tie is reported as ``AmbiguousElement`` with the
candidates, never settled by document order.
"""

from __future__ import annotations

from dataclasses import dataclass

from autodroid.appdoc import Element, Selector
from autodroid.errors import ElementNotFound
from autodroid.runtime.errors import AmbiguousElement
from autodroid.runtime.screenindex import index_of
from autodroid.selectors import norm
from autodroid.ui.screen import Node, Screen

_FEATURE_WEIGHTS = {"resource_id": 3.0, "desc": 2.0, "text": 1.5, "cls": 0.5}
_KIND_BONUS = 0.75
_LIST_CLASSES = ("RecyclerView", "ListView", "GridView", "RadioGroup", "ScrollView", "scrollbar")


@dataclass(frozen=True)
class Grounded:
    node: Node
    score: float
    runner_up: float  # score of the second-best candidate (0 when alone)


def describe_node(node: Node, screen: Screen | None = None) -> str:
    """``<tag id=N rid=R 'label'>``; a container without a label of its own shows its first inner text."""
    label = node.text or node.desc
    if not label and screen is not None:
        inner = screen.subtree_text(node, 1)
        label = inner[0] if inner else ""
    label = " ".join(label.split())[:40]
    parts = [node.tag, f"id={node.id}"]
    if node.rid:
        parts.append(f"rid={node.rid}")
    if label:
        parts.append(repr(label))
    return "<" + " ".join(parts) + ">"


def kind_fits(element_type: str, node: Node) -> bool:
    if element_type == "button":
        return node.clickable or node.long_clickable or node.inherited_clickable
    if element_type == "checkbox":
        return node.checkable
    if element_type == "input":
        return node.editable
    if element_type in ("list", "scrollable"):
        return node.scrollable or node.short_cls in _LIST_CLASSES or node.cls in _LIST_CLASSES
    if element_type == "text":
        return bool(node.text)
    return False


def reference_features(selectors: tuple[Selector, ...]) -> dict[str, set[str]]:
    features: dict[str, set[str]] = {key: set() for key in _FEATURE_WEIGHTS}
    for selector in selectors:
        for key in _FEATURE_WEIGHTS:
            value = getattr(selector, key)
            if value is not None:
                features[key].add(norm(value) if key in ("text", "desc") else value)
    return features


def _feature_score(node: Node, reference: dict[str, set[str]]) -> float:
    score = 0.0
    if reference["resource_id"] and (node.rid in reference["resource_id"] or node.resource_id in reference["resource_id"]):
        score += _FEATURE_WEIGHTS["resource_id"]
    if reference["desc"] and node.desc and norm(node.desc) in reference["desc"]:
        score += _FEATURE_WEIGHTS["desc"]
    if reference["text"] and node.text and norm(node.text) in reference["text"]:
        score += _FEATURE_WEIGHTS["text"]
    if reference["cls"] and (node.cls in reference["cls"] or node.short_cls in reference["cls"] or node.tag in reference["cls"]):
        score += _FEATURE_WEIGHTS["cls"]
    return score


def contradicts(node: Node, reference: dict[str, set[str]], element_type: str) -> bool:
    """A node matched only by a looser selector whose own label differs from the label the doc recorded
    (a dialog's "Discard" where the doc knows "Delete" on the same button id) is another element."""
    if element_type in ("input", "list", "scrollable"):
        return False
    if reference["text"] and node.text and norm(node.text) not in reference["text"]:
        return True
    if reference["desc"] and node.desc and norm(node.desc) not in reference["desc"]:
        return True
    return False


def score_candidates(screen: Screen, selectors: tuple[Selector, ...], element_type: str,
                     within: Node | None = None) -> list[tuple[float, Node]]:
    """(score, node) for every node any selector matches, best first (document order among equals)."""
    index = index_of(screen)
    scores: dict[int, float] = {}
    nodes: dict[int, Node] = {}
    count = len(selectors)
    for rank, selector in enumerate(selectors):
        weight = 2.0 * (count - rank)
        for node in index.select(selector, within):
            scores[node.id] = scores.get(node.id, 0.0) + weight
            nodes[node.id] = node
    if not scores:
        return []
    reference = reference_features(selectors)
    ranked = []
    for node_id, base in scores.items():
        node = nodes[node_id]
        if contradicts(node, reference, element_type):
            continue
        score = base + _feature_score(node, reference) + (_KIND_BONUS if kind_fits(element_type, node) else 0.0)
        ranked.append((score, node))
    ranked.sort(key=lambda pair: (-pair[0], index.position.get(pair[1].id, 0)))
    return ranked


def ground(screen: Screen, element: Element) -> Grounded:
    """The one node of ``screen`` that is ``element``; ``ElementNotFound`` / ``AmbiguousElement`` otherwise."""
    return ground_selectors(screen, element.selectors, element.type, element.name)


def ground_selectors(screen: Screen, selectors: tuple[Selector, ...], element_type: str, name: str,
                     within: Node | None = None) -> Grounded:
    ranked = score_candidates(screen, selectors, element_type, within)
    if not ranked:
        shown = "; ".join(s.describe() for s in selectors[:3])
        raise ElementNotFound(f"{name} is not on the screen (no node matches {shown})")
    best, node = ranked[0]
    second = ranked[1][0] if len(ranked) > 1 else 0.0
    if len(ranked) > 1 and second >= best:
        tied = tuple(describe_node(n, screen) for s, n in ranked if s >= best)
        raise AmbiguousElement(f"{name} matches {len(tied)} nodes equally well: {', '.join(tied[:5])}",
                               candidates=tied)
    return Grounded(node, best, second)
