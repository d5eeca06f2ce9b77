"""The event screen: a new event, or an existing one opened from the list (edit, save, delete). Back with
unsaved changes asks whether to save them."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.calendar.data import (
    DATE_CHOICES, REMINDERS, REPETITIONS, START_HOURS, TODAY, Event, short_date,
)
from autodroid.device.sim.chrome import (
    BODY, CONTENT, VIEW_GROUP, Action, DialogButton, ScrollState, checkbox_row, dialog_box, message_body,
    scroll_list, toolbar, value_row,
)
from autodroid.device.sim.pages import ChoiceDialog, ConfirmDialog
from autodroid.device.sim.widgets import View, edit_text, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.calendar import CalendarApp


class EventPage(Page):
    """Edits a draft; Save stores it (a new event is added) and closes the screen."""

    app: "CalendarApp"

    def __init__(self, app: "CalendarApp", event: Event | None):
        super().__init__(app)
        self.event = event
        self.draft = event.copy() if event else app.data.new_event()
        self.error = ""
        self.scroll = ScrollState()
        self.focus = "event_title" if event is None else ""

    @property
    def kind(self) -> str:  # type: ignore[override]
        return "calendar.new_event" if self.event is None else "calendar.edit_event"

    @property
    def dirty(self) -> bool:
        original = self.event if self.event else self.app.data.new_event()
        return self.draft != original

    def build(self) -> list[View | None]:
        data, draft = self.app.data, self.draft
        actions = [Action("Save", "save", self._save)]
        if self.event is not None:
            actions.insert(0, Action("Delete", "delete", self._delete))
        bar = toolbar("New event" if self.event is None else "Edit event", rid="event_toolbar", up=self._up,
                      actions=actions)

        def text_field(text: str, store, rid: str, hint: str, height: int = 168):
            return height, lambda rect: edit_text(text, rect.inset(63, 10), store, rid=rid, hint=hint)

        items = [text_field(draft.title, self._set("title"), "event_title", "Title")]
        if self.error:
            items.append((70, lambda rect: text_view(self.error, rect.inset(63, 0), rid="event_title_error")))
        items += [
            text_field(draft.location, self._set("location"), "event_location", "Location"),
            text_field(draft.description, self._set("description"), "event_description", "Description", 231),
            checkbox_row("All-day", draft.all_day, self._toggle_all_day, "event_all_day"),
            value_row("Start date", short_date(draft.day), self._pick_date, "event_start_date"),
        ]
        if not draft.all_day:
            items.append(value_row("Start time", data.format_time(draft.start), self._pick_time, "event_start_time"))
        items += [
            value_row("Reminder", REMINDERS[draft.reminder], self._pick_reminder, "event_reminder"),
            value_row("Repetition", REPETITIONS[draft.repeat], self._pick_repeat, "event_repetition"),
        ]
        body = scroll_list("android.widget.ScrollView", "event_scrollview", BODY, items, self.scroll,
                           holder_rid="event_holder")
        return [layout(VIEW_GROUP, CONTENT, bar, body, rid="event_coordinator")]

    # editing the draft
    def _set(self, name: str):
        def store(text: str) -> None:
            setattr(self.draft, name, text)
            self.error = ""
        return store

    def _toggle_all_day(self) -> None:
        if self.draft.all_day:
            self.draft.start = (self.event.start if self.event and self.event.start is not None
                                else self.app.data.new_event().start)
        else:
            self.draft.start = None

    def _pick_date(self) -> None:
        days = [TODAY + timedelta(days=i) for i in range(DATE_CHOICES)]
        selected = days.index(self.draft.day) if self.draft.day in days else -1

        def apply(index: int) -> None:
            if 0 <= index < len(days):
                self.draft.day = days[index]
        self.app.push(ChoiceDialog(self.app, "calendar.date_dialog", "Start date", [short_date(d) for d in days],
                                   selected, apply))

    def _pick_time(self) -> None:
        starts = [hour * 60 for hour in START_HOURS]
        selected = starts.index(self.draft.start) if self.draft.start in starts else -1

        def apply(index: int) -> None:
            if 0 <= index < len(starts):
                self.draft.start = starts[index]
        self.app.push(ChoiceDialog(self.app, "calendar.time_dialog", "Start time",
                                   [self.app.data.format_time(s) for s in starts], selected, apply))

    def _pick_reminder(self) -> None:
        self.app.push(ChoiceDialog(self.app, "calendar.reminder_dialog", "Reminder", REMINDERS, self.draft.reminder,
                                   lambda i: setattr(self.draft, "reminder", i)))

    def _pick_repeat(self) -> None:
        self.app.push(ChoiceDialog(self.app, "calendar.repetition_dialog", "Repetition", REPETITIONS,
                                   self.draft.repeat, lambda i: setattr(self.draft, "repeat", i)))

    # saving, leaving, deleting
    def save(self) -> bool:
        self.draft.title = self.draft.title.strip()
        if not self.draft.title:
            self.error = "Title cannot be empty"
            return False
        if self.event is None:
            self.app.data.add(self.draft)
        elif self.dirty:
            vars(self.event).update(vars(self.draft))
        self.close()
        return True

    def _save(self) -> None:
        self.save()

    def _delete(self) -> None:
        event = self.event
        self.app.push(ConfirmDialog(self.app, "calendar.delete_dialog",
                                    f"Delete the event \u201c{event.title}\u201d?", "Delete",
                                    lambda: self.app.delete_event(event)))

    def _up(self) -> None:
        if not self.on_back():
            self.close()

    def on_back(self) -> bool:
        if not self.dirty:
            return False
        self.app.push(SaveChangesDialog(self.app, self))
        return True


class SaveChangesDialog(Page):
    """Leaving an event with unsaved changes: Save keeps them (or shows why not), Discard drops them."""

    kind = "calendar.save_changes_dialog"
    overlay = True

    def __init__(self, app: "CalendarApp", editor: EventPage):
        super().__init__(app)
        self.editor = editor

    def build(self) -> list[View | None]:
        height, body = message_body("You have unsaved changes. Save them before leaving?")
        return [dialog_box(None, height, body, [
            DialogButton("Discard", self._discard, "negative"),
            DialogButton("Save", self._save, "positive"),
        ])]

    def _discard(self) -> None:
        self.close()
        self.editor.close()

    def _save(self) -> None:
        self.close()
        self.editor.save()
