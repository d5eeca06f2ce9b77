"""The machine-readable description of DroidScript: element types, their methods, builtins, operators.

This module is the single source of truth. The static checker, the interpreter, the GBNF grammar
generator (``grammar.py``) and the README tables (``spec.py``) all read these constants, so adding a
method here is the only change needed for it to be checked, run, offered to the model and documented.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

DIRECTIONS: tuple[str, ...] = ("up", "down", "left", "right")

# Argument kinds a method parameter can have.
#   text      any string (typed into a field)
#   direction one of DIRECTIONS
#   option    one of the list's documented static options (host.list_options)
#   pattern   a string compared to item labels after normalising case and spaces
PARAM_KINDS: tuple[str, ...] = ("text", "direction", "option", "pattern")

# What a method returns (see values.py for the runtime representation).
#   none  nothing useful (actions)
#   str   a string
#   dict  a plain dict of str -> bool | str | int
#   item  a list item (ItemRef)
RETURN_KINDS: tuple[str, ...] = ("none", "str", "dict", "item")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str


@dataclass(frozen=True)
class Method:
    """One method callable on a value of some element type.

    ``acts``: it changes the device (counted against the action budget, offered by the grammar).
    ``by_interpreter``: implemented by the interpreter over ``Host.list_items`` instead of ``Host.act``.
    """

    name: str
    params: tuple[Param, ...]
    returns: str
    acts: bool
    summary: str
    by_interpreter: bool = False

    def signature(self) -> str:
        return f"{self.name}({', '.join(p.name for p in self.params)})"


@dataclass(frozen=True)
class ValueType:
    """An element type (``button``...) or one of the two pseudo types a list hands out.

    ``element``: True for types a doc's API name can have; False for ``item`` and ``item_field``.
    ``iterable``: ``for x in v``, ``v[i]`` and ``len(v)`` work and give items.
    """

    name: str
    summary: str
    methods: Mapping[str, Method]
    element: bool = True
    iterable: bool = False


def _m(name: str, returns: str, acts: bool, summary: str, *params: tuple[str, str], by_interpreter: bool = False):
    for _, kind in params:
        assert kind in PARAM_KINDS, kind
    assert returns in RETURN_KINDS, returns
    return Method(name, tuple(Param(n, k) for n, k in params), returns, acts, summary, by_interpreter)


TAP = _m("tap", "none", True, "tap it")
LONG_TAP = _m("long_tap", "none", True, "long-press it")
GET_TEXT = _m("get_text", "str", False, "its current text")
GET_ATTRIBUTES = _m(
    "get_attributes", "dict", False, "a dict of its state: checked, selected, enabled, text, ... (str -> bool|str|int)"
)
SET_TEXT = _m("set_text", "none", True, "replace its text", ("text", "text"))
SCROLL = _m("scroll", "none", True, 'scroll it; direction is "up", "down", "left" or "right"', ("direction", "direction"))
SELECT = _m("select", "none", True, "pick one of the list's documented options", ("option", "option"))
MATCH = _m(
    "match",
    "item",
    False,
    "the first item whose label equals text, ignoring case and extra spaces; fails if none",
    ("text", "pattern"),
    by_interpreter=True,
)


def _t(name: str, summary: str, *methods: Method, element: bool = True, iterable: bool = False) -> ValueType:
    return ValueType(name, summary, MappingProxyType({m.name: m for m in methods}), element, iterable)


LANGUAGE: Mapping[str, ValueType] = MappingProxyType(
    {
        "button": _t("button", "a tappable control", TAP, LONG_TAP, GET_TEXT, GET_ATTRIBUTES),
        "checkbox": _t("checkbox", "a checkbox, switch or toggle", TAP, GET_ATTRIBUTES, GET_TEXT),
        "input": _t("input", "an editable text field", SET_TEXT, TAP, GET_TEXT, GET_ATTRIBUTES),
        "list": _t(
            "list",
            "a list of items: `for item in lst`, `lst[i]` (negative allowed), `len(lst)`",
            SELECT,
            MATCH,
            SCROLL,
            GET_ATTRIBUTES,
            iterable=True,
        ),
        "text": _t("text", "a read-only label", GET_TEXT, GET_ATTRIBUTES, TAP),
        "scrollable": _t("scrollable", "a scrollable area", SCROLL, GET_ATTRIBUTES),
        "item": _t(
            "item",
            "one item of a list (from `for`, `lst[i]` or `lst.match(text)`); `item.<field>` reaches its documented fields",
            TAP,
            LONG_TAP,
            GET_TEXT,
            GET_ATTRIBUTES,
            element=False,
        ),
        "item_field": _t(
            "item_field",
            "a documented field inside one list item, e.g. `item.delete_button`",
            TAP,
            LONG_TAP,
            SET_TEXT,
            GET_TEXT,
            GET_ATTRIBUTES,
            element=False,
        ),
    }
)

ELEMENT_TYPES: tuple[str, ...] = tuple(name for name, t in LANGUAGE.items() if t.element)
ITEM_TYPE = "item"
FIELD_TYPE = "item_field"


@dataclass(frozen=True)
class Builtin:
    name: str
    signature: str
    summary: str
    min_args: int
    max_args: int


BUILTINS: Mapping[str, Builtin] = MappingProxyType(
    {
        "back": Builtin("back", "back()", "press the system back button (a device action)", 0, 0),
        "len": Builtin("len", "len(x)", "length of a list element, list literal, string, dict or range", 1, 1),
        "range": Builtin("range", "range([start,] stop[, step])", "integers, at most `max_range` of them", 1, 3),
        "str": Builtin("str", "str(x)", "x as text (items give their label)", 1, 1),
        "int": Builtin("int", "int(x)", "x as an integer (from int, bool or a decimal string)", 1, 1),
        "print": Builtin("print", "print(x, ...)", "write a line to the trace (at most `max_prints` lines)", 0, 8),
    }
)

# Operators, by the ast node class name that spells them. Everything else is refused.
BINARY_OPERATORS: Mapping[str, str] = MappingProxyType(
    {"Add": "+", "Sub": "-", "Mult": "*", "FloorDiv": "//", "Mod": "%"}
)
COMPARE_OPERATORS: Mapping[str, str] = MappingProxyType(
    {"Eq": "==", "NotEq": "!=", "Lt": "<", "LtE": "<=", "Gt": ">", "GtE": ">=", "In": "in", "NotIn": "not in"}
)
BOOL_OPERATORS: Mapping[str, str] = MappingProxyType({"And": "and", "Or": "or"})
UNARY_OPERATORS: Mapping[str, str] = MappingProxyType({"Not": "not", "USub": "-", "UAdd": "+"})

STATEMENTS: tuple[tuple[str, str], ...] = (
    ("call", "`x.method(...)`, `back()`, `print(...)`: an expression statement must be a call"),
    ("assignment", "`name = expr` and `name += expr` (also -=, *=, //=, %=): plain names only"),
    ("if", "`if` / `elif` / `else`"),
    ("for", "`for name in lst | range(...) | [\"a\", \"b\"]`"),
    ("while", "`while cond:`"),
    ("break / continue / pass", "as in Python"),
)


def methods_for(type_name: str) -> Mapping[str, Method]:
    return LANGUAGE[type_name].methods


def all_method_names() -> tuple[str, ...]:
    names: dict[str, None] = {}
    for t in LANGUAGE.values():
        for m in t.methods:
            names[m] = None
    return tuple(names)
