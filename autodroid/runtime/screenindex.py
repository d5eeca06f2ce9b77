"""Fast selector matching on one live screen: nodes indexed by resource id, text and description.

``select_nodes`` scans every node per selector; the runtime asks for many selectors per screen (grounding,
recognition, lists), so the index is built once per ``Screen`` object (screens are immutable), kept for
the last few screens, and remembers each selector's answer. Results equal
``autodroid.selectors.select_nodes`` (same nodes, same order, same ``index`` semantics; a test checks).
"""

from __future__ import annotations

from collections import OrderedDict

from autodroid.appdoc import Selector
from autodroid.selectors import norm
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
        # normalised texts and descriptions, built on first use: most selectors have an id
        self._text: dict[int, str] | None = None
        self._desc: dict[int, str] | None = None
        self._by_text: dict[str, list[Node]] = {}
        self._by_desc: dict[str, list[Node]] = {}
        self._by_cls: dict[str, list[Node]] | None = None
        self._memo: dict[tuple, list[Node]] = {}
        self._identifiable: list[Node] | None = None
        self.lists = None  # find_lists(screen), filled by autodroid.runtime.lists on first use

    def _norms(self) -> None:
        self._text, self._desc = {}, {}
        for node in self.nodes:
            if node.text:
                key = self._text[node.id] = norm(node.text)
                self._by_text.setdefault(key, []).append(node)
            if node.desc:
                key = self._desc[node.id] = norm(node.desc)
                self._by_desc.setdefault(key, []).append(node)

    @property
    def identifiable(self) -> list[Node]:
        """Nodes the doc writer would make an element of (actionable, or an id with text)."""
        if self._identifiable is None:
            self._identifiable = [n for n in self.nodes if n.editable or n.checkable or n.clickable
                                  or n.long_clickable or n.scrollable or bool(n.rid and n.text)]
        return self._identifiable

    def select(self, selector: Selector, within: Node | None = None) -> list[Node]:
        key = (selector, within.id if within is not None else None)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._select(selector, within)
        return found

    def _select(self, selector: Selector, within: Node | None) -> list[Node]:
        text = norm(selector.text) if selector.text is not None else None
        desc = norm(selector.desc) if selector.desc is not None else None
        if (text is not None or desc is not None) and self._text is None:
            self._norms()
        if selector.resource_id is not None:
            pool = self.by_rid.get(selector.resource_id, ())
        elif text is not None:
            pool = self._by_text.get(text, ())
        elif desc is not None:
            pool = self._by_desc.get(desc, ())
        elif selector.cls is not None:
            if self._by_cls is None:
                self._by_cls = {}
                for node in self.nodes:
                    for name in {node.cls, node.short_cls, node.tag}:
                        self._by_cls.setdefault(name, []).append(node)
            pool = self._by_cls.get(selector.cls, ())
        else:
            pool = self.nodes
        rid, cls = selector.resource_id, selector.cls
        found = []
        for node in pool:
            if rid is not None and node.rid != rid and node.resource_id != rid:
                continue
            if text is not None and self._text.get(node.id, "") != text:
                continue
            if desc is not None and self._desc.get(node.id, "") != desc:
                continue
            if cls is not None and cls not in (node.cls, node.short_cls, node.tag):
                continue
            found.append(node)
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
