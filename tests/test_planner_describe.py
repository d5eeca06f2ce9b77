"""Doc enrichment: the model's `about` lines (user words per element) are written, kept, validated, saved
and used by ranking and slot filling."""

from __future__ import annotations

import dataclasses

import pytest
from planner_helpers import demo_doc

from autodroid.appdoc import dump_doc_text, parse_doc, render_element
from autodroid.errors import DocError
from autodroid.planner.describe import clean_about, describe_doc, element_facts
from autodroid.planner.model import FakeModel
from autodroid.planner.retrieval import LexicalIndex


def test_every_checkbox_input_and_list_gets_one_model_line_and_the_doc_round_trips():
    doc = demo_doc()
    wanted = [n for n, e in doc.elements.items() if e.type in ("checkbox", "input", "list")]
    model = FakeModel(replies=[f" thing number {i}" for i in range(len(wanted))])
    described, report = describe_doc(doc, model)
    assert report.described == len(wanted) and report.kept == 0
    assert [described.elements[n].about for n in wanted] == [f"thing number {i}" for i in range(len(wanted))]
    assert all(not e.about for e in described.elements.values() if e.type in ("button", "text", "scrollable"))
    assert all(call.grammar and call.max_tokens <= 12 for call in model.calls)  # short, constrained answers
    again = parse_doc(dump_doc_text(described))
    assert again.elements == described.elements and again.version == described.version != doc.version


def test_existing_about_lines_are_kept_unless_forced():
    doc = demo_doc()
    title = "create_dialog__title_input"
    edited = dataclasses.replace(doc, elements={**doc.elements, title: dataclasses.replace(
        doc.elements[title], about="the note title")})
    count = sum(1 for e in doc.elements.values() if e.type in ("checkbox", "input", "list"))
    described, report = describe_doc(edited, FakeModel(replies=["x y z"] * count))
    assert described.elements[title].about == "the note title" and report.kept == 1
    forced, report = describe_doc(edited, FakeModel(replies=["x y z"] * count), force=True)
    assert forced.elements[title].about == "x y z" and report.kept == 0


def test_about_is_shown_to_the_model_and_ranked():
    doc = demo_doc()
    title = "create_dialog__title_input"
    assert "Label" in element_facts(doc, doc.elements[title])
    named = dataclasses.replace(doc.elements[title], about="the note name")
    doc = dataclasses.replace(doc, elements={**doc.elements, title: named})
    assert "the note name" in render_element(named)
    assert LexicalIndex(doc).rank("name it", 1)[0].name == title


def test_a_multiline_or_long_about_is_refused_with_the_fix():
    text = dump_doc_text(demo_doc()).replace("description: Label", "description: Label\n        about: " + "x" * 200)
    with pytest.raises(DocError, match="about must be one line") as error:
        parse_doc(text)
    assert "docs describe" in error.value.fix


def test_clean_about_keeps_one_short_line():
    assert clean_about("  the note\n title. ") == "the note title"
    assert len(clean_about("word " * 40)) <= 80
