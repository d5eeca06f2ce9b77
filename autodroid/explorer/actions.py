"""The actions the explorer can try on a screen, and the keys it uses to tell them apart.

An action is (kind, node id, text, direction). Within one state node ids are stable, so this is the key
of "tried here". Across states of the same screen an element is known by its ``element_key`` (tag,
resource id, description, text when it has neither, and the shape of its path with list positions
dropped), which is what the per-screen limit counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from autodroid.ui.screen import Node, Screen

UI_ACTIONS = ("tap", "long_tap", "set_text", "scroll", "back")
_LIST_CLASSES = ("RecyclerView", "ListView", "GridView", "ScrollView", "ViewPager", "scrollbar")

ActionKey = tuple  # (kind, node id or None, text or None, direction or None)


@dataclass(frozen=True)
class Action:
    kind: str  # tap | long_tap | set_text | scroll | back
    node_id: int | None = None
    text: str | None = None
    direction: str | None = None

    @property
    def key(self) -> ActionKey:
        return (self.kind, self.node_id, self.text, self.direction)

    @classmethod
    def from_key(cls, key: ActionKey) -> "Action":
        return cls(*key)

    def describe(self, screen: Screen | None = None) -> str:
        node = screen.get(self.node_id) if screen is not None and self.node_id is not None else None
        what = f" {node.tag} {node.label!r}" if node is not None else (
            f" #{self.node_id}" if self.node_id is not None else "")
        extra = f" {self.text!r}" if self.text is not None else (f" {self.direction}" if self.direction else "")
        return f"{self.kind}{what}{extra}"


def edge_key(edge) -> ActionKey:
    """The action key of a graph edge (``autodroid.explorer.graph.Edge``)."""
    node_id = edge.node.get("id") if isinstance(edge.node, dict) else None
    return (edge.action, node_id, edge.text, edge.direction)


def _is_list(node: Node) -> bool:
    return node.scrollable or any(node.cls.endswith(name) for name in _LIST_CLASSES)


def path_shape(screen: Screen, node: Node) -> str:
    """Classes from the root down to the node, with positions kept except under lists (rows collapse)."""
    chain = [node, *screen.ancestors(node)]
    chain.reverse()
    parts = []
    for parent, child in zip([None, *chain], chain):
        part = child.short_cls
        if parent is not None and not _is_list(parent):
            part += f"[{parent.children.index(child.id)}]"
        parts.append(part)
    return "/".join(parts)


def element_key(screen: Screen, node: Node) -> tuple:
    text = node.text if not (node.rid or node.desc) else ""
    return (node.tag, node.rid, node.desc, text, path_shape(screen, node))


def candidate_actions(
    screen: Screen,
    *,
    texts_for: Callable[[Node], Iterable[str]],
    scroll_directions: Iterable[str] = ("down",),
    tap_inherited: bool = False,
    with_back: bool = True,
) -> list[Action]:
    """Every action worth trying on this screen, in the order the explorer tries them: typing first (forms
    are filled before their buttons are pressed), then taps, long taps, scrolls, and back last."""
    nodes = [node for node in screen.app_nodes() if node.enabled and node.visible]
    typed = [Action("set_text", node.id, text) for node in nodes if node.editable for text in texts_for(node)
             if text != node.text]  # typing what the field already holds changes nothing
    taps = [Action("tap", node.id) for node in nodes if not node.editable and (
        node.clickable or node.checkable or (tap_inherited and node.inherited_clickable and node.label))]
    long_taps = [Action("long_tap", node.id) for node in nodes if node.long_clickable]
    scrolls = [Action("scroll", node.id, None, direction)
               for node in nodes if node.scrollable for direction in scroll_directions]
    return typed + taps + long_taps + scrolls + ([Action("back")] if with_back else [])


def find_node(screen: Screen, record: dict | None) -> Node | None:
    """The node of ``screen`` that a recorded edge's node (``graph.node_record``) names: the same id when it
    still matches, else the one node with the same path and labels, else the one with the same labels."""
    if not record:
        return None
    same = ("resource_id", "text", "desc", "cls")

    def matches(node: Node, fields: tuple[str, ...]) -> bool:
        return all(getattr(node, name) == record.get(name) for name in fields)

    node = screen.get(record.get("id", -1))
    if node is not None and matches(node, same + ("path",)):
        return node
    for fields in (same + ("path",), same):
        found = [candidate for candidate in screen.nodes if matches(candidate, fields)]
        if len(found) == 1:
            return found[0]
    return None
