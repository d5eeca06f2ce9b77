"""Fast selector matching on one live screen: nodes indexed by resource id, text and description.

``select_nodes`` scans every node per selector; grounding asks for several selectors per action, so the
index is built once per ``Screen`` object (screens are immutable) and kept for the last few screens.
Results equal ``autodroid.selectors.select_nodes`` (same order, same ``index`` semantics).
"""

from __future__ import annotations

from collections import OrderedDict

from autodroid.appdoc import Selector
from autodroid.selectors import norm, selector_matches
from autodroid.ui.screen import Node, Screen

_CACHE_SIZE = 8


class ScreenIndex:
    def __init__(self, screen: Screen):
        self.screen = screen
        self.nodes = screen.app_nodes()
        self.position = {node.id: i for i, node in enumerate(self.nodes)}
        self.by_rid: dict[str, list[Node]] = {}
        for node in self.nodes:
            if node.resource_id:
                self.by_rid.setdefault(node.rid, []).append(node)
                if node.resource_id != node.rid:
                    self.by_rid.setdefault(node.resource_id, []).append(node)
        self._by_text: dict[str, list[Node]] | None = None  # built on first use: most selectors have an id
        self._by_desc: dict[str, list[Node]] | None = None

    @property
    def by_text(self) -> dict[str, list[Node]]:
        if self._by_text is None:
            self._by_text = {}
            for node in self.nodes:
                if node.text:
                    self._by_text.setdefault(norm(node.text), []).append(node)
        return self._by_text

    @property
    def by_desc(self) -> dict[str, list[Node]]:
        if self._by_desc is None:
            self._by_desc = {}
            for node in self.nodes:
                if node.desc:
                    self._by_desc.setdefault(norm(node.desc), []).append(node)
        return self._by_desc

    def select(self, selector: Selector, within: Node | None = None) -> list[Node]:
        if selector.resource_id is not None:
            pool = self.by_rid.get(selector.resource_id, ())
        elif selector.text is not None:
            pool = self.by_text.get(norm(selector.text), ())
        elif selector.desc is not None:
            pool = self.by_desc.get(norm(selector.desc), ())
        else:
            pool = self.nodes
        found = [node for node in pool if selector_matches(node, selector)]
        if within is not None:
            inside = {d.id for d in self.screen.descendants(within)}
            found = [node for node in found if node.id in inside]
        if selector.index is not None:
            if not -len(found) <= selector.index < len(found):
                return []
            return [found[selector.index]]
        return found


_cache: OrderedDict[int, ScreenIndex] = OrderedDict()


def index_of(screen: Screen) -> ScreenIndex:
    """The index of ``screen`` (cached by object identity; the cache holds the screen, so ids stay unique)."""
    key = id(screen)
    found = _cache.get(key)
    if found is not None and found.screen is screen:
        _cache.move_to_end(key)
        return found
    found = ScreenIndex(screen)
    _cache[key] = found
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return found
