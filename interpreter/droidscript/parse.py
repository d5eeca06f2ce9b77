"""Turn source text into an ``ast.Module`` safely: bounded size, bounded depth, every failure typed."""

from __future__ import annotations

import ast
import re

from .budgets import Budgets
from .errors import ScriptError


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Source:
    """The script's lines, for quoting the offending one in errors."""

    __slots__ = ("text", "lines")

    def __init__(self, text: str):
        self.text = text
        # Python's own line breaks only: str.splitlines() also breaks at U+2028, \x0b, \x1c... which a
        # string literal may hold, and the quoted line would then not be the one the error is on.
        self.lines = _LINE_BREAK.split(text)

    def line(self, lineno: int | None) -> str | None:
        if lineno is None or not 1 <= lineno <= len(self.lines):
            return None
        return self.lines[lineno - 1]

    def where(self, node: ast.AST | None) -> dict:
        lineno = getattr(node, "lineno", None)
        col = getattr(node, "col_offset", None)
        return {"line": lineno, "col": None if col is None else col + 1, "source_line": self.line(lineno)}


def parse_script(source: object, budgets: Budgets) -> tuple[ast.Module, Source]:
    """Parse ``source``; raise ``ScriptError`` for anything that is not a small, well-formed script."""
    if not isinstance(source, str):
        raise ScriptError(f"a script must be text (str), got {type(source).__name__}")
    if len(source) > budgets.max_source_chars:
        raise ScriptError(
            f"the script has {len(source)} characters, more than max_source_chars={budgets.max_source_chars}",
            fix="write a shorter script",
        )
    src = Source(source)
    try:
        tree = ast.parse(source, filename="<script>", mode="exec")
    except SyntaxError as e:  # includes IndentationError, TabError
        lineno = e.lineno if isinstance(e.lineno, int) else None
        col = e.offset if isinstance(e.offset, int) else None
        raise ScriptError(
            f"syntax error: {e.msg}", line=lineno, col=col, source_line=src.line(lineno), fix="write valid Python syntax"
        ) from None
    except (RecursionError, MemoryError):
        raise ScriptError("the script is nested too deeply to parse", fix="flatten the nesting") from None
    except Exception as e:  # ValueError (null bytes, huge int literal) and anything else the parser throws
        raise ScriptError(f"the script cannot be parsed: {type(e).__name__}: {e}") from None
    check_depth(tree, src, budgets.max_depth)
    return tree, src


def check_depth(tree: ast.AST, src: Source, max_depth: int) -> None:
    """Refuse trees nested deeper than ``max_depth`` (iteratively: never recurses itself)."""
    stack: list[tuple[ast.AST, int, ast.AST | None]] = [(tree, 0, None)]
    while stack:
        node, depth, located = stack.pop()
        if hasattr(node, "lineno"):
            located = node
        if depth > max_depth:
            raise ScriptError(
                f"the script is nested more than max_depth={max_depth} levels deep",
                fix="flatten nested expressions and blocks",
                **src.where(located),
            )
        for child in ast.iter_child_nodes(node):
            stack.append((child, depth + 1, located))
