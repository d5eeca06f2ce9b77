"""Alarm editing: the time picker dialog and the edit-alarm screen (repeat days, vibrate, sound, label)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import (
    BODY, CONTENT, VIEW_GROUP, Action, DialogButton, ScrollState, checkbox_row, dialog_box, scroll_list,
    section_label, toolbar, value_row,
)
from autodroid.device.sim.clock.data import DAY_NAMES, SOUNDS, Alarm
from autodroid.device.sim.pages import ChoiceDialog, ConfirmDialog, TextInputDialog
from autodroid.device.sim.widgets import Rect, View, checkbox, edit_text, image_button, layout, radio, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.clock import ClockApp


class TimePickerDialog(Page):
    """Hour and minute fields with +/- buttons and, in 12-hour mode, AM/PM radio buttons."""

    kind = "clock.time_picker"
    overlay = True
    app: "ClockApp"

    def __init__(self, app: "ClockApp", hour: int, minute: int, on_ok: Callable[[int, int], None]):
        super().__init__(app)
        self.hour, self.minute, self.on_ok = hour, minute, on_ok
        self.pm = hour >= 12
        self.hour_text, self.minute_text = self._hour_shown(), f"{minute:02d}"
        self.error = ""

    def _hour_shown(self) -> str:
        return f"{self.hour:02d}" if self.app.data.use_24h else str((self.hour % 12) or 12)

    def build(self) -> list[View | None]:
        twelve = not self.app.data.use_24h

        def body(rect: Rect) -> list[View]:
            top = rect.top
            views = [
                image_button("Increase hour", Rect(235, top, 425, top + 126), self._step(60), rid="hour_up"),
                edit_text(self.hour_text, Rect(235, top + 126, 425, top + 294), self._type_hour, rid="hour_input"),
                image_button("Decrease hour", Rect(235, top + 294, 425, top + 420), self._step(-60), rid="hour_down"),
                text_view(":", Rect(490, top + 126, 590, top + 294), rid="time_separator"),
                image_button("Increase minute", Rect(655, top, 845, top + 126), self._step(1), rid="minute_up"),
                edit_text(self.minute_text, Rect(655, top + 126, 845, top + 294), self._type_minute,
                          rid="minute_input"),
                image_button("Decrease minute", Rect(655, top + 294, 845, top + 420), self._step(-1),
                             rid="minute_down"),
            ]
            if twelve:
                row = Rect(rect.left + 63, top + 441, rect.right - 63, top + 588)
                am, pm = row.cols(0, row.width // 2)
                views.append(layout("RadioGroup", row, radio("AM", am, not self.pm, lambda: self._set_pm(False),
                                                             rid="am_button"),
                                    radio("PM", pm, self.pm, lambda: self._set_pm(True), rid="pm_button"),
                                    rid="am_pm_group"))
            if self.error:
                views.append(text_view(self.error, Rect(rect.left + 63, top + 600, rect.right - 63, top + 663),
                                       rid="time_picker_error"))
            return views

        return [dialog_box("Set time", 672, body, [
            DialogButton("Cancel", self.close, "negative"),
            DialogButton("OK", self._ok, "positive"),
        ])]

    def _parse(self) -> tuple[int, int] | None:
        """(hour 0-23, minute) from the fields, or None with ``error`` set."""
        twelve = not self.app.data.use_24h
        low, high = (1, 12) if twelve else (0, 23)
        hour_text, minute_text = self.hour_text.strip(), self.minute_text.strip()
        if not hour_text.isdigit() or not low <= int(hour_text) <= high:
            self.error = f"Enter an hour from {low} to {high}"
            return None
        if not minute_text.isdigit() or not 0 <= int(minute_text) <= 59:
            self.error = "Enter minutes from 0 to 59"
            return None
        hour = int(hour_text)
        if twelve:
            hour = hour % 12 + (12 if self.pm else 0)
        return hour, int(minute_text)

    def _sync(self, hour: int, minute: int) -> None:
        self.hour, self.minute, self.pm = hour, minute, hour >= 12
        self.hour_text, self.minute_text, self.error = self._hour_shown(), f"{minute:02d}", ""

    def _step(self, minutes: int):
        def step() -> None:
            parsed = self._parse() or (self.hour, self.minute)
            if abs(minutes) == 60:  # the hour buttons leave minutes alone
                self._sync((parsed[0] + minutes // 60) % 24, parsed[1])
            else:
                self._sync(parsed[0], (parsed[1] + minutes) % 60)
        return step

    def _type_hour(self, text: str) -> None:
        self.hour_text, self.error = text, ""

    def _type_minute(self, text: str) -> None:
        self.minute_text, self.error = text, ""

    def _set_pm(self, pm: bool) -> None:
        self.pm = pm

    def _ok(self) -> None:
        parsed = self._parse()
        if parsed is None:
            return
        self.close()
        self.on_ok(*parsed)


class AlarmEditPage(Page):
    """Edits a copy of the alarm; Save writes it back, back discards, Delete asks first."""

    kind = "clock.edit_alarm"
    app: "ClockApp"

    def __init__(self, app: "ClockApp", alarm: Alarm):
        super().__init__(app)
        self.alarm = alarm
        self.draft = Alarm(**vars(alarm))
        self.scroll = ScrollState()

    def build(self) -> list[View | None]:
        data, draft = self.app.data, self.draft
        bar = toolbar("Edit alarm", rid="edit_alarm_toolbar", up=self.close, actions=[
            Action("Delete", "delete_alarm", self._delete),
            Action("Save", "save_alarm", self._save),
        ])

        def time_row(rect: Rect) -> View:
            return text_view(data.format_time(draft.hour, draft.minute), rect.inset(63, 21), rid="edit_alarm_time",
                             on_tap=self._pick_time)

        def days_row(rect: Rect) -> View:
            width = (rect.width - 42) // 7
            boxes = [checkbox(DAY_NAMES[day], Rect(21 + width * i, rect.top + 10, 21 + width * (i + 1),
                                                   rect.bottom - 10), day in draft.days, self._toggle_day(day),
                              rid="edit_alarm_day") for i, day in enumerate(data.week())]
            return layout("LinearLayout", rect, *boxes, rid="edit_alarm_days_holder")

        items = [
            (231, time_row),
            section_label("Repeat", "edit_alarm_repeat_label"),
            (168, days_row),
            checkbox_row("Vibrate", draft.vibrate, self._toggle_vibrate, "edit_alarm_vibrate"),
            value_row("Sound", SOUNDS[draft.sound], self._pick_sound, "edit_alarm_sound"),
            value_row("Label", draft.label or "No label", self._edit_label, "edit_alarm_label"),
        ]
        body = scroll_list("android.widget.ScrollView", "edit_alarm_scrollview", BODY, items, self.scroll,
                           holder_rid="edit_alarm_holder")
        return [layout(VIEW_GROUP, CONTENT, bar, body, rid="edit_alarm_coordinator")]

    def _toggle_day(self, day: int):
        def toggle() -> None:
            self.draft.days = self.draft.days ^ {day}
        return toggle

    def _toggle_vibrate(self) -> None:
        self.draft.vibrate = not self.draft.vibrate

    def _pick_time(self) -> None:
        def apply(hour: int, minute: int) -> None:
            self.draft.hour, self.draft.minute = hour, minute
        self.app.push(TimePickerDialog(self.app, self.draft.hour, self.draft.minute, apply))

    def _pick_sound(self) -> None:
        self.app.push(ChoiceDialog(self.app, "clock.sound_dialog", "Alarm sound", SOUNDS, self.draft.sound,
                                   lambda i: setattr(self.draft, "sound", i)))

    def _edit_label(self) -> None:
        def apply(text: str) -> None:
            self.draft.label = text.strip()
        self.app.push(TextInputDialog(self.app, "clock.label_dialog", "Label", self.draft.label, apply,
                                      rid="label_input", hint="Label"))

    def _save(self) -> None:
        vars(self.alarm).update(vars(self.draft))
        self.draft.enabled = self.alarm.enabled = True  # saving an alarm arms it, as clock apps do
        self.close()

    def _delete(self) -> None:
        self.app.push(ConfirmDialog(self.app, "clock.delete_alarm_dialog", "Delete this alarm?", "Delete",
                                    lambda: self.app.delete_alarm(self.alarm)))
