"""Serialise a ``View`` tree as a compact one-line ``uiautomator dump`` (the classic 17 attributes, in order)."""

from __future__ import annotations

from autodroid.device.sim.widgets import View

XML_HEADER = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>"
ATTRIBUTE_ORDER = (
    "index", "text", "resource-id", "class", "package", "content-desc", "checkable", "checked", "clickable",
    "enabled", "focusable", "focused", "scrollable", "long-clickable", "password", "selected", "bounds",
)
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def escape_attribute(value: str) -> str:
    return "".join(_ESCAPES.get(char, char) for char in value)


def full_resource_id(rid: str, package: str) -> str:
    if not rid or ":" in rid:
        return rid
    return f"{package}:id/{rid}"


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _attributes(view: View, index: int, package: str) -> str:
    values = (
        str(index), view.text, full_resource_id(view.rid, package), view.cls, package, view.desc,
        _flag(view.checkable), _flag(view.checked), _flag(view.clickable), _flag(view.enabled),
        _flag(view.focusable), _flag(view.focused), _flag(view.scrollable), _flag(view.long_clickable),
        _flag(view.password), _flag(view.selected), view.rect.uiautomator(),
    )
    return " ".join(f'{name}="{escape_attribute(value)}"' for name, value in zip(ATTRIBUTE_ORDER, values))


def to_xml(root: View, package: str, *, rotation: int = 0) -> str:
    parts = [XML_HEADER, f'<hierarchy rotation="{rotation}">']

    def emit(view: View, index: int) -> None:
        attributes = _attributes(view, index, package)
        if not view.children:
            parts.append(f"<node {attributes} />")
            return
        parts.append(f"<node {attributes}>")
        for position, child in enumerate(view.children):
            emit(child, position)
        parts.append("</node>")

    emit(root, 0)
    parts.append("</hierarchy>")
    return "".join(parts)
