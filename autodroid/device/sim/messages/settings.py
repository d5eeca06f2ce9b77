"""Messages settings (font size, message and notification options, how long to keep messages, blocked
numbers), the blocked numbers screen and its add dialog; the FAQ for the About screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import (
    BODY, CONTENT, RECYCLER, VIEW_GROUP, Action, ScrollState, checkbox_row, link_row, scroll_list, section_label,
    toolbar, value_row,
)
from autodroid.device.sim.messages.data import FONT_SIZES, KEEP_MESSAGES, LOCK_SCREEN
from autodroid.device.sim.pages import TextInputDialog
from autodroid.device.sim.settings_page import SettingsScreen
from autodroid.device.sim.widgets import Rect, View, image_button, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.messages import MessagesApp


class SettingsPage(SettingsScreen):
    kind = "messages.settings"
    app: "MessagesApp"

    def rows(self) -> list:
        data = self.app.data
        toggle, choose = self.toggle, self.choose
        return [
            section_label("Appearance", "settings_appearance_label"),
            value_row("Font size", FONT_SIZES[data.font_size],
                      choose("font_size", "messages.font_size_dialog", FONT_SIZES, "Font size"), "settings_font_size"),
            section_label("Messages", "settings_messages_label"),
            checkbox_row("Show character counter", data.show_character_counter, toggle("show_character_counter"),
                         "settings_show_character_counter"),
            checkbox_row("Send message on Enter", data.send_on_enter, toggle("send_on_enter"),
                         "settings_send_on_enter"),
            checkbox_row("Enable delivery reports", data.delivery_reports, toggle("delivery_reports"),
                         "settings_delivery_reports"),
            section_label("Notifications", "settings_notifications_label"),
            value_row("Lock screen message visibility", LOCK_SCREEN[data.lock_screen],
                      choose("lock_screen", "messages.lock_screen_dialog", LOCK_SCREEN,
                             "Lock screen message visibility"), "settings_lock_screen_visibility"),
            section_label("Storage", "settings_storage_label"),
            value_row("Keep messages", KEEP_MESSAGES[data.keep_messages],
                      choose("keep_messages", "messages.keep_messages_dialog", KEEP_MESSAGES, "Keep messages"),
                      "settings_keep_messages"),
            section_label("Blocking", "settings_blocking_label"),
            link_row("Manage blocked numbers", self.app.open_blocked, "settings_manage_blocked_numbers"),
        ]


class BlockedNumbersPage(Page):
    """The blocked numbers, each with an Unblock button, and a toolbar button adding one by hand."""

    kind = "messages.blocked_numbers"
    app: "MessagesApp"

    def __init__(self, app: "MessagesApp"):
        super().__init__(app)
        self.scroll = ScrollState()

    def build(self) -> list[View | None]:
        data = self.app.data
        bar = toolbar("Manage blocked numbers", rid="block_toolbar", up=self.close,
                      actions=[Action("Add a blocked number", "add_blocked_number", self._add)])
        if data.blocked:
            body = scroll_list(RECYCLER, "manage_blocked_numbers_list", BODY,
                               [self._row(number) for number in data.blocked], self.scroll)
        else:
            body = text_view("You are not blocking anyone.", BODY.inset(63).band(400, 84),
                             rid="manage_blocked_numbers_placeholder")
        return [layout(VIEW_GROUP, CONTENT, bar, body, rid="block_coordinator")]

    def _row(self, number: str):
        def build(rect: Rect) -> View:
            return layout("RelativeLayout", rect,
                          text_view(number, Rect(rect.left + 63, rect.top + 42, rect.right - 210, rect.bottom - 42),
                                    rid="manage_blocked_number_title"),
                          image_button("Unblock", Rect(rect.right - 168, rect.top + 21, rect.right - 42,
                                                       rect.bottom - 21), lambda: self.app.data.unblock(number),
                                       rid="manage_blocked_number_unblock"),
                          rid="manage_blocked_number_holder")
        return 168, build

    def _add(self) -> None:
        def add(text: str) -> str | None:
            number = text.strip()
            if not any(ch.isdigit() for ch in number):
                return "Enter a phone number"
            self.app.data.block(number)
            return None
        self.app.push(TextInputDialog(self.app, "messages.add_blocked_dialog", "Add a blocked number", "", add,
                                      rid="add_blocked_number_edittext", hint="Number"))


FAQ = (
    ("How do I start a new conversation?", "Tap the plus button, type a contact's name or a number, then tap the "
                                           "check mark."),
    ("Where are my archived conversations?", "Open the menu and choose Archived conversations."),
    ("How do I stop messages from a number?", "Open the conversation, open its menu and choose Block number, or add "
                                              "the number in Settings, Manage blocked numbers."),
    ("Can I pin a conversation to the top?", "Long press it in the list and tap the pin."),
)
