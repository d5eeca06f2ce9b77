"""The static pass: refuse every node, name, method and argument the language does not allow, before
anything runs. It never executes code and never calls a host beyond asking for options and fields.

Variables get a flow-insensitive type set (the union of everything assigned to them). A call is
accepted when the method is valid for at least one type in the set; the interpreter checks the
rest at run time, so the static pass can only be stricter-or-equal in what it lets through.
"""

from __future__ import annotations

import ast
import time
from typing import Sequence

from .budgets import Budgets
from .errors import BudgetExceeded, ScriptError
from .language import (
    BINARY_OPERATORS,
    BOOL_OPERATORS,
    BUILTINS,
    COMPARE_OPERATORS,
    DIRECTIONS,
    FIELD_TYPE,
    ITEM_TYPE,
    LANGUAGE,
    UNARY_OPERATORS,
    Method,
    all_method_names,
)
from .parse import Source, parse_script
from .tables import Tables, nearest, suggestion_limits
from .values import normalise

# Static types are small tuples:
#   ("int",) ("str",) ("bool",) ("none",) ("dict",) ("range",) ("any",) ("list", elem_kind)
#   ("element", element_type, api_name) ("item", list_name) ("field", list_name, field_name)
ANY = ("any",)
INT, STR, BOOL, NONE, DICT, RANGE = ("int",), ("str",), ("bool",), ("none",), ("dict",), ("range",)

_RETURNS = {"none": NONE, "str": STR, "dict": DICT}

# Why a node kind is refused, for the message the model reads.
REFUSED: dict[str, str] = {
    "Import": "imports are not allowed",
    "ImportFrom": "imports are not allowed",
    "FunctionDef": "defining functions is not allowed; write the steps directly",
    "AsyncFunctionDef": "defining functions is not allowed; write the steps directly",
    "ClassDef": "defining classes is not allowed",
    "Lambda": "lambda is not allowed",
    "Return": "return is not allowed (there are no functions)",
    "Delete": "del is not allowed",
    "Global": "global is not allowed",
    "Nonlocal": "nonlocal is not allowed",
    "Try": "try/except is not allowed: an error stops the script",
    "TryStar": "try/except is not allowed: an error stops the script",
    "Raise": "raise is not allowed",
    "Assert": "assert is not allowed; use if",
    "With": "with is not allowed",
    "AsyncWith": "with is not allowed",
    "AsyncFor": "async is not allowed",
    "Await": "await is not allowed",
    "Yield": "yield is not allowed",
    "YieldFrom": "yield is not allowed",
    "ListComp": "comprehensions are not allowed; use a for loop",
    "SetComp": "comprehensions are not allowed; use a for loop",
    "DictComp": "comprehensions are not allowed; use a for loop",
    "GeneratorExp": "generator expressions are not allowed; use a for loop",
    "Starred": "star arguments (*x) are not allowed",
    "NamedExpr": "the walrus operator := is not allowed; assign on its own line",
    "Dict": "dict literals are not allowed",
    "Set": "set literals are not allowed",
    "Tuple": "tuples are not allowed; use a list [a, b]",
    "Slice": "slices are not allowed; use lst[i]",
    "IfExp": "conditional expressions (a if c else b) are not allowed; use an if statement",
    "Match": "match statements are not allowed; use if/elif",
    "AnnAssign": "annotated assignments are not allowed; write name = value",
    "TypeAlias": "type aliases are not allowed",
}

_OP_SYMBOLS = {
    "Pow": "**",
    "Div": "/ (use // for integer division)",
    "MatMult": "@",
    "LShift": "<<",
    "RShift": ">>",
    "BitOr": "|",
    "BitXor": "^",
    "BitAnd": "&",
    "Invert": "~",
    "Is": "is (use ==)",
    "IsNot": "is not (use !=)",
}

PYTHON_BUILTINS = frozenset(
    "abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex "
    "copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr "
    "globals hasattr hash help hex id input isinstance issubclass iter license list locals map max memoryview "
    "min next object oct open ord pow property quit repr reversed round set setattr slice sorted staticmethod "
    "sum super tuple type vars zip __import__ __builtins__ __build_class__ __loader__ __spec__ __name__".split()
)


def check_script(
    source: str,
    api_names: dict[str, str],
    list_options: dict[str, Sequence[str]] | None = None,
    item_fields: dict[str, Sequence[str]] | None = None,
    *,
    budgets: Budgets | None = None,
) -> list[ScriptError]:
    """Statically check ``source`` against an app's API table; return every problem found (empty: valid).

    ``api_names``: API name -> element type; ``list_options``: list name -> documented options;
    ``item_fields``: list name -> field names. Raises ValueError only if these tables are malformed.
    """
    tables = Tables.from_mappings(api_names, list_options, item_fields)
    budgets = budgets if budgets is not None else Budgets()
    deadline = time.monotonic() + budgets.max_seconds
    try:
        tree, src = parse_script(source, budgets)
    except ScriptError as e:
        return [e]
    try:
        with suggestion_limits(deadline):
            return analyse(tree, src, tables, budgets, deadline=deadline)
    except BudgetExceeded as e:
        return [ScriptError(e.message, fix=e.fix, phase="static")]


def analyse(tree: ast.Module, src: Source, tables: Tables, budgets: Budgets,
            deadline: float | None = None) -> list[ScriptError]:
    """Every static problem of ``tree``. Raises ``BudgetExceeded("max_seconds")`` past ``deadline``."""
    checker = _Checker(src, tables, budgets, deadline)
    if not tree.body:
        checker.error(None, "the script has no statements", fix="write at least one API call, e.g. back()")
    checker.run(tree)
    seen: set[tuple] = set()
    out = []
    for e in sorted(checker.errors, key=lambda e: (e.line or 0, e.col or 0)):
        key = (e.line, e.col, e.message)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _int_text(v: int) -> str:
    """An int for a message, never one Python refuses to convert (more than 4,300 digits)."""
    if v.bit_length() > 64:
        return f"of about {int(v.bit_length() * 0.30103) + 1} digits"
    return str(v)


def _list_kind(types: set) -> tuple:
    kinds = {t[0] for t in types}
    if kinds == {"str"}:
        return ("list", "str")
    if kinds <= {"int"} and kinds:
        return ("list", "int")
    return ("list", "any")


class _Checker:
    def __init__(self, src: Source, tables: Tables, budgets: Budgets, deadline: float | None = None):
        self.src = src
        self.tables = tables
        self.budgets = budgets
        self.deadline = deadline
        self.errors: list[ScriptError] = []
        self.env: dict[str, set] = {}
        self.assigned: set[str] = set()

    # ---- driver -------------------------------------------------------------------------------
    def run(self, tree: ast.Module) -> None:
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.For)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        self.assigned.add(target.id)
        for name in self.assigned:
            self.env[name] = set()
        for _ in range(8):  # type inference to a fixpoint; scripts are short, this converges fast
            before = {k: set(v) for k, v in self.env.items()}
            self._infer_block(tree.body)
            if before == self.env:
                break
        self.block(tree.body, loop_depth=0)

    def error(self, node: ast.AST | None, message: str, suggestions: Sequence[str] = (), fix: str | None = None) -> None:
        self.check_clock(node)
        self.errors.append(ScriptError(message, suggestions=suggestions, fix=fix, **self.src.where(node)))

    def check_clock(self, node: ast.AST | None = None) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise BudgetExceeded("max_seconds", self.budgets.max_seconds,
                                 f"time budget of {self.budgets.max_seconds} s exhausted while checking the script "
                                 f"({len(self.errors)} problems found so far)", **self.src.where(node))

    # ---- type inference (never reports) ---------------------------------------------------------
    def _infer_block(self, stmts: list) -> None:
        for s in stmts:
            if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name):
                self.env[s.targets[0].id] |= self.type_of(s.value)
            elif isinstance(s, ast.AugAssign) and isinstance(s.target, ast.Name):
                self.env[s.target.id] |= self._binop_type(self.type_of(s.target), self.type_of(s.value))
            elif isinstance(s, ast.For):
                if isinstance(s.target, ast.Name):
                    self.env[s.target.id] |= self._elements_of(self.type_of(s.iter))
                self._infer_block(s.body)
            elif isinstance(s, (ast.If, ast.While)):
                self._infer_block(s.body)
                self._infer_block(s.orelse)

    def _elements_of(self, types: set) -> set:
        out = set()
        for t in types:
            if t[0] == "element" and LANGUAGE[t[1]].iterable:
                out.add(("item", t[2]))
            elif t[0] == "list":
                out.add(ANY if t[1] == "any" else (t[1],))
            elif t[0] == "range":
                out.add(INT)
            elif t[0] == "any":
                out.add(ANY)
        return out

    def _binop_type(self, left: set, right: set) -> set:
        kinds = {t[0] for t in left | right}
        if kinds == {"str"}:
            return {STR}
        if kinds <= {"int", "bool"}:
            return {INT}
        return {INT, STR}

    def type_of(self, node: ast.AST) -> set:
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool):
                return {BOOL}
            if isinstance(v, int):
                return {INT}
            if isinstance(v, str):
                return {STR}
            if v is None:
                return {NONE}
            return {ANY}
        if isinstance(node, ast.Name):
            if node.id in self.env:
                return self.env[node.id] or {ANY}
            if node.id in self.tables.api:
                return {("element", self.tables.api[node.id], node.id)}
            return {ANY}
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name):
                return {"len": {INT}, "int": {INT}, "str": {STR}, "range": {RANGE}}.get(f.id, {NONE})
            if isinstance(f, ast.Attribute):
                out = set()
                for t in self.type_of(f.value):
                    m = self._method_of(t, f.attr)
                    if m is None:
                        continue
                    if m.returns == "item":
                        out.add(("item", t[2] if t[0] == "element" else None))
                    else:
                        out.add(_RETURNS[m.returns])
                return out or {ANY}
            return {ANY}
        if isinstance(node, ast.Attribute):
            out = set()
            for t in self.type_of(node.value):
                if t[0] == "item" and t[1] is not None:
                    out.add(("field", t[1], node.attr))
            return out or {ANY}
        if isinstance(node, ast.Subscript):
            out = set()
            for t in self.type_of(node.value):
                if t[0] == "element" and LANGUAGE[t[1]].iterable:
                    out.add(("item", t[2]))
                elif t[0] == "list":
                    out.add(ANY if t[1] == "any" else (t[1],))
                else:
                    out.add(ANY)
            return out or {ANY}
        if isinstance(node, ast.BinOp):
            return self._binop_type(self.type_of(node.left), self.type_of(node.right))
        if isinstance(node, ast.UnaryOp):
            return {BOOL} if isinstance(node.op, ast.Not) else {INT}
        if isinstance(node, ast.BoolOp):
            out = set()
            for v in node.values:
                out |= self.type_of(v)
            return out
        if isinstance(node, ast.Compare):
            return {BOOL}
        if isinstance(node, ast.JoinedStr):
            return {STR}
        if isinstance(node, ast.List):
            elts: set = set()
            for e in node.elts:
                elts |= self.type_of(e)
            return {_list_kind(elts)}
        return {ANY}

    def _method_of(self, t: tuple, attr: str) -> Method | None:
        kind = t[0]
        if kind == "element":
            return LANGUAGE[t[1]].methods.get(attr)
        if kind == "item":
            return LANGUAGE[ITEM_TYPE].methods.get(attr)
        if kind == "field":
            return LANGUAGE[FIELD_TYPE].methods.get(attr)
        if kind == "any":
            for vt in LANGUAGE.values():
                if attr in vt.methods:
                    return vt.methods[attr]
        return None

    # ---- statements ---------------------------------------------------------------------------
    def block(self, stmts: list, loop_depth: int) -> None:
        for s in stmts:
            self.check_clock(s)
            self.stmt(s, loop_depth)

    def refuse(self, node: ast.AST) -> None:
        kind = type(node).__name__
        self.error(node, REFUSED.get(kind, f"{kind} is not allowed in a script"))

    def stmt(self, node: ast.AST, loop_depth: int) -> None:
        if isinstance(node, ast.Expr):
            self.expr_statement(node)
        elif isinstance(node, ast.Assign):
            if len(node.targets) != 1:
                self.error(node, "assign one name at a time (a = b = ... is not allowed)")
            for t in node.targets:
                self.store_target(t)
            self.expr(node.value)
        elif isinstance(node, ast.AugAssign):
            self.store_target(node.target)
            self.operator(node, node.op, BINARY_OPERATORS)
            self.expr(node.value)
        elif isinstance(node, ast.If):
            self.expr(node.test)
            self.block(node.body, loop_depth)
            self.block(node.orelse, loop_depth)
        elif isinstance(node, ast.For):
            self.store_target(node.target)
            self.expr(node.iter)
            self.iterable(node.iter)
            if node.orelse:
                self.error(node.orelse[0], "for ... else is not allowed")
            self.block(node.body, loop_depth + 1)
        elif isinstance(node, ast.While):
            self.expr(node.test)
            if node.orelse:
                self.error(node.orelse[0], "while ... else is not allowed")
            self.block(node.body, loop_depth + 1)
        elif isinstance(node, (ast.Break, ast.Continue)):
            if loop_depth == 0:
                self.error(node, f"{type(node).__name__.lower()} outside a loop")
        elif isinstance(node, ast.Pass):
            pass
        else:
            self.refuse(node)

    def expr_statement(self, node: ast.Expr) -> None:
        value = node.value
        if isinstance(value, ast.Call):
            self.expr(value)
            return
        if isinstance(value, ast.Name) and value.id in self.tables.api:
            t = self.tables.api[value.id]
            first = next(iter(LANGUAGE[t].methods))
            self.error(node, f"{value.id} alone does nothing; call a method, e.g. {value.id}.{first}()")
            return
        if isinstance(value, ast.Attribute) and not value.attr.startswith("_"):
            self.error(node, f"a method must be called: write .{value.attr}(...) with parentheses")
            self.expr(value.value)
            return
        if type(value).__name__ not in REFUSED:
            self.error(node, "a line must be a call, an assignment or a control statement; this expression does nothing")
        self.expr(value)

    def store_target(self, node: ast.AST) -> None:
        if not isinstance(node, ast.Name):
            if isinstance(node, ast.Tuple):
                self.error(node, "tuple unpacking is not allowed; assign one name at a time")
            elif isinstance(node, (ast.Attribute, ast.Subscript)):
                self.error(node, "only plain names can be assigned to (not attributes or subscripts)")
            else:
                self.refuse(node)
            return
        name = node.id
        if name.startswith("_"):
            self.error(node, f"names starting with '_' are not allowed: {name}")
        elif name in self.tables.api:
            self.error(node, f"{name} is an element API name and cannot be assigned to; pick another variable name")
        elif name in BUILTINS:
            self.error(node, f"{name} is a builtin and cannot be assigned to; pick another variable name")

    def iterable(self, node: ast.AST) -> None:
        types = self.type_of(node)
        ok = any(
            t[0] in ("any", "list", "range") or (t[0] == "element" and LANGUAGE[t[1]].iterable) for t in types
        )
        if ok:
            return
        kinds = sorted({t[1] if t[0] == "element" else t[0] for t in types})
        self.error(node, f"cannot loop over {' or '.join(kinds)}; loop over a list element, range(...) or [..] literal")

    def operator(self, node: ast.AST, op: ast.AST, allowed) -> bool:
        kind = type(op).__name__
        if kind in allowed:
            return True
        self.error(node, f"operator {_OP_SYMBOLS.get(kind, kind)} is not allowed")
        return False

    # ---- expressions --------------------------------------------------------------------------
    def expr(self, node: ast.AST) -> None:
        handler = getattr(self, "e_" + type(node).__name__, None)
        if handler is None:
            self.refuse(node)
        else:
            handler(node)

    def e_Constant(self, node: ast.Constant) -> None:
        v = node.value
        if isinstance(v, bool) or v is None:
            return
        if isinstance(v, int):
            if abs(v) > self.budgets.max_int:
                self.error(node, f"integer {_int_text(v)} is larger than max_int={self.budgets.max_int}")
        elif isinstance(v, str):
            if len(v) > self.budgets.max_string_length:
                self.error(node, f"string literal longer than max_string_length={self.budgets.max_string_length}")
        else:
            kind = {float: "floats", complex: "complex numbers", bytes: "bytes"}.get(type(v), type(v).__name__)
            self.error(node, f"{kind} are not allowed; use integers and strings")

    def e_Name(self, node: ast.Name) -> None:
        name = node.id
        if name in self.env or name in self.tables.api:
            return
        if name in BUILTINS:
            self.error(node, f"{name} can only be called: {BUILTINS[name].signature}")
            return
        self.unknown_name(node, name)

    def unknown_name(self, node: ast.AST, name: str) -> None:
        if name.startswith("_"):
            self.error(node, f"names starting with '_' are not allowed: {name}")
            return
        candidates = list(self.tables.api) + list(self.env) + list(BUILTINS)
        if name in PYTHON_BUILTINS:
            self.error(
                node,
                f"{name} is not available in DroidScript; the only builtins are {', '.join(BUILTINS)}",
            )
            return
        self.error(
            node,
            f"unknown name {name}",
            suggestions=nearest(name, candidates),
            fix="use an API name from the documentation exactly as written, or assign the variable first",
        )

    def e_List(self, node: ast.List) -> None:
        if len(node.elts) > self.budgets.max_range:
            self.error(node, f"list literal longer than max_range={self.budgets.max_range}")
        for e in node.elts:
            self.expr(e)
            kinds = {t[0] for t in self.type_of(e)}
            if not kinds & {"str", "int", "bool", "none", "any"}:
                self.error(e, "list literals hold only strings, ints, bools and None")

    def e_JoinedStr(self, node: ast.JoinedStr) -> None:
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                continue
            if isinstance(part, ast.FormattedValue):
                if part.conversion != -1:
                    self.error(part, "conversions (!r, !s, !a) are not allowed in f-strings")
                if part.format_spec is not None:
                    self.error(part, "format specs (f'{x:...}') are not allowed in f-strings")
                self.expr(part.value)
            else:
                self.refuse(part)

    def e_BinOp(self, node: ast.BinOp) -> None:
        self.expr(node.left)
        self.expr(node.right)
        if not self.operator(node, node.op, BINARY_OPERATORS):
            return
        lt, rt = self.type_of(node.left), self.type_of(node.right)
        lk, rk = {t[0] for t in lt}, {t[0] for t in rt}
        if "any" in lk | rk:
            return
        sym = BINARY_OPERATORS[type(node.op).__name__]
        if any(l == r == "int" or (sym == "+" and l == r == "str") for l in lk for r in rk):
            return
        if "str" in lk | rk and sym != "+":
            self.error(node, f"operator {sym} does not work on strings; only + joins two strings")
        elif lk | rk <= {"str", "int"}:
            self.error(node, "cannot add a string and an int; use str(x) or an f-string")
        else:
            self.error(node, f"operator {sym} needs two ints (or + on two strings), got "
                       f"{'/'.join(sorted(lk))} and {'/'.join(sorted(rk))}")

    def e_UnaryOp(self, node: ast.UnaryOp) -> None:
        self.operator(node, node.op, UNARY_OPERATORS)
        self.expr(node.operand)

    def e_BoolOp(self, node: ast.BoolOp) -> None:
        self.operator(node, node.op, BOOL_OPERATORS)
        for v in node.values:
            self.expr(v)

    def e_Compare(self, node: ast.Compare) -> None:
        for op in node.ops:
            self.operator(node, op, COMPARE_OPERATORS)
        self.expr(node.left)
        for c in node.comparators:
            self.expr(c)
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:]):
            if not isinstance(op, (ast.Eq, ast.NotEq)):
                continue
            lk, rk = {t[0] for t in self.type_of(left)}, {t[0] for t in self.type_of(right)}
            refs = {"element", "item", "field"}
            if (lk <= refs and rk == {"str"}) or (rk <= refs and lk == {"str"}):
                self.error(node, "comparing an element or item with a string is always False; "
                           'compare its text instead: x.get_text() == "..."')

    def e_Subscript(self, node: ast.Subscript) -> None:
        self.expr(node.value)
        if isinstance(node.slice, ast.Slice):
            self.refuse(node.slice)
            return
        self.expr(node.slice)
        for t in self.type_of(node.value):
            if t[0] in ("any", "list", "dict") or (t[0] == "element" and LANGUAGE[t[1]].iterable):
                return
        kinds = sorted({f"{t[1]} {t[2]}" if t[0] == "element" else t[0] for t in self.type_of(node.value)})
        self.error(
            node, f"cannot index {' or '.join(kinds)}; only lists and get_attributes() dicts can be indexed"
        )

    def e_Attribute(self, node: ast.Attribute) -> None:
        """An attribute that is not called: only ``item.<field>``."""
        if node.attr.startswith("_"):
            self.error(node, f"attributes starting with '_' are not allowed: .{node.attr}")
            return
        self.expr(node.value)
        types = self.type_of(node.value)
        fields: list[str] = []
        for t in types:
            if t[0] == "any":
                return
            if t[0] == "item":
                flds = self.tables.fields(t[1]) if t[1] is not None else ()
                if t[1] is None or node.attr in flds:
                    return
                fields.extend(flds)
        if node.attr in all_method_names():
            self.error(node, f"method {node.attr} must be called: .{node.attr}(...)")
        elif any(t[0] == "item" for t in types):
            self.error(node, f"items of this list have no field {node.attr}", suggestions=nearest(node.attr, fields))
        else:
            self.error(node, f"attribute .{node.attr} is not allowed; only item fields and API methods exist")

    def e_Call(self, node: ast.Call) -> None:
        if node.keywords:
            self.error(node, "keyword arguments are not allowed")
        for a in node.args:
            if isinstance(a, ast.Starred):
                self.refuse(a)
        args = [a for a in node.args if not isinstance(a, ast.Starred)]
        func = node.func
        if isinstance(func, ast.Name):
            self.call_name(node, func, args)
        elif isinstance(func, ast.Attribute):
            self.call_method(node, func, args)
        else:
            self.error(node, "only API methods and builtins can be called")
            self.expr(func)
        for a in args:
            self.expr(a)

    def call_name(self, node: ast.Call, func: ast.Name, args: list) -> None:
        name = func.id
        b = BUILTINS.get(name)
        if b is None:
            if name in self.tables.api:
                t = self.tables.api[name]
                self.error(node, f"{name} is a {t}, not a function; call one of its methods: "
                           + ", ".join(f"{name}.{m}()" for m in LANGUAGE[t].methods))
            elif name in self.env:
                self.error(node, f"{name} is a variable, not a function")
            else:
                self.unknown_name(func, name)
            return
        if not b.min_args <= len(args) <= b.max_args:
            self.error(node, f"{b.signature} takes {b.min_args}..{b.max_args} arguments, got {len(args)}")
            return
        if name == "range" and all(isinstance(a, ast.Constant) and type(a.value) is int for a in args):
            try:
                size = len(range(*[a.value for a in args]))
            except (ValueError, OverflowError):
                self.error(node, "range() step must not be zero")
                return
            if size > self.budgets.max_range:
                self.error(node, f"range of {size} numbers is larger than max_range={self.budgets.max_range}")

    def call_method(self, node: ast.Call, func: ast.Attribute, args: list) -> None:
        attr = func.attr
        if attr.startswith("_"):
            self.error(func, f"attributes starting with '_' are not allowed: .{attr}")
            return
        self.expr(func.value)
        types = self.type_of(func.value)
        for t in types:
            m = self._method_of(t, attr)
            if m is not None:
                self.check_args(node, t, m, args)
                return
        valid: list[str] = []
        fields: list[str] = []
        for t in types:
            if t[0] == "element":
                valid.extend(LANGUAGE[t[1]].methods)
            elif t[0] == "item":
                valid.extend(LANGUAGE[ITEM_TYPE].methods)
                if t[1] is not None:
                    fields.extend(self.tables.fields(t[1]))
            elif t[0] == "field":
                valid.extend(LANGUAGE[FIELD_TYPE].methods)
        if attr in fields:
            self.error(node, f"item field {attr} is not callable; call a method on it, e.g. item.{attr}.tap()")
        elif any(t[0] == "any" for t in types):
            self.error(node, f"unknown method {attr}", suggestions=nearest(attr, all_method_names()))
        elif valid:
            what = self._describe(types)
            self.error(
                node,
                f"{what} has no method {attr}; its methods are {', '.join(dict.fromkeys(valid))}",
                suggestions=nearest(attr, valid),
            )
        else:
            what = self._describe(types)
            self.error(node, f"{what} has no methods (.{attr} is not allowed)")

    def _describe(self, types: set) -> str:
        parts = []
        for t in sorted(types):
            if t[0] == "element":
                parts.append(f"{t[2]} (a {t[1]})")
            elif t[0] == "item":
                parts.append("a list item")
            elif t[0] == "field":
                parts.append(f"item field {t[2]}")
            elif t[0] == "list":
                parts.append("a list literal")
            else:
                parts.append(f"a {t[0]}")
        return " or ".join(parts)

    def check_args(self, node: ast.Call, recv: tuple, method: Method, args: list) -> None:
        if len(args) != len(method.params):
            self.error(node, f"{method.signature()} takes {len(method.params)} argument(s), got {len(args)}")
            return
        for param, arg in zip(method.params, args):
            types = self.type_of(arg)
            kinds = {t[0] for t in types}
            if not kinds & {"str", "any"}:
                self.error(arg, f"{method.name}() needs a string for {param.name}, got {'/'.join(sorted(kinds))}")
                continue
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                if param.kind == "option" and recv[0] == "element" and not self.tables.options(recv[2]):
                    self.no_options(node, recv[2])
                continue
            value = arg.value
            if param.kind == "direction" and value not in DIRECTIONS:
                self.error(arg, f"direction must be one of {', '.join(DIRECTIONS)}, got {value!r}",
                           suggestions=nearest(value, DIRECTIONS))
            elif param.kind == "option" and recv[0] == "element":
                options = self.tables.options(recv[2])
                if not options:
                    self.no_options(node, recv[2])
                elif normalise(value) not in {normalise(o) for o in options}:
                    self.error(
                        arg,
                        f"{value!r} is not a documented option of {recv[2]}; options: "
                        + ", ".join(repr(o) for o in options),
                        suggestions=[repr(o) for o in nearest(value, options)],
                    )

    def no_options(self, node: ast.AST, name: str) -> None:
        self.error(node, f"{name} has no documented options to select; use {name}.match(\"text\").tap()")
