"""Parse DroidTask simplified-HTML ``State`` strings into a ``Screen``.

The form: ``<button id='9' resource_id='settings' alt='Settings' status='selected'>text</button>``,
typed tags (button = clickable, checkbox = checkable, input = editable, scrollbar = scrollable, p =
text), other nodes keep their Android class name. Ids are per-screen integers and are kept as node ids.
No bounds, package or enabled/focused flags are recorded.
"""

from __future__ import annotations

from lxml import etree

from autodroid.errors import ScreenParseError
from autodroid.ui.screen import Node, Screen

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def _clean_text(text: str | None) -> str:
    if not text:
        return ""
    return " ".join(part.strip() for part in text.strip().splitlines() if part.strip())


def parse_droidtask_html(state: str) -> Screen:
    if not isinstance(state, str) or not state.strip():
        raise ScreenParseError("empty DroidTask State", fix="pass the `State` string of a record")
    try:
        root = etree.fromstring(state.strip().encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as error:
        raise ScreenParseError(f"malformed DroidTask State HTML: {error}") from None
    nodes: dict[int, Node] = {}
    order: list[int] = []
    _collect(root, "", None, False, nodes, order)
    return Screen(
        nodes=tuple(nodes[node_id] for node_id in order),
        roots=(order[0],),
        source="droidtask",
        window_packages=("",),
        raw=state,
    )


def _collect(element, path: str, parent: int | None, parent_clickable: bool, nodes: dict, order: list) -> int:
    tag = element.tag
    raw_id = element.get("id")
    try:
        node_id = int(raw_id)
    except (TypeError, ValueError):
        raise ScreenParseError(f"<{tag}> has no integer id (got {raw_id!r})") from None
    if node_id in nodes:
        raise ScreenParseError(f"duplicate node id {node_id} in DroidTask State")
    selected = element.get("status") == "selected"
    checkable = tag == "checkbox"
    clickable = tag == "button"
    nodes[node_id] = None  # reserve the id; filled after the children
    order.append(node_id)
    child_ids = []
    for position, child in enumerate(c for c in element if isinstance(c.tag, str)):
        child_path = f"{path}/{position}" if path else str(position)
        child_ids.append(_collect(child, child_path, node_id, parent_clickable or clickable, nodes, order))
    nodes[node_id] = Node(
        id=node_id,
        cls=tag,
        resource_id=element.get("resource_id", ""),
        text=_clean_text(element.text),
        desc=element.get("alt", ""),
        clickable=clickable,
        inherited_clickable=clickable or parent_clickable,
        checkable=checkable,
        checked=selected and checkable,
        selected=selected,
        editable=tag == "input",
        scrollable=tag == "scrollbar",
        path=f"0:{path}",
        parent=parent,
        children=tuple(child_ids),
    )
    return node_id
