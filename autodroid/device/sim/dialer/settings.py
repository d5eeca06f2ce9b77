"""Dialer settings (appearance, tabs, contacts, call history, calls), the blocked numbers screen with its
add dialog, and the FAQ text for the About screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim import blocked
from autodroid.device.sim.chrome import checkbox_row, link_row, section_label, value_row
from autodroid.device.sim.dialer.data import DEFAULT_TABS, FONT_SIZES, dial_digits
from autodroid.device.sim.settings_page import SettingsScreen

if TYPE_CHECKING:
    from autodroid.device.sim.dialer import DialerApp


class SettingsPage(SettingsScreen):
    kind = "dialer.settings"
    app: "DialerApp"

    def rows(self) -> list:
        data = self.app.data
        toggle, choose = self.toggle, self.choose
        return [
            section_label("Appearance", "settings_appearance_label"),
            value_row("Font size", FONT_SIZES[data.font_size],
                      choose("font_size", "dialer.font_size_dialog", FONT_SIZES, "Font size"), "settings_font_size"),
            section_label("Tabs", "settings_tabs_label"),
            value_row("Default tab", DEFAULT_TABS[data.default_tab],
                      choose("default_tab", "dialer.default_tab_dialog", DEFAULT_TABS, "Default tab"),
                      "settings_default_tab"),
            checkbox_row("Open dialpad by default", data.open_dialpad, toggle("open_dialpad"),
                         "settings_open_dialpad_at_launch"),
            section_label("Contacts", "settings_contacts_label"),
            checkbox_row("Start name with surname", data.surname_first, toggle("surname_first"),
                         "settings_start_name_with_surname"),
            link_row("Manage blocked numbers", self.app.open_blocked_numbers, "settings_manage_blocked_numbers"),
            section_label("Recents", "settings_recents_label"),
            checkbox_row("Group subsequent calls with the same number", data.group_calls, toggle("group_calls"),
                         "settings_group_subsequent_calls"),
            section_label("Calls", "settings_calls_label"),
            checkbox_row("Show call confirmation dialog", data.call_confirmation, toggle("call_confirmation"),
                         "settings_show_call_confirmation"),
            checkbox_row("Disable proximity sensor during calls", data.disable_proximity,
                         toggle("disable_proximity"), "settings_disable_proximity_sensor"),
            checkbox_row("Dialpad beeps", data.dialpad_beeps, toggle("dialpad_beeps"), "settings_dialpad_beeps"),
            checkbox_row("Dialpad vibration", data.dialpad_vibration, toggle("dialpad_vibration"),
                         "settings_dialpad_vibration"),
        ]


class BlockedNumbersPage(blocked.BlockedNumbersPage):
    kind = "dialer.blocked_numbers"
    empty_text = "You have not blocked anybody."
    unblock_rid = "unblock_number"

    def accept(self, text: str) -> str | None:
        return text if dial_digits(text) else None


FAQ = (
    ("How do I add a contact to my favorites?", "Long press the contact and choose Add to favorites, or open "
                                                 "its details and tap the star."),
    ("How do I block a number?", "Long press a call in Recents and choose Block number, or add it in Settings, "
                                 "Manage blocked numbers."),
    ("Why are calls from the same number shown as one row?", "Group subsequent calls with the same number is on "
                                                             "in Settings."),
    ("Can I turn off the dialpad sounds?", "Yes: turn off Dialpad beeps in Settings."),
)
