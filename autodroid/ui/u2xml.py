"""Parse uiautomator hierarchy dumps (``uiautomator dump``, uiautomator2 ``dump_hierarchy()``, androidx
``dumpWindowHierarchy()``) into a ``Screen``.

Every variant in the wild is handled the same way: ``<hierarchy rotation=..>`` holds one ``<node>`` per
window (one for the classic dump), attributes may be missing or extra, and ``bounds`` is ``[l,t][r,b]``.
"""

from __future__ import annotations

import re

from lxml import etree

from autodroid.errors import ScreenParseError
from autodroid.ui.screen import SYSTEM_UI_PACKAGES, Bounds, Node, Screen, is_keyboard_package

_BOUNDS = re.compile(r"\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]")
_EDITABLE_CLASSES = ("EditText", "AutoCompleteTextView", "SearchView$SearchAutoComplete")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=True)


def parse_bounds(value: str | None) -> Bounds | None:
    if not value:
        return None
    match = _BOUNDS.fullmatch(value.strip())
    if match is None:
        return None
    left, top, right, bottom = (int(group) for group in match.groups())
    return left, top, right, bottom


def _flag(attributes, name: str) -> bool:
    return attributes.get(name) == "true"


def parse_u2_xml(dump: str | bytes) -> Screen:
    """Parse one hierarchy dump. Raises ScreenParseError naming what is wrong."""
    data = dump.encode("utf-8") if isinstance(dump, str) else dump
    if not data.strip():
        raise ScreenParseError("empty hierarchy dump", fix="take the dump again (`autodroid screen`)")
    try:
        root = etree.fromstring(data.lstrip(), _PARSER)
    except etree.XMLSyntaxError as error:
        raise ScreenParseError(f"malformed hierarchy XML: {error}") from None
    if root.tag != "hierarchy":
        raise ScreenParseError(f"root element is <{root.tag}>, expected <hierarchy>")

    nodes: list[Node] = []
    window_packages: list[str] = []
    window_bounds: list[Bounds | None] = []
    for window, window_element in enumerate(child for child in root if child.tag == "node"):
        window_packages.append(window_element.get("package", ""))
        window_bounds.append(parse_bounds(window_element.get("bounds")))
        _collect(window_element, window, "", None, False, nodes)

    rotation_text = root.get("rotation", "0")
    rotation = int(rotation_text) if rotation_text.lstrip("-").isdigit() else 0
    app_window = _pick_app_window(window_packages, window_bounds)
    return Screen(
        nodes=tuple(nodes),
        roots=tuple(node.id for node in nodes if node.parent is None),
        source="u2",
        rotation=rotation,
        size=_display_size(window_bounds),
        app_window=app_window,
        window_packages=tuple(window_packages),
        raw=data.decode("utf-8", "replace") if isinstance(dump, bytes) else dump,
    )


def _collect(element, window: int, path: str, parent: int | None, parent_clickable: bool, out: list[Node]) -> int:
    """Append ``element`` and its subtree in preorder; return the new node's id."""
    attributes = element.attrib
    node_id = len(out)
    cls = attributes.get("class", "")
    clickable = _flag(attributes, "clickable")
    visible_attribute = attributes.get("visible-to-user")
    bounds = parse_bounds(attributes.get("bounds"))
    out.append(None)  # placeholder keeps preorder ids while children are collected
    child_ids = []
    position = 0
    for child in element:
        if child.tag != "node":
            continue
        child_path = f"{path}/{position}" if path else str(position)
        child_ids.append(_collect(child, window, child_path, node_id, parent_clickable or clickable, out))
        position += 1
    visible = visible_attribute == "true" if visible_attribute is not None else bounds is None or (
        bounds[2] > bounds[0] and bounds[3] > bounds[1]
    )
    out[node_id] = Node(
        id=node_id,
        cls=cls,
        resource_id=attributes.get("resource-id", ""),
        text=attributes.get("text", ""),
        desc=attributes.get("content-desc", ""),
        package=attributes.get("package", ""),
        bounds=bounds,
        clickable=clickable,
        inherited_clickable=clickable or parent_clickable,
        long_clickable=_flag(attributes, "long-clickable"),
        checkable=_flag(attributes, "checkable"),
        checked=_flag(attributes, "checked"),
        selected=_flag(attributes, "selected"),
        editable=any(cls.endswith(name) for name in _EDITABLE_CLASSES) or _flag(attributes, "editable"),
        scrollable=_flag(attributes, "scrollable"),
        enabled=attributes.get("enabled", "true") != "false",
        focused=_flag(attributes, "focused"),
        password=_flag(attributes, "password"),
        visible=visible,
        hint=attributes.get("hint", ""),
        window=window,
        path=f"{window}:{path}" if path else f"{window}:",
        parent=parent,
        children=tuple(child_ids),
    )
    return node_id


def _pick_app_window(packages: list[str], bounds: list[Bounds | None]) -> int:
    """The window an agent acts on: not system UI, not a keyboard; a dialog window inside the app's wins."""
    candidates = [
        index for index, package in enumerate(packages)
        if package not in SYSTEM_UI_PACKAGES and not is_keyboard_package(package)
    ] or list(range(len(packages)))
    if not candidates:
        return 0
    chosen = candidates[0]
    for index in candidates[1:]:
        if _strictly_inside(bounds[index], bounds[chosen]):
            chosen = index
    return chosen


def _strictly_inside(inner: Bounds | None, outer: Bounds | None) -> bool:
    if inner is None or outer is None or inner == outer:
        return False
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def _display_size(bounds: list[Bounds | None]) -> tuple[int, int] | None:
    known = [b for b in bounds if b is not None]
    if not known:
        return None
    return max(b[2] for b in known), max(b[3] for b in known)
