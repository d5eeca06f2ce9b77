"""The one immutable screen model: a tree of ``Node`` held by a ``Screen``.

Both real uiautomator dumps (``autodroid.ui.u2xml``) and DroidTask simplified-HTML states
(``autodroid.ui.droidtask_html``) parse into this type. Nodes refer to each other by their per-screen
integer ``id`` (preorder index for dumps, the recorded id for DroidTask states), which keeps every node
hashable and the whole screen immutable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

Bounds = tuple[int, int, int, int]  # left, top, right, bottom in screen pixels

SYSTEM_UI_PACKAGES = frozenset({"com.android.systemui", "com.android.launcher3.systemui"})


def is_keyboard_package(package: str) -> bool:
    return "inputmethod" in package or package.endswith((".ime", ".keyboard")) or "input.keyboard" in package


@dataclass(frozen=True, slots=True)
class Node:
    id: int
    cls: str  # Android class ("android.widget.Button") or DroidTask tag ("button", "p", "RecyclerView")
    resource_id: str = ""  # full id ("com.app:id/sort") when known, else the short one
    text: str = ""
    desc: str = ""  # content description ("alt" in DroidTask states)
    package: str = ""
    bounds: Bounds | None = None
    clickable: bool = False  # this node's own flag
    inherited_clickable: bool = False  # own flag or a clickable ancestor's: a tap here does something
    long_clickable: bool = False
    checkable: bool = False
    checked: bool = False
    selected: bool = False
    editable: bool = False
    scrollable: bool = False
    enabled: bool = True
    focused: bool = False
    password: bool = False
    visible: bool = True
    hint: str = ""
    window: int = 0  # index of the top-level window node this node belongs to
    path: str = ""  # stable structural path: "0/3/1" (child positions from the window root)
    parent: int | None = None
    children: tuple[int, ...] = ()

    @property
    def rid(self) -> str:
        """Short resource id: 'sort' for 'com.app:id/sort'."""
        rid = self.resource_id
        return rid.split(":id/", 1)[1] if ":id/" in rid else rid

    @property
    def short_cls(self) -> str:
        return self.cls.rsplit(".", 1)[-1]

    @property
    def tag(self) -> str:
        """DroidTask-style tag: button / checkbox / input / scrollbar / p, else the short class name."""
        if self.editable:
            return "input"
        if self.checkable:
            return "checkbox"
        if self.clickable or self.long_clickable:
            return "button"
        if self.scrollable:
            return "scrollbar"
        if self.cls in ("p", "button", "checkbox", "input", "scrollbar"):
            return self.cls
        if self.text and self.short_cls in ("TextView", "p"):
            return "p"
        return self.short_cls

    @property
    def actionable(self) -> bool:
        return self.clickable or self.long_clickable or self.checkable or self.editable or self.scrollable

    @property
    def label(self) -> str:
        """What a person would call this node: text, else content description, else short resource id."""
        return self.text or self.desc or self.rid

    @property
    def center(self) -> tuple[int, int] | None:
        if self.bounds is None:
            return None
        left, top, right, bottom = self.bounds
        return (left + right) // 2, (top + bottom) // 2

    @property
    def area(self) -> int:
        if self.bounds is None:
            return 0
        left, top, right, bottom = self.bounds
        return max(0, right - left) * max(0, bottom - top)


@dataclass(frozen=True)
class Screen:
    """An immutable screen: nodes in preorder, window roots, and where it came from."""

    nodes: tuple[Node, ...]
    roots: tuple[int, ...]
    source: str  # "u2" (uiautomator XML), "droidtask" (simplified HTML), "sim"
    rotation: int = 0
    size: tuple[int, int] | None = None  # width, height of the display when known
    app_window: int = 0  # the window index that holds the app (not status bar / keyboard)
    window_packages: tuple[str, ...] = ()  # package of each top-level window, in dump order
    raw: str = field(default="", repr=False, compare=False)  # the text it was parsed from (for storing states)
    _by_id: dict[int, Node] = field(default_factory=dict, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        self._by_id.update({node.id: node for node in self.nodes})

    def __len__(self) -> int:
        return len(self.nodes)

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes)

    def node(self, node_id: int) -> Node:
        try:
            return self._by_id[node_id]
        except KeyError:
            from autodroid.errors import ElementNotFound

            raise ElementNotFound(f"no node with id {node_id} on this screen") from None

    def get(self, node_id: int) -> Node | None:
        return self._by_id.get(node_id)

    def parent_of(self, node: Node) -> Node | None:
        return None if node.parent is None else self._by_id[node.parent]

    def children_of(self, node: Node) -> list[Node]:
        return [self._by_id[child] for child in node.children]

    def ancestors(self, node: Node) -> Iterator[Node]:
        current = self.parent_of(node)
        while current is not None:
            yield current
            current = self.parent_of(current)

    def descendants(self, node: Node) -> Iterator[Node]:
        stack = list(reversed(node.children))
        while stack:
            current = self._by_id[stack.pop()]
            yield current
            stack.extend(reversed(current.children))

    def subtree_text(self, node: Node, limit: int = 8) -> list[str]:
        """Texts and descriptions inside a node (itself first), for labelling containers and list items."""
        found = [t for t in (node.text, node.desc) if t]
        for child in self.descendants(node):
            if len(found) >= limit:
                break
            found.extend(t for t in (child.text, child.desc) if t)
        return found[:limit]

    @property
    def package(self) -> str:
        """Package of the app window (the one an agent acts on)."""
        for node in self.nodes:
            if node.window == self.app_window and node.package:
                return node.package
        return ""

    @property
    def keyboard_shown(self) -> bool:
        return any(is_keyboard_package(package) for package in self.window_packages)

    def app_nodes(self) -> list[Node]:
        return [node for node in self.nodes if node.window == self.app_window]

    # Rendering, signature and XPath live in their own modules; these are the convenient entry points.
    def html(self, *, only_app_window: bool = True) -> str:
        from autodroid.ui.render import render_html

        return render_html(self, only_app_window=only_app_window)

    @cached_property
    def signature(self) -> str:
        from autodroid.ui.render import structural_signature

        return structural_signature(self)

    def xpath(self, expression: str) -> list[Node]:
        from autodroid.ui.query import xpath_nodes

        return xpath_nodes(self, expression)
