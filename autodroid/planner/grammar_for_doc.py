"""The decoding grammar for one app: droidscript's GBNF generator fed with the doc's typed APIs.

Typed by element type (tap only on tappables, set_text only on inputs, select only with a documented
option, match on lists without options), optionally narrowed to the APIs retrieval ranked for the task.
What a task never needs is left out by default, because small models pick it anyway: scrollables and
``scroll`` (grounding scrolls by itself), ``long_tap``, ``back()`` (navigation is automatic) and
read-only ``text`` labels. The line rule can be used alone (one line per model call, so the planner can
stop at the first repeated line) or repeated up to ``max_lines``.
"""

from __future__ import annotations

import re
from typing import Iterable

from droidscript import check_script, gbnf
from droidscript.grammar import gbnf_literal, py_string

from autodroid.appdoc import AppDoc

ApiSpec = tuple[str, str, tuple[str, ...] | None]
# The line alternatives droidscript's generator names ``call-<method>``, plus "back()".
DEFAULT_METHODS = ("tap", "set_text", "select", "match")
_RULE = re.compile(r"^([a-z][a-z0-9-]*) ::= (.*)$")
_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:[^\]\\]|\\.)*\]')
_REF = re.compile(r"[a-z][a-z0-9-]*")


def doc_apis(doc: AppDoc, names: Iterable[str] | None = None, *, types: Iterable[str] | None = None) -> list[ApiSpec]:
    """``(name, type, options)`` for the named elements (all when ``names`` is None) whose type is in
    ``types`` (default: all but scrollables and texts), in doc order."""
    wanted = None if names is None else set(names)
    kinds = set(types) if types is not None else {"button", "checkbox", "input", "list"}
    return [(name, e.type, e.options or None) for name, e in doc.elements.items()
            if (wanted is None or name in wanted) and e.type in kinds]


def _rules(text: str) -> dict[str, str]:
    rules: dict[str, str] = {}
    for line in text.splitlines():
        match = _RULE.match(line)
        if match:
            rules[match.group(1)] = match.group(2)
    return rules


def _render(rules: dict[str, str]) -> str:
    seen, todo = {"root"}, ["root"]
    while todo:
        for ref in _REF.findall(_LITERAL.sub(" ", rules[todo.pop()])):
            if ref not in seen and ref in rules:
                seen.add(ref)
                todo.append(ref)
    return "".join(f"{name} ::= {body}\n" for name, body in rules.items() if name in seen)


def grammar_for_doc(doc: AppDoc, names: Iterable[str] | None = None, *, max_lines: int = 6, max_string: int = 60,
                    methods: Iterable[str] = DEFAULT_METHODS, back: bool = False, types: Iterable[str] | None = None,
                    mode: str = "block", strings: Iterable[str] | None = None) -> str:
    """GBNF for scripts on the doc's (or the named) APIs. ``mode``: "block" (1..max_lines lines, the last
    newline optional), "first-line" (exactly one line) or "next-line" (one line or nothing: the model may
    end the script by ending its answer). ``strings``: when given (and not empty), the only texts
    ``set_text`` and ``match`` may take (e.g. the values the task quotes), instead of any text."""
    if mode not in ("block", "first-line", "next-line"):
        raise ValueError(f"unknown grammar mode {mode!r}")
    apis = doc_apis(doc, names, types=types)
    rules = _rules(gbnf(apis, max_lines=1, max_string=max_string))
    wanted = {f"call-{m.replace('_', '-')}" for m in methods}
    alternatives = [alt.strip() for alt in rules["line"].split("|")]
    kept = [alt for alt in alternatives if alt in wanted or (back and alt == '"back()"')]
    if not kept:
        kept = ['"back()"']  # nothing to act on: the only valid script
    rules["line"] = " | ".join(kept)
    if "item-action" in rules and "long_tap" not in methods:
        rules["item-action"] = '"tap()"'
    values = [v for v in dict.fromkeys(strings or ()) if v and len(v) <= max_string]
    if values and "string" in rules:
        rules["string"] = " | ".join(gbnf_literal(py_string(v)) for v in values)
    if mode == "block":
        repeat = f' ("\\n" line){{0,{max_lines - 1}}}' if max_lines > 1 else ""
        rules["root"] = f'line{repeat} "\\n"?'
    elif mode == "first-line":
        rules["root"] = 'line "\\n"?'
    else:
        rules["root"] = '(line "\\n"?)?'
    return _render(rules)


def api_tables(doc: AppDoc) -> tuple[dict[str, str], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The tables ``check_script`` needs: name -> type, list options, list item fields."""
    names = {name: element.type for name, element in doc.elements.items()}
    options = {name: element.options for name, element in doc.elements.items() if element.options}
    fields = {name: tuple(f.name for f in element.item_fields)
              for name, element in doc.elements.items() if element.item_fields}
    return names, options, fields


def check_against_doc(script: str, doc: AppDoc) -> list:
    """Every problem ``check_script`` finds in ``script`` for this doc (empty: valid)."""
    names, options, fields = api_tables(doc)
    return check_script(script, names, options, fields)


# ------------------------------------------------------------------------------------------------------
# Choice lines: whole candidate lines for one task, for the model to pick from


TEXT_SLOT = "..."  # a set_text/match argument the task does not give: any text
_SLOT_ARG = py_string(TEXT_SLOT)  # the slot as it stands inside a line


def has_text_slot(line: str) -> bool:
    """Whether a choice line leaves its text free (only a grammar can fill it in)."""
    return _SLOT_ARG in line


def choice_lines(doc: AppDoc, names: Iterable[str], task_strings: Iterable[str], option_picker,
                 *, types: Iterable[str] | None = None) -> list[str]:
    """Complete script lines for the named APIs, in the given order: ``tap()`` on tappables,
    ``set_text("<value>")`` on inputs for each text the task gives, ``select("<option>")`` for the options
    ``option_picker(element)`` returns, and ``match("<value>").tap()`` on lists without options for each
    text the task gives. A task that gives no text gets no typing or matching lines (small models copy a
    placeholder literally)."""
    kinds = set(types) if types is not None else {"button", "checkbox", "input", "list"}
    values = [v for v in dict.fromkeys(task_strings) if v]
    lines: list[str] = []
    for name in names:
        element = doc.elements.get(name)
        if element is None or element.type not in kinds:
            continue
        if element.type in ("button", "checkbox", "text"):
            lines.append(f"{name}.tap()")
        elif element.type == "input":
            lines.extend(f"{name}.set_text({py_string(v)})" for v in values)
        elif element.type == "list":
            if element.options:
                lines.extend(f"{name}.select({py_string(o)})" for o in option_picker(element))
            else:
                lines.extend(f"{name}.match({py_string(v)}).tap()" for v in values)
    return list(dict.fromkeys(lines))


def grammar_for_lines(lines: Iterable[str], *, mode: str = "block", max_lines: int = 6, max_string: int = 60) -> str:
    """GBNF admitting only the given lines (a ``"..."`` argument admits any text); modes as in
    ``grammar_for_doc``."""
    alternatives = []
    for line in dict.fromkeys(lines):
        if has_text_slot(line):
            head, tail = line.split(_SLOT_ARG, 1)
            alternatives.append(f"{gbnf_literal(head)} string {gbnf_literal(tail)}")
        else:
            alternatives.append(gbnf_literal(line))
    rules = {"root": "", "line": " | ".join(alternatives) or '"back()"',
             "string": f'"\\"" char{{1,{max_string}}} "\\""', "char": '[^"\\\\\\x00-\\x1F\\x7F]'}
    if mode == "block":
        repeat = f' ("\\n" line){{0,{max_lines - 1}}}' if max_lines > 1 else ""
        rules["root"] = f'line{repeat} "\\n"?'
    elif mode == "first-line":
        rules["root"] = 'line "\\n"?'
    elif mode == "next-line":
        rules["root"] = '(line "\\n"?)?'
    else:
        raise ValueError(f"unknown grammar mode {mode!r}")
    return _render(rules)
