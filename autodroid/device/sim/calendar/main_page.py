"""The calendar's start screen: the events of the chosen view as a list, live search, the view dialog and
the overflow menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.calendar.data import VIEW_TYPES, Event
from autodroid.device.sim.chrome import (
    BODY, CONTENT, FAB_SIZE, MARGIN, NAV_TOP, RECYCLER, VIEW_GROUP, Action, ScrollState, fab, scroll_list, toolbar,
)
from autodroid.device.sim.pages import ChoiceDialog, MenuPopup, SearchablePage
from autodroid.device.sim.widgets import Rect, View, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.calendar import CalendarApp

ROW = 231


class MainPage(SearchablePage):
    app: "CalendarApp"
    search_rid = "search_query"
    search_hint = "Search events"

    def __init__(self, app: "CalendarApp"):
        super().__init__(app)
        self.scroll = ScrollState()

    @property
    def kind(self) -> str:  # type: ignore[override]
        return "calendar.search" if self.searching else "calendar.events"

    def build(self) -> list[View | None]:
        data = self.app.data
        if self.searching:
            bar = self.search_bar()
        else:
            bar = toolbar(data.view_title(), overflow=self._menu, actions=[
                Action("Search", "search", self._start_search),
                Action("Change view", "change_view", self._change_view),
            ])
        events = data.shown(self.query)
        if events:
            # Rows end above the floating button, so no row hides under it.
            area = BODY if self.searching else BODY._replace(bottom=NAV_TOP - MARGIN - FAB_SIZE - 21)
            body = scroll_list(RECYCLER, "calendar_events_list", area, [(ROW, self._row(e)) for e in events],
                               self.scroll)
        elif self.searching:
            empty = f"No events match \u201c{self.query}\u201d" if self.query.strip() else "No events to show"
            body = text_view(empty, BODY.inset(63).band(400, 84), rid="search_placeholder")
        else:
            body = text_view("No upcoming events", BODY.inset(63).band(400, 84), rid="calendar_empty_list_placeholder")
        new = None if self.searching else fab("New event", "calendar_fab", self.app.new_event)
        return [layout(VIEW_GROUP, CONTENT, bar, body, new, rid="main_coordinator")]

    def _row(self, event: Event):
        data = self.app.data

        def build(rect: Rect) -> View:
            text = Rect(rect.left + 84, rect.top, rect.right - 63, rect.bottom)
            views = [
                View("android.view.View", Rect(rect.left + 42, rect.top + 36, rect.left + 56, rect.bottom - 36),
                     rid="event_item_color_bar"),
                text_view(event.title, text.band(30, 70), rid="event_item_title"),
                text_view(data.when(event), text.band(100, 56), rid="event_item_time"),
            ]
            if event.location:
                views.append(text_view(event.location, text.band(160, 56), rid="event_item_description"))
            return layout("LinearLayout", rect, *views, rid="event_item_holder", clickable=True, focusable=True,
                          on_tap=lambda: self.app.open_event(event))
        return build

    def go_to_today(self) -> None:
        self.scroll.offset = 0

    # handlers
    def _change_view(self) -> None:
        def apply(index: int) -> None:
            self.app.data.view = index
            self.scroll.offset = 0
        self.app.push(ChoiceDialog(self.app, "calendar.view_dialog", None, VIEW_TYPES, self.app.data.view, apply))

    def _menu(self) -> None:
        self.app.push(MenuPopup(self.app, "calendar.main_menu", [
            ("Go to today", self.go_to_today),
            ("Settings", self.app.open_settings),
            ("About", self.app.open_about),
        ]))
