"""sim:notes driven through real flows with nodes found on the parsed screen."""

from __future__ import annotations

import pytest
from test_sim_device import assert_real_dump, find, texts

from autodroid.device import open_device

SEEDED = 15


@pytest.fixture
def device():
    with open_device("sim:notes") as device:
        yield device


def all_titles(device):
    """Every title in the list, scrolling down page by page until the list stops moving."""
    seen = texts(device, "note_title")
    while device.scroll(find(device, rid="notes_list"), "down").changed:
        seen += [t for t in texts(device, "note_title") if t not in seen]
    return seen


def to_top(device):
    while device.scroll(find(device, rid="notes_list"), "up").changed:
        pass


def scroll_to(device, **criteria):
    while True:
        found = [n for n in device.screen() if all(getattr(n, k) == v for k, v in criteria.items())]
        if found:
            return found[0]
        assert device.scroll(find(device, rid="notes_list"), "down").changed, f"{criteria} not in the list"


def add_note(device, title, body):
    device.tap(find(device, desc="New note"))
    device.set_text(find(device, rid="note_title_input"), title)
    device.set_text(find(device, rid="note_body_input"), body)
    device.tap(find(device, desc="Save"))


def delete_current(device):
    device.tap(find(device, desc="Delete"))


def test_list_longer_than_the_screen_shows_only_visible_rows(device):
    screen = device.screen()
    toolbar = find(device, rid="main_toolbar")
    rows = [n for n in screen if n.rid == "note_item"]
    assert 5 <= len(rows) < SEEDED
    assert all(row.bounds[1] >= toolbar.bounds[3] for row in rows)  # rows start below the toolbar
    assert len({row.bounds[3] - row.bounds[1] for row in rows}) == 1  # fixed row height
    assert all(row.bounds[3] <= 2214 for row in rows)
    fab = find(device, rid="fab_new_note")
    assert rows[-1].bounds[3] <= fab.bounds[1]  # no row hides under the floating button
    notes_list = find(device, rid="notes_list")
    assert notes_list.scrollable and notes_list.resource_id == "org.autodroid.notes:id/notes_list"
    assert texts(device, "note_title")[:3] == ["Books to read", "Budget", "Car service"]


def test_scrolling_reaches_every_note_and_stops_at_the_end(device):
    titles = all_titles(device)
    assert len(titles) == SEEDED and titles == sorted(titles, key=str.lower)
    assert device.scroll(find(device, rid="notes_list"), "down").changed is False
    assert device.scroll(find(device, rid="notes_list"), "up").changed


def test_new_note_appears_in_the_list(device):
    add_note(device, "Zucchini bread", "Grate two zucchini, mix with flour and eggs.")
    assert device.screen_kind() == "notes.list"
    row_title = scroll_to(device, rid="note_title", text="Zucchini bread")
    preview = [n for n in device.screen() if n.rid == "note_preview" and n.parent == row_title.parent]
    assert preview[0].text.startswith("Grate two zucchini")
    device.tap(row_title)
    assert find(device, rid="note_body_text").text == "Grate two zucchini, mix with flour and eggs."


def test_empty_note_cannot_be_saved(device):
    device.tap(find(device, desc="New note"))
    device.tap(find(device, desc="Save"))
    assert device.screen_kind() == "notes.editor"
    assert find(device, rid="editor_error").text == "An empty note cannot be saved"


def test_backing_out_of_a_changed_note_asks_to_discard(device):
    device.tap(find(device, desc="New note"))
    assert find(device, rid="note_title_input").focused  # a new note starts in the title field
    device.set_text(find(device, rid="note_title_input"), "Draft")
    device.back()
    assert device.screen_kind() == "notes.discard_dialog"
    device.tap(find(device, text="Keep editing"))
    assert find(device, rid="note_title_input").text == "Draft"
    device.tap(find(device, desc="Navigate up"))
    device.tap(find(device, text="Discard"))
    assert device.screen_kind() == "notes.list"
    assert "Draft" not in all_titles(device)


def test_back_from_unchanged_editor_needs_no_confirmation(device):
    device.tap(find(device, desc="New note"))
    device.back()
    assert device.screen_kind() == "notes.list"


def test_delete_asks_and_cancel_keeps_the_note(device):
    device.tap(find(device, rid="note_title", text="Diary"))
    delete_current(device)
    assert device.screen_kind() == "notes.delete_dialog"
    assert find(device, rid="message").text == "Delete the note \u201cDiary\u201d?"
    device.tap(find(device, text="Cancel"))
    assert device.screen_kind() == "notes.view"
    delete_current(device)
    device.tap(find(device, text="Delete", cls="android.widget.Button"))
    assert device.screen_kind() == "notes.list"
    titles = all_titles(device)
    assert "Diary" not in titles and len(titles) == SEEDED - 1


def test_turning_off_confirmation_deletes_at_once(device):
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="Settings"))
    switch = find(device, rid="settings_confirm_delete")
    assert switch.cls == "android.widget.Switch" and switch.checked
    device.tap(switch)
    assert not find(device, rid="settings_confirm_delete").checked
    device.back()
    device.tap(find(device, rid="note_title", text="Budget"))
    delete_current(device)
    assert device.screen_kind() == "notes.list"
    assert "Budget" not in all_titles(device)


def test_sort_descending_reverses_the_order(device):
    ascending = all_titles(device)
    device.tap(find(device, desc="More options"))
    assert device.screen_kind() == "notes.main_menu"
    device.tap(find(device, text="Sort by"))
    assert device.screen_kind() == "notes.sort_dialog"
    radios = [n for n in device.screen() if n.cls == "android.widget.RadioButton"]
    assert [r.text for r in radios] == ["Title", "Date created", "Date modified", "Ascending", "Descending"]
    assert [r.checked for r in radios] == [True, False, False, True, False]
    device.tap(find(device, text="Descending"))
    assert find(device, text="Descending").checked and not find(device, text="Ascending").checked
    device.tap(find(device, text="OK"))
    to_top(device)  # the list keeps its scroll position across a re-sort
    assert texts(device, "note_title")[0] == ascending[-1]
    assert all_titles(device) == ascending[::-1]


def test_sort_by_date_and_cancel(device):
    before = texts(device, "note_title")
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="Sort by"))
    device.tap(find(device, text="Date created"))
    device.tap(find(device, text="Cancel"))
    assert texts(device, "note_title") == before
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="Sort by"))
    assert find(device, text="Title").checked  # cancelled choice was dropped
    device.tap(find(device, text="Date created"))
    device.tap(find(device, text="OK"))
    assert texts(device, "note_title")[:3] == ["Groceries", "Diary", "Meeting notes"]  # seed order
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="Sort by"))
    device.tap(find(device, text="Date modified"))
    device.tap(find(device, text="OK"))
    by_modified = texts(device, "note_title")
    assert by_modified[:3] == ["Groceries", "Ideas", "Garden"]


def test_search_filters_live_and_back_closes_it(device):
    device.tap(find(device, desc="Search"))
    assert device.screen_kind() == "notes.search"
    field = find(device, rid="search_input")
    assert field.editable and field.focused and field.text == "Search notes"
    device.set_text(field, "river")
    assert texts(device, "note_title") == ["Diary"]
    device.set_text(find(device, rid="search_input"), "EGGS")  # case-insensitive, searches bodies too
    assert texts(device, "note_title") == ["Groceries", "Recipes"]
    device.set_text(find(device, rid="search_input"), "xylophone")
    assert find(device, rid="empty_placeholder").text == "No notes match \u201cxylophone\u201d"
    device.tap(find(device, desc="Clear"))
    assert len(texts(device, "note_title")) > 2
    device.back()
    assert device.screen_kind() == "notes.list" and find(device, text="Notes").text == "Notes"


def test_word_count_setting_shows_counts(device):
    assert texts(device, "note_word_count") == []
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="Settings"))
    box = find(device, rid="settings_show_word_count")
    assert box.cls == "android.widget.CheckBox" and box.checkable and not box.checked
    device.tap(box)
    device.tap(find(device, desc="Navigate up"))
    assert texts(device, "note_word_count")[0] == "12 words"  # "Books to read" + its 9-word body


def test_hiding_previews_makes_rows_shorter_and_shows_more(device):
    shown = len(texts(device, "note_title"))
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="Settings"))
    device.tap(find(device, rid="settings_show_preview"))
    device.back()
    assert texts(device, "note_preview") == []
    assert len(texts(device, "note_title")) > shown


def test_font_size_and_theme_dialogs(device):
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="Settings"))
    assert find(device, rid="settings_font_size").text == "100%"
    device.tap(find(device, rid="settings_font_size_label"))  # the label sits inside the clickable row
    assert device.screen_kind() == "notes.font_size_dialog"
    device.tap(find(device, text="125%"))
    device.tap(find(device, text="OK"))
    assert find(device, rid="settings_font_size").text == "125%"
    device.tap(find(device, rid="settings_theme_holder"))
    assert device.screen_kind() == "notes.theme_dialog"
    device.tap(find(device, text="Dark"))
    device.back()  # back drops the choice
    assert find(device, rid="settings_theme").text == "Light"


def test_rename_from_long_press_menu(device):
    device.long_tap(find(device, rid="note_item"))
    assert device.screen_kind() == "notes.note_menu"
    device.tap(find(device, text="Rename"))
    assert device.screen_kind() == "notes.rename_dialog"
    device.set_text(find(device, rid="rename_note_input"), "   ")
    device.tap(find(device, text="OK"))
    assert find(device, rid="dialog_error").text == "The title cannot be empty"
    device.set_text(find(device, rid="rename_note_input"), "Reading list")
    device.tap(find(device, text="OK"))
    assert device.screen_kind() == "notes.list"
    assert "Reading list" in all_titles(device) and "Books to read" not in all_titles(device)


def test_edit_an_existing_note(device):
    device.tap(find(device, rid="note_title", text="Groceries"))
    device.tap(find(device, desc="Edit"))
    assert find(device, text="Edit note").text == "Edit note"
    assert find(device, rid="note_body_input").text.startswith("Milk, eggs")
    device.set_text(find(device, rid="note_body_input"), "Only coffee.")
    device.tap(find(device, desc="Save"))
    assert device.screen_kind() == "notes.view"
    assert find(device, rid="note_body_text").text == "Only coffee."


def test_autosave_saves_when_backing_out(device):
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="Settings"))
    device.tap(find(device, rid="settings_autosave"))
    device.back()
    device.tap(find(device, desc="New note"))
    device.set_text(find(device, rid="note_title_input"), "Aardvark facts")
    device.back()
    assert device.screen_kind() == "notes.list"
    assert texts(device, "note_title")[0] == "Aardvark facts"


def test_walk_reaches_at_least_eight_screen_kinds(device):
    kinds = []

    def visit():
        kinds.append(device.screen_kind())
        assert_real_dump(device.xml())

    visit()
    device.tap(find(device, desc="Search")); visit(); device.back()
    device.tap(find(device, desc="New note")); visit()
    device.set_text(find(device, rid="note_title_input"), "x"); device.back(); visit()
    device.tap(find(device, text="Discard"))
    device.tap(find(device, rid="note_item")); visit()
    device.tap(find(device, desc="More options")); visit(); device.back()
    device.tap(find(device, desc="Delete")); visit(); device.back(); device.back()
    device.long_tap(find(device, rid="note_item")); visit()
    device.tap(find(device, text="Rename")); visit(); device.back()
    device.tap(find(device, desc="More options")); visit()
    device.tap(find(device, text="Sort by")); visit(); device.back()
    device.tap(find(device, desc="More options")); device.tap(find(device, text="Settings")); visit()
    device.tap(find(device, rid="settings_font_size_holder")); visit(); device.back()
    device.tap(find(device, rid="settings_theme_holder")); visit(); device.back(); device.back()
    device.tap(find(device, desc="More options")); device.tap(find(device, text="About")); visit()
    device.tap(find(device, text="Frequently asked questions")); visit()
    device.back(); device.back(); device.back(); visit()
    assert len(set(kinds)) >= 8
    assert set(kinds) == {
        "notes.list", "notes.search", "notes.editor", "notes.discard_dialog", "notes.view", "notes.view_menu",
        "notes.delete_dialog", "notes.note_menu", "notes.rename_dialog", "notes.main_menu", "notes.sort_dialog",
        "notes.settings", "notes.font_size_dialog", "notes.theme_dialog", "notes.about", "notes.faq",
        "launcher.home",
    }
    signatures = set()
    device.app_start("notes")
    assert device.screen_kind() == "notes.list"
    signatures.add(device.screen().signature)
    device.tap(find(device, desc="More options")); signatures.add(device.screen().signature)
    device.tap(find(device, text="Settings")); signatures.add(device.screen().signature)
    assert len(signatures) == 3  # distinct kinds look distinct to the structural signature too
