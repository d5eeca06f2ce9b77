"""The contacts app's main screen: Contacts and Favorites tabs in a bottom tab bar, live search, the
overflow menu and the sort dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.chrome import (
    CONTENT, FAB_SIZE, RECYCLER, TAB_BAR, TAB_BODY, VIEW_GROUP, Action, ScrollState, fab, scroll_list, tab_bar, toolbar,
)
from autodroid.device.sim.contacts.data import PHONE_TYPES, SORT_FIELDS, SORT_ORDERS, Contact
from autodroid.device.sim.pages import MenuPopup, SearchablePage, SortDialog
from autodroid.device.sim.widgets import Rect, View, image_view, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.contacts import ContactsApp

TABS = ("Contacts", "Favorites")
FAB_BOTTOM = TAB_BAR.top - 42
LIST_WITH_FAB = TAB_BODY._replace(bottom=FAB_BOTTOM - FAB_SIZE - 21)  # no row hides under the button


class MainPage(SearchablePage):
    app: "ContactsApp"
    search_hint = "Search contacts"

    def __init__(self, app: "ContactsApp"):
        super().__init__(app)
        self.tab = 0
        self.scrolls = [ScrollState() for _ in TABS]

    @property
    def kind(self) -> str:  # type: ignore[override]
        if self.searching:
            return "contacts.search"
        return "contacts.list" if self.tab == 0 else "contacts.favorites"

    def build(self) -> list[View | None]:
        if self.searching:
            bar = self.search_bar()
        else:
            bar = toolbar(TABS[self.tab], actions=[Action("Search", "search", self._start_search)],
                          overflow=self._menu)
        body = self._contacts_tab() if self.tab == 0 else self._favorites_tab()
        pager = layout("androidx.viewpager.widget.ViewPager", TAB_BODY, *body, rid="view_pager")
        tabs = tab_bar(TABS, self.tab, self._switch, icon_inset=210)
        return [layout(VIEW_GROUP, CONTENT, bar, pager, tabs, rid="main_coordinator")]

    # ---------------------------------------------------------------- tabs
    def _contacts_tab(self) -> list[View | None]:
        contacts = self.app.data.visible(self.query)
        area = TAB_BODY if self.searching else LIST_WITH_FAB
        if contacts:
            rows = scroll_list(RECYCLER, "contacts_list", area, self._rows(contacts), self.scrolls[0])
        else:
            rows = self._placeholder("No contacts found" if self.query.strip() else "No contacts yet")
        add = None if self.searching else fab("Create new contact", "fragment_fab", self.app.new_contact,
                                              bottom=FAB_BOTTOM)
        return [layout(VIEW_GROUP, TAB_BODY, rows, add, rid="contacts_fragment")]

    def _favorites_tab(self) -> list[View | None]:
        contacts = self.app.data.visible(self.query, favorites_only=True)
        if contacts:
            rows = scroll_list(RECYCLER, "favorites_list", TAB_BODY, self._rows(contacts), self.scrolls[1])
        else:
            rows = self._placeholder("No favorites found" if self.query.strip() else
                                     "No favorites yet. Open a contact and tap its star.")
        return [layout(VIEW_GROUP, TAB_BODY, rows, rid="favorites_fragment")]

    @staticmethod
    def _placeholder(text: str) -> View:
        return text_view(text, TAB_BODY.inset(63).band(400, 84), rid="fragment_placeholder")

    def _rows(self, contacts: list[Contact]) -> list:
        height = 210 if self.app.data.show_phone_numbers else 168
        return [(height, self._row(contact)) for contact in contacts]

    def _row(self, contact: Contact):
        data = self.app.data

        def build(rect: Rect) -> View:
            left = rect.left + 63
            views: list[View | None] = []
            if data.show_thumbnails:
                views.append(image_view(Rect(left, rect.top + 21, left + 126, rect.top + 147), rid="item_contact_image"))
                left += 168
            views.append(text_view(data.display_name(contact), Rect(left, rect.top + 42, rect.right - 63,
                                                                     rect.top + 105), rid="item_contact_name"))
            if data.show_phone_numbers and contact.phone:
                number = f"{contact.phone} ({PHONE_TYPES[contact.phone_type]})"
                views.append(text_view(number, Rect(left, rect.top + 114, rect.right - 63, rect.top + 168),
                                       rid="item_contact_number"))
            return layout("FrameLayout", rect, *views, rid="item_contact_frame", clickable=True, focusable=True,
                          on_tap=lambda: self.app.contact_clicked(contact))
        return build

    # ---------------------------------------------------------------- handlers
    def _switch(self, tab: int) -> None:
        self.tab = tab

    def list_scroll(self) -> ScrollState:
        return self.scrolls[self.tab]

    def _menu(self) -> None:
        self.app.push(MenuPopup(self.app, "contacts.main_menu", [
            ("Sort by", lambda: self.app.push(SortDialog(self.app, "contacts.sort_dialog", SORT_FIELDS, SORT_ORDERS))),
            ("Settings", self.app.open_settings),
            ("About", self.app.open_about),
        ]))
