"""The dialer's main screen: Contacts, Favorites and Recents tabs in a bottom tab bar, live search in the
shown tab, the dialpad button, long-press menus on contacts and call-log rows, and the overflow menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.chrome import (
    CONTENT, FAB_SIZE, RECYCLER, TAB_BAR, TAB_BODY, VIEW_GROUP, Action, ScrollState, fab, scroll_list, tab_bar,
    toolbar,
)
from autodroid.device.sim.dialer.data import CALL_TYPES, TABS, Contact, LogEntry
from autodroid.device.sim.pages import MenuPopup, SearchablePage
from autodroid.device.sim.widgets import Rect, View, image_view, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.dialer import DialerApp

CONTACTS, FAVORITES, RECENTS = range(3)
FAB_BOTTOM = TAB_BAR.top - 42
LIST_WITH_FAB = TAB_BODY._replace(bottom=FAB_BOTTOM - FAB_SIZE - 21)  # no row hides under the button
CONTACT_ROW, RECENT_ROW = 168, 200


class MainPage(SearchablePage):
    app: "DialerApp"
    search_hint = "Search"

    def __init__(self, app: "DialerApp", tab: int = CONTACTS):
        super().__init__(app)
        self.tab = tab
        self.scrolls = [ScrollState() for _ in TABS]

    @property
    def kind(self) -> str:  # type: ignore[override]
        if self.searching:
            return "dialer.search"
        return ("dialer.contacts", "dialer.favorites", "dialer.recents")[self.tab]

    def build(self) -> list[View | None]:
        if self.searching:
            bar = self.search_bar()
        else:
            bar = toolbar(TABS[self.tab], actions=[Action("Search", "search", self._start_search)],
                          overflow=self._menu)
        area = TAB_BODY if self.searching else LIST_WITH_FAB
        body = self._recents_tab(area) if self.tab == RECENTS else self._contacts_tab(area)
        dialpad = None if self.searching else fab("Dialpad", "main_dialpad_button", self.app.open_dialpad,
                                                  bottom=FAB_BOTTOM)
        pager = layout("androidx.viewpager.widget.ViewPager", TAB_BODY, body, dialpad, rid="view_pager")
        tabs = tab_bar(TABS, self.tab, self._switch, icon_inset=120)
        return [layout(VIEW_GROUP, CONTENT, bar, pager, tabs, rid="main_coordinator")]

    # ---------------------------------------------------------------- tabs
    def _contacts_tab(self, area: Rect) -> View:
        favorites = self.tab == FAVORITES
        contacts = self.app.data.visible_contacts(self.query, favorites_only=favorites)
        rid = "favorites_list" if favorites else "contacts_list"
        if contacts:
            rows = scroll_list(RECYCLER, rid, area, [(CONTACT_ROW, self._contact_row(c)) for c in contacts],
                               self.scrolls[self.tab])
        elif self.query.strip():
            rows = self._placeholder("No contacts found")
        else:
            rows = self._placeholder("No favorites yet. Long press a contact to add it." if favorites else
                                     "No contacts yet")
        return layout(VIEW_GROUP, TAB_BODY, rows, rid="favorites_fragment" if favorites else "contacts_fragment")

    def _recents_tab(self, area: Rect) -> View:
        groups = self.app.data.log_groups(self.query)
        if groups:
            rows = scroll_list(RECYCLER, "recents_list", area, [(RECENT_ROW, self._recent_row(g)) for g in groups],
                               self.scrolls[RECENTS])
        else:
            rows = self._placeholder("No calls found" if self.query.strip() else "Your call history is empty")
        return layout(VIEW_GROUP, TAB_BODY, rows, rid="recents_fragment")

    @staticmethod
    def _placeholder(text: str) -> View:
        return text_view(text, TAB_BODY.inset(63).band(400, 84), rid="fragment_placeholder")

    def _contact_row(self, contact: Contact):
        data = self.app.data

        def build(rect: Rect) -> View:
            left = rect.left + 63
            return layout("FrameLayout", rect,
                          image_view(Rect(left, rect.top + 21, left + 126, rect.top + 147), rid="item_contact_image"),
                          text_view(data.display_name(contact), Rect(left + 168, rect.top + 42, rect.right - 63,
                                                                     rect.top + 126), rid="item_contact_name"),
                          rid="item_contact_frame", clickable=True, focusable=True, long_clickable=True,
                          on_tap=lambda: self.app.call_contact(contact),
                          on_long_tap=lambda: self.app.contact_menu(contact))
        return build

    def _recent_row(self, group: list[LogEntry]):
        data = self.app.data
        first = group[0]

        def build(rect: Rect) -> View:
            left = rect.left + 63
            name = data.caller(first.number) + (f" ({len(group)})" if len(group) > 1 else "")
            return layout("RelativeLayout", rect,
                          image_view(Rect(left, rect.top + 37, left + 126, rect.top + 163), rid="item_recents_image"),
                          text_view(name, Rect(left + 168, rect.top + 30, rect.right - 63, rect.top + 105),
                                    rid="item_recents_name"),
                          image_view(Rect(left + 168, rect.top + 120, left + 216, rect.top + 168),
                                     rid="item_recents_type", desc=CALL_TYPES[first.type]),
                          text_view(first.when, Rect(left + 237, rect.top + 111, rect.right - 63, rect.top + 175),
                                    rid="item_recents_date_time"),
                          rid="item_recents_holder", clickable=True, focusable=True, long_clickable=True,
                          on_tap=lambda: self.app.call_number(first.number),
                          on_long_tap=lambda: self.app.recent_menu(group))
        return build

    # ---------------------------------------------------------------- handlers
    def _switch(self, tab: int) -> None:
        self.tab = tab
        self.app.data.last_tab = tab

    def list_scroll(self) -> ScrollState:
        return self.scrolls[self.tab]

    def _menu(self) -> None:
        self.app.push(MenuPopup(self.app, "dialer.main_menu", [
            ("Clear call history", self.app.request_clear_history),
            ("Settings", self.app.open_settings),
            ("About", self.app.open_about),
        ]))
