"""The interpreter: ``run_script`` checks a script statically, then walks its AST.

Each node type has one small handler in a dispatch table; any other node is refused (again, after the
static pass already refused it). Budgets are counted inside the walk: every statement and expression
node ticks the meter, which also reads the clock, so a runaway loop stops within one step of its
deadline without any thread.
"""

from __future__ import annotations

import ast
import re
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping

from .budgets import Budgets, Meter
from .checker import REFUSED, analyse
from .errors import ActionError, BudgetExceeded, DroidScriptError, NoSuchItem, ScriptError
from .host import Host, ItemRef
from .language import (
    BINARY_OPERATORS,
    BUILTINS,
    COMPARE_OPERATORS,
    DIRECTIONS,
    FIELD_TYPE,
    ITEM_TYPE,
    LANGUAGE,
    Method,
)
from .parse import Source, parse_script
from .tables import Tables, close_matches, nearest, suggestion_limits
from .values import ElementRef, FieldRef, StringTooLong, clean_str, normalise, to_str, truth, type_name

EventSink = Callable[[dict], None]


@dataclass(frozen=True)
class ActionRecord:
    """One device action performed (reads are counted in ``RunResult.reads``, not recorded here)."""

    line: int
    name: str  # API name ("" for back())
    method: str
    args: tuple
    item: ItemRef | None
    field: str | None
    result: Any
    elapsed_s: float


@dataclass(frozen=True)
class RunResult:
    actions: tuple[ActionRecord, ...]
    reads: int
    ops: int
    loop_iterations: int
    elapsed_s: float
    printed: tuple[str, ...]


def run_script(
    source: str,
    host: Host,
    *,
    budgets: Budgets | None = None,
    on_event: EventSink | None = None,
) -> RunResult:
    """Check ``source`` against ``host``'s API table, then run it. Raises only ``DroidScriptError``s.

    On failure the error's ``.partial`` holds the ``RunResult`` up to that point (``None`` if the
    script was refused before running). ``on_event`` receives one dict per statement, action, read
    and print, plus ``start`` and ``end``.
    """
    budgets = budgets if budgets is not None else Budgets()
    started = time.monotonic()  # the time budget covers the check and the suggestions in its errors too
    with suggestion_limits(started + budgets.max_seconds):
        return _check_and_run(source, host, budgets, on_event, started)


def _check_and_run(source: str, host: Host, budgets: Budgets, on_event: EventSink | None,
                   started: float) -> RunResult:
    try:
        tables = Tables.from_host(host)
        tree, src = parse_script(source, budgets)
        errors = analyse(tree, src, tables, budgets, deadline=started + budgets.max_seconds)
        if errors:
            first = errors[0]
            first.more = tuple(errors[1:])
            raise first
    except DroidScriptError as refused:
        if on_event is not None:
            try:
                on_event({"event": "end", "ok": False, "error": refused.to_dict(), "actions": 0, "ops": 0,
                          "elapsed_s": 0.0})
            except Exception:
                pass  # the refusal is the error to report
        raise
    walker = Walker(host, tables, src, budgets, on_event, started=started)
    return walker.run(tree)


_SCALARS = (str, int, bool, type(None))
_REFS = (ElementRef, ItemRef, FieldRef)
_DECIMAL = re.compile(r"[+-]?[0-9]{1,30}")
_BREAK = object()
_CONTINUE = object()


class Walker:
    def __init__(self, host: Host, tables: Tables, src: Source, budgets: Budgets, on_event: EventSink | None,
                 started: float | None = None):
        self.host = host
        self.tables = tables
        self.src = src
        self.budgets = budgets
        self.on_event = on_event
        self.env: dict[str, Any] = {}
        self.stmt_node: ast.AST | None = None
        self.meter = Meter(budgets, self.where_now, started)
        self.actions: list[ActionRecord] = []
        self.printed: list[str] = []
        self.exec_table: dict[type, Callable[[Any], Any]] = {
            ast.Expr: self.exec_expr,
            ast.Assign: self.exec_assign,
            ast.AugAssign: self.exec_augassign,
            ast.If: self.exec_if,
            ast.For: self.exec_for,
            ast.While: self.exec_while,
            ast.Break: lambda node: _BREAK,
            ast.Continue: lambda node: _CONTINUE,
            ast.Pass: lambda node: None,
        }
        self.eval_table: dict[type, Callable[[Any], Any]] = {
            ast.Constant: self.eval_constant,
            ast.Name: self.eval_name,
            ast.List: self.eval_list,
            ast.JoinedStr: self.eval_fstring,
            ast.BinOp: self.eval_binop,
            ast.UnaryOp: self.eval_unaryop,
            ast.BoolOp: self.eval_boolop,
            ast.Compare: self.eval_compare,
            ast.Subscript: self.eval_subscript,
            ast.Attribute: self.eval_attribute,
            ast.Call: self.eval_call,
        }
        self.builtins: dict[str, Callable[[ast.Call, list], Any]] = {
            "back": self.b_back,
            "len": self.b_len,
            "range": self.b_range,
            "str": self.b_str,
            "int": self.b_int,
            "print": self.b_print,
        }
        assert set(self.builtins) == set(BUILTINS)

    # ---- plumbing -----------------------------------------------------------------------------
    def where_now(self) -> dict:
        return self.src.where(self.stmt_node)

    def fail(self, node: ast.AST, message: str, suggestions=(), fix: str | None = None) -> ScriptError:
        return ScriptError(message, suggestions=suggestions, phase="runtime", fix=fix, **self.src.where(node))

    def refuse(self, node: ast.AST) -> ScriptError:
        kind = type(node).__name__
        return self.fail(node, REFUSED.get(kind, f"{kind} is not allowed in a script"))

    def emit(self, event: dict) -> None:
        try:
            self.on_event(event)  # type: ignore[misc]
        except DroidScriptError:
            raise
        except Exception as e:
            raise ActionError(
                f"the on_event callback raised {type(e).__name__}: {e}",
                method="on_event",
                cause=e,
                fix="fix the event sink; this is not the script's fault",
                **self.where_now(),
            ) from e

    def result(self) -> RunResult:
        m = self.meter
        return RunResult(
            actions=tuple(self.actions),
            reads=m.reads,
            ops=m.ops,
            loop_iterations=m.loop_iterations,
            elapsed_s=m.elapsed(),
            printed=tuple(self.printed),
        )

    def run(self, tree: ast.Module) -> RunResult:
        if self.on_event is not None:
            self.emit({"event": "start", "lines": len(self.src.lines)})
        try:
            self.meter.check_clock()
            self.exec_block(tree.body)
        except DroidScriptError as e:
            self._finish_error(e)
            raise
        except RecursionError as e:  # cannot happen within max_depth, but never let it escape raw
            err = BudgetExceeded("max_depth", self.budgets.max_depth, "the script recursed too deeply", **self.where_now())
            self._finish_error(err)
            raise err from e
        except Exception as e:  # a bug in a handler: still a typed error
            err = ScriptError(f"internal error: {type(e).__name__}: {e}", phase="runtime", **self.where_now())
            self._finish_error(err)
            raise err from e
        result = self.result()
        if self.on_event is not None:
            self.emit({"event": "end", "ok": True, "actions": len(result.actions), "ops": result.ops,
                       "elapsed_s": result.elapsed_s})
        return result

    def _finish_error(self, err: DroidScriptError) -> None:
        err.located(**self.where_now())
        err.partial = self.result()
        if self.on_event is not None:
            try:
                self.on_event({"event": "end", "ok": False, "error": err.to_dict(), "actions": len(self.actions),
                               "ops": self.meter.ops, "elapsed_s": self.meter.elapsed()})
            except Exception:
                pass  # the run already failed; the original error is the one to report

    # ---- statements ---------------------------------------------------------------------------
    def exec_block(self, stmts: list) -> Any:
        for s in stmts:
            signal = self.exec_stmt(s)
            if signal is not None:
                return signal
        return None

    def exec_stmt(self, node: ast.AST) -> Any:
        self.stmt_node = node
        self.meter.tick()
        handler = self.exec_table.get(type(node))
        if handler is None:
            raise self.refuse(node)
        if self.on_event is not None:
            self.emit({"event": "statement", "line": node.lineno, "source": self.src.line(node.lineno)})
        try:
            return handler(node)
        except DroidScriptError:
            raise
        except RecursionError as e:
            raise BudgetExceeded("max_depth", self.budgets.max_depth, "the script recursed too deeply",
                                 **self.src.where(node)) from e
        except Exception as e:  # e.g. a TypeError a handler did not foresee: typed, with the line
            raise self.fail(node, f"{type(e).__name__}: {e}") from e

    def exec_expr(self, node: ast.Expr) -> None:
        if type(node.value) is not ast.Call:
            raise self.fail(node, "a line must be a call, an assignment or a control statement")
        self.eval(node.value)

    def _target(self, node: ast.AST) -> str:
        if type(node) is not ast.Name:
            raise self.fail(node, "only plain names can be assigned to")
        name = node.id
        if name.startswith("_") or name in self.tables.api or name in BUILTINS:
            raise self.fail(node, f"cannot assign to {name}")
        return name

    def exec_assign(self, node: ast.Assign) -> None:
        if len(node.targets) != 1:
            raise self.fail(node, "assign one name at a time")
        name = self._target(node.targets[0])
        self.env[name] = self.eval(node.value)

    def exec_augassign(self, node: ast.AugAssign) -> None:
        name = self._target(node.target)
        if name not in self.env:
            raise self.fail(node, f"{name} is used before it is assigned")
        self.env[name] = self.arith(node, node.op, self.env[name], self.eval(node.value))

    def exec_if(self, node: ast.If) -> Any:
        if truth(self.eval(node.test)):
            return self.exec_block(node.body)
        return self.exec_block(node.orelse)

    def exec_for(self, node: ast.For) -> Any:
        if node.orelse:
            raise self.fail(node, "for ... else is not allowed")
        name = self._target(node.target)
        iterable = self.eval(node.iter)
        t = type(iterable)
        if t is ElementRef and LANGUAGE[iterable.type].iterable:
            source: Iterator = self.iter_items(node, iterable.name)
        elif t is tuple or t is range:
            source = iter(iterable)
        else:
            raise self.fail(node.iter, f"cannot loop over {type_name(iterable)}; loop over a list, range() or [..]")
        count = 0
        try:
            for value in source:
                count += 1
                self.meter.loop_iteration(count)
                self.env[name] = value
                signal = self.exec_block(node.body)
                self.stmt_node = node
                if signal is _BREAK:
                    break
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()
        return None

    def exec_while(self, node: ast.While) -> Any:
        if node.orelse:
            raise self.fail(node, "while ... else is not allowed")
        count = 0
        while True:
            self.stmt_node = node
            if not truth(self.eval(node.test)):
                return None
            count += 1
            self.meter.loop_iteration(count)
            if self.exec_block(node.body) is _BREAK:
                return None

    # ---- expressions --------------------------------------------------------------------------
    def eval(self, node: ast.AST) -> Any:
        self.meter.tick()
        handler = self.eval_table.get(type(node))
        if handler is None:
            raise self.refuse(node)
        return handler(node)

    def check_int(self, node: ast.AST, value: int) -> int:
        if abs(value) > self.budgets.max_int:
            raise BudgetExceeded("max_int", self.budgets.max_int,
                                 f"integer result exceeds max_int={self.budgets.max_int}", **self.src.where(node))
        return value

    def check_str(self, node: ast.AST, value: str) -> str:
        if len(value) > self.budgets.max_string_length:
            raise BudgetExceeded("max_string_length", self.budgets.max_string_length,
                                 f"string longer than max_string_length={self.budgets.max_string_length}",
                                 **self.src.where(node))
        return value

    def text(self, node: ast.AST, value: Any) -> str:
        try:
            return to_str(value, self.budgets.max_string_length)
        except StringTooLong:
            return self.check_str(node, "x" * (self.budgets.max_string_length + 1))

    def eval_constant(self, node: ast.Constant) -> Any:
        v = node.value
        t = type(v)
        if t is int:
            return self.check_int(node, v)
        if t is str:
            return self.check_str(node, v)
        if t is bool or v is None:
            return v
        raise self.fail(node, f"{t.__name__} literals are not allowed; use integers and strings")

    def eval_name(self, node: ast.Name) -> Any:
        name = node.id
        env = self.env
        if name in env:
            return env[name]
        api = self.tables.api
        if name in api:
            return ElementRef(name, api[name])
        if name in BUILTINS:
            raise self.fail(node, f"{name} can only be called: {BUILTINS[name].signature}")
        if name.startswith("_"):
            raise self.fail(node, f"names starting with '_' are not allowed: {name}")
        raise self.fail(node, f"{name} is used before it is assigned",
                        suggestions=nearest(name, list(api) + list(env)))

    def eval_list(self, node: ast.List) -> tuple:
        if len(node.elts) > self.budgets.max_range:
            raise BudgetExceeded("max_range", self.budgets.max_range, "list literal too long", **self.src.where(node))
        values = tuple(self.eval(e) for e in node.elts)
        for v in values:
            # Flat lists only: nested ones could make one == compare exponentially many
            # elements inside C, where the clock cannot be checked.
            if type(v) not in _SCALARS:
                raise self.fail(node, f"list literals hold only strings, ints, bools and None, not {type_name(v)}")
        return values

    def eval_fstring(self, node: ast.JoinedStr) -> str:
        parts: list[str] = []
        size = 0
        for part in node.values:
            tp = type(part)
            if tp is ast.Constant and type(part.value) is str:
                text = part.value
            elif tp is ast.FormattedValue:
                if part.conversion != -1 or part.format_spec is not None:
                    raise self.fail(part, "conversions and format specs are not allowed in f-strings")
                text = self.text(part, self.eval(part.value))
            else:
                raise self.refuse(part)
            size += len(text)
            if size > self.budgets.max_string_length:
                self.check_str(node, "x" * (self.budgets.max_string_length + 1))
            parts.append(text)
        return "".join(parts)

    def arith(self, node: ast.AST, op: ast.AST, a: Any, b: Any) -> Any:
        kind = type(op).__name__
        sym = BINARY_OPERATORS.get(kind)
        if sym is None:
            raise self.fail(node, f"operator {kind} is not allowed")
        ta, tb = type(a), type(b)
        if ta is int and tb is int:
            if sym == "+":
                r = a + b
            elif sym == "-":
                r = a - b
            elif sym == "*":
                r = a * b
            else:
                if b == 0:
                    raise self.fail(node, "division by zero")
                r = a // b if sym == "//" else a % b
            return self.check_int(node, r)
        if sym == "+" and ta is str and tb is str:
            if len(a) + len(b) > self.budgets.max_string_length:
                self.check_str(node, "x" * (self.budgets.max_string_length + 1))
            return a + b
        raise self.fail(node, f"cannot apply {sym} to {type_name(a)} and {type_name(b)}"
                        + ("; use str(x) or an f-string" if str in (ta, tb) and sym == "+" else ""))

    def eval_binop(self, node: ast.BinOp) -> Any:
        return self.arith(node, node.op, self.eval(node.left), self.eval(node.right))

    def eval_unaryop(self, node: ast.UnaryOp) -> Any:
        op = type(node.op)
        value = self.eval(node.operand)
        if op is ast.Not:
            return not truth(value)
        if type(value) is not int or op not in (ast.USub, ast.UAdd):
            raise self.fail(node, f"unary operator not allowed on {type_name(value)}")
        return -value if op is ast.USub else value

    def eval_boolop(self, node: ast.BoolOp) -> Any:
        is_and = type(node.op) is ast.And
        if not is_and and type(node.op) is not ast.Or:
            raise self.refuse(node.op)
        value = None
        for v in node.values:
            value = self.eval(v)
            if truth(value) != is_and:
                return value
        return value

    def eval_compare(self, node: ast.Compare) -> bool:
        left = self.eval(node.left)
        for op, comp in zip(node.ops, node.comparators):
            right = self.eval(comp)
            if not self.compare(node, op, left, right):
                return False
            left = right
        return True

    def compare(self, node: ast.AST, op: ast.AST, a: Any, b: Any) -> bool:
        sym = COMPARE_OPERATORS.get(type(op).__name__)
        if sym is None:
            raise self.fail(node, f"comparison {type(op).__name__} is not allowed (use == or !=)")
        ta, tb = type(a), type(b)
        if sym == "==" or sym == "!=":
            if (ta in _REFS and tb is str) or (tb in _REFS and ta is str):
                ref = a if ta in _REFS else b
                raise self.fail(node, f"comparing {type_name(ref)} with a string is always False; "
                                "compare its text instead: x.get_text() == \"...\"")
            return (a == b) if sym == "==" else (a != b)
        if sym in ("in", "not in"):
            if tb is str:
                if ta is not str:
                    raise self.fail(node, f"'in <string>' needs a string on the left, got {type_name(a)}")
                found = a in b
            elif tb is tuple or tb is range:
                found = any(a == x for x in b) if tb is tuple else (ta is int and a in b)
            elif tb is dict:
                found = ta is str and a in b
            elif tb is ElementRef and LANGUAGE[b.type].iterable:
                raise self.fail(node, f"use {b.name}.match(text) to find an item of a list by its text")
            else:
                raise self.fail(node, f"cannot use 'in' on {type_name(b)}")
            return found if sym == "in" else not found
        if (ta is int and tb is int) or (ta is str and tb is str):
            if sym == "<":
                return a < b
            if sym == "<=":
                return a <= b
            if sym == ">":
                return a > b
            return a >= b
        raise self.fail(node, f"cannot compare {type_name(a)} {sym} {type_name(b)}")

    def eval_subscript(self, node: ast.Subscript) -> Any:
        if type(node.slice) is ast.Slice:
            raise self.refuse(node.slice)
        container = self.eval(node.value)
        index = self.eval(node.slice)
        t = type(container)
        if t is tuple:
            if type(index) is not int:
                raise self.fail(node, f"list index must be an int, got {type_name(index)}")
            if not -len(container) <= index < len(container):
                raise self.fail(node, f"index {index} is out of range for a list of {len(container)}")
            return container[index]
        if t is dict:
            if type(index) is not str:
                raise self.fail(node, f"attribute keys are strings, got {type_name(index)}")
            if index not in container:
                raise self.fail(node, f"no attribute {index!r}; available: {', '.join(sorted(container))}",
                                suggestions=nearest(index, container))
            return container[index]
        if t is ElementRef and LANGUAGE[container.type].iterable:
            if type(index) is not int:
                raise self.fail(node, f"list index must be an int, got {type_name(index)}")
            return self.item_at(node, container.name, index)
        raise self.fail(node, f"cannot index {type_name(container)}; only lists and get_attributes() dicts")

    def eval_attribute(self, node: ast.Attribute) -> FieldRef:
        attr = node.attr
        if attr.startswith("_"):
            raise self.fail(node, f"attributes starting with '_' are not allowed: .{attr}")
        recv = self.eval(node.value)
        if type(recv) is ItemRef:
            fields = self.tables.fields(recv.list_name)
            if attr in fields:
                return FieldRef(recv, attr)
            raise self.fail(node, f"items of {recv.list_name} have no field {attr}", suggestions=nearest(attr, fields))
        raise self.fail(node, f"attribute .{attr} is not allowed on {type_name(recv)} (methods must be called)")

    def eval_call(self, node: ast.Call) -> Any:
        if node.keywords:
            raise self.fail(node, "keyword arguments are not allowed")
        func = node.func
        tf = type(func)
        if tf is ast.Name:
            impl = self.builtins.get(func.id)
            if impl is None:
                raise self.fail(node, f"{func.id} cannot be called; only API methods and {', '.join(BUILTINS)}")
            b = BUILTINS[func.id]
            if not b.min_args <= len(node.args) <= b.max_args:
                raise self.fail(node, f"{b.signature} takes {b.min_args}..{b.max_args} arguments")
            return impl(node, self.eval_args(node))
        if tf is ast.Attribute:
            if func.attr.startswith("_"):
                raise self.fail(func, f"attributes starting with '_' are not allowed: .{func.attr}")
            recv = self.eval(func.value)
            return self.call_method(node, recv, func.attr, self.eval_args(node))
        raise self.fail(node, "only API methods and builtins can be called")

    def eval_args(self, node: ast.Call) -> list:
        out = []
        for a in node.args:
            if type(a) is ast.Starred:
                raise self.refuse(a)
            out.append(self.eval(a))
        return out

    # ---- methods and host calls ---------------------------------------------------------------
    def call_method(self, node: ast.Call, recv: Any, attr: str, args: list) -> Any:
        t = type(recv)
        item: ItemRef | None = None
        field: str | None = None
        if t is ElementRef:
            vtype, name = recv.type, recv.name
        elif t is ItemRef:
            vtype, name, item = ITEM_TYPE, recv.list_name, recv
        elif t is FieldRef:
            vtype, name, item, field = FIELD_TYPE, recv.item.list_name, recv.item, recv.field
        else:
            raise self.fail(node, f"{type_name(recv)} has no methods (.{attr} is not allowed)")
        methods = LANGUAGE[vtype].methods
        method = methods.get(attr)
        if method is None:
            raise self.fail(node, f"{type_name(recv)} has no method {attr}; its methods are {', '.join(methods)}",
                            suggestions=nearest(attr, methods))
        if len(args) != len(method.params):
            raise self.fail(node, f"{method.signature()} takes {len(method.params)} argument(s), got {len(args)}")
        clean: list[Any] = []
        for param, value in zip(method.params, args):
            if type(value) is not str:
                raise self.fail(node, f"{method.name}() needs a string for {param.name}, got {type_name(value)}")
            if param.kind == "direction" and value not in DIRECTIONS:
                raise self.fail(node, f"direction must be one of {', '.join(DIRECTIONS)}, got {value!r}",
                                suggestions=nearest(value, DIRECTIONS))
            if param.kind == "option":
                value = self.canonical_option(node, name, value)
            clean.append(value)
        if method.name == "match":
            return self.match(node, name, clean[0])
        return self.act(node, name, method, tuple(clean), item, field)

    def canonical_option(self, node: ast.AST, name: str, value: str) -> str:
        options = self.tables.options(name)
        if not options:
            raise self.fail(node, f"{name} has no documented options to select; use {name}.match(\"text\").tap()")
        wanted = normalise(value)
        for o in options:
            if normalise(o) == wanted:
                return o
        raise self.fail(node, f"{value!r} is not a documented option of {name}; options: "
                        + ", ".join(repr(o) for o in options), suggestions=[repr(o) for o in nearest(value, options)])

    def _host_call(self, node: ast.AST, name: str | None, method: str, args: tuple, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except DroidScriptError as e:
            raise e.located(**self.src.where(node))
        except Exception as e:
            target = f"{name}.{method}" if name else method
            shown = ", ".join(repr(a) for a in args)
            raise ActionError(
                f"{target}({shown}) failed on the device: {type(e).__name__}: {e}",
                name=name,
                method=method,
                args=args,
                cause=e,
                **self.src.where(node),
            ) from e

    def act(self, node: ast.AST, name: str, method: Method, args: tuple, item: ItemRef | None,
            field: str | None) -> Any:
        meter = self.meter
        meter.tick()
        if method.acts:
            meter.action()
        else:
            meter.read()
        started = time.monotonic()
        host = self.host
        try:
            raw = self._host_call(node, name, method.name, args,
                                  lambda: host.act(name, method.name, args, item=item, field=field))
        except ActionError as e:
            if self.on_event is not None:
                self.emit({"event": "action" if method.acts else "read", "line": node.lineno, "name": name,
                           "method": method.name, "args": list(args), "item": _item_dict(item), "field": field,
                           "ok": False, "error": e.message, "elapsed_s": time.monotonic() - started})
            raise
        elapsed = time.monotonic() - started
        meter.check_clock()
        value = self.coerce(node, name, method, raw)
        if method.acts:
            self.actions.append(ActionRecord(node.lineno, name, method.name, args, item, field, raw, elapsed))
        if self.on_event is not None:
            self.emit({"event": "action" if method.acts else "read", "line": node.lineno, "name": name,
                       "method": method.name, "args": list(args), "item": _item_dict(item), "field": field,
                       "ok": True, "elapsed_s": elapsed})
        return value

    def coerce(self, node: ast.AST, name: str, method: Method, raw: Any) -> Any:
        if method.returns == "none":
            return None
        if method.returns == "str":
            if raw is None:
                return ""
            if isinstance(raw, str):
                return clean_str(raw)
            raise self._bad_return(node, name, method, raw, "a str")
        if method.returns == "dict":
            if not isinstance(raw, Mapping):
                raise self._bad_return(node, name, method, raw, "a dict")
            out: dict[str, Any] = {}
            for k, v in raw.items():
                if not isinstance(k, str):
                    raise self._bad_return(node, name, method, raw, "a dict with str keys")
                if v is None:
                    continue
                if isinstance(v, bool):
                    out[clean_str(k)] = bool(v)
                elif isinstance(v, int):
                    out[clean_str(k)] = int.__index__(v)
                elif isinstance(v, str):
                    out[clean_str(k)] = clean_str(v)
                else:
                    raise self._bad_return(node, name, method, raw, "a dict of str -> bool|str|int")
            return out
        raise self._bad_return(node, name, method, raw, method.returns)

    def _bad_return(self, node: ast.AST, name: str, method: Method, raw: Any, wanted: str) -> ActionError:
        return ActionError(
            f"the host returned {type(raw).__name__} from {name}.{method.name}(), expected {wanted}",
            name=name,
            method=method.name,
            fix="fix the host binding; this is not the script's fault",
            **self.src.where(node),
        )

    def iter_items(self, node: ast.AST, name: str) -> Iterator[ItemRef]:
        """The host's items of list ``name``, each fetch counted as a read and checked against the clock."""
        meter = self.meter
        host = self.host
        it = self._host_call(node, name, "list_items", (), lambda: iter(host.list_items(name)))
        count = 0
        try:
            while True:
                meter.tick()
                try:
                    item = next(it)
                except StopIteration:
                    return
                except DroidScriptError as e:
                    raise e.located(**self.src.where(node))
                except Exception as e:
                    raise ActionError(
                        f"listing the items of {name} failed on the device: {type(e).__name__}: {e}",
                        name=name, method="list_items", cause=e, **self.src.where(node),
                    ) from e
                meter.check_clock()
                meter.read()
                count += 1
                if count > self.budgets.max_list_items:
                    raise BudgetExceeded("max_list_items", self.budgets.max_list_items,
                                         f"{name} has more than max_list_items={self.budgets.max_list_items} items",
                                         **self.src.where(node))
                if type(item) is not ItemRef or item.list_name != name or type(item.label) is not str:
                    raise ActionError(f"the host's list_items({name!r}) yielded {type(item).__name__}, "
                                      "expected an ItemRef of that list", name=name, method="list_items",
                                      fix="fix the host binding; this is not the script's fault",
                                      **self.src.where(node))
                if self.on_event is not None:
                    self.emit({"event": "read", "line": getattr(node, "lineno", None), "name": name,
                               "method": "list_items", "item": _item_dict(item), "ok": True})
                yield item
        finally:
            close = getattr(it, "close", None)
            if close is not None:
                try:
                    close()
                except Exception:
                    pass

    def match(self, node: ast.AST, name: str, text: str) -> ItemRef:
        wanted = normalise(text)
        seen: list[str] = []
        showing: list[ItemRef] = []  # items that show the text beside their label
        items = self.iter_items(node, name)
        try:
            for item in items:
                if normalise(item.label) == wanted:
                    return item
                seen.append(item.label)
                if any(normalise(other) == wanted for other in item.names):
                    showing.append(item)
        finally:
            items.close()
        if len(showing) == 1:
            return showing[0]
        if showing:
            listing = ", ".join(repr(_clip(item.label)) for item in showing[:5])
            raise NoSuchItem(f"no item of {name} is labelled {_clip(text)!r} and several show it ({listing}); "
                             "match one of their labels", name=name, method="match", args=(text,),
                             **self.src.where(node))
        close = close_matches(text, seen, n=5, cutoff=0.5)
        listing = ", ".join(repr(_clip(s)) for s in (close or seen[:10]))
        raise NoSuchItem(
            f"no item of {name} matches {_clip(text)!r} ({len(seen)} items seen"
            + (f"; nearest: {listing})" if listing else ")"),
            name=name,
            method="match",
            args=(text,),
            **self.src.where(node),
        )

    def item_at(self, node: ast.AST, name: str, index: int) -> ItemRef:
        seen = 0
        items = self.iter_items(node, name)
        try:
            if index >= 0:
                for item in items:
                    if seen == index:
                        return item
                    seen += 1
            else:
                everything = list(items)
                seen = len(everything)
                if -seen <= index:
                    return everything[index]
        finally:
            items.close()
        raise NoSuchItem(f"{name} has {seen} items; index {index} is out of range", name=name, method="index",
                         args=(index,), **self.src.where(node))

    # ---- builtins -----------------------------------------------------------------------------
    def b_back(self, node: ast.Call, args: list) -> None:
        meter = self.meter
        meter.tick()
        meter.action()
        started = time.monotonic()
        host = self.host
        raw = self._host_call(node, None, "back", (), lambda: host.back())
        elapsed = time.monotonic() - started
        meter.check_clock()
        self.actions.append(ActionRecord(node.lineno, "", "back", (), None, None, raw, elapsed))
        if self.on_event is not None:
            self.emit({"event": "action", "line": node.lineno, "name": "", "method": "back", "args": [],
                       "ok": True, "elapsed_s": elapsed})

    def b_len(self, node: ast.Call, args: list) -> int:
        (x,) = args
        t = type(x)
        if t in (str, tuple, dict, range):
            return len(x)
        if t is ElementRef and LANGUAGE[x.type].iterable:
            count = 0
            for _ in self.iter_items(node, x.name):
                count += 1
            return count
        raise self.fail(node, f"len() does not work on {type_name(x)}")

    def b_range(self, node: ast.Call, args: list) -> range:
        for a in args:
            if type(a) is not int:
                raise self.fail(node, f"range() needs ints, got {type_name(a)}")
        if len(args) == 3 and args[2] == 0:
            raise self.fail(node, "range() step must not be zero")
        r = range(*args)
        if len(r) > self.budgets.max_range:
            raise BudgetExceeded("max_range", self.budgets.max_range,
                                 f"range of {len(r)} numbers exceeds max_range={self.budgets.max_range}",
                                 **self.src.where(node))
        return r

    def b_str(self, node: ast.Call, args: list) -> str:
        return self.text(node, args[0])

    def b_int(self, node: ast.Call, args: list) -> int:
        (x,) = args
        t = type(x)
        if t is int:
            return x
        if t is bool:
            return int(x)
        if t is str:
            text = x.strip()
            if not _DECIMAL.fullmatch(text):
                raise self.fail(node, f"int() cannot convert {x[:40]!r}; it needs a decimal number")
            return self.check_int(node, int(text, 10))
        raise self.fail(node, f"int() does not work on {type_name(x)}")

    def b_print(self, node: ast.Call, args: list) -> None:
        self.meter.print_call()
        line = self.check_str(node, " ".join(self.text(node, a) for a in args))
        self.printed.append(line)
        if self.on_event is not None:
            self.emit({"event": "print", "line": node.lineno, "text": line})


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _item_dict(item: ItemRef | None) -> dict | None:
    if item is None:
        return None
    return {"list": item.list_name, "index": item.index, "label": item.label}
