"""Runtime values. A script only ever holds one of these closed set of types:

int, str, bool, None, tuple (list literals), dict (from get_attributes, str -> bool|str|int), range,
``ElementRef`` (an API name), ``ItemRef`` (a list item, made by the host), ``FieldRef`` (a field of an item).

Scripts never reach Python attributes of these objects: the walker switches on their exact type.
Conversions to text are done here, never by calling ``format``/``__str__`` of unknown objects.
"""

from __future__ import annotations

from typing import Any

from .host import ItemRef


class ElementRef:
    """An element API name bound to its type (``button``, ``list``...)."""

    __slots__ = ("name", "type")

    def __init__(self, name: str, type_: str):
        self.name = name
        self.type = type_

    def __eq__(self, other: object) -> bool:
        return type(other) is ElementRef and other.name == self.name  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(("ElementRef", self.name))

    def __repr__(self) -> str:
        return f"<{self.type} {self.name}>"


class FieldRef:
    """``item.<field>``: a documented field inside one list item."""

    __slots__ = ("item", "field")

    def __init__(self, item: ItemRef, field: str):
        self.item = item
        self.field = field

    def __eq__(self, other: object) -> bool:
        return type(other) is FieldRef and other.item == self.item and other.field == self.field  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(("FieldRef", self.item, self.field))

    def __repr__(self) -> str:
        return f"<field {self.field} of {self.item.list_name}[{self.item.index}]>"


def clean_str(value: str) -> str:
    """An exact ``str`` copy of a str (or str subclass) without calling any overridden method."""
    return value if type(value) is str else str.__str__(value)


def normalise(text: str) -> str:
    """Case- and space-insensitive form used by ``match`` and ``select``."""
    return " ".join(text.casefold().split())


def type_name(value: Any) -> str:
    """The name a script author would use for the value's type, for error messages."""
    t = type(value)
    if t is ElementRef:
        return f"{value.type} element {value.name}"
    if t is ItemRef:
        return f"item of {value.list_name}"
    if t is FieldRef:
        return f"field {value.field} of an item of {value.item.list_name}"
    return {
        bool: "bool",
        int: "int",
        str: "str",
        type(None): "None",
        tuple: "list",
        dict: "dict",
        range: "range",
    }.get(t, "value")


class StringTooLong(Exception):
    """Raised by ``to_str`` when the text would pass its limit (the walker turns it into BudgetExceeded)."""


def to_str(value: Any, limit: int | None = None) -> str:
    """Text of a script value (what ``str(x)``, f-strings and ``print`` show), at most ``limit`` chars."""
    text = _to_str(value, limit)
    if limit is not None and len(text) > limit:
        raise StringTooLong
    return text


def _literal(value: Any, limit: int | None) -> str:
    return repr(value) if type(value) is str else _to_str(value, limit)


def _joined(parts: Any, limit: int | None) -> str:
    out: list[str] = []
    size = 0
    for p in parts:
        size += len(p) + 2
        if limit is not None and size > limit:
            raise StringTooLong
        out.append(p)
    return ", ".join(out)


def _to_str(value: Any, limit: int | None) -> str:
    t = type(value)
    if t is str:
        return value
    if t is bool or t is int or value is None:
        return repr(value)
    if t is ItemRef:
        return value.label if value.label else f"{value.list_name}[{value.index}]"
    if t is ElementRef:
        return value.name
    if t is FieldRef:
        return f"{_to_str(value.item, limit)}.{value.field}"
    if t is tuple:
        return "[" + _joined((_literal(v, limit) for v in value), limit) + "]"
    if t is dict:
        return "{" + _joined((f"{_literal(k, limit)}: {_literal(v, limit)}" for k, v in value.items()), limit) + "}"
    if t is range:
        return f"range({value.start}, {value.stop}, {value.step})"
    return f"<{type_name(value)}>"


def truth(value: Any) -> bool:
    """Truthiness without calling ``__bool__``/``__len__`` of anything but builtin types."""
    t = type(value)
    if t is bool:
        return value
    if value is None:
        return False
    if t in (int, str, tuple, dict, range):
        return bool(value)
    return True  # ElementRef, ItemRef, FieldRef
