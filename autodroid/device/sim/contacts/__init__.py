"""``sim:contacts``: a contacts app (modelled on Fossify Contacts) with Contacts and Favorites tabs, search,
contact details with a favourite star and calling, a new/edit contact form, sort, settings, about and FAQ
screens, and confirmation dialogs."""

from __future__ import annotations

from autodroid.device.sim.about import AboutPage
from autodroid.device.sim.app import Page, SimApp
from autodroid.device.sim.contacts.data import ContactsData, Contact
from autodroid.device.sim.contacts.details import CallPage, DetailsPage
from autodroid.device.sim.contacts.editor import EditorPage
from autodroid.device.sim.contacts.main import MainPage
from autodroid.device.sim.contacts.settings import FAQ, SettingsPage
from autodroid.device.sim.pages import ConfirmDialog

CALL, VIEW, EDIT = range(3)  # the "On contact click" choices, in CONTACT_CLICK order


class ContactsApp(SimApp):
    name = "contacts"
    package = "org.autodroid.contacts"
    label = "Contacts"

    def seed(self) -> None:
        self.data = ContactsData.seeded()

    def root_page(self) -> Page:
        return MainPage(self)

    # operations shared by several screens
    def contact_clicked(self, contact: Contact) -> None:
        action = self.data.contact_click
        if action == CALL and contact.phone:
            self.call(contact)
        elif action == EDIT:
            self.edit_contact(contact)
        else:
            self.push(DetailsPage(self, contact))

    def new_contact(self) -> None:
        self.push(EditorPage(self, None))

    def edit_contact(self, contact: Contact) -> None:
        self.push(EditorPage(self, contact))

    def open_settings(self) -> None:
        self.push(SettingsPage(self))

    def open_about(self) -> None:
        self.push(AboutPage(self, FAQ))

    def call(self, contact: Contact) -> None:
        name = self.data.display_name(contact)

        def start() -> None:
            self.data.calls.append((name, contact.phone))
            self.push(CallPage(self, name, contact.phone))

        if self.data.call_confirmation:
            self.push(ConfirmDialog(self, "contacts.call_dialog", f"Call {name}?", "Call", start))
        else:
            start()

    def request_delete(self, contact: Contact) -> None:
        if self.data.skip_delete_confirmation:
            self._delete(contact)
            return
        name = self.data.display_name(contact)
        self.push(ConfirmDialog(self, "contacts.delete_dialog", f"Are you sure you want to delete {name}?",
                                "Delete", lambda: self._delete(contact)))

    def _delete(self, contact: Contact) -> None:
        self.data.delete(contact)
        self.pop_to(MainPage)
