"""Shortest known paths between doc screens over the doc's navigation graph.

Hops the runtime can replay on its own: tap / long_tap / scroll on an element, select of a documented
option on a list, and back. ``set_text`` edges are skipped (the text that led there is not the script's).
Among equally short paths, the one using the most often observed edges wins; edges that failed during
this navigation are excluded by the caller (``banned``) so a re-plan takes another way.
"""

from __future__ import annotations

from collections import deque

from autodroid.appdoc import AppDoc, NavEdge

REPLAYABLE = ("tap", "long_tap", "scroll", "select", "back")


class NavGraph:
    def __init__(self, doc: AppDoc):
        self.out: dict[str, list[NavEdge]] = {name: [] for name in doc.screens}
        for edge in doc.navigation:
            if edge.action not in REPLAYABLE or edge.source == edge.to:
                continue
            if edge.action == "select" and edge.option is None:
                continue
            if edge.action != "back" and edge.element not in doc.elements:
                continue
            self.out.setdefault(edge.source, []).append(edge)
        for edges in self.out.values():
            edges.sort(key=lambda e: (-e.count, e.action == "back"))

    def path(self, start: str, targets: set[str] | frozenset[str],
             banned: set[NavEdge] | frozenset[NavEdge] = frozenset()) -> list[NavEdge] | None:
        """Fewest hops from ``start`` to any of ``targets`` (``[]`` if already there, ``None`` if unreachable)."""
        if start in targets:
            return []
        previous: dict[str, NavEdge] = {}
        queue = deque([start])
        seen = {start}
        while queue:
            screen = queue.popleft()
            for edge in self.out.get(screen, ()):
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

    def reachable(self, start: str) -> set[str]:
        seen = {start}
        queue = deque([start])
        while queue:
            for edge in self.out.get(queue.popleft(), ()):
                if edge.to not in seen:
                    seen.add(edge.to)
                    queue.append(edge.to)
        return seen
