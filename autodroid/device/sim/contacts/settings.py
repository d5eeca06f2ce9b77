"""Contacts settings: list and call checkboxes, a delete-confirmation switch, font size and on-click
dialogs; the FAQ text for the About screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import (
    BODY, CONTENT, VIEW_GROUP, ScrollState, checkbox_row, scroll_list, section_label, toolbar, value_row,
)
from autodroid.device.sim.contacts.data import CONTACT_CLICK, FONT_SIZES
from autodroid.device.sim.pages import ChoiceDialog
from autodroid.device.sim.widgets import View, layout, switch

if TYPE_CHECKING:
    from autodroid.device.sim.contacts import ContactsApp


class SettingsPage(Page):
    kind = "contacts.settings"
    app: "ContactsApp"

    def __init__(self, app: "ContactsApp"):
        super().__init__(app)
        self.scroll = ScrollState()

    def build(self) -> list[View | None]:
        data = self.app.data
        items = [
            section_label("Appearance", "settings_appearance_label"),
            value_row("Font size", FONT_SIZES[data.font_size], self._choose("font_size", "Font size", FONT_SIZES),
                      "settings_font_size"),
            checkbox_row("Show contact thumbnails", data.show_thumbnails, self._toggle("show_thumbnails"),
                         "settings_show_contact_thumbnails"),
            section_label("Contacts list", "settings_list_label"),
            checkbox_row("Show phone numbers", data.show_phone_numbers, self._toggle("show_phone_numbers"),
                         "settings_show_phone_numbers"),
            checkbox_row("Start name with surname", data.surname_first, self._toggle("surname_first"),
                         "settings_start_name_with_surname"),
            checkbox_row("Show only contacts with phone numbers", data.only_with_phones,
                         self._toggle("only_with_phones"), "settings_show_only_contacts_with_numbers"),
            value_row("On contact click", CONTACT_CLICK[data.contact_click],
                      self._choose("contact_click", "On contact click", CONTACT_CLICK), "settings_on_contact_click"),
            section_label("Calls and deleting", "settings_calls_label"),
            checkbox_row("Show a call confirmation dialog", data.call_confirmation, self._toggle("call_confirmation"),
                         "settings_show_call_confirmation"),
            (158, lambda rect: layout("RelativeLayout", rect, switch(
                "Skip delete confirmation", rect.inset(42, 21), data.skip_delete_confirmation,
                self._toggle("skip_delete_confirmation"), rid="settings_skip_delete_confirmation"),
                rid="settings_skip_delete_confirmation_holder")),
        ]
        bar = toolbar("Settings", rid="settings_toolbar", up=self.close)
        body = scroll_list("android.widget.ScrollView", "settings_nested_scrollview", BODY, items, self.scroll,
                           holder_rid="settings_holder")
        return [layout(VIEW_GROUP, CONTENT, bar, body, rid="settings_coordinator")]

    def _toggle(self, name: str):
        def toggle() -> None:
            setattr(self.app.data, name, not getattr(self.app.data, name))
        return toggle

    def _choose(self, name: str, title: str, options: tuple[str, ...]):
        kind = f"contacts.{name}_dialog"

        def open_dialog() -> None:
            self.app.push(ChoiceDialog(self.app, kind, title, options, getattr(self.app.data, name),
                                       lambda i: setattr(self.app.data, name, i)))
        return open_dialog


FAQ = (
    ("How do I add a contact to my favorites?", "Open the contact and tap the star next to its name."),
    ("Why are some contacts missing?", "Settings may hide contacts without a phone number; check the Contacts "
                                       "list section."),
    ("Can a deleted contact be restored?", "No. Unless you skip it in Settings, the app asks before deleting."),
    ("How do I sort my contacts?", "Open the menu, choose Sort by, pick a field and an order, then tap OK."),
)
