"""The conversation list (the app's start screen) with live search, the overflow menu, the selection mode a
long press starts (pin, archive, delete, mark read or unread) and the archived conversations screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import (
    BODY, CONTENT, FAB_SIZE, MARGIN, NAV_TOP, RECYCLER, VIEW_GROUP, Action, ScrollState, fab, scroll_list, toolbar,
)
from autodroid.device.sim.messages.data import Conversation
from autodroid.device.sim.pages import ConfirmDialog, MenuPopup, SearchablePage
from autodroid.device.sim.widgets import Rect, View, image_view, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.messages import MessagesApp

ROW = 210
LIST_WITH_FAB = BODY._replace(bottom=NAV_TOP - MARGIN - FAB_SIZE - 21)  # no row hides under the button


def conversation_row(page: Page, conversation: Conversation, *, on_tap, on_long_tap=None, selected: bool = False):
    """One row of a conversation list: name or number, the last message, its time and a pin mark (as in the real
    app, an unread conversation differs only by a bold font, which a screen dump does not show)."""
    data = page.app.data

    def build(rect: Rect) -> View:
        left, right = rect.left + 210, rect.right - 42
        last = conversation.last
        views: list[View | None] = [
            image_view(Rect(rect.left + 42, rect.top + 36, rect.left + 168, rect.top + 162),
                       rid="conversation_image"),
            text_view(data.title(conversation), Rect(left, rect.top + 30, right - 210, rect.top + 100),
                      rid="conversation_address"),
            text_view(last.text if last else "", Rect(left, rect.top + 108, right - 84, rect.top + 171),
                      rid="conversation_body_short"),
            text_view(last.time if last else "", Rect(right - 200, rect.top + 30, right, rect.top + 100),
                      rid="conversation_date"),
        ]
        if conversation.pinned:  # no id: a pinned row keeps the shape of the others
            views.append(image_view(Rect(right - 63, rect.top + 108, right, rect.top + 171), desc="Pinned"))
        return layout("RelativeLayout", rect, *views, rid="conversation_frame", clickable=True, focusable=True,
                      long_clickable=on_long_tap is not None, selected=selected, on_tap=on_tap,
                      on_long_tap=on_long_tap)
    return ROW, build


class MainPage(SearchablePage):
    app: "MessagesApp"
    search_hint = "Search conversations"

    def __init__(self, app: "MessagesApp"):
        super().__init__(app)
        self.scroll = ScrollState()
        self.selected: list[int] = []  # ids of the conversations picked in selection mode

    @property
    def kind(self) -> str:  # type: ignore[override]
        if self.selected:
            return "messages.selection"
        return "messages.search" if self.searching else "messages.list"

    def chosen(self) -> list[Conversation]:
        return [c for c in self.app.data.conversations if c.id in self.selected]

    def build(self) -> list[View | None]:
        data = self.app.data
        self.selected = [i for i in self.selected if any(c.id == i for c in data.conversations)]
        if self.selected:
            bar = self._selection_bar()
        elif self.searching:
            bar = self.search_bar()
        else:
            bar = toolbar("Messages", actions=[Action("Search", "search", self._start_search)], overflow=self._menu)
        conversations = data.shown(self.query)
        if conversations:
            area = BODY if self.searching or self.selected else LIST_WITH_FAB
            rows = [conversation_row(self, c, on_tap=self._tapped(c),
                                     on_long_tap=None if self.searching else self._long_tapped(c),
                                     selected=c.id in self.selected) for c in conversations]
            body = scroll_list(RECYCLER, "conversations_list", area, rows, self.scroll)
        elif self.searching:
            empty = f"No conversations match \u201c{self.query}\u201d" if self.query.strip() else "No conversations"
            body = text_view(empty, BODY.inset(63).band(400, 84), rid="no_conversations_placeholder")
        else:
            body = text_view("No stored conversations have been found", BODY.inset(63).band(400, 84),
                             rid="no_conversations_placeholder")
        new = None if self.searching or self.selected else fab("New conversation", "conversations_fab",
                                                                self.app.new_conversation)
        return [layout(VIEW_GROUP, CONTENT, bar, body, new, rid="main_coordinator")]

    # ---------------------------------------------------------------- rows
    def _tapped(self, conversation: Conversation):
        def tap() -> None:
            if self.selected:
                self._toggle(conversation)
            else:
                self.app.open_conversation(conversation)
        return tap

    def _long_tapped(self, conversation: Conversation):
        return lambda: self._toggle(conversation)

    def _toggle(self, conversation: Conversation) -> None:
        if conversation.id in self.selected:
            self.selected.remove(conversation.id)
        else:
            self.selected.append(conversation.id)

    # ---------------------------------------------------------------- selection mode
    def _selection_bar(self) -> View:
        chosen = self.chosen()
        all_pinned = all(c.pinned for c in chosen)
        return toolbar(f"{len(chosen)} selected", rid="main_toolbar", up=self._end_selection, actions=[
            Action("Unpin" if all_pinned else "Pin", "cab_pin", self._pin),
            Action("Mark as read", "cab_mark_as_read", self._mark(True)),
            Action("Archive", "cab_archive", self._archive),
            Action("Delete", "cab_delete", self._delete),
        ], overflow=self._selection_menu)

    def _end_selection(self) -> None:
        self.selected = []

    def on_back(self) -> bool:
        if self.selected:
            self._end_selection()
            return True
        return super().on_back()

    def _pin(self) -> None:
        chosen = self.chosen()
        pin = not all(c.pinned for c in chosen)
        for conversation in chosen:
            conversation.pinned = pin
        self._end_selection()

    def _archive(self) -> None:
        for conversation in self.chosen():
            conversation.archived = True
        self._end_selection()

    def _mark(self, read: bool):
        def apply() -> None:
            for conversation in self.chosen():
                conversation.read = read
            self._end_selection()
        return apply

    def _select_all(self) -> None:
        self.selected = [c.id for c in self.app.data.shown()]

    def _delete(self) -> None:
        chosen = self.chosen()
        count = len(chosen)
        what = "this conversation" if count == 1 else f"these {count} conversations"

        def delete() -> None:
            self.app.data.delete(chosen)
            self._end_selection()
        self.app.push(ConfirmDialog(self.app, "messages.delete_dialog", f"Are you sure you want to delete {what}?",
                                    "Delete", delete))

    def _selection_menu(self) -> None:
        self.app.push(MenuPopup(self.app, "messages.selection_menu", [
            ("Mark as unread", self._mark(False)),
            ("Select all", self._select_all),
        ]))

    # ---------------------------------------------------------------- main menu
    def _menu(self) -> None:
        self.app.push(MenuPopup(self.app, "messages.main_menu", [
            ("Archived conversations", self.app.open_archive),
            ("Mark all as read", self._mark_all_read),
            ("Settings", self.app.open_settings),
            ("About", self.app.open_about),
        ]))

    def _mark_all_read(self) -> None:
        for conversation in self.app.data.conversations:
            if not conversation.archived:
                conversation.read = True


class ArchivePage(Page):
    """The archived conversations; tapping one opens it (its menu unarchives it)."""

    kind = "messages.archive"
    app: "MessagesApp"

    def __init__(self, app: "MessagesApp"):
        super().__init__(app)
        self.scroll = ScrollState()

    def build(self) -> list[View | None]:
        bar = toolbar("Archived conversations", rid="archive_toolbar", up=self.close)
        conversations = self.app.data.shown(archived=True)
        if conversations:
            rows = [conversation_row(self, c, on_tap=lambda c=c: self.app.open_conversation(c)) for c in conversations]
            body = scroll_list(RECYCLER, "archived_conversations_list", BODY, rows, self.scroll)
        else:
            body = text_view("No archived conversations have been found", BODY.inset(63).band(400, 84),
                             rid="no_conversations_placeholder")
        return [layout(VIEW_GROUP, CONTENT, bar, body, rid="archive_coordinator")]
