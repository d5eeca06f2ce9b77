"""The escape corpus: every known way out of a Python AST sandbox, written against our language.

Patterns cover smolagents' local executor security tests and published escapes (dangerous builtins,
dunder walks to ``__subclasses__``/``__globals__``/``__builtins__``, ``getattr`` and format-string
attribute access, imports through allowed modules, generator frames, decorators, star tricks), plus
resource bombs and budget-escape attempts. Every one must be refused with the typed error listed, and
nothing outside may happen: no sentinel file appears, and the host sees no device action.
"""

from __future__ import annotations

import time

import pytest

from droidscript import Budgets, BudgetExceeded, DroidScriptError, ScriptError, check_script, run_script
from test_droidscript_fakehost import APIS, FIELDS, OPTIONS, FakeHost

S = ScriptError
B = BudgetExceeded

DEEP_IFS = "".join("    " * i + "if True:\n" for i in range(120)) + "    " * 120 + "pass\n"

# (id, source, expected error type). SENT is replaced by the sentinel file's path.
CORPUS: list[tuple[str, str, type]] = [
    # -- imports and dangerous builtins
    ("import-os", 'import os\nos.system("touch SENT")', S),
    ("from-import", 'from os import system\nsystem("touch SENT")', S),
    ("import-via-allowed-module", 'import random\nrandom._os.system("touch SENT")', S),
    ("importlib", 'import importlib\nimportlib.import_module("os").system("touch SENT")', S),
    ("dunder-import", '__import__("os").system("touch SENT")', S),
    ("eval", "eval(\"__import__('os').system('touch SENT')\")", S),
    ("exec", "exec(\"open('SENT', 'w')\")", S),
    ("compile", 'c = compile("open(\'SENT\', \'w\')", "x", "exec")', S),
    ("open", 'open("SENT", "w").write("x")', S),
    ("getattr", 'getattr(main__notes, "__class__")', S),
    ("getattr-string-built", 'n = "__cla" + "ss__"\ngetattr(main__notes, n)', S),
    ("setattr", 'setattr(main__notes, "tap", 1)', S),
    ("vars", "v = vars()", S),
    ("globals", 'g = globals()["__builtins__"]', S),
    ("locals", "l = locals()", S),
    ("dir", "d = dir(main__notes)", S),
    ("type-of", "t = type(main__notes)", S),
    ("type-new-class", 't = type("X", (), {})', S),
    ("builtins-name", 'b = __builtins__\nb.open("SENT", "w")', S),
    ("builtins-subscript", '__builtins__["open"]("SENT", "w")', S),
    ("breakpoint", "breakpoint()", S),
    ("input", 'x = input("?")', S),
    ("exit", "exit()", S),
    ("help", "help()", S),
    ("memoryview", 'm = memoryview(b"x")', S),
    ("object", "o = object()", S),
    ("dunder-name", "n = __name__", S),
    ("dunder-file", "f = __file__", S),
    ("spec-loader", "l = __loader__", S),
    # -- dunder walks
    ("subclasses-walk", "x = ().__class__.__bases__[0].__subclasses__()", S),
    ("mro-walk", 'x = "".__class__.__mro__[1].__subclasses__()', S),
    ("element-globals", "x = main__notes.__class__.__init__.__globals__", S),
    ("bound-method-self", "x = main__sort_button.tap.__self__", S),
    ("method-func-globals", 'x = main__sort_button.tap.__func__.__globals__["os"]', S),
    ("item-dict", "x = main__notes[0].__dict__", S),
    ("item-reduce", "x = main__notes[0]\ny = x.__reduce_ex__(2)", S),
    ("item-private-fields", "x = main__notes[0]\ny = x.key", S),
    ("item-label-attr", "x = main__notes[0]\ny = x.label", S),
    ("item-field-dunder", "main__notes[0].__class__.tap()", S),
    ("list-class", "x = [].__class__", S),
    ("int-class", "x = (1).__class__", S),
    ("print-self", 'print.__self__.open("SENT", "w")', S),
    ("len-self-import", 'len.__self__.__import__("os")', S),
    ("str-base", "x = str.__base__.__subclasses__()", S),
    ("dict-class", "a = main__dark_mode.get_attributes()\nx = a.__class__", S),
    ("dict-method", 'a = main__dark_mode.get_attributes()\nx = a.get("checked")', S),
    ("match-globals", "x = main__notes.match.__globals__", S),
    ("fullwidth-dunder", "x = main__notes.\uff3f\uff3fclass\uff3f\uff3f", S),
    # -- format-string attribute access
    ("str-format-attr", 'x = "{0.__class__}".format(main__notes)', S),
    ("str-format-globals", 'x = "{0.tap.__globals__}".format(main__sort_button)', S),
    ("str-format-unbound", 'x = str.format("{0.__class__}", main__notes)', S),
    ("format-map", 'x = "{a.__class__}".format_map({"a": 1})', S),
    ("format-builtin", 'x = format(main__notes, "")', S),
    ("fstring-attr", 'x = f"{main__notes.__class__}"', S),
    ("fstring-conversion", 'x = f"{main__notes!r}"', S),
    ("fstring-nested-spec", 'x = f"{main__notes:{main__notes}}"', S),
    ("percent-format", 'x = "%s" % main__notes', S),
    ("str-method", 'x = main__title.get_text().upper()', S),
    ("str-join", 'x = "".join(["a", "b"])', S),
    # -- calling things that are not API methods
    ("string-built-name-call", 'n = "ev" + "al"\nn("1")', S),
    ("string-subscript-name", 'n = "eval"\nc = n[0]', S),
    ("builtin-as-value", "f = len\nx = f(main__notes)", S),
    ("print-in-list", '[print][0]("x")', S),
    ("method-as-value", "t = main__sort_button.tap\nt()", S),
    ("call-result-call", "main__sort_button.tap()()", S),
    ("api-name-call", "main__sort_button()", S),
    ("list-index-str-key", 'x = main__notes["__class__"]', S),
    # -- statements that could catch errors, define code or hide control flow
    ("try-except-budget", "try:\n    while True:\n        pass\nexcept:\n    pass", S),
    ("try-finally", 'try:\n    main__sort_button.tap()\nfinally:\n    open("SENT", "w")', S),
    ("with-open", 'with open("SENT", "w") as f:\n    pass', S),
    ("raise", "raise SystemExit", S),
    ("assert", "assert False", S),
    ("del", "del main__notes", S),
    ("global", "global x\nx = 1", S),
    ("def-recursion", "def f():\n    return f()\nf()", S),
    ("lambda-recursion", "f = lambda: f()\nf()", S),
    ("lambda-code", "c = (lambda: 0).__code__", S),
    ("class-def", "class A:\n    pass", S),
    ("decorator", "@print\ndef f():\n    pass", S),
    ("async", "async def f():\n    await f()", S),
    ("yield", "x = yield 1", S),
    ("generator-frame", "g = (x for x in [1])\nf = g.gi_frame.f_back.f_globals", S),
    ("list-comprehension", "x = [y for y in range(3)]", S),
    ("dict-literal", "x = {1: 2}", S),
    ("set-literal", "x = {1}", S),
    ("walrus", "if (x := main__notes):\n    pass", S),
    ("star-args", "print(*[1, 2])", S),
    ("kwargs-file", 'print("x", file=open("SENT", "w"))', S),
    ("double-star", "main__sort_button.tap(**{})", S),
    ("tuple-unpack", "x, y = 1, 2", S),
    ("attribute-assign", "main__notes.x = 1", S),
    ("subscript-assign", 'a = main__dark_mode.get_attributes()\na["x"] = 1', S),
    ("assign-builtin", "range = 1", S),
    ("assign-api", "main__notes = 1", S),
    ("match-statement", "match 1:\n    case 1:\n        pass", S),
    ("if-expression", "x = 1 if True else 2", S),
    ("slice", "x = main__notes[0:2]", S),
    ("bytes", 'x = b"bytes"', S),
    ("float", "x = 1.5", S),
    ("ellipsis", "x = ...", S),
    ("py2-exec", 'exec "open(1)"', S),
    ("coding-cookie", "# -*- coding: rot13 -*-\nvzcbeg bf", S),
    ("null-byte", "back()\x00", S),
    ("fullwidth-eval", "\uff45\uff56\uff41\uff4c(\"1\")", S),
    ("fullwidth-open", '\uff4f\uff50\uff45\uff4e("SENT", "w")', S),
    # -- resource bombs
    ("range-pow", "for i in range(10**10):\n    pass", S),
    ("range-literal", "for i in range(10000000000):\n    pass", S),
    ("range-runtime", "n = 10000000000\nfor i in range(n):\n    pass", B),
    ("string-mult-bomb", 'x = "a" * 10**9', S),
    ("string-mult-literal", 'x = "a" * 1000000000', S),
    ("pow-bomb", "x = 2**10**10", S),
    ("huge-literal", "x = 99999999999999999999999999", S),
    ("huge-literal-digits", "x = " + "9" * 5000, S),
    ("int-square-growth", "x = 10\nwhile True:\n    x = x * x", B),
    ("string-doubling", 's = "ab"\nwhile True:\n    s = s + s', B),
    ("nested-parens-500", "x = " + "(" * 500 + "1" + ")" * 500, S),
    ("nested-ifs-120", DEEP_IFS, S),
    ("unary-chain", "x = " + "-" * 5000 + "1", S),
    ("while-true", "while True:\n    pass", B),
    ("print-flood", 'while True:\n    print("spam spam spam")', B),
    ("list-literal-bomb", "x = [" + "1, " * 12000 + "1]", S),
    # nested lists would let one == walk 2**60 elements inside C, where no clock is checked
    ("nested-list-compare-bomb", "a = [1]\nb = [1]\ni = 0\nwhile i < 60:\n    a = [a, a]\n    b = [b, b]\n"
                                 "    i += 1\nx = a == b", S),
    ("nested-list-runtime", 'a = "x"\nif len(main__notes) > 0:\n    a = [1]\nb = [a, a]', S),
    ("list-of-elements", "x = [main__notes, main__sort_button]", S),
    ("print-list-of-big-strings", 's = "a"\nwhile len(s) < 9000:\n    s = s + s\nprint([s, s, s])', B),
    # -- issue 13: errors that were expensive or crashed while being built, and quoting tricks
    ("hex-literal-4000-digits", "x = 0x" + "f" * 4000, S),  # str(int) of >4300 digits raises in CPython
    ("binary-literal-20000-digits", "x = 0b" + "1" * 20000, S),
    ("octal-literal-huge", "x = 0o" + "7" * 15000, S),
    ("huge-negative-literal", "x = -0x" + "f" * 4000, S),
    ("many-unknown-names", "\n".join(f"m{i}.tap()" for i in range(1400)), S),  # difflib per name, capped
    ("one-huge-unknown-name", "x" * 40000 + ".tap()", S),
    ("huge-unknown-method", "main__sort_button." + "t" * 30000 + "()", S),
    ("huge-unknown-option", 'main__order.select("' + "Z" * 9000 + '")', S),
    ("u2028-string-then-bad-line", 'x = "a\u2028b\u2029c\x0bd\x1ce\x85f"\nmain__nope.tap()', S),
    ("escape-sequences-in-bad-line", 'x = "\x1b]0;pwned\x07\u202e" +', S),
    ("surrogate-in-bad-line", 'x = "\ud800" +', S),
]


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 60
    assert len({c[0] for c in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("name,src,expected", CORPUS, ids=[c[0] for c in CORPUS])
def test_escape_is_refused(tmp_path, name, src, expected):
    sentinel = tmp_path / "sentinel"
    src = src.replace("SENT", str(sentinel))
    host = FakeHost()
    started = time.monotonic()
    with pytest.raises(DroidScriptError) as e:
        run_script(src, host, budgets=Budgets(max_seconds=1.0, max_source_chars=50_000))
    assert time.monotonic() - started < 1.0 + 0.1, f"{name}: the refusal overran the time budget"
    assert type(e.value) is expected, f"{name}: got {type(e.value).__name__}: {e.value}"
    shown = str(e.value)  # what a terminal or a repairing model is shown: one line per part, nothing raw
    assert all(c.isprintable() or c == "\n" for c in shown), f"{name}: raw control characters in {shown[:200]!r}"
    assert len(shown) < 2000, f"{name}: a {len(shown)}-character message"
    assert not sentinel.exists()
    assert host.actions() == []
    assert not list(tmp_path.iterdir())
    if expected is ScriptError:
        # The planner's static check refuses it too, without a host.
        errors = check_script(src, APIS, OPTIONS, FIELDS, budgets=Budgets(max_source_chars=50_000))
        assert errors or e.value.phase == "runtime", name
        assert all(isinstance(err, ScriptError) for err in errors)


def test_bytes_source_is_refused():
    with pytest.raises(ScriptError, match="must be text"):
        run_script(b"back()", FakeHost())  # type: ignore[arg-type]
    assert check_script(b"back()", APIS)[0].message.startswith("a script must be text")  # type: ignore[arg-type]


def test_item_refs_expose_nothing_but_fields_and_methods():
    # Even a host item's real attributes (key, label, list_name, index) are unreachable.
    for attr in ("key", "label", "list_name", "index"):
        with pytest.raises(ScriptError):
            run_script(f"x = main__notes[0]\ny = x.{attr}", FakeHost())


def test_errors_quote_the_line_python_reports_even_with_line_separators_in_strings():
    src = 'x = "a\u2028b\u2029c\x0bd\x1ce\x85f"\nmain__nope.tap()'
    with pytest.raises(ScriptError) as e:
        run_script(src, FakeHost())
    assert e.value.line == 2 and e.value.source_line == "main__nope.tap()"


def test_match_on_huge_labels_fails_fast_with_clipped_labels():
    class LongLabels(FakeHost):
        def list_items(self, name):
            from droidscript import ItemRef

            for i in range(300):
                yield ItemRef(name, i, i, f"{i} " + "a" * 10_000)

    started = time.monotonic()
    with pytest.raises(DroidScriptError) as e:
        run_script('main__notes.match("' + "b" * 9_000 + '").tap()', LongLabels(),
                   budgets=Budgets(max_seconds=2.0, max_list_items=500))
    assert time.monotonic() - started < 2.0 + 0.1
    assert len(str(e.value)) < 2_000
