"""Clock settings (longer than one screen), the time zone picker and the new timer dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import OPTION_HEIGHT, DialogButton, checkbox_row, dialog_box, section_label, value_row
from autodroid.device.sim.clock.data import CITIES, REMINDER_DURATIONS, SNOOZE_TIMES, Timer
from autodroid.device.sim.settings_page import SettingsScreen
from autodroid.device.sim.widgets import Rect, View, checkbox, edit_text, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.clock import ClockApp


class SettingsPage(SettingsScreen):
    kind = "clock.settings"
    app: "ClockApp"

    def rows(self) -> list:
        data = self.app.data
        toggle = self.toggle
        return [
            section_label("General", "settings_general_settings_label"),
            checkbox_row("Use 24-hour time format", data.use_24h, toggle("use_24h"), "settings_use_24_hour_format"),
            checkbox_row("Start week on Sunday", data.sunday_first, toggle("sunday_first"), "settings_sunday_first"),
            checkbox_row("Prevent phone from sleeping while the app is in foreground", data.prevent_sleep,
                         toggle("prevent_sleep"), "settings_prevent_phone_from_sleeping"),
            section_label("Clock tab", "settings_clock_tab_label"),
            checkbox_row("Show seconds", data.show_seconds, toggle("show_seconds"), "settings_show_seconds"),
            section_label("Alarm tab", "settings_alarm_tab_label"),
            value_row("Max reminder duration", REMINDER_DURATIONS[data.alarm_max_reminder],
                      self.choose("alarm_max_reminder", "clock.alarm_max_reminder_dialog", REMINDER_DURATIONS),
                      "settings_alarm_max_reminder"),
            checkbox_row("Increase volume gradually", data.increase_volume, toggle("increase_volume"),
                         "settings_increase_volume_gradually"),
            checkbox_row("Always use same snooze time", data.same_snooze, toggle("same_snooze"),
                         "settings_use_same_snooze"),
            value_row("Snooze time", SNOOZE_TIMES[data.snooze],
                      self.choose("snooze", "clock.snooze_dialog", SNOOZE_TIMES), "settings_snooze_time",
                      enabled=data.same_snooze),
            section_label("Timer tab", "settings_timer_tab_label"),
            value_row("Max reminder duration", REMINDER_DURATIONS[data.timer_max_reminder],
                      self.choose("timer_max_reminder", "clock.timer_max_reminder_dialog", REMINDER_DURATIONS),
                      "settings_timer_max_reminder"),
            checkbox_row("Vibrate when a timer ends", data.timer_vibrate, toggle("timer_vibrate"),
                         "settings_timer_vibrate"),
        ]


class TimeZoneDialog(Page):
    """Checkboxes for the world clocks shown on the Clock tab; OK applies."""

    kind = "clock.time_zone_dialog"
    overlay = True
    app: "ClockApp"

    def __init__(self, app: "ClockApp"):
        super().__init__(app)
        self.chosen = set(app.data.cities)

    def build(self) -> list[View | None]:
        def body(rect: Rect) -> list[View]:
            boxes = [checkbox(city, rect.inset(42).band(OPTION_HEIGHT * i, OPTION_HEIGHT), city in self.chosen,
                              self._toggle(city), rid="time_zone_checkbox") for i, (city, _) in enumerate(CITIES)]
            return [layout("ScrollView", rect, layout("LinearLayout", rect, *boxes, rid="time_zones_holder"),
                           rid="time_zones_scroll")]

        return [dialog_box("Add time zones", OPTION_HEIGHT * len(CITIES), body, [
            DialogButton("Cancel", self.close, "negative"),
            DialogButton("OK", self._ok, "positive"),
        ])]

    def _toggle(self, city: str):
        def toggle() -> None:
            self.chosen ^= {city}
        return toggle

    def _ok(self) -> None:
        self.app.data.cities = [city for city, _ in CITIES if city in self.chosen]
        self.close()


class NewTimerDialog(Page):
    kind = "clock.new_timer_dialog"
    overlay = True
    app: "ClockApp"

    def __init__(self, app: "ClockApp"):
        super().__init__(app)
        self.minutes, self.seconds, self.label, self.error = "5", "00", "", ""
        self.focus = "timer_minutes_input"

    def build(self) -> list[View | None]:
        def body(rect: Rect) -> list[View]:
            left, right = rect.inset(63).cols(0, (rect.width - 126) // 2)
            views = [
                text_view("Minutes", left.band(0, 63).inset(10), rid="timer_minutes_label"),
                edit_text(self.minutes, left.band(63, 147).inset(10), self._set("minutes"), rid="timer_minutes_input"),
                text_view("Seconds", right.band(0, 63).inset(10), rid="timer_seconds_label"),
                edit_text(self.seconds, right.band(63, 147).inset(10), self._set("seconds"), rid="timer_seconds_input"),
                edit_text(self.label, rect.inset(63).band(231, 147), self._set("label"), rid="timer_label_input",
                          hint="Label"),
            ]
            if self.error:
                views.append(text_view(self.error, rect.inset(63).band(399, 63), rid="timer_dialog_error"))
            return views

        return [dialog_box("New timer", 483, body, [
            DialogButton("Cancel", self.close, "negative"),
            DialogButton("OK", self._ok, "positive"),
        ])]

    def _set(self, name: str):
        def store(text: str) -> None:
            setattr(self, name, text)
            self.error = ""
        return store

    def _ok(self) -> None:
        minutes, seconds = self.minutes.strip(), self.seconds.strip()
        if not (minutes.isdigit() and seconds.isdigit() and int(seconds) < 60 and int(minutes) < 1000):
            self.error = "Enter minutes (0-999) and seconds (0-59)"
            return
        total = int(minutes) * 60 + int(seconds)
        if total == 0:
            self.error = "A timer needs at least one second"
            return
        self.app.data.timers.append(Timer(self.app.data.new_id(), total, self.label.strip()))
        self.close()
