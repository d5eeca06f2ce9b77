"""Shortest known paths between doc screens over the doc's navigation graph.

Hops the runtime can replay on its own: tap / long_tap / scroll on an element, select of a documented
option on a list, and back. ``set_text`` edges are skipped (the text that led there is not the script's).
Only elements whose effect is getting somewhere are hops (``is_navigation_hop``): never one that commits
or confirms (Save, OK, Done, Apply...), deletes, sends or pays (the policy's word classes, or the doc's
``sensitive`` tag), and never a check box or an input (they change state, not the screen).
Among equally short paths, the one using the most often observed edges wins; edges that failed during
this navigation are excluded by the caller (``banned``) so a re-plan takes another way.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace

from autodroid.appdoc import AppDoc, Element, NavEdge
from autodroid.runtime.policy import BUILTIN_WORDS, WordClass

REPLAYABLE = ("tap", "long_tap", "scroll", "select", "back")
NOT_A_HOP = WordClass("not_a_hop", [*BUILTIN_WORDS["commit"], *BUILTIN_WORDS["destructive"],
                                    *BUILTIN_WORDS["outward"]])
HOP_TYPES = ("button", "list", "text", "scrollable")


def element_label(element: Element) -> str:
    """What the doc knows the user sees of an element: its label and the texts its selectors look for."""
    texts = [element.description if element.type != "list" else "", element.short_name.replace("_", " ")]
    texts += [t for sel in element.selectors for t in (sel.text, sel.desc) if t]
    return " | ".join(t for t in texts if t)


def is_navigation_hop(edge: NavEdge, doc: AppDoc) -> bool:
    """True when the runtime may replay ``edge`` on its own to get somewhere: back, a scroll, or a tap /
    long press / menu choice on an element that neither commits, confirms, deletes, sends nor toggles."""
    if edge.action == "back":
        return True
    element = doc.elements.get(edge.element or "")
    if element is None or element.type not in HOP_TYPES:
        return False
    if edge.action == "scroll":
        return True
    if element.risk == "sensitive":
        return False
    label = edge.option if element.type == "list" and edge.option is not None else element_label(element)
    return NOT_A_HOP.find(label or "") is None


class NavGraph:
    def __init__(self, doc: AppDoc):
        self.out: dict[str, list[NavEdge]] = {name: [] for name in doc.screens}
        self.refused: list[NavEdge] = []  # documented edges that are not navigation (Save, OK, Delete...)
        for edge in doc.navigation:
            if edge.action not in REPLAYABLE or edge.source == edge.to:
                continue
            if edge.action == "select" and edge.option is None:
                continue
            if edge.action != "back" and edge.element not in doc.elements:
                continue
            if not is_navigation_hop(edge, doc):
                self.refused.append(edge)
                continue
            self.out.setdefault(edge.source, []).append(edge)
        for edges in self.out.values():
            edges.sort(key=lambda e: (-e.count, e.action == "back"))
        self.row_picks = frozenset(edge for edges in self.out.values() for edge in edges
                                   if edge.action in ("select", "long_tap") and edge.option is not None)
        self.copies = self._copies_of_shown_elements(doc)

    def _copies_of_shown_elements(self, doc: AppDoc) -> dict[str, list[NavEdge]]:
        """Per screen, copies of the recorded edges of elements the doc also shows there (a settings row on
        every variant of the settings screen): the crawl tapped it on one variant only, and the others would
        be dead ends. Copies count 0 and come after the recorded edges; ``path(copies=True)`` uses them, and
        the runtime asks for that only where the recorded edges have no way at all."""
        copies: dict[str, list[NavEdge]] = {}
        recorded = [edge for edges in self.out.values() for edge in edges if edge.element is not None
                    and edge.action in ("tap", "long_tap", "select")]
        for edge in recorded:
            for screen in doc.elements[edge.element].screens:
                if screen in (edge.source, edge.to) or screen not in self.out:
                    continue
                if any(e.element == edge.element and e.action == edge.action and e.option == edge.option
                       for e in self.out[screen] + copies.get(screen, [])):
                    continue
                copies.setdefault(screen, []).append(replace(edge, source=screen, count=0))
        return copies

    def path(self, start: str, targets: set[str] | frozenset[str],
             banned: set[NavEdge] | frozenset[NavEdge] = frozenset(), *,
             copies: bool = False) -> list[NavEdge] | None:
        """Fewest hops from ``start`` to any of ``targets`` (``[]`` if already there, ``None`` if unreachable);
        with ``copies``, over the shown elements' copied edges too (``_copies_of_shown_elements``)."""
        if start in targets:
            return []
        previous: dict[str, NavEdge] = {}
        queue = deque([start])
        seen = {start}
        while queue:
            screen = queue.popleft()
            edges = self.out.get(screen, [])
            for edge in edges + self.copies.get(screen, []) if copies else edges:
                if edge in banned or edge.to in seen:
                    continue
                seen.add(edge.to)
                previous[edge.to] = edge
                if edge.to in targets:
                    path = [edge]
                    while path[0].source != start:
                        path.insert(0, previous[path[0].source])
                    return path
                queue.append(edge.to)
        return None

    def reachable(self, start: str, *, avoid: str | frozenset[str] | None = None, copies: bool = False) -> set[str]:
        """Screens reachable from ``start`` (itself included), never passing through ``avoid`` (a screen
        or a set of screens); with ``copies``, over the shown elements' copied edges too."""
        avoided = frozenset() if avoid is None else frozenset([avoid]) if isinstance(avoid, str) else avoid
        seen = {start}
        queue = deque([start])
        while queue:
            screen = queue.popleft()
            for edge in self.out.get(screen, []) + (self.copies.get(screen, []) if copies else []):
                if edge.to not in seen and edge.to not in avoided:
                    seen.add(edge.to)
                    queue.append(edge.to)
        return seen
