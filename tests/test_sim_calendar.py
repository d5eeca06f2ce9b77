"""sim:calendar driven through real flows with nodes found on the parsed screen."""

from __future__ import annotations

import pytest
from test_sim_device import assert_real_dump, find, texts

from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device

SEEDED = 15


@pytest.fixture
def device():
    with open_device("sim:calendar") as device:
        yield device


def scroll_to(device, **criteria):
    while True:
        found = [n for n in device.screen() if all(getattr(n, k) == v for k, v in criteria.items())]
        if found:
            return found[0]
        assert device.scroll(find(device, rid="calendar_events_list"), "down").changed, f"{criteria} not listed"


def all_titles(device):
    """Every title in the list, scrolling down page by page until the list stops moving."""
    seen = texts(device, "event_item_title")
    while device.scroll(find(device, rid="calendar_events_list"), "down").changed:
        seen += [t for t in texts(device, "event_item_title") if t not in seen]
    return seen


def choose(device, opener_rid, option):
    device.tap(find(device, rid=opener_rid))
    device.tap(find(device, text=option))
    device.tap(find(device, text="OK"))


def events(device):
    return {e["title"]: e for e in snapshot(device, "calendar")["events"]}


def test_start_screen_lists_upcoming_events_in_time_order(device):
    assert device.screen_kind() == "calendar.events"
    assert_real_dump(device.xml())
    titles = texts(device, "event_item_title")
    assert titles[:3] == ["Team standup", "Lunch with Priya", "Yoga class"]
    assert texts(device, "event_item_time")[0] == "Mon, Mar 4 \u00b7 9:00 AM \u2013 9:30 AM"
    assert find(device, rid="calendar_events_list").resource_id == "org.autodroid.calendar:id/calendar_events_list"
    rows = [n for n in device.screen() if n.rid == "event_item_holder"]
    assert rows[-1].bounds[3] <= find(device, rid="calendar_fab").bounds[1]  # no row hides under the button
    assert scroll_to(device, text="Flight to Lisbon")
    assert len(snapshot(device, "calendar")["events"]) == SEEDED


def test_new_event_with_a_reminder_and_a_time(device):
    device.tap(find(device, desc="New event"))
    assert device.screen_kind() == "calendar.new_event"
    assert find(device, rid="event_title").focused
    device.set_text(find(device, rid="event_title"), "Call the bank")
    device.set_text(find(device, rid="event_location"), "Phone")
    device.tap(find(device, rid="event_reminder_holder"))
    assert device.screen_kind() == "calendar.reminder_dialog"
    assert [n.text for n in device.screen() if n.checkable] == [
        "No reminder", "At start", "10 minutes before", "1 hour before", "1 day before"]
    device.tap(find(device, text="1 hour before"))
    device.tap(find(device, text="OK"))
    assert find(device, rid="event_reminder").text == "1 hour before"
    choose(device, "event_start_time_holder", "3:00 PM")
    device.tap(find(device, desc="Save"))
    assert device.screen_kind() == "calendar.events"
    assert "Call the bank" in texts(device, "event_item_title")  # today's events come first
    bank = events(device)["Call the bank"]
    assert bank == {"title": "Call the bank", "location": "Phone", "description": "", "date": "Mar 4",
                    "all_day": False, "time": "15:00", "reminder": "1 hour before", "repeat": "Does not repeat"}


def test_an_all_day_event_hides_the_start_time(device):
    device.tap(find(device, desc="New event"))
    device.set_text(find(device, rid="event_title"), "Office closed")
    device.tap(find(device, rid="event_all_day"))
    assert not texts(device, "event_start_time")
    choose(device, "event_start_date_holder", "Thu, Mar 7")
    choose(device, "event_repetition_holder", "Yearly")
    device.tap(find(device, desc="Save"))
    closed = events(device)["Office closed"]
    assert (closed["all_day"], closed["time"], closed["date"], closed["repeat"]) == (True, "", "Mar 7", "Yearly")


def test_an_event_needs_a_title(device):
    device.tap(find(device, desc="New event"))
    device.tap(find(device, desc="Save"))
    assert device.screen_kind() == "calendar.new_event"
    assert texts(device, "event_title_error") == ["Title cannot be empty"]
    assert len(events(device)) == SEEDED


def test_back_with_unsaved_changes_asks_to_save_or_discard(device):
    device.tap(find(device, text="Lunch with Priya"))
    assert device.screen_kind() == "calendar.edit_event"
    device.set_text(find(device, rid="event_location"), "Noodle Bar")
    device.back()
    assert device.screen_kind() == "calendar.save_changes_dialog"
    device.tap(find(device, text="Discard"))
    assert device.screen_kind() == "calendar.events"
    assert events(device)["Lunch with Priya"]["location"] == "Green Bowl Caf\u00e9"
    device.tap(find(device, text="Lunch with Priya"))
    device.set_text(find(device, rid="event_location"), "Noodle Bar")
    device.back()
    device.tap(find(device, text="Save"))
    assert device.screen_kind() == "calendar.events"
    assert events(device)["Lunch with Priya"]["location"] == "Noodle Bar"
    device.tap(find(device, text="Lunch with Priya"))
    device.back()  # nothing changed: no question
    assert device.screen_kind() == "calendar.events"


def test_delete_asks_first(device):
    device.tap(scroll_to(device, text="Car service"))
    device.tap(find(device, desc="Delete"))
    assert device.screen_kind() == "calendar.delete_dialog"
    assert "Car service" in find(device, rid="message").text
    device.tap(find(device, text="Cancel"))
    assert device.screen_kind() == "calendar.edit_event" and "Car service" in events(device)
    device.tap(find(device, desc="Delete"))
    device.tap(find(device, text="Delete"))
    assert device.screen_kind() == "calendar.events"
    assert "Car service" not in events(device) and len(events(device)) == SEEDED - 1


def test_view_type_filters_the_list_and_names_the_toolbar(device):
    device.tap(find(device, desc="Change view"))
    assert device.screen_kind() == "calendar.view_dialog"
    device.tap(find(device, text="Day view"))
    device.tap(find(device, text="Cancel"))
    assert snapshot(device, "calendar")["view"] == "Event list"
    choose(device, "change_view", "Day view")
    assert snapshot(device, "calendar")["view"] == "Day view"
    assert find(device, text="Monday, March 4")
    assert texts(device, "event_item_title") == ["Team standup", "Lunch with Priya", "Yoga class"]
    choose(device, "change_view", "Week view")
    assert find(device, text="March 4 \u2013 March 10")
    assert all_titles(device)[-2:] == ["Farmers market", "Hiking trip"]
    choose(device, "change_view", "Month view")
    assert find(device, text="March 2024")
    assert all_titles(device)[-1] == "Book club"  # the April flight is not in March


def test_search_looks_in_titles_and_places(device):
    device.tap(find(device, desc="Search"))
    assert device.screen_kind() == "calendar.search"
    device.set_text(find(device, rid="search_query"), "caf\u00e9")
    assert texts(device, "event_item_title") == ["Lunch with Priya", "Book club"]
    device.set_text(find(device, rid="search_query"), "zebra")
    assert texts(device, "search_placeholder") == ["No events match \u201czebra\u201d"]
    assert snapshot(device, "calendar")["search"] == {"open": True, "query": "zebra"}
    device.back()
    assert device.screen_kind() == "calendar.events"


def test_settings_change_formats_week_and_defaults(device):
    device.tap(find(device, desc="More options"))
    assert device.screen_kind() == "calendar.main_menu"
    device.tap(find(device, text="Settings"))
    assert device.screen_kind() == "calendar.settings"
    device.tap(find(device, text="Use 24-hour time format"))
    device.tap(find(device, text="Show week numbers"))
    choose(device, "settings_start_week_on_holder", "Sunday")
    choose(device, "settings_default_reminder_holder", "1 day before")
    choose(device, "settings_default_duration_holder", "30 minutes")
    settings = snapshot(device, "calendar")["settings"]
    assert settings["use_24h"] and settings["show_week_numbers"]
    assert (settings["week_start"], settings["default_reminder"], settings["default_duration"]) == (
        "Sunday", "1 day before", "30 minutes")
    device.back()
    assert texts(device, "event_item_time")[0] == "Mon, Mar 4 \u00b7 09:00 \u2013 09:30"
    choose(device, "change_view", "Week view")
    assert find(device, text="Week 10: March 3 \u2013 March 9")  # the week now starts on Sunday
    device.tap(find(device, desc="New event"))  # a new event takes the defaults
    assert find(device, rid="event_reminder").text == "1 day before"
    device.set_text(find(device, rid="event_title"), "Short call")
    device.tap(find(device, desc="Save"))
    assert "Mon, Mar 4 \u00b7 11:00 \u2013 11:30" in texts(device, "event_item_time")


def test_about_and_faq_and_back_to_the_launcher(device):
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="About"))
    assert device.screen_kind() == "calendar.about"
    device.tap(find(device, text="Frequently asked questions"))
    assert device.screen_kind() == "calendar.faq"
    device.back()
    device.back()
    assert device.screen_kind() == "calendar.events"
    device.back()
    assert device.screen_kind() == "launcher.home"
