"""Calendar settings (longer than one screen): checkboxes and radio dialogs; the FAQ for the About screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.calendar.data import DURATIONS, FONT_SIZES, REMINDERS, WEEK_STARTS
from autodroid.device.sim.chrome import checkbox_row, section_label, value_row
from autodroid.device.sim.settings_page import SettingsScreen

if TYPE_CHECKING:
    from autodroid.device.sim.calendar import CalendarApp


class SettingsPage(SettingsScreen):
    kind = "calendar.settings"
    app: "CalendarApp"

    def rows(self) -> list:
        data = self.app.data
        toggle, choose = self.toggle, self.choose
        return [
            section_label("General", "settings_general_settings_label"),
            value_row("Font size", FONT_SIZES[data.font_size],
                      choose("font_size", "calendar.font_size_dialog", FONT_SIZES, "Font size"), "settings_font_size"),
            checkbox_row("Use 24-hour time format", data.use_24h, toggle("use_24h"), "settings_use_24_hour_format"),
            value_row("Start week on", WEEK_STARTS[data.week_start],
                      choose("week_start", "calendar.week_start_dialog", WEEK_STARTS, "Start week on"),
                      "settings_start_week_on"),
            checkbox_row("Show week numbers", data.show_week_numbers, toggle("show_week_numbers"),
                         "settings_week_numbers"),
            section_label("Reminders", "settings_reminders_label"),
            value_row("Default reminder", REMINDERS[data.default_reminder],
                      choose("default_reminder", "calendar.default_reminder_dialog", REMINDERS, "Default reminder"),
                      "settings_default_reminder"),
            checkbox_row("Vibrate on reminder notification", data.vibrate, toggle("vibrate"), "settings_vibrate"),
            section_label("New events", "settings_new_events_label"),
            value_row("Default event duration", DURATIONS[data.default_duration],
                      choose("default_duration", "calendar.default_duration_dialog", DURATIONS,
                             "Default event duration"), "settings_default_duration"),
            section_label("Event lists", "settings_event_lists_label"),
            checkbox_row("Dim past events", data.dim_past_events, toggle("dim_past_events"),
                         "settings_dim_past_events"),
        ]


FAQ = (
    ("How do I add an event?", "Tap the plus button, type a title, then tap Save."),
    ("How can I see only today's events?", "Tap Change view and pick Day view."),
    ("Why did my reminder not vibrate?", "Turn on Vibrate on reminder notification in Settings."),
    ("Can a deleted event be restored?", "No, deleting an event removes it for good."),
)
