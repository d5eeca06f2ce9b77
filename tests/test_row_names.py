"""A list row is named by what it shows: its label is not a button caption inside it ("Start" on every
timer row), and its other short texts (an alarm's "Gym" beside "7:00 AM") are options select() finds."""

from __future__ import annotations

import pytest

from autodroid.appdoc import load_doc
from autodroid.bench.simtasks import fresh_snapshot, snapshot
from autodroid.device import open_device
from autodroid.explorer.elements import find_lists, row_label, row_names
from autodroid.paths import PROJECT_DIR
from autodroid.runtime import run_on_device
from autodroid.runtime.lists import Row, match_row


@pytest.fixture(scope="module")
def clock_doc():
    return load_doc("clock", PROJECT_DIR / "app_docs")


def _rows(screen, rid):
    shape = next(s for s in find_lists(screen) if s.container.rid == rid)
    return shape.rows


def test_a_button_caption_inside_a_row_is_not_its_label():
    with open_device("sim:clock") as device:
        device.tap(next(n for n in device.screen() if n.text == "Timer" or n.desc == "Timer"))
        screen = device.screen()
        labels = [row_label(screen, row) for row in screen if row.rid == "timer_frame"]
    assert labels == ["05:00", "Tea"]  # an unlabelled timer is named by its time, not by its "Start" button


def test_other_short_texts_name_a_row_but_not_sizes_times_or_sentences():
    with open_device("sim:clock") as device:
        screen = device.screen()
        rows = _rows(screen, "alarms_list")
        names = {row_label(screen, row): row_names(screen, row) for row in rows}
    assert "Work" in names["6:30 AM"] and "Weekdays" in names["6:30 AM"]
    assert all(not any(ch.isdigit() for ch in n) for found in names.values() for n in found)
    with open_device("sim:notes") as device:  # a note's preview sentence and its word count name nothing
        screen = device.screen()
        previews = [n for row in _rows(screen, "notes_list") for n in row_names(screen, row)]
    assert all(len(n.split()) <= 3 for n in previews)


def test_the_doc_lists_row_names_after_the_labels(clock_doc):
    options = clock_doc.elements["main_screen__alarms_list"].options
    assert options.index("Gym") > options.index("10:45 PM")  # every label first
    assert "Start" not in clock_doc.elements["timer_screen__timers_list"].options


def test_select_by_a_row_name_opens_that_row(clock_doc):
    with open_device("sim:clock") as device:
        report = run_on_device('main_screen__alarms_list.select("gym")\nedit_alarm_screen__save_alarm_button.tap()\n',
                               clock_doc, device)
        assert report.ok, report.error_text
        alarms = snapshot(device, "clock")["alarms"]
    assert next(a for a in alarms if a["label"] == "Gym")["enabled"]  # saving switches the opened alarm on


def test_match_row_prefers_labels_and_never_guesses():
    rows = [Row(None, "7:00 AM", ("7:00 am", 0), ("Gym", "Mon, Wed, Fri")),
            Row(None, "9:15 AM", ("9:15 am", 0), ("Dentist", "Tue")),
            Row(None, "6:00 PM", ("6:00 pm", 0), ("Gym",)),
            Row(None, "Tue", ("tue", 0), ())]
    assert match_row(rows, "7:00 am") is rows[0]
    assert match_row(rows, "dentist") is rows[1]
    assert match_row(rows, "Tue") is rows[3]  # a label wins over another row's name
    assert match_row(rows, "gym") == [rows[0], rows[2]]  # two rows say it: ambiguous, the caller says so
    assert match_row(rows, "Dent") is None  # names match whole, never a part or a guess


def test_match_finds_the_one_row_showing_a_name_and_refuses_several(clock_doc):
    with open_device("sim:clock") as device:
        report = run_on_device('main_screen__alarms_list.match("Bedtime").alarm_switch.tap()\n', clock_doc, device)
        assert report.ok, report.error_text
        alarms = snapshot(device, "clock")["alarms"]
        assert not next(a for a in alarms if a["label"] == "Bedtime")["enabled"]
        assert sum(a["enabled"] for a in alarms) == sum(a["enabled"] for a in fresh_snapshot("clock")["alarms"]) - 1
    with open_device("sim:clock") as device:
        report = run_on_device('main_screen__alarms_list.match("Weekdays").alarm_switch.tap()\n', clock_doc, device)
    assert not report.ok and "several show it" in report.error_text  # two weekday alarms: never a guess

