"""Dialer settings (appearance, tabs, contacts, call history, calls), the blocked numbers screen with its
add dialog, and the FAQ text for the About screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import (
    BODY, CONTENT, RECYCLER, VIEW_GROUP, Action, ScrollState, checkbox_row, link_row, scroll_list, section_label,
    toolbar, value_row,
)
from autodroid.device.sim.dialer.data import DEFAULT_TABS, FONT_SIZES, dial_digits
from autodroid.device.sim.pages import TextInputDialog
from autodroid.device.sim.settings_page import SettingsScreen
from autodroid.device.sim.widgets import Rect, View, image_button, layout, text_view

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


class BlockedNumbersPage(Page):
    """The blocked numbers, each with an Unblock button; the toolbar's Add button opens a number dialog."""

    kind = "dialer.blocked_numbers"
    app: "DialerApp"

    def __init__(self, app: "DialerApp"):
        super().__init__(app)
        self.scroll = ScrollState()

    def build(self) -> list[View | None]:
        data = self.app.data
        bar = toolbar("Manage blocked numbers", rid="block_toolbar", up=self.close,
                      actions=[Action("Add a blocked number", "add_blocked_number", self._add)])
        if data.blocked:
            body = scroll_list(RECYCLER, "manage_blocked_numbers_list", BODY,
                               [(168, self._row(number)) for number in data.blocked], self.scroll)
        else:
            body = text_view("You have not blocked anybody.", BODY.inset(63).band(400, 84),
                             rid="manage_blocked_numbers_placeholder")
        return [layout(VIEW_GROUP, CONTENT, bar, body, rid="block_coordinator")]

    def _row(self, number: str):
        def build(rect: Rect) -> View:
            return layout("RelativeLayout", rect,
                          text_view(number, Rect(rect.left + 63, rect.top + 42, rect.right - 189, rect.top + 126),
                                    rid="manage_blocked_number_title"),
                          image_button("Unblock", Rect(rect.right - 168, rect.top + 21, rect.right - 42,
                                                       rect.top + 147),
                                       lambda: self.app.data.unblock(number), rid="unblock_number"),
                          rid="manage_blocked_number_holder")
        return build

    def _add(self) -> None:
        def ok(text: str) -> str | None:
            if not dial_digits(text):
                return "Enter a phone number"
            self.app.data.block(text)
            return None
        self.app.push(TextInputDialog(self.app, "dialer.add_blocked_dialog", "Add a blocked number", "", ok,
                                      rid="add_blocked_number_edittext", hint="Number"))


FAQ = (
    ("How do I add a contact to my favorites?", "Long press the contact and choose Add to favorites, or open "
                                                 "its details and tap the star."),
    ("How do I block a number?", "Long press a call in Recents and choose Block number, or add it in Settings, "
                                 "Manage blocked numbers."),
    ("Why are calls from the same number shown as one row?", "Group subsequent calls with the same number is on "
                                                             "in Settings."),
    ("Can I turn off the dialpad sounds?", "Yes: turn off Dialpad beeps in Settings."),
)
