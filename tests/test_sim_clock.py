"""sim:clock driven through real flows with nodes found on the parsed screen."""

from __future__ import annotations

import pytest
from test_sim_device import assert_real_dump, find, texts

from autodroid.device import open_device


@pytest.fixture
def device():
    with open_device("sim:clock") as device:
        yield device


def alarm_rows(device):
    """(time, days, label, switch checked) of every alarm, scrolling through the whole list."""
    while device.scroll(find(device, rid="alarms_list"), "up").changed:
        pass
    rows: list[tuple] = []
    while True:
        screen = device.screen()
        for frame in (n for n in screen if n.rid == "alarm_frame"):
            parts = {n.rid: n for n in screen.descendants(frame)}
            row = (parts["alarm_time"].text, parts["alarm_days"].text,
                   parts["alarm_label"].text if "alarm_label" in parts else "", parts["alarm_switch"].checked)
            if row not in rows:
                rows.append(row)
        if not device.scroll(find(device, rid="alarms_list"), "down").changed:
            return rows


def open_settings(device):
    device.tap(find(device, desc="Settings"))
    assert device.screen_kind() == "clock.settings"


def test_starts_on_the_alarm_tab_with_a_bottom_tab_bar(device):
    assert device.screen_kind() == "clock.alarm_tab"
    tabs = [n for n in device.screen() if n.rid == "tab_item_holder"]
    assert [t.desc for t in tabs] == ["Clock", "Alarm", "Stopwatch", "Timer"]
    assert [t.selected for t in tabs] == [False, True, False, False]
    assert all(t.bounds[1] >= 1900 and t.bounds[3] == 2214 for t in tabs)  # at the bottom, above the nav bar
    switch = find(device, rid="alarm_switch")
    assert switch.resource_id == "org.autodroid.clock:id/alarm_switch"
    assert switch.cls == "android.widget.Switch" and switch.checkable


def test_alarm_list_scrolls_through_all_seeded_alarms(device):
    first_page = texts(device, "alarm_time")
    rows = alarm_rows(device)
    assert len(first_page) < len(rows) == 10
    assert rows[0] == ("6:30 AM", "Weekdays", "Work", True)
    assert rows[-1] == ("10:45 PM", "Every day", "Bedtime", True)


def test_toggling_a_switch_changes_its_checked_flag(device):
    gym = [n for n in device.screen() if n.rid == "alarm_switch"][1]
    assert not gym.checked
    assert device.tap(gym).changed
    assert [n for n in device.screen() if n.rid == "alarm_switch"][1].checked
    assert alarm_rows(device)[1] == ("7:00 AM", "Mon, Wed, Fri", "Gym", True)


def test_add_alarm_with_the_time_picker(device):
    device.tap(find(device, desc="New alarm"))
    assert device.screen_kind() == "clock.time_picker"
    assert find(device, rid="hour_input").text == "11" and find(device, rid="minute_input").text == "00"
    device.set_text(find(device, rid="hour_input"), "7")
    device.set_text(find(device, rid="minute_input"), "05")
    device.tap(find(device, text="PM"))
    assert find(device, text="PM").checked and not find(device, text="AM").checked
    device.tap(find(device, text="OK"))
    assert device.screen_kind() == "clock.alarm_tab"
    assert ("7:05 PM", "Not scheduled", "", True) in alarm_rows(device)


def test_time_picker_buttons_validation_and_cancel(device):
    before = alarm_rows(device)
    device.tap(find(device, desc="New alarm"))
    device.tap(find(device, desc="Increase hour"))
    device.tap(find(device, desc="Decrease minute"))
    assert find(device, rid="hour_input").text == "12" and find(device, rid="minute_input").text == "59"
    assert find(device, text="PM").checked  # 11 AM + 1 hour is noon
    device.set_text(find(device, rid="hour_input"), "13")
    device.tap(find(device, text="OK"))
    assert find(device, rid="time_picker_error").text == "Enter an hour from 1 to 12"
    device.back()
    assert device.screen_kind() == "clock.alarm_tab"
    assert alarm_rows(device) == before


def test_edit_alarm_label_days_and_save(device):
    device.tap(find(device, rid="alarm_time", text="9:15 AM"))
    assert device.screen_kind() == "clock.edit_alarm"
    days = [n for n in device.screen() if n.rid == "edit_alarm_day"]
    assert [d.text for d in days] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert [d.checked for d in days] == [False, True, False, False, False, False, False]
    device.tap(days[3])
    assert find(device, text="Thu", rid="edit_alarm_day").checked
    device.tap(find(device, rid="edit_alarm_label_holder"))
    assert device.screen_kind() == "clock.label_dialog"
    assert find(device, rid="label_input").text == "Dentist"
    device.set_text(find(device, rid="label_input"), "Dentist (bring card)")
    device.tap(find(device, text="OK"))
    assert find(device, rid="edit_alarm_label").text == "Dentist (bring card)"
    device.tap(find(device, desc="Save"))
    assert ("9:15 AM", "Tue, Thu", "Dentist (bring card)", True) in alarm_rows(device)


def test_leaving_the_edit_screen_discards_the_draft(device):
    device.tap(find(device, rid="alarm_time", text="6:30 AM"))
    device.tap(find(device, text="Sat", rid="edit_alarm_day"))
    device.back()
    assert alarm_rows(device)[0] == ("6:30 AM", "Weekdays", "Work", True)


def test_delete_alarm_asks_first(device):
    device.tap(find(device, rid="alarm_time", text="7:00 AM"))
    device.tap(find(device, desc="Delete"))
    assert device.screen_kind() == "clock.delete_alarm_dialog"
    device.tap(find(device, text="Cancel"))
    assert device.screen_kind() == "clock.edit_alarm"
    device.tap(find(device, desc="Delete"))
    device.tap(find(device, text="Delete", cls="android.widget.Button"))
    assert device.screen_kind() == "clock.alarm_tab"
    rows = alarm_rows(device)
    assert len(rows) == 9 and not [r for r in rows if r[2] == "Gym"]


def test_24_hour_format_changes_displayed_times(device):
    open_settings(device)
    device.tap(find(device, rid="settings_use_24_hour_format"))
    device.back()
    assert texts(device, "alarm_time")[:2] == ["06:30", "07:00"]
    device.tap(find(device, desc="New alarm"))
    assert find(device, rid="hour_input").text == "11"
    assert not [n for n in device.screen() if n.text in ("AM", "PM")]  # no AM/PM in 24-hour mode
    device.set_text(find(device, rid="hour_input"), "23")
    device.tap(find(device, text="OK"))
    assert alarm_rows(device)[-1] == ("23:00", "Not scheduled", "", True)


def test_start_week_on_sunday_reorders_days(device):
    open_settings(device)
    device.tap(find(device, text="Start week on Sunday"))
    device.back()
    device.tap(find(device, rid="alarm_time", text="7:00 AM"))
    assert texts(device, "edit_alarm_day")[0] == "Sun"


def test_settings_scroll_and_choice_dialogs(device):
    open_settings(device)
    assert not [n for n in device.screen() if n.rid == "settings_timer_vibrate"]  # below the fold
    scroller = find(device, rid="settings_nested_scrollview")
    assert scroller.scrollable
    assert device.scroll(scroller, "down").changed
    assert find(device, rid="settings_timer_vibrate").checked
    assert device.scroll(find(device, rid="settings_nested_scrollview"), "down").changed is False
    device.scroll(find(device, rid="settings_nested_scrollview"), "up")
    assert find(device, rid="settings_alarm_max_reminder").text == "5 minutes"
    device.tap(find(device, rid="settings_alarm_max_reminder"))
    assert device.screen_kind() == "clock.alarm_max_reminder_dialog"
    options = [n.text for n in device.screen() if n.cls == "android.widget.RadioButton"]
    assert options == ["1 minute", "5 minutes", "10 minutes", "30 minutes", "1 hour"]
    device.tap(find(device, text="1 minute"))
    device.tap(find(device, text="OK"))
    assert find(device, rid="settings_alarm_max_reminder").text == "1 minute"


def test_snooze_time_is_disabled_without_same_snooze(device):
    open_settings(device)
    device.tap(find(device, rid="settings_snooze_time"))
    assert device.screen_kind() == "clock.snooze_dialog"
    device.tap(find(device, text="5 minutes"))
    device.tap(find(device, text="OK"))
    assert find(device, rid="settings_snooze_time").text == "5 minutes"
    device.tap(find(device, text="Always use same snooze time"))
    holder = find(device, rid="settings_snooze_time_holder")
    assert not holder.enabled
    assert device.tap(holder).changed is False


def test_stopwatch_runs_laps_and_resets(device):
    device.tap(find(device, desc="Stopwatch"))
    assert device.screen_kind() == "clock.stopwatch_tab"
    assert find(device, rid="stopwatch_time").text == "00:00"
    assert not find(device, desc="Lap").enabled
    device.tap(find(device, desc="Start"))
    assert find(device, desc="Pause").rid == "stopwatch_play_pause"
    device.tap(find(device, desc="Lap"))
    device.tap(find(device, desc="Lap"))
    assert texts(device, "lap_order") == ["Lap 2", "Lap 1"]  # newest first
    # One simulated second passes after each effective action: start (1 s), lap at 1 s (2 s), lap at 2 s.
    assert texts(device, "lap_total_time") == ["00:02", "00:01"]
    assert texts(device, "lap_lap_time") == ["00:01", "00:01"]
    device.tap(find(device, desc="Pause"))
    assert find(device, rid="stopwatch_time").text == "00:03"
    assert device.tap(find(device, rid="stopwatch_time")).changed is False  # paused: time stands still
    assert device.tap(find(device, desc="Reset")).changed
    assert find(device, rid="stopwatch_time").text == "00:00" and texts(device, "lap_order") == []


def test_new_timer_start_and_delete(device):
    device.tap(find(device, desc="Timer"))
    assert texts(device, "timer_time") == ["05:00", "03:00"]
    device.tap(find(device, desc="New timer"))
    device.set_text(find(device, rid="timer_minutes_input"), "2")
    device.set_text(find(device, rid="timer_seconds_input"), "75")
    device.tap(find(device, text="OK"))
    assert find(device, rid="timer_dialog_error").text.startswith("Enter minutes")
    device.set_text(find(device, rid="timer_seconds_input"), "30")
    device.set_text(find(device, rid="timer_label_input"), "Eggs")
    device.tap(find(device, text="OK"))
    assert texts(device, "timer_time") == ["05:00", "03:00", "02:30"]
    starts = [n for n in device.screen() if n.rid == "timer_play_pause"]
    device.tap(starts[2])
    assert texts(device, "timer_time")[2] == "02:29" and "Running" in texts(device, "timer_label")
    device.tap([n for n in device.screen() if n.rid == "timer_delete"][0])
    assert device.screen_kind() == "clock.delete_timer_dialog"
    device.tap(find(device, text="Delete", cls="android.widget.Button"))
    assert texts(device, "timer_time")[0] == "03:00" and len(texts(device, "timer_time")) == 2


def test_clock_tab_world_clocks(device):
    device.tap(find(device, desc="Clock"))
    assert find(device, rid="clock_time").text == "10:30 AM"
    assert texts(device, "time_zone_title") == ["London", "New York"]
    assert texts(device, "time_zone_time") == ["9:30 AM", "4:30 AM"]
    device.tap(find(device, desc="Add time zone"))
    assert device.screen_kind() == "clock.time_zone_dialog"
    device.tap(find(device, text="Tokyo"))
    device.tap(find(device, text="London"))
    device.tap(find(device, text="OK"))
    assert texts(device, "time_zone_title") == ["New York", "Tokyo"]
    assert texts(device, "time_zone_time") == ["4:30 AM", "6:30 PM"]


def test_sort_alarms_by_day(device):
    device.tap(find(device, desc="Sort by"))
    assert device.screen_kind() == "clock.sort_dialog"
    device.tap(find(device, text="Day and alarm time"))
    device.tap(find(device, text="OK"))
    rows = alarm_rows(device)
    assert [r[0] for r in rows[:4]] == ["6:30 AM", "7:00 AM", "12:00 PM", "6:00 PM"]  # Monday alarms first
    assert rows[-1][0] == "9:30 PM"  # the Sunday-only alarm last


def test_back_exits_from_any_tab_and_app_restarts_on_alarm_tab(device):
    device.tap(find(device, desc="Timer"))
    device.back()
    assert device.current_app() == "com.android.launcher3"
    device.app_start("org.autodroid.clock")
    assert device.screen_kind() == "clock.alarm_tab"


def test_walk_reaches_at_least_eight_screen_kinds(device):
    kinds = []

    def visit():
        kinds.append(device.screen_kind())
        assert_real_dump(device.xml())

    visit()
    device.tap(find(device, desc="New alarm")); visit(); device.back()
    device.tap(find(device, rid="alarm_frame")); visit()
    device.tap(find(device, rid="edit_alarm_time")); visit(); device.back()
    device.tap(find(device, rid="edit_alarm_label_holder")); visit(); device.back()
    device.tap(find(device, rid="edit_alarm_sound_holder")); visit(); device.back()
    device.tap(find(device, desc="Delete")); visit(); device.back(); device.back()
    device.tap(find(device, desc="Sort by")); visit(); device.back()
    for tab in ("Clock", "Stopwatch", "Timer"):
        device.tap(find(device, desc=tab)); visit()
    device.tap(find(device, desc="New timer")); visit(); device.back()
    device.tap(find(device, desc="Delete")); visit(); device.back()
    device.tap(find(device, desc="Clock")); device.tap(find(device, desc="Add time zone")); visit(); device.back()
    open_settings(device); visit()
    device.tap(find(device, rid="settings_alarm_max_reminder_holder")); visit(); device.back()
    device.tap(find(device, rid="settings_snooze_time_holder")); visit(); device.back()
    device.scroll(find(device, rid="settings_nested_scrollview"), "down")
    device.tap(find(device, rid="settings_timer_max_reminder_holder")); visit(); device.back(); device.back()
    device.tap(find(device, desc="About")); visit()
    device.tap(find(device, text="Frequently asked questions")); visit()
    assert len(set(kinds)) >= 8
    assert set(kinds) == {
        "clock.alarm_tab", "clock.time_picker", "clock.edit_alarm", "clock.label_dialog", "clock.sound_dialog",
        "clock.delete_alarm_dialog", "clock.sort_dialog", "clock.clock_tab", "clock.stopwatch_tab",
        "clock.timer_tab", "clock.new_timer_dialog", "clock.delete_timer_dialog", "clock.time_zone_dialog",
        "clock.settings", "clock.alarm_max_reminder_dialog", "clock.snooze_dialog",
        "clock.timer_max_reminder_dialog", "clock.about", "clock.faq",
    }
