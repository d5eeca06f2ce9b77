"""Generated parts of the language spec (interpreter/README.md), rendered from ``LANGUAGE`` and friends.

The README holds each generated table between ``<!-- droidscript:NAME -->`` and
``<!-- /droidscript:NAME -->``. ``python -m droidscript.spec README.md`` rewrites them in place;
``--check`` exits 1 if they are stale (a test does the same, so the docs cannot drift).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import fields
from typing import Callable

from .budgets import BUDGET_DOCS, Budgets
from .checker import REFUSED
from .language import BUILTINS, DIRECTIONS, LANGUAGE, STATEMENTS


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def methods_table() -> str:
    rows = ["| type | method | returns | device action | what it does |", "|---|---|---|---|---|"]
    for t in LANGUAGE.values():
        for m in t.methods.values():
            rows.append(
                f"| `{t.name}` | `{m.signature()}` | {m.returns} | {'yes' if m.acts else 'no'} | {_cell(m.summary)} |"
            )
    return "\n".join(rows)


def types_table() -> str:
    rows = ["| type | API name type | what it is |", "|---|---|---|"]
    for t in LANGUAGE.values():
        rows.append(f"| `{t.name}` | {'yes' if t.element else 'no'} | {_cell(t.summary)} |")
    return "\n".join(rows)


def builtins_table() -> str:
    rows = ["| builtin | what it does |", "|---|---|"]
    for b in BUILTINS.values():
        rows.append(f"| `{b.signature}` | {_cell(b.summary)} |")
    return "\n".join(rows)


def statements_table() -> str:
    rows = ["| statement | form |", "|---|---|"]
    for name, form in STATEMENTS:
        rows.append(f"| {name} | {_cell(form)} |")
    return "\n".join(rows)


def budgets_table() -> str:
    defaults = Budgets()
    rows = ["| budget | default | what it bounds |", "|---|---|---|"]
    for f in fields(Budgets):
        rows.append(f"| `{f.name}` | {getattr(defaults, f.name)!r} | {_cell(BUDGET_DOCS[f.name])} |")
    return "\n".join(rows)


def refused_table() -> str:
    rows = ["| syntax (ast node) | why it is refused |", "|---|---|"]
    for kind, why in REFUSED.items():
        rows.append(f"| `{kind}` | {_cell(why)} |")
    return "\n".join(rows)


def directions_line() -> str:
    return ", ".join(f'`"{d}"`' for d in DIRECTIONS)


SECTIONS: dict[str, Callable[[], str]] = {
    "types": types_table,
    "methods": methods_table,
    "builtins": builtins_table,
    "statements": statements_table,
    "budgets": budgets_table,
    "refused": refused_table,
    "directions": directions_line,
}


def render(text: str) -> str:
    """``text`` with every generated section replaced by its current rendering."""
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- droidscript:{name} -->).*?(<!-- /droidscript:{name} -->)", re.S)
        if not pattern.search(text):
            raise ValueError(f"README has no section <!-- droidscript:{name} --> ... <!-- /droidscript:{name} -->")
        body = make()
        text = pattern.sub(lambda m: f"{m.group(1)}\n{body}\n{m.group(2)}", text)
    return text


def main(argv: list[str]) -> int:
    args = [a for a in argv if a != "--check"]
    if len(args) != 1:
        print("usage: python -m droidscript.spec README.md [--check]", file=sys.stderr)
        return 2
    path = args[0]
    with open(path, encoding="utf-8") as f:
        old = f.read()
    new = render(old)
    if "--check" in argv:
        if new != old:
            print(f"{path}: generated sections are stale; run python -m droidscript.spec {path}", file=sys.stderr)
            return 1
        return 0
    if new != old:
        tmp = f"{path}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(new)
        os.replace(tmp, path)  # never leave a half-written README
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
