"""Rows the script names: navigation that passes through an item list again opens the row the script picked
there (not the one the crawl opened), the way to an item's page goes through that row, and a row the doc knows by
an exact name is scrolled to rather than a visible row merely containing that name."""

from __future__ import annotations

from autodroid.appdoc import load_doc
from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device
from autodroid.runtime import run_on_device
from messages_sim import SEND, TYPE, run_messages as _run


def test_navigation_back_through_a_list_reopens_the_row_the_script_picked():
    # Picking a contact opens its thread at once; a Confirm tap sends the runtime back to the contact list, and
    # the way to the thread again must open that contact, not the row the crawl opened.
    pick = 'new_conversation_screen__contacts_list.select("Chloe Martin")\nnew_conversation_screen__confirm_button.tap()\n'
    report, sent = _run(pick + TYPE + SEND)
    assert report.ok, report.error_text
    assert sent["Chloe Martin"] == ["Got home fine"]
    opened = [a for a in report.actions if a.role == "navigation" and a.api == "new_conversation_screen__contacts_list"]
    assert opened and all(a.args == ("Chloe Martin",) for a in opened)


def test_navigation_to_an_items_page_goes_through_the_row_the_script_picked_not_another_lists_row():
    # Ben picked on the contact list, then the Favorites tab: the contact page is nearer through a favourite's
    # row, but the item the script named is Ben, so the runtime goes back to the list and opens him.
    doc = load_doc("contacts")
    script = ('main_screen__contacts_list.select("Ben Okafor")\nmain_screen__tab_item_holder_button_2.tap()\n'
              "contacts_item_screen__contact_toggle_favorite_checkbox.tap()\n")
    with open_device("sim:contacts") as device:
        before = {c["name"]: c["favorite"] for c in snapshot(device, "contacts")["contacts"]}
        report = run_on_device(script, doc, device, auto_yes=True)
        assert report.ok, report.error_text
        after = {c["name"]: c["favorite"] for c in snapshot(device, "contacts")["contacts"]}
    assert before["Ben Okafor"] is False and after["Ben Okafor"] is True
    assert {name for name in after if after[name] != before[name]} == {"Ben Okafor"}


def test_a_row_the_doc_knows_by_that_exact_name_is_scrolled_to_not_a_visible_row_containing_it():
    doc = load_doc("notes")  # "Gift ideas" shows on the first page, "Ideas" only further down
    script = ('main_screen__notes_list.select("Ideas")\nnew_note_screen__title_input.set_text("Invention ideas")\n'
              "new_note_screen__save_note_button.tap()\n")
    with open_device("sim:notes") as device:
        report = run_on_device(script, doc, device, auto_yes=True)
        assert report.ok, report.error_text
        notes = {n["title"]: n["body"] for n in snapshot(device, "notes")["notes"]}
    assert "Gift ideas" in notes and "Ideas" not in notes
    assert "reading lamp" in notes["Invention ideas"]


def test_a_named_row_the_script_renamed_is_searched_for_once_then_navigation_goes_as_before():
    doc = load_doc("notes")
    script = ('main_screen__notes_list.match("Diary").long_tap()\nrename_dialog__note_input.set_text("Journal")\n'
              'rename_dialog__ok_button.tap()\nnotes_item_menu__listview_list.select("Rename")\n'
              'more_options_screen_2__listview_list.select("Rename")\n')
    with open_device("sim:notes") as device:
        report = run_on_device(script, doc, device, auto_yes=True)
        titles = [n["title"] for n in snapshot(device, "notes")["notes"]]
    assert "Journal" in titles and "Diary" not in titles
    scrolls = [a for a in report.actions if a.action == "scroll"]
    assert len(scrolls) <= 14, len(scrolls)  # one search for the renamed row (6 down, 6 up at most), not one per hop
