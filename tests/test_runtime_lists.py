"""Lists on the simulated notes app (15 notes, 7 visible at a time): iteration scrolls and de-duplicates,
match() normalises case and spaces, select() finds off-view options, item fields, indexes."""

from __future__ import annotations

import pytest

from autodroid.device import open_device
from autodroid.runtime import run_on_device
from autodroid.runtime.lists import match_label
from autodroid.runtime.walkdoc import doc_from_walk
from test_runtime_policy import NOTES_WALK, names

TITLES = sorted(["Books to read", "Budget", "Car service", "Diary", "Garden", "Gift ideas", "Groceries", "Ideas",
                 "Meeting notes", "Movie list", "Passwords hint", "Phone numbers", "Recipes", "Travel checklist",
                 "Workout plan"])


@pytest.fixture(scope="module")
def notes_doc():
    with open_device("sim:notes") as device:
        return doc_from_walk(device, NOTES_WALK, "notes")


@pytest.fixture
def notes():
    with open_device("sim:notes") as device:
        yield device


def run(script, doc, device):
    report = run_on_device(names(doc, script), doc, device)
    assert report.ok, report.error_text
    return report


def test_iteration_scrolls_dedups_and_rewinds(notes_doc, notes):
    visible = [n.text for n in notes.screen() if n.rid == "note_title"]
    assert len(visible) < len(TITLES)
    report = run("print(len(main_screen__notes_list))\nfor item in main_screen__notes_list:\n"
                 "    print(item.get_text())\nprint(len(main_screen__notes_list))\n", notes_doc, notes)
    assert report.printed == ("15", *TITLES, "15")
    scrolls = [a for a in report.actions if a.action == "scroll"]
    assert scrolls and all(a.role == "list" for a in scrolls)
    assert {a.args[0] for a in scrolls} == {"down", "up"}  # the second pass starts from the top again


def test_match_normalises_and_scrolls_to_the_row(notes_doc, notes):
    run('main_screen__notes_list.match("  PHONE   numbers ").tap()\n', notes_doc, notes)
    assert notes.screen_kind() == "notes.view"
    assert any(n.text == "Phone numbers" for n in notes.screen())


def test_match_without_a_fit_lists_what_is_there(notes_doc, notes):
    report = run_on_device(names(notes_doc, 'main_screen__notes_list.match("Phone").tap()\n'), notes_doc, notes)
    assert not report.ok
    assert names(notes_doc, "no item of main_screen__notes_list matches 'Phone'") in report.error_text
    assert "'Phone numbers'" in report.error_text  # the nearest labels, for the repair


def test_select_documented_option_off_view(notes_doc, notes):
    report = run('main_screen__notes_list.select("travel checklist")\n', notes_doc, notes)
    assert notes.screen_kind() == "notes.view"
    assert any(n.text == "Travel checklist" for n in notes.screen())
    assert report.actions[-1].action == "select" and report.actions[-1].args == ("Travel checklist",)
    assert any(a.role == "search" and a.action == "scroll" for a in report.actions)


def test_index_negative_index_and_item_fields(notes_doc, notes):
    report = run("print(main_screen__notes_list[-1].get_text())\nprint(main_screen__notes_list[1].note_title.get_text())\n"
                 "main_screen__notes_list[2].note_title.tap()\n", notes_doc, notes)
    assert report.printed == ("Workout plan", "Budget")
    assert any(n.text == "Car service" for n in notes.screen()) and notes.screen_kind() == "notes.view"


def test_loop_body_that_leaves_the_list_comes_back(notes_doc, notes):
    report = run("seen = 0\nfor item in main_screen__notes_list:\n    item.tap()\n    back()\n    seen += 1\n"
                 "    if seen == 3:\n        break\nprint(seen)\n", notes_doc, notes)
    assert report.printed == ("3",)
    opened = [a.api for a in report.actions if a.action == "tap"]
    assert opened == [names(notes_doc, f"main_screen__notes_list[{t!r}]") for t in TITLES[:3]]
    assert notes.screen_kind() == "notes.list"


def test_checkbox_options_tap_the_checkable(notes_doc, notes):
    report = run('main_screen__more_options_button.tap()\nmore_options_screen__listview_list.select("Sort by")\n'
                 'sort_by_dialog__sorting_dialog_radio_order_list.select("Descending")\nsort_by_dialog__ok_button.tap()\n'
                 "print(main_screen__notes_list[0].get_text())\n", notes_doc, notes)
    assert report.printed == (TITLES[-1],)
    choice = next(a for a in report.actions if a.args == ("Descending",))
    assert "checkbox" in choice.node or "RadioButton" in choice.node or "Descending" in choice.node


def test_match_label_rules():
    labels = ["Budget", "Budget 2024", "Car  Service", "Diary"]
    assert match_label(labels, "budget") == 0  # exact (normalised) wins over containing
    assert match_label(labels, " car service ") == 2
    assert match_label(labels, "2024") == 1  # one label contains it
    assert match_label(labels, "Bud") == [0, 1]  # several contain it: ambiguous, never a guess
    assert match_label(labels, "Garden") is None
    assert match_label(labels, "Dairy") is None  # no fuzzy matching


def test_a_second_run_on_the_same_device_iterates_from_the_top(notes_doc, notes):
    """A new runtime on the device (a repair, the next task) starts where the last one left the list
    scrolled: its first pass goes back up that far first, or the rows above the view are missed."""
    run("print(main_screen__notes_list[-1].get_text())\n", notes_doc, notes)  # leaves the list at its end
    assert "Books to read" not in [n.text for n in notes.screen() if n.rid == "note_title"]
    report = run("for item in main_screen__notes_list:\n    print(item.get_text())\n", notes_doc, notes)
    assert report.printed == tuple(TITLES)
