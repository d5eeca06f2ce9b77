"""A llama.cpp GBNF grammar for straight-line DroidScript, generated from ``LANGUAGE`` and an app's APIs.

The grammar admits 1..max_lines lines, each one typed call on a real API name:
- every acting method of ``LANGUAGE`` (tap, long_tap, set_text, scroll, select) only on the names whose
  element type has it, with its arguments typed: free text for ``text`` params, one of ``DIRECTIONS``
  for ``direction`` params, and one of the list's documented options for ``option`` params;
- every item-returning method (``lst.match("...")``) chained to an item action (``.tap()``...);
- ``back()``.
Name alternatives are grouped in one rule per element type. The last line may end without a newline so
the model can stop. Every script the grammar admits passes ``check_script`` (tested by sampling it).
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from .language import DIRECTIONS, ELEMENT_TYPES, ITEM_TYPE, LANGUAGE, Method
from .tables import valid_identifier

ApiSpec = tuple[str, str, Sequence[str] | None]


def gbnf_literal(text: str) -> str:
    """``text`` as a GBNF double-quoted literal."""
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def py_string(text: str) -> str:
    """``text`` as a double-quoted Python string literal (what the script must contain)."""
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _rule_name(*parts: str) -> str:
    return "-".join(p.replace("_", "-").lower() for p in parts)


def _validate(apis: Iterable[ApiSpec]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = []
    seen: set[str] = set()
    for entry in apis:
        try:
            name, type_, options = entry
        except (TypeError, ValueError):
            raise ValueError(f"each API must be (name, type, options), got {entry!r}") from None
        if not valid_identifier(name):
            raise ValueError(f"API name {name!r} is not a usable identifier")
        if name in seen:
            raise ValueError(f"API name {name!r} is listed twice")
        seen.add(name)
        if type_ not in ELEMENT_TYPES:
            raise ValueError(f"API {name!r} has unknown element type {type_!r}; known: {', '.join(ELEMENT_TYPES)}")
        opts = tuple(options or ())
        if any(not isinstance(o, str) for o in opts):
            raise ValueError(f"options of {name!r} must be strings")
        if opts and not any(p.kind == "option" for m in LANGUAGE[type_].methods.values() for p in m.params):
            raise ValueError(f"API {name!r} is a {type_}, which has no method taking an option; drop its options")
        out.append((name, type_, tuple(dict.fromkeys(opts))))
    return out


def gbnf(apis: Iterable[ApiSpec], *, max_lines: int = 12, max_string: int = 80) -> str:
    """The GBNF grammar text for ``apis``: a list of ``(name, element_type, options_or_None)``."""
    if max_lines < 1:
        raise ValueError("max_lines must be at least 1")
    if max_string < 1:
        raise ValueError("max_string must be at least 1")
    table = _validate(apis)
    names_by_type: dict[str, list[str]] = {t: [] for t in ELEMENT_TYPES}
    options: dict[str, tuple[str, ...]] = {}
    for name, type_, opts in table:
        names_by_type[type_].append(name)
        if opts:
            options[name] = opts

    rules: dict[str, str] = {}
    line_alternatives: list[str] = []
    used_types: set[str] = set()

    item_actions = [m for m in LANGUAGE[ITEM_TYPE].methods.values() if m.acts and not m.params]
    if item_actions:
        rules["item-action"] = " | ".join(gbnf_literal(f"{m.name}()") for m in item_actions)

    # Methods in LANGUAGE order; for each, the element types that have it and have names.
    methods: dict[str, tuple[Method, list[str]]] = {}
    for type_name in ELEMENT_TYPES:
        for m in LANGUAGE[type_name].methods.values():
            wanted = m.acts or (m.returns == "item" and item_actions)
            if not wanted or not names_by_type[type_name]:
                continue
            methods.setdefault(m.name, (m, []))[1].append(type_name)

    for mname, (method, types) in methods.items():
        rule = _rule_name("call", mname)
        kinds = [p.kind for p in method.params]
        tail = gbnf_literal(")." if method.returns == "item" else ")")
        suffix = " item-action" if method.returns == "item" else ""
        if "option" in kinds:
            # One alternative per list with documented options: the options differ per list.
            alts = []
            for t in types:
                for name in names_by_type[t]:
                    if name not in options:
                        continue
                    args = []
                    for k in kinds:
                        if k == "option":
                            args.append("(" + " | ".join(gbnf_literal(py_string(o)) for o in options[name]) + ")")
                        else:
                            args.append(_arg_rule(k))
                    head = gbnf_literal(f"{name}.{mname}(")
                    alts.append(f"{head} {_ARG_SEP.join(args)} {tail}{suffix}")
            if not alts:
                continue
            rules[rule] = " | ".join(alts)
        else:
            used_types.update(types)
            target = " | ".join(_rule_name("t", t) for t in types)
            target = f"({target})" if len(types) > 1 else target
            if kinds:
                args = _ARG_SEP.join(_arg_rule(k) for k in kinds)
                rules[rule] = f"{target} {gbnf_literal('.' + mname + '(')} {args} {tail}{suffix}"
            else:
                rules[rule] = f"{target} {gbnf_literal('.' + mname + '()')}{suffix}"
        line_alternatives.append(rule)
    line_alternatives.append(gbnf_literal("back()"))

    for t in ELEMENT_TYPES:
        if t in used_types:
            rules[_rule_name("t", t)] = " | ".join(gbnf_literal(n) for n in names_by_type[t])
    rules["direction"] = " | ".join(gbnf_literal(py_string(d)) for d in DIRECTIONS)
    rules["string"] = f'"\\"" char{{0,{max_string}}} "\\""'
    rules["char"] = '[^"\\\\\\x00-\\x1F\\x7F]'

    repeat = f' ("\\n" line){{0,{max_lines - 1}}}' if max_lines > 1 else ""
    rules = {"root": f'line{repeat} "\\n"?', "line": " | ".join(line_alternatives), **rules}
    return "".join(f"{name} ::= {rules[name]}\n" for name in _reachable(rules, "root"))


_ARG_SEP = ' ", " '


def _arg_rule(kind: str) -> str:
    return {"text": "string", "pattern": "string", "direction": "direction"}[kind]


_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:[^\]\\]|\\.)*\]')
_WORD = re.compile(r"[a-z][a-z0-9-]*")


def _reachable(rules: dict[str, str], start: str) -> list[str]:
    """Rule names reachable from ``start``, in ``rules`` order (unused rules are left out)."""
    seen = {start}
    todo = [start]
    while todo:
        body = _LITERAL.sub(" ", rules[todo.pop()])
        for ref in _WORD.findall(body):
            if ref not in seen:
                if ref not in rules:
                    raise AssertionError(f"grammar rule {ref!r} is referenced but not defined")
                seen.add(ref)
                todo.append(ref)
    return [name for name in rules if name in seen]
