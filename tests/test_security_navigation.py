"""Issue 13: auto-navigation never commits, confirms or deletes on the script's behalf. Hops go only
through elements whose effect is getting somewhere, and text the script typed into a form and did not
save blocks navigating away with a typed error (the note stays as it was)."""

from __future__ import annotations

import pytest

from autodroid.appdoc import load_doc
from autodroid.device import open_device
from autodroid.runtime import run_on_device
from autodroid.runtime.doctables import tables_of
from autodroid.runtime.errors import UnsavedEdit
from autodroid.runtime.navigation import NOT_A_HOP, element_label, is_navigation_hop


@pytest.fixture(scope="module")
def notes_doc():
    return load_doc("notes")


@pytest.fixture
def notes():
    with open_device("sim:notes") as device:
        yield device


def body_of(device, title: str) -> str:
    return next(n.body for n in device.apps["notes"].data.notes if n.title == title)


EDIT_BUDGET = ('main_screen__notes_list.match("Budget").tap()\n'
               'notes_item_screen__edit_note_button.tap()\n'
               'new_note_screen__body_input.set_text("OVERWRITTEN")\n')


def test_navigation_away_from_an_unsaved_edit_is_refused_and_the_note_is_unchanged(notes_doc, notes):
    body = body_of(notes, "Budget")
    report = run_on_device(EDIT_BUDGET + "print(notes_item_screen__note_body_text.get_text())\n", notes_doc, notes)
    assert not report.ok
    assert isinstance(report.cause, UnsavedEdit), report.error_text
    assert report.error.line == 4
    assert "has not saved" in report.error_text and "save_note_button" in report.error_text
    assert body_of(notes, "Budget") == body
    assert not [a for a in report.actions if a.role == "navigation"]
    assert any(e["event"] == "navigation_refused" and e["reason"] == "unsaved edit" for e in report.trace)
    assert notes.screen_kind() == "notes.editor"  # left where the script was: nothing saved, nothing discarded


@pytest.mark.parametrize("autosave", [True, False])
def test_the_same_with_autosave_on_or_off(notes_doc, autosave):
    with open_device("sim:notes") as device:
        device.apps["notes"].data.autosave = autosave
        body = body_of(device, "Budget")
        report = run_on_device(EDIT_BUDGET + "main_screen__search_button.tap()\n", notes_doc, device)
        assert isinstance(report.cause, UnsavedEdit), report.error_text
        assert body_of(device, "Budget") == body


def test_a_script_that_saves_explicitly_still_saves_and_then_navigates(notes_doc, notes):
    report = run_on_device(EDIT_BUDGET + "edit_note_screen__save_note_button.tap()\n"
                                         "print(notes_item_screen__note_body_text.get_text())\n"
                                         "main_screen__search_button.tap()\n", notes_doc, notes)
    assert report.ok, report.error_text
    assert body_of(notes, "Budget") == "OVERWRITTEN"
    assert report.printed == ("OVERWRITTEN",)


def test_a_script_that_goes_back_explicitly_decides_for_itself(notes_doc):
    with open_device("sim:notes") as device:
        device.apps["notes"].data.autosave = False
        body = body_of(device, "Budget")
        report = run_on_device(EDIT_BUDGET + "back()\nnavigate_up_dialog__discard_button.tap()\n"
                                             "print(notes_item_screen__note_body_text.get_text())\n",
                               notes_doc, device, auto_yes=True)
        assert report.ok, report.error_text
        assert body_of(device, "Budget") == body and report.printed == (body,)


def test_no_documented_commit_or_delete_element_is_a_hop(notes_doc):
    graph = tables_of(notes_doc).graph
    hops = [edge for edges in graph.out.values() for edge in edges]
    assert hops, "the notes doc has navigation"
    for edge in hops:
        if edge.action in ("back", "scroll"):
            continue
        element = notes_doc.elements[edge.element]
        label = edge.option if element.type == "list" and edge.option else element_label(element)
        assert NOT_A_HOP.find(label) is None, (edge, label)
        assert element.risk != "sensitive" and element.type not in ("checkbox", "input"), edge
    refused = {edge.element for edge in graph.refused}
    assert "edit_note_screen__save_note_button" in refused


def test_plain_buttons_that_open_screens_are_still_hops(notes_doc):
    graph = tables_of(notes_doc).graph
    elements = {edge.element for edges in graph.out.values() for edge in edges}
    assert "main_screen__more_options_button" in elements
    assert "notes_item_screen__edit_note_button" in elements


def test_navigation_through_plain_buttons_still_works(notes_doc, notes):
    report = run_on_device("settings_screen__autosave_checkbox.get_attributes()\n"
                           "print(main_screen__notes_list[0].get_text())\n", notes_doc, notes)
    assert report.ok, report.error_text
    assert any(a.role == "navigation" for a in report.actions)


@pytest.mark.parametrize("label, hop", [("Save", False), ("OK", False), ("Done", False), ("Delete", False),
                                        ("Discard", False), ("Send", False), ("More options", True),
                                        ("Settings", True), ("New note", True), ("Sort by", True)])
def test_is_navigation_hop_by_label(notes_doc, label, hop):
    from autodroid.appdoc import NavEdge

    edge = NavEdge("more_options_screen", "select", "settings_screen", "more_options_screen__listview_list", label)
    assert is_navigation_hop(edge, notes_doc) is hop


def test_a_policy_file_word_bans_a_hop_the_built_in_words_allow(notes_doc, notes):
    from autodroid.runtime.policy import parse_policy

    # "Sort by" is an ordinary opener; a policy that calls it a commit word keeps navigation off it.
    policy = parse_policy({"words": {"commit": {"xx": ["sort by"]}}}, "mine.yaml")
    report = run_on_device("sort_by_dialog__ok_button.tap()\n", notes_doc, notes, policy=policy)
    assert not report.ok and "no known way" in report.error_text
    assert not any(a.api == "more_options_screen__listview_list" for a in report.actions)
    report = run_on_device("sort_by_dialog__ok_button.tap()\n", notes_doc, notes)
    assert report.ok, report.error_text
