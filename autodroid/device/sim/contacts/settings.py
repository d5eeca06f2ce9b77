"""Contacts settings: list and call checkboxes, a delete-confirmation switch, font size and on-click
dialogs; the FAQ text for the About screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.chrome import checkbox_row, section_label, value_row
from autodroid.device.sim.contacts.data import CONTACT_CLICK, FONT_SIZES
from autodroid.device.sim.settings_page import SettingsScreen
from autodroid.device.sim.widgets import layout, switch

if TYPE_CHECKING:
    from autodroid.device.sim.contacts import ContactsApp


class SettingsPage(SettingsScreen):
    kind = "contacts.settings"
    app: "ContactsApp"

    def rows(self) -> list:
        data = self.app.data
        return [
            section_label("Appearance", "settings_appearance_label"),
            value_row("Font size", FONT_SIZES[data.font_size],
                      self.choose("font_size", "contacts.font_size_dialog", FONT_SIZES, "Font size"),
                      "settings_font_size"),
            checkbox_row("Show contact thumbnails", data.show_thumbnails, self.toggle("show_thumbnails"),
                         "settings_show_contact_thumbnails"),
            section_label("Contacts list", "settings_list_label"),
            checkbox_row("Show phone numbers", data.show_phone_numbers, self.toggle("show_phone_numbers"),
                         "settings_show_phone_numbers"),
            checkbox_row("Start name with surname", data.surname_first, self.toggle("surname_first"),
                         "settings_start_name_with_surname"),
            checkbox_row("Show only contacts with phone numbers", data.only_with_phones,
                         self.toggle("only_with_phones"), "settings_show_only_contacts_with_numbers"),
            value_row("On contact click", CONTACT_CLICK[data.contact_click],
                      self.choose("contact_click", "contacts.contact_click_dialog", CONTACT_CLICK, "On contact click"),
                      "settings_on_contact_click"),
            section_label("Calls and deleting", "settings_calls_label"),
            checkbox_row("Show a call confirmation dialog", data.call_confirmation, self.toggle("call_confirmation"),
                         "settings_show_call_confirmation"),
            (158, lambda rect: layout("RelativeLayout", rect, switch(
                "Skip delete confirmation", rect.inset(42, 21), data.skip_delete_confirmation,
                self.toggle("skip_delete_confirmation"), rid="settings_skip_delete_confirmation"),
                rid="settings_skip_delete_confirmation_holder")),
        ]


FAQ = (
    ("How do I add a contact to my favorites?", "Open the contact and tap the star next to its name."),
    ("Why are some contacts missing?", "Settings may hide contacts without a phone number; check the Contacts "
                                       "list section."),
    ("Can a deleted contact be restored?", "No. Unless you skip it in Settings, the app asks before deleting."),
    ("How do I sort my contacts?", "Open the menu, choose Sort by, pick a field and an order, then tap OK."),
)
