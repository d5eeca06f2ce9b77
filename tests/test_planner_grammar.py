"""The app grammar: typed, narrowed to candidates, without what tasks never need; parsed by llama.cpp."""

from __future__ import annotations

import pytest
from planner_helpers import demo_doc

from autodroid.planner.grammar_for_doc import check_against_doc, doc_apis, grammar_for_doc

DOC = demo_doc()


def test_doc_apis_leave_out_texts_and_scrollables_by_default():
    names = [name for name, _, _ in doc_apis(DOC)]
    assert "main_screen__title_text" not in names and "main_screen__pager_scroll" not in names
    assert ("sort_dialog__order_list", "list", ("Ascending", "Descending")) in doc_apis(DOC)
    assert [n for n, _, _ in doc_apis(DOC, ["main_screen__title_text"], types=["text"])] == ["main_screen__title_text"]


def test_grammar_is_typed_and_has_no_back_scroll_or_long_tap():
    text = grammar_for_doc(DOC)
    assert '"create_dialog__title_input"' in text and ".set_text(" in text
    assert 'sort_dialog__order_list.select(" ("\\"Ascending\\"" | "\\"Descending\\"")' in text
    assert "back()" not in text and "scroll" not in text and "long_tap" not in text
    assert "main_screen__title_text" not in text


def test_grammar_narrowed_to_names():
    text = grammar_for_doc(DOC, ["settings_screen__autosave_checkbox"])
    assert '"settings_screen__autosave_checkbox"' in text
    assert "sort_dialog" not in text and "set_text" not in text


def test_modes_change_only_the_root():
    block = grammar_for_doc(DOC, max_lines=4).splitlines()[0]
    assert block == 'root ::= line ("\\n" line){0,3} "\\n"?'
    assert grammar_for_doc(DOC, mode="first-line").splitlines()[0] == 'root ::= line "\\n"?'
    assert grammar_for_doc(DOC, mode="next-line").splitlines()[0] == 'root ::= (line "\\n"?)?'
    with pytest.raises(ValueError):
        grammar_for_doc(DOC, mode="free")


def test_back_when_asked_and_a_usable_grammar_for_nothing():
    assert '"back()"' in grammar_for_doc(DOC, back=True)
    assert 'line ::= "back()"' in grammar_for_doc(DOC, [])


def test_check_against_doc_reports_unknown_names_and_bad_options():
    assert check_against_doc("settings_screen__autosave_checkbox.tap()", DOC) == []
    problems = check_against_doc('sort_dialog__order_list.select("Sideways")\nnope__x.tap()', DOC)
    assert len(problems) == 2
    assert "Sideways" in problems[0].one_line() and "nope__x" in problems[1].one_line()


@pytest.mark.parametrize("mode", ["block", "first-line", "next-line"])
def test_llama_cpp_parses_every_mode(mode):
    llama = pytest.importorskip("autodroid.planner.llama")
    grammar = llama.compile_grammar(grammar_for_doc(DOC, mode=mode))
    assert grammar.text.startswith("root ::=")
