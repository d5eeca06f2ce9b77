"""A form the doc records once for two screens (sim:calendar's New-event and Edit-event screens share their
fields): navigation reaches it without opening an item the script never named, and the other screen's
Save saves the open form."""

from __future__ import annotations

from autodroid.appdoc import load_doc
from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device
from autodroid.runtime import run_on_device

DOC = load_doc("calendar")


def _run(script: str):
    with open_device("sim:calendar") as device:
        report = run_on_device(script, DOC, device, auto_yes=True)
        return report, snapshot(device, "calendar")["events"]


def test_the_doc_records_the_fields_once_for_both_screens():
    title = DOC.elements["edit_event_screen__title_input"]
    assert title.screen == "edit_event_screen" and "new_event_screen" in title.screens
    assert "edit_event_screen__save_button" in DOC.screens["edit_event_screen"].elements
    assert "new_event_screen__save_button" in DOC.screens["new_event_screen"].elements


def test_typing_into_the_shared_form_opens_new_event_not_some_event():
    report, events = _run('edit_event_screen__title_input.set_text("Pay rent")\n'
                          'edit_event_screen__save_button.tap()\n')
    assert report.ok, report.error_text
    titles = [e["title"] for e in events]
    assert len(titles) == 16 and "Pay rent" in titles and "Team standup" in titles  # nothing overwritten
    assert [a.action for a in report.actions][0] == "tap"  # the New event button, no row picked


def test_the_other_screens_save_saves_the_open_form():
    report, events = _run('main_screen__calendar_fab_button.tap()\n'
                          'edit_event_screen__title_input.set_text("Pay rent")\n'
                          'edit_event_screen__save_button.tap()\n')
    assert report.ok, report.error_text
    assert "Pay rent" in [e["title"] for e in events] and len(events) == 16
    used = [entry for entry in report.trace if entry.get("event") == "commit_here"]
    assert used and used[0]["used"] == "new_event_screen__save_button", report.trace


def test_a_row_the_script_picks_is_still_the_one_edited():
    report, events = _run('main_screen__calendar_events_list.select("Yoga class")\n'
                          'edit_event_screen__title_input.set_text("Pilates")\n'
                          'edit_event_screen__save_button.tap()\n')
    assert report.ok, report.error_text
    titles = [e["title"] for e in events]
    assert len(titles) == 15 and "Pilates" in titles and "Yoga class" not in titles


def test_a_row_shown_on_every_variant_of_a_screen_leads_where_it_led_from_one():
    """The crawl tapped "Default reminder" on one variant of the settings screen only (settings_screen_2,
    reached by no edge): the same row on the other variants leads to the same dialog."""
    from autodroid.runtime.navigation import NavGraph

    recorded = [e for e in DOC.navigation if e.element == "settings_screen__default_reminder_holder_button"]
    assert {e.source for e in recorded} == {"settings_screen_2"}
    graph = NavGraph(DOC)
    assert graph.path("main_screen", {"default_reminder_dialog"}) is None  # recorded edges: no way
    assert graph.path("main_screen", {"default_reminder_dialog"}, copies=True) is not None
    with open_device("sim:calendar") as device:
        report = run_on_device('default_reminder_dialog__dialog_radio_group_list.select("1 hour before")\n'
                               "default_reminder_dialog__ok_button.tap()\n", DOC, device, auto_yes=True)
        assert report.ok, report.error_text
        assert snapshot(device, "calendar")["settings"]["default_reminder"] == "1 hour before"


def test_a_dialog_the_form_opens_keeps_the_typed_text():
    """Choosing the new event's reminder opens the form's own dialog (its ways out return to the form): the
    typed title is not "left", and the form's Save still saves it with the reminder."""
    report, events = _run('main_screen__calendar_fab_button.tap()\n'
                          'edit_event_screen__title_input.set_text("Call the bank")\n'
                          'reminder_dialog__dialog_radio_group_list.select("1 hour before")\n'
                          'reminder_dialog__ok_button.tap()\n'
                          'edit_event_screen__save_button.tap()\n')
    assert report.ok, report.error_text
    bank = [e for e in events if e["title"] == "Call the bank"]
    assert bank and bank[0]["reminder"] == "1 hour before" and len(events) == 16


def test_a_screen_outside_the_form_is_still_refused_while_text_is_unsaved():
    report, events = _run('main_screen__calendar_fab_button.tap()\n'
                          'edit_event_screen__title_input.set_text("Call the bank")\n'
                          'settings_screen__vibrate_checkbox.tap()\n')
    assert not report.ok and "UnsavedEdit" in report.error_text
    assert len(events) == 15
