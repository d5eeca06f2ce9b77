"""``sim:dialer``: a phone app (modelled on Fossify Phone) with Contacts, Favorites and Recents tabs, search,
a dialpad, an in-call screen (mute, speaker, hold, dialpad, end call), long-press menus on contacts (call,
favourites, details, block) and on the call log (call, block, delete), clearing the call history, blocked
numbers, contact details with a favourite star, settings, about and FAQ screens."""

from __future__ import annotations

from autodroid.device.sim.about import AboutPage
from autodroid.device.sim.app import Page, SimApp
from autodroid.device.sim.dialer.data import LAST_USED, Contact, DialerData, LogEntry
from autodroid.device.sim.dialer.details import DetailsPage
from autodroid.device.sim.dialer.dialpad import CallPage, DialpadPage
from autodroid.device.sim.dialer.main import MainPage
from autodroid.device.sim.dialer.settings import FAQ, BlockedNumbersPage, SettingsPage
from autodroid.device.sim.pages import ConfirmDialog, MenuPopup


class DialerApp(SimApp):
    name = "dialer"
    package = "org.autodroid.dialer"
    label = "Phone"

    def seed(self) -> None:
        self.data = DialerData.seeded()

    def root_page(self) -> Page:
        data = self.data
        return MainPage(self, data.last_tab if data.default_tab == LAST_USED else data.default_tab)

    def restart(self) -> None:
        super().restart()
        if self.data.open_dialpad:
            self.push(DialpadPage(self))

    # ---------------------------------------------------------------- calling
    def call_contact(self, contact: Contact) -> None:
        """A tap on a contact: call it, asking first when the settings say so."""
        if self.data.call_confirmation:
            name = self.data.display_name(contact)
            self.push(ConfirmDialog(self, "dialer.call_dialog", f"Call {name}?", "Call",
                                    lambda: self.call_number(contact.number)))
        else:
            self.call_number(contact.number)

    def call_number(self, number: str) -> None:
        self.push(CallPage(self, self.data.place_call(number)))

    def open_dialpad(self) -> None:
        self.push(DialpadPage(self))

    # ---------------------------------------------------------------- long-press menus
    def contact_menu(self, contact: Contact) -> None:
        self.push(MenuPopup(self, "dialer.contact_menu", [
            ("Call", lambda: self.call_number(contact.number)),
            ("Remove from favorites" if contact.favorite else "Add to favorites",
             lambda: setattr(contact, "favorite", not contact.favorite)),
            ("View details", lambda: self.push(DetailsPage(self, contact))),
            ("Block number", lambda: self.request_block(contact.number)),
        ]))

    def recent_menu(self, group: list[LogEntry]) -> None:
        number = group[0].number
        self.push(MenuPopup(self, "dialer.recent_menu", [
            ("Call", lambda: self.call_number(number)),
            ("Block number", lambda: self.request_block(number)),
            ("Delete", lambda: self.data.delete_entries(group)),
        ]))

    def request_block(self, number: str) -> None:
        if self.data.is_blocked(number):
            return
        self.push(ConfirmDialog(self, "dialer.block_dialog", f"Are you sure you want to block {number}?", "Block",
                                lambda: self.data.block(number)))

    def request_clear_history(self) -> None:
        self.push(ConfirmDialog(self, "dialer.clear_history_dialog",
                                "Are you sure you want to clear the call history?", "OK", self.data.clear_log))

    # ---------------------------------------------------------------- other screens
    def open_settings(self) -> None:
        self.push(SettingsPage(self))

    def open_blocked_numbers(self) -> None:
        self.push(BlockedNumbersPage(self))

    def open_about(self) -> None:
        self.push(AboutPage(self, FAQ))
