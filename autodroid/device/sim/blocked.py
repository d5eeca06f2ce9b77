"""The blocked-numbers screen the messages and dialer sim apps share: the numbers, each with an Unblock
button, and a toolbar button that opens a dialog adding one. The apps differ only in the empty-list text,
the Unblock button's id, how wide a row's number is and what they accept as a number."""

from __future__ import annotations

from autodroid.device.sim.app import Page, SimApp
from autodroid.device.sim.chrome import BODY, CONTENT, RECYCLER, VIEW_GROUP, Action, ScrollState, scroll_list, toolbar
from autodroid.device.sim.pages import TextInputDialog
from autodroid.device.sim.widgets import Rect, View, image_button, layout, text_view

ROW_HEIGHT = 168


class BlockedNumbersPage(Page):
    kind = ""  # "<app>.blocked_numbers"; the add dialog is "<app>.add_blocked_dialog"
    empty_text = ""
    unblock_rid = ""
    number_right = 189  # the number's right inset in its row

    def __init__(self, app: SimApp):
        super().__init__(app)
        self.scroll = ScrollState()

    def accept(self, text: str) -> str | None:
        """The number to block for what was typed, or None when it is no phone number."""
        raise NotImplementedError

    def build(self) -> list[View | None]:
        data = self.app.data
        bar = toolbar("Manage blocked numbers", rid="block_toolbar", up=self.close,
                      actions=[Action("Add a blocked number", "add_blocked_number", self._add)])
        if data.blocked:
            body = scroll_list(RECYCLER, "manage_blocked_numbers_list", BODY,
                               [(ROW_HEIGHT, self._row(number)) for number in data.blocked], self.scroll)
        else:
            body = text_view(self.empty_text, BODY.inset(63).band(400, 84), rid="manage_blocked_numbers_placeholder")
        return [layout(VIEW_GROUP, CONTENT, bar, body, rid="block_coordinator")]

    def _row(self, number: str):
        def build(rect: Rect) -> View:
            return layout("RelativeLayout", rect,
                          text_view(number, Rect(rect.left + 63, rect.top + 42, rect.right - self.number_right,
                                                 rect.top + 126), rid="manage_blocked_number_title"),
                          image_button("Unblock", Rect(rect.right - 168, rect.top + 21, rect.right - 42,
                                                       rect.top + 147),
                                       lambda: self.app.data.unblock(number), rid=self.unblock_rid),
                          rid="manage_blocked_number_holder")
        return build

    def _add(self) -> None:
        def ok(text: str) -> str | None:
            number = self.accept(text)
            if number is None:
                return "Enter a phone number"
            self.app.data.block(number)
            return None
        app_name = self.kind.split(".")[0]
        self.app.push(TextInputDialog(self.app, f"{app_name}.add_blocked_dialog", "Add a blocked number", "", ok,
                                      rid="add_blocked_number_edittext", hint="Number"))
