"""Reusable pages: confirmation dialog, single-choice (radio) dialog, sort dialog, text input dialog, popup
menu, and a list screen whose toolbar turns into a search field."""

from __future__ import annotations

from typing import Callable, Sequence

from autodroid.device.sim.app import Page, SimApp
from autodroid.device.sim.chrome import (
    OPTION_HEIGHT, Action, DialogButton, ScrollState, dialog_box, message_body, popup_menu, radio_group, toolbar,
)
from autodroid.device.sim.widgets import Handler, Rect, View, edit_text, layout, text_view


class ConfirmDialog(Page):
    overlay = True

    def __init__(self, app: SimApp, kind: str, message: str, confirm: str, on_confirm: Handler, *,
                 title: str | None = None, cancel: str = "Cancel"):
        super().__init__(app)
        self.kind = kind
        self.title, self.message, self.confirm, self.cancel = title, message, confirm, cancel
        self.on_confirm = on_confirm

    def build(self) -> list[View | None]:
        height, body = message_body(self.message)
        return [dialog_box(self.title, height, body, [
            DialogButton(self.cancel, self.close, "negative"),
            DialogButton(self.confirm, self._confirm, "positive"),
        ])]

    def _confirm(self) -> None:
        self.close()
        self.on_confirm()


class ChoiceDialog(Page):
    """Radio options; tapping one selects it, OK applies the selection, Cancel or back drops it."""

    overlay = True

    def __init__(self, app: SimApp, kind: str, title: str | None, options: Sequence[str], selected: int,
                 on_choose: Callable[[int], None], *, rid: str = "dialog_radio_group"):
        super().__init__(app)
        self.kind = kind
        self.title, self.options, self.selected = title, list(options), selected
        self.on_choose, self.rid = on_choose, rid

    def build(self) -> list[View | None]:
        def body(rect: Rect) -> list[View]:
            group = radio_group(rect.band(0, OPTION_HEIGHT * len(self.options)), self.options, self.selected,
                                self._select, rid=self.rid)
            return [layout("ScrollView", rect, group, rid="dialog_radio_holder")]

        return [dialog_box(self.title, OPTION_HEIGHT * len(self.options) + 21, body, [
            DialogButton("Cancel", self.close, "negative"),
            DialogButton("OK", self._ok, "positive"),
        ])]

    def _select(self, index: int) -> None:
        self.selected = index

    def _ok(self) -> None:
        self.close()
        self.on_choose(self.selected)


class TextInputDialog(Page):
    """One text field; OK passes the text to ``on_ok``, which returns an error message or None."""

    overlay = True

    def __init__(self, app: SimApp, kind: str, title: str, text: str, on_ok: Callable[[str], str | None], *,
                 rid: str, hint: str = "", ok: str = "OK", password: bool = False):
        super().__init__(app)
        self.kind = kind
        self.title, self.text, self.on_ok, self.rid, self.hint = title, text, on_ok, rid, hint
        self.ok, self.password = ok, password
        self.error = ""
        self.focus = rid

    def build(self) -> list[View | None]:
        def body(rect: Rect) -> list[View]:
            field = edit_text(self.text, rect.inset(63).band(0, 147), self._type, rid=self.rid, hint=self.hint,
                              password=self.password)
            views = [field]
            if self.error:
                views.append(text_view(self.error, rect.inset(63).band(158, 63), rid="dialog_error"))
            return views

        return [dialog_box(self.title, 242, body, [
            DialogButton("Cancel", self.close, "negative"),
            DialogButton(self.ok, self._ok, "positive"),
        ])]

    def _type(self, text: str) -> None:
        self.text = text
        self.error = ""

    def _ok(self) -> None:
        error = self.on_ok(self.text)
        if error:
            self.error = error
        else:
            self.close()


class MenuPopup(Page):
    """An overflow menu; choosing an item closes the menu first, then runs the item."""

    overlay = True

    def __init__(self, app: SimApp, kind: str, items: Sequence[tuple[str, Handler]]):
        super().__init__(app)
        self.kind = kind
        self.items = list(items)

    def build(self) -> list[View | None]:
        return [popup_menu([(title, self._choose(handler)) for title, handler in self.items])]

    def _choose(self, handler: Handler) -> Handler:
        def run() -> None:
            self.close()
            handler()
        return run


class SortDialog(Page):
    """Sort field and order as two radio groups; OK stores both in the app's data (``sort_field``,
    ``sort_descending``), which its lists read."""

    overlay = True

    def __init__(self, app: SimApp, kind: str, fields: Sequence[str], orders: Sequence[str]):
        super().__init__(app)
        self.kind, self.fields, self.orders = kind, tuple(fields), tuple(orders)
        self.field = app.data.sort_field
        self.descending = app.data.sort_descending

    def build(self) -> list[View | None]:
        def body(rect: Rect) -> list[View]:
            fields = rect.band(0, OPTION_HEIGHT * len(self.fields))
            orders = rect.band(fields.height + 42, OPTION_HEIGHT * 2)
            return [
                radio_group(fields, self.fields, self.field, self._field, rid="sorting_dialog_radio_sorting"),
                View("android.view.View", Rect(rect.left + 42, fields.bottom + 20, rect.right - 42, fields.bottom + 23),
                     rid="sorting_dialog_divider"),
                radio_group(orders, self.orders, int(self.descending), self._order, rid="sorting_dialog_radio_order"),
            ]

        return [dialog_box("Sort by", OPTION_HEIGHT * (len(self.fields) + 2) + 63, body, [
            DialogButton("Cancel", self.close, "negative"),
            DialogButton("OK", self._ok, "positive"),
        ])]

    def _field(self, index: int) -> None:
        self.field = index

    def _order(self, index: int) -> None:
        self.descending = index == 1

    def _ok(self) -> None:
        self.app.data.sort_field, self.app.data.sort_descending = self.field, self.descending
        self.close()


class SearchablePage(Page):
    """A list screen whose toolbar turns into a search field: Search opens it, typing filters, Clear empties
    it, up or back ends the search; each step scrolls the list (``list_scroll``) back to the top."""

    search_rid = "search_input"
    search_hint = ""

    def __init__(self, app: SimApp):
        super().__init__(app)
        self.searching = False
        self.query = ""

    def list_scroll(self) -> ScrollState:
        return self.scroll

    def search_bar(self) -> View:
        return toolbar("", up=self._stop_search, rid="main_toolbar",
                       actions=[Action("Clear", "search_clear", self._clear)] if self.query else [],
                       title_view=lambda rect: edit_text(self.query, rect.inset(0, 21), self._search,
                                                         rid=self.search_rid, hint=self.search_hint))

    def on_back(self) -> bool:
        if self.searching:
            self._stop_search()
            return True
        return False

    def _start_search(self) -> None:
        self.searching, self.query, self.focus = True, "", self.search_rid
        self.list_scroll().offset = 0

    def _stop_search(self) -> None:
        self.searching, self.query, self.focus = False, "", ""
        self.list_scroll().offset = 0

    def _search(self, text: str) -> None:
        self.query = text
        self.list_scroll().offset = 0

    def _clear(self) -> None:
        self.query = ""
