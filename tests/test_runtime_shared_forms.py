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
