"""lxml XPath queries over a screen.

The queried tree mirrors the DroidTask form so recorded selectors work unchanged: tag = DroidTask tag for
DroidTask states, short class name for dumps; attributes ``id``, ``resource_id`` (short), ``alt``, plus
``resource-id``/``class``/``content-desc``/``package`` and the boolean flags for dumps; the node text is
the element text, so ``text()='OK'`` works. Windows hang under one ``<hierarchy>`` root.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from autodroid.errors import BadInputError
from autodroid.ui.screen import Node, Screen

_NOT_NAME_CHAR = re.compile(r"[^A-Za-z0-9_.-]")
_FLAGS = ("clickable", "long_clickable", "checkable", "checked", "selected", "editable", "scrollable",
          "enabled", "focused", "password")


def _tag(node: Node, source: str) -> str:
    tag = node.cls if source == "droidtask" else node.short_cls
    tag = _NOT_NAME_CHAR.sub("_", tag) or "node"
    return tag if tag[0].isalpha() or tag[0] == "_" else f"_{tag}"


def build_tree(screen: Screen) -> etree._Element:
    root = etree.Element("hierarchy")
    elements: dict[int, etree._Element] = {}
    for node in screen.nodes:
        parent = root if node.parent is None else elements[node.parent]
        element = etree.SubElement(parent, _tag(node, screen.source))
        element.set("id", str(node.id))
        if node.rid:
            element.set("resource_id", node.rid)
        if node.desc:
            element.set("alt", node.desc)
        if screen.source != "droidtask":
            element.set("resource-id", node.resource_id)
            element.set("class", node.cls)
            element.set("content-desc", node.desc)
            element.set("package", node.package)
            for flag in _FLAGS:
                element.set(flag, "true" if getattr(node, flag) else "false")
        if node.text:
            element.text = node.text
        elements[node.id] = element
    return root


def _tree_for(screen: Screen) -> etree._Element:
    # Screens are immutable, so the tree is built once per screen and kept on it.
    tree = screen.__dict__.get("_query_tree")
    if tree is None:
        tree = screen.__dict__["_query_tree"] = build_tree(screen)
    return tree


@lru_cache(maxsize=512)
def _compiled(expression: str) -> etree.XPath:
    try:
        return etree.XPath(expression)
    except etree.XPathSyntaxError as error:
        raise BadInputError(f"invalid XPath {expression!r}: {error}", fix="correct the selector") from None


def xpath_nodes(screen: Screen, expression: str) -> list[Node]:
    """Nodes matched by an XPath expression, in document order."""
    try:
        found = _compiled(expression)(_tree_for(screen))
    except etree.XPathEvalError as error:
        raise BadInputError(f"XPath {expression!r} failed: {error}", fix="correct the selector") from None
    if not isinstance(found, list):
        raise BadInputError(f"XPath {expression!r} does not select elements", fix="select elements, e.g. //*[@resource_id='ok']")
    nodes = []
    for element in found:
        if isinstance(element, etree._Element) and element.get("id") is not None:
            nodes.append(screen.node(int(element.get("id"))))
    return nodes
