"""The GBNF grammar: parsed by a small GBNF reader written here, sampled at random (every sample must pass
check_script and run), turned into a regex to show what it refuses, and parsed by real llama.cpp when
llama_cpp is installed."""

from __future__ import annotations

import random
import re

import pytest

from droidscript import ELEMENT_TYPES, LANGUAGE, NoSuchItem, check_script, gbnf, run_script
from droidscript.grammar import gbnf_literal, py_string
from test_droidscript_fakehost import FakeHost

APIS = [
    ("main__sort_button", "button", None),
    ("main__add_button", "button", None),
    ("main__notes", "list", None),
    ("main__search", "input", None),
    ("main__dark_mode", "checkbox", None),
    ("main__title", "text", None),
    ("main__pane", "scrollable", None),
    ("sort_dialog__order", "list", ["Ascending", "Descending", "By date"]),
    ("tricky__options", "list", ['Say "hi"', "back\\slash", "two\nlines", "naïve café 名前", "tab\there"]),
    ("editor__title_input", "input", None),
]


def tables(apis=APIS):
    return ({n: t for n, t, _ in apis}, {n: list(o) for n, _, o in apis if o})


# ---- a small reader for the GBNF subset the generator emits ----------------------------------------
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", '"': '"', "[": "[", "]": "]", "-": "-", "^": "^"}


def _unescape(text: str, i: int) -> tuple[str, int]:
    """The character at text[i] (after a backslash at i-1), and the index after it."""
    c = text[i]
    if c == "x":
        return chr(int(text[i + 1:i + 3], 16)), i + 3
    if c == "u":
        return chr(int(text[i + 1:i + 5], 16)), i + 5
    return _ESCAPES[c], i + 1


class Gbnf:
    def __init__(self, text: str):
        assert text.endswith("\n")
        self.rules: dict[str, tuple] = {}
        for line in text.splitlines():
            name, sep, body = line.partition(" ::= ")
            assert sep and re.fullmatch(r"[a-z][a-z0-9-]*", name), line
            assert name not in self.rules, f"rule {name} defined twice"
            self.text, self.i = body, 0
            self.rules[name] = self.alternatives()
            assert self.i == len(body), f"trailing text in {line!r}"

    def ws(self):
        while self.i < len(self.text) and self.text[self.i] == " ":
            self.i += 1

    def alternatives(self) -> tuple:
        alts = [self.sequence()]
        while self.i < len(self.text) and self.text[self.i] == "|":
            self.i += 1
            alts.append(self.sequence())
        return ("alt", alts)

    def sequence(self) -> tuple:
        items = []
        while True:
            self.ws()
            if self.i >= len(self.text) or self.text[self.i] in "|)":
                return ("seq", items)
            items.append(self.quantified(self.atom()))

    def atom(self) -> tuple:
        t, c = self.text, self.text[self.i]
        if c == '"':
            self.i += 1
            out = []
            while t[self.i] != '"':
                if t[self.i] == "\\":
                    ch, self.i = _unescape(t, self.i + 1)
                else:
                    ch, self.i = t[self.i], self.i + 1
                out.append(ch)
            self.i += 1
            return ("lit", "".join(out))
        if c == "[":
            self.i += 1
            negated = t[self.i] == "^"
            self.i += negated
            ranges = []
            while t[self.i] != "]":
                lo, self.i = (_unescape(t, self.i + 1) if t[self.i] == "\\" else (t[self.i], self.i + 1))
                hi = lo
                if t[self.i] == "-" and t[self.i + 1] != "]":
                    self.i += 1
                    hi, self.i = (_unescape(t, self.i + 1) if t[self.i] == "\\" else (t[self.i], self.i + 1))
                ranges.append((lo, hi))
            self.i += 1
            return ("cls", negated, ranges)
        if c == "(":
            self.i += 1
            inner = self.alternatives()
            assert t[self.i] == ")"
            self.i += 1
            return inner
        m = re.compile(r"[a-z][a-z0-9-]*").match(t, self.i)
        assert m, f"unexpected {t[self.i:]!r}"
        self.i = m.end()
        return ("ref", m.group())

    def quantified(self, node: tuple) -> tuple:
        t = self.text
        if self.i < len(t) and t[self.i] in "?*+":
            q = t[self.i]
            self.i += 1
            return ("rep", node, 1 if q == "+" else 0, 1 if q == "?" else None)
        m = re.compile(r"\{(\d+)(,(\d*))?\}").match(t, self.i)
        if m:
            self.i = m.end()
            lo = int(m.group(1))
            hi = lo if m.group(2) is None else (int(m.group(3)) if m.group(3) else None)
            return ("rep", node, lo, hi)
        return node

    # -- use
    def refs(self, node=None, out=None) -> set:
        out = set() if out is None else out
        nodes = list(self.rules.values()) if node is None else [node]
        for n in nodes:
            if n[0] == "ref":
                out.add(n[1])
            elif n[0] in ("alt", "seq"):
                for c in n[1]:
                    self.refs(c, out)
            elif n[0] == "rep":
                self.refs(n[1], out)
        return out

    def regex(self, node=None, depth=0) -> str:
        assert depth < 50, "grammar is recursive"
        node = ("ref", "root") if node is None else node
        kind = node[0]
        if kind == "lit":
            return re.escape(node[1])
        if kind == "cls":
            body = "".join(f"\\U{ord(lo):08x}-\\U{ord(hi):08x}" for lo, hi in node[2])
            return f"[{'^' if node[1] else ''}{body}]"
        if kind == "ref":
            return f"(?:{self.regex(self.rules[node[1]], depth + 1)})"
        if kind == "seq":
            return "".join(self.regex(c, depth) for c in node[1])
        if kind == "alt":
            return "(?:" + "|".join(self.regex(c, depth) for c in node[1]) + ")"
        lo, hi = node[2], node[3]
        return f"(?:{self.regex(node[1], depth)}){{{lo},{'' if hi is None else hi}}}"

    def matches(self, text: str) -> bool:
        return re.fullmatch(self.regex(), text, re.S) is not None

    POOL = list("abcXYZ 019_-.,:;!?()'{}#/") + ['"', "\\", "\n", "\t", "\x00", "\x7f", "é", "名", "😀"]

    def sample(self, rng: random.Random, node=None) -> str:
        node = ("ref", "root") if node is None else node
        kind = node[0]
        if kind == "lit":
            return node[1]
        if kind == "cls":
            ok = [c for c in self.POOL if any(lo <= c <= hi for lo, hi in node[2]) != node[1]]
            return rng.choice(ok)
        if kind == "ref":
            return self.sample(rng, self.rules[node[1]])
        if kind == "seq":
            return "".join(self.sample(rng, c) for c in node[1])
        if kind == "alt":
            return self.sample(rng, rng.choice(node[1]))
        lo, hi = node[2], node[3]
        hi = lo + 20 if hi is None else hi
        count = rng.choice([lo, hi, rng.randint(lo, min(hi, lo + 8))])
        return "".join(self.sample(rng, node[1]) for _ in range(count))


@pytest.fixture(scope="module")
def grammar_text() -> str:
    return gbnf(APIS, max_lines=12, max_string=40)


@pytest.fixture(scope="module")
def grammar(grammar_text) -> Gbnf:
    return Gbnf(grammar_text)


def test_grammar_reads_back_with_every_rule_defined_and_used(grammar):
    assert "root" in grammar.rules
    refs = grammar.refs()
    assert refs <= set(grammar.rules), f"undefined: {refs - set(grammar.rules)}"
    assert set(grammar.rules) - refs == {"root"}, "unused rules"


def test_every_sampled_script_passes_check_and_runs(grammar):
    rng = random.Random(1234)
    api, options = tables()
    seen_calls: set[tuple[str, str]] = set()
    for _ in range(400):
        script = grammar.sample(rng)
        lines = script.split("\n")
        if script.endswith("\n"):
            lines.pop()
        assert 1 <= len(lines) <= 12
        assert check_script(script, api, options) == [], script
        host = FakeHost(apis=api, options=options, fields={}, lists={n: ["todo", "x"] for n, t in api.items()
                                                                      if t == "list"})
        try:
            result = run_script(script, host)
        except NoSuchItem as e:  # match("random text") on a list without that item: device state, not syntax
            assert ".match(" in e.source_line
            assert len(e.partial.actions) < len(lines)
        else:
            assert len(result.actions) == len(lines)
        for line in lines:
            m = re.match(r"(\w+)\.(\w+)\(", line)
            seen_calls.add((m.group(1), m.group(2)) if m else ("", "back"))
    # Every acting method of LANGUAGE shows up on every name whose type has it.
    for name, type_, opts in APIS:
        for method in LANGUAGE[type_].methods.values():
            if method.acts and (method.name != "select" or opts):
                assert (name, method.name) in seen_calls, (name, method.name)
            if method.name == "match":
                assert (name, "match") in seen_calls
    assert ("", "back") in seen_calls


def test_select_options_reach_host_exactly(grammar):
    rng = random.Random(7)
    api, options = tables()
    selected = set()
    for _ in range(600):
        script = grammar.sample(rng)
        host = FakeHost(apis=api, options=options, fields={})
        try:
            run_script(script, host)
        except NoSuchItem:  # a match("...") line found nothing; the selects before it still count
            pass
        selected |= {e[2][0] for e in host.log if e[1] == "select" and e[0] == "tricky__options"}
    assert selected == set(APIS[8][2])  # quotes, backslash, newline, unicode, tab: all round-trip


@pytest.mark.parametrize(
    "script",
    [
        "back()",
        "back()\n",
        'main__sort_button.tap()\nsort_dialog__order.select("Descending")\nmain__notes.match("todo").tap()',
        'main__search.set_text("")\nmain__pane.scroll("left")\nmain__add_button.long_tap()\n',
        'main__notes.match("a \'b\' {c}").long_tap()',
        'tricky__options.select("Say \\"hi\\"")',
        'tricky__options.select("two\\nlines")',
        "\n".join(["back()"] * 12),
    ],
)
def test_grammar_admits(grammar, script):
    assert grammar.matches(script)
    api, options = tables()
    assert check_script(script, api, options) == []


@pytest.mark.parametrize(
    "script",
    [
        "",
        "\n",
        'main__sort_button.set_text("x")',  # set_text only on inputs
        'main__notes.select("todo")',  # a list without documented options
        'sort_dialog__order.select("Random")',  # not a documented option
        'sort_dialog__order.select("descending")',  # options are offered exactly as documented
        'main__pane.scroll("sideways")',
        "main__title.long_tap()",  # text has no long_tap
        "main__pane.tap()",  # scrollables are not tappable
        "main__notes.tap()",
        "main__sort_buton.tap()",
        "import os",
        "x = 1",
        'main__search.set_text("a\nb")',  # raw newline inside a string
        'main__search.set_text("a\\"b")',  # no escapes in free text
        'main__search.set_text("' + "a" * 41 + '")',  # longer than max_string
        "\n".join(["back()"] * 13),
        "back()\n\n",
        "back()\nback()\n\nback()",
        " back()",
        "back() ",
        "main__notes.match(\"x\").set_text(\"y\")",
    ],
)
def test_grammar_refuses(grammar, script):
    assert not grammar.matches(script)


def test_names_are_grouped_in_one_rule_per_type(grammar_text):
    for t in ELEMENT_TYPES:
        names = [n for n, typ, _ in APIS if typ == t]
        rule = f"t-{t} ::= " + " | ".join(gbnf_literal(n) for n in names)
        assert rule in grammar_text.splitlines()


def test_small_tables_and_one_line():
    text = gbnf([], max_lines=1)
    g = Gbnf(text)
    assert g.matches("back()") and g.matches("back()\n") and not g.matches("back()\nback()")
    g = Gbnf(gbnf([("a__only", "scrollable", None)], max_lines=2))
    assert g.matches('a__only.scroll("up")\nback()')
    assert "string" not in g.rules  # unused rules are left out


def test_literal_escaping():
    assert gbnf_literal('a"b\\c\nd\x01é') == '"a\\"b\\\\c\\nd\\x01é"'
    assert py_string('a"b\\c\n\x01') == '"a\\"b\\\\c\\n\\x01"'
    assert eval(py_string('q"\\\n\t\x01é')) == 'q"\\\n\t\x01é'  # a test may use eval on its own literal


def test_bad_api_tables_are_value_errors():
    with pytest.raises(ValueError, match="listed twice"):
        gbnf([("a__b", "button", None), ("a__b", "button", None)])
    with pytest.raises(ValueError, match="unknown element type"):
        gbnf([("a__b", "slider", None)])
    with pytest.raises(ValueError, match="drop its options"):
        gbnf([("a__b", "button", ["x"])])
    with pytest.raises(ValueError, match="not a usable identifier"):
        gbnf([("a:b", "button", None)])
    with pytest.raises(ValueError, match="max_lines"):
        gbnf([], max_lines=0)


@pytest.mark.parametrize("max_lines", [1, 12])
def test_llama_cpp_parses_the_grammar(max_lines):
    llama_cpp = pytest.importorskip("llama_cpp")
    for apis in (APIS, [], [("x__y", "input", None)]):
        text = gbnf(apis, max_lines=max_lines)
        assert llama_cpp.LlamaGrammar.from_string(text, verbose=False) is not None
        # from_string only stores the text; llama.cpp's own parser runs when a sampler is made.
        sampler = llama_cpp.llama_sampler_init_grammar(None, text.encode("utf-8"), b"root")
        assert sampler, f"llama.cpp refused the grammar:\n{text}"
        llama_cpp.llama_sampler_free(sampler)
    broken = gbnf(APIS).replace("t-button ::=", "t-buton ::=")
    assert not llama_cpp.llama_sampler_init_grammar(None, broken.encode("utf-8"), b"root")
