"""Messages settings (font size, message and notification options, how long to keep messages, blocked
numbers), the blocked numbers screen and its add dialog; the FAQ for the About screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim import blocked
from autodroid.device.sim.chrome import checkbox_row, link_row, section_label, value_row
from autodroid.device.sim.messages.data import FONT_SIZES, KEEP_MESSAGES, LOCK_SCREEN
from autodroid.device.sim.settings_page import SettingsScreen

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


class BlockedNumbersPage(blocked.BlockedNumbersPage):
    kind = "messages.blocked_numbers"
    empty_text = "You are not blocking anyone."
    unblock_rid = "manage_blocked_number_unblock"
    number_right = 210

    def accept(self, text: str) -> str | None:
        number = text.strip()
        return number if any(ch.isdigit() for ch in number) else None


FAQ = (
    ("How do I start a new conversation?", "Tap the plus button, type a contact's name or a number, then tap the "
                                           "check mark."),
    ("Where are my archived conversations?", "Open the menu and choose Archived conversations."),
    ("How do I stop messages from a number?", "Open the conversation, open its menu and choose Block number, or add "
                                              "the number in Settings, Manage blocked numbers."),
    ("Can I pin a conversation to the top?", "Long press it in the list and tap the pin."),
)
