"""The notes list (the app's start screen) with live search, the overflow menu and the sort dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.chrome import (
    BODY, CONTENT, FAB_SIZE, MARGIN, NAV_TOP, RECYCLER, VIEW_GROUP, Action, ScrollState, fab, scroll_list, toolbar,
)
from autodroid.device.sim.notes.data import SORT_FIELDS, SORT_ORDERS, Note, word_count_text
from autodroid.device.sim.pages import MenuPopup, SearchablePage, SortDialog
from autodroid.device.sim.widgets import Rect, View, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.notes import NotesApp


class ListPage(SearchablePage):
    app: "NotesApp"
    search_hint = "Search notes"

    def __init__(self, app: "NotesApp"):
        super().__init__(app)
        self.scroll = ScrollState()

    @property
    def kind(self) -> str:  # type: ignore[override]
        return "notes.search" if self.searching else "notes.list"

    def build(self) -> list[View | None]:
        data = self.app.data
        if self.searching:
            bar = self.search_bar()
        else:
            bar = toolbar("Notes", actions=[Action("Search", "search", self._start_search)],
                          overflow=self._menu)
        notes = data.visible(self.query)
        if notes:
            height = 231 if data.show_preview else 158
            # Rows end above the floating button, so no row hides under it.
            area = BODY if self.searching else BODY._replace(bottom=NAV_TOP - MARGIN - FAB_SIZE - 21)
            body = scroll_list(RECYCLER, "notes_list", area, [(height, self._row(n)) for n in notes], self.scroll)
        else:
            empty = f"No notes match \u201c{self.query}\u201d" if self.query.strip() else "No notes yet"
            body = text_view(empty, BODY.inset(63).band(400, 84), rid="empty_placeholder")
        new = None if self.searching else fab("New note", "fab_new_note", self._new_note)
        return [layout(VIEW_GROUP, CONTENT, bar, body, new, rid="main_coordinator")]

    def _row(self, note: Note):
        data = self.app.data

        def build(rect: Rect) -> View:
            title_rect = Rect(rect.left + 63, rect.top + 36, rect.right - 63, rect.top + 106)
            views = []
            if data.show_word_count:
                views.append(text_view(word_count_text(note.words), title_rect.right_part(252), rid="note_word_count"))
                title_rect = title_rect._replace(right=title_rect.right - 273)
            views.insert(0, text_view(note.title, title_rect, rid="note_title"))
            if data.show_preview:
                preview = note.body if len(note.body) <= 40 else note.body[:39].rstrip() + "\u2026"
                views.append(text_view(preview, Rect(rect.left + 63, rect.top + 115, rect.right - 63,
                                                     rect.top + 178), rid="note_preview"))
            return layout("LinearLayout", rect, *views, rid="note_item", clickable=True, focusable=True,
                          long_clickable=True, on_tap=lambda: self.app.open_note(note),
                          on_long_tap=lambda: self.app.note_menu(note))
        return build

    # handlers
    def _new_note(self) -> None:
        from autodroid.device.sim.notes.editor import EditorPage

        self.app.push(EditorPage(self.app, None))

    def _menu(self) -> None:
        self.app.push(MenuPopup(self.app, "notes.main_menu", [
            ("Sort by", lambda: self.app.push(SortDialog(self.app, "notes.sort_dialog", SORT_FIELDS, SORT_ORDERS))),
            ("Settings", self.app.open_settings),
            ("About", self.app.open_about),
        ]))
