"""Fuzzing: whatever the script (token soup or generated syntax trees), and however the host misbehaves,
only DroidScriptError subclasses ever leave check_script and run_script."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from droidscript import Budgets, DroidScriptError, ItemRef, check_script, run_script
from droidscript.parse import parse_script
from droidscript.tables import Tables
from droidscript.walker import Walker
from test_droidscript_fakehost import APIS, FIELDS, OPTIONS, FakeHost

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ_LIGHT = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = Budgets(max_seconds=0.2, max_ops=3_000, max_actions=20, max_reads=50, max_loop_iterations=200,
                max_iterations_per_loop=50, max_list_items=20, max_string_length=500, max_range=100, max_prints=10)

NAMES = list(APIS) + ["x", "y", "item", "i", "len", "range", "str", "int", "print", "back", "eval", "open",
                      "getattr", "__import__", "__builtins__", "type", "main__sort_buton"]
ATTRS = ["tap", "long_tap", "get_text", "get_attributes", "set_text", "scroll", "select", "match", "title",
         "delete_button", "pin", "format", "upper", "__class__", "__globals__", "key", "label", "nope"]
STRINGS = ["", "todo", "Descending", "by date", "down", "sideways", "{0.__class__}", "%s", "Work plan", "x" * 40]
TOKENS = NAMES + ATTRS + [
    "(", ")", "[", "]", "{", "}", ".", ",", ":", "=", "==", "+", "-", "*", "//", "%", "**", "/", "<", ">=",
    "in", "not", "and", "or", "if", "else", "elif", "for", "while", "break", "continue", "pass", "def",
    "lambda", "import", "try", "except", "with", "yield", "return", "True", "False", "None", "0", "1", "-1",
    "10", '"a"', '"todo"', 'f"{x}"', 'f"{x.__class__}"', "\n", "\n    ", "\n        ", "#", "@", "*", "**",
    ":=", "\\", "'", '"', "\x00", "\uff45\uff56\uff41\uff4c",
]


class HostileHost(FakeHost):
    """Raises an arbitrary exception from one kind of call, or returns junk."""

    def __init__(self, where: str, exc: BaseException | None, junk: object):
        super().__init__()
        self.where = where
        self.exc = exc
        self.junk = junk

    def act(self, name, method, args, item=None, field=None):
        if self.where == "act":
            if self.exc is not None:
                raise self.exc
            return self.junk
        return super().act(name, method, args, item, field)

    def list_items(self, name):
        if self.where == "list_items":
            yield ItemRef(name, 0, 0, "todo")
            if self.exc is not None:
                raise self.exc
            yield self.junk
        else:
            yield from super().list_items(name)

    def back(self):
        if self.where == "back" and self.exc is not None:
            raise self.exc
        return self.junk


def _exercise(src: str, host: FakeHost) -> None:
    try:
        errors = check_script(src, APIS, OPTIONS, FIELDS, budgets=SMALL)
    except DroidScriptError:
        raise AssertionError("check_script must return errors, not raise them")
    assert isinstance(errors, list) and all(isinstance(e, DroidScriptError) for e in errors)
    try:
        run_script(src, host, budgets=SMALL)
    except DroidScriptError as e:
        str(e)
        e.to_dict()
        if errors:  # statically invalid scripts never reach the host
            assert host.actions() == []


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=30), st.sampled_from([" ", ""]))
def test_token_soup_only_typed_errors(tokens, sep):
    _exercise(sep.join(tokens), FakeHost())


# -- generated syntax trees (as source) -------------------------------------------------------------
GOOD_NAMES = list(APIS) + ["x", "y", "i"]
GOOD_ATTRS = ["tap", "long_tap", "get_text", "get_attributes", "set_text", "scroll", "select", "match", "title",
              "delete_button"]
GOOD_ATOMS = ["True", "False", "None", "[1, 2]", '["todo", "x"]', "range(3)", "len(main__notes)", "main__notes[1]",
              'main__notes.match("todo")', "main__dark_mode.get_attributes()", '"down"', '"Descending"']


def _block(stmts: list[str], depth: int) -> str:
    pad = "    " * depth
    return "".join(pad + line + "\n" for s in stmts for line in s.splitlines()) or pad + "pass\n"


def script_strategy(hostile: bool):
    """Scripts built from statement and expression pieces. ``hostile=False`` draws only from pieces
    the language allows (most such scripts pass the static check, so the walker runs them);
    ``hostile=True`` mixes in refused names, attributes, operators and targets."""
    names = NAMES if hostile else GOOD_NAMES
    attr_pool = ATTRS if hostile else GOOD_ATTRS
    ops = ["+", "-", "*", "//", "%", "==", "!=", "<", "in", "not in", "and", "or"] + (["**", "/"] if hostile else [])
    target_pool = ["x", "y", "i"] + (["main__notes", "len", "__x"] if hostile else [])
    call_pool = ["len", "str", "int", "print", "range", "back"] + (["eval", "getattr", "main__notes"] if hostile else [])

    atoms = st.one_of(
        st.sampled_from(names),
        st.integers(min_value=-20, max_value=20).map(str),
        st.sampled_from(STRINGS).map(repr),
        st.sampled_from(GOOD_ATOMS),
    )
    attrs = st.sampled_from(attr_pool)
    receivers = st.sampled_from(names)

    def compound(children):
        return st.one_of(
            st.tuples(children, st.sampled_from(ops), children).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(st.sampled_from(["not ", "-"]), children).map(lambda t: f"({t[0]}{t[1]})"),
            st.tuples(receivers, attrs, st.lists(children, max_size=1)).map(
                lambda t: f"{t[0]}.{t[1]}({', '.join(t[2])})"),
            st.tuples(children, attrs).map(lambda t: f"({t[0]}).{t[1]}"),
            st.tuples(st.sampled_from(call_pool), st.lists(children, min_size=1, max_size=2)).map(
                lambda t: f"{t[0]}({', '.join(t[1])})"),
            st.tuples(children, children).map(lambda t: f"{t[0]}[{t[1]}]"),
            st.tuples(receivers, attrs).map(lambda t: f'f"a{{{t[0]}}}b{{{t[0]}.{t[1]}()}}"'),
            st.lists(children, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        )

    exprs = st.recursive(atoms, compound, max_leaves=6)
    targets = st.sampled_from(target_pool)
    method_calls = st.tuples(receivers, attrs, st.lists(exprs, max_size=1)).map(
        lambda t: f"{t[0]}.{t[1]}({', '.join(t[2])})")
    simple = st.one_of(
        method_calls,
        st.tuples(targets, exprs).map(lambda t: f"{t[0]} = {t[1]}"),
        st.tuples(targets, st.sampled_from(["+=", "-=", "*=", "//="]), exprs).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.sampled_from(["break", "continue", "pass", "back()", "main__notes[0].tap()", "print(x, y)",
                         'main__notes.match("todo").tap()', 'sort_dialog__order.select("by date")']),
        *( [exprs] if hostile else [] ),
    )

    def compound_stmts(children):
        body = st.lists(children, min_size=1, max_size=3)
        return st.one_of(
            st.tuples(exprs, body, st.lists(children, max_size=2)).map(
                lambda t: f"if {t[0]}:\n{_block(t[1], 1)}" + (f"else:\n{_block(t[2], 1)}" if t[2] else "")),
            st.tuples(targets, st.one_of(exprs, st.sampled_from(["main__notes", "range(4)", '["a", "todo"]'])),
                      body).map(lambda t: f"for {t[0]} in {t[1]}:\n{_block(t[2], 1)}"),
            st.tuples(exprs, body).map(lambda t: f"while {t[0]}:\n{_block(t[1], 1)}"),
        )

    statements = st.recursive(simple, compound_stmts, max_leaves=5)
    prologue = 'x = 1\ny = "todo"\ni = 0\n'
    return st.lists(statements, min_size=1, max_size=4).map(lambda ss: prologue + _block(ss, 0))


scripts = script_strategy(hostile=True)
valid_leaning_scripts = script_strategy(hostile=False)


@FUZZ
@given(scripts)
def test_generated_scripts_only_typed_errors(src):
    _exercise(src, FakeHost())


@FUZZ
@given(valid_leaning_scripts)
def test_valid_leaning_scripts_only_typed_errors(src):
    _exercise(src, FakeHost())


@FUZZ_LIGHT
@given(scripts)
def test_walker_alone_refuses_what_the_checker_would(src):
    """Defence in depth: run the walker WITHOUT the static pass; it must still raise only typed errors
    and never let a refused construct act."""
    host = FakeHost()
    try:
        tree, source = parse_script(src, SMALL)
    except DroidScriptError:
        return
    walker = Walker(host, Tables.from_host(host), source, SMALL, None)
    try:
        walker.run(tree)
    except DroidScriptError as e:
        str(e)


@FUZZ_LIGHT
@given(
    valid_leaning_scripts,
    st.sampled_from(["act", "list_items", "back"]),
    st.sampled_from([None, ValueError("v"), KeyError("k"), StopIteration(), RuntimeError("r"), ZeroDivisionError(),
                     RecursionError(), TypeError("t"), OSError("o"), UnicodeError("u")]),
    st.sampled_from([None, 42, "text", {"a": object()}, {1: 2}, [1], object(), ItemRef("other", 0)]),
)
def test_hostile_host_only_typed_errors(src, where, exc, junk):
    _exercise(src, HostileHost(where, exc, junk))
