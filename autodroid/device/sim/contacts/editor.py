"""The new/edit contact form: names, a phone number, email and company; save, and a discard confirmation
when leaving with unsaved changes. New numbers are Mobile ones; the form keeps an edited number's type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import BODY, CONTENT, VIEW_GROUP, Action, toolbar
from autodroid.device.sim.contacts.data import Contact
from autodroid.device.sim.pages import ConfirmDialog
from autodroid.device.sim.widgets import Rect, View, edit_text, image_view, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.contacts import ContactsApp

FIELDS = ("first", "surname", "phone", "email", "company")
FIELD_ROW = 168


class EditorPage(Page):
    """A new contact (``contact`` None) or an existing one. Save stores it and closes the form."""

    kind = "contacts.editor"
    app: "ContactsApp"

    def __init__(self, app: "ContactsApp", contact: Contact | None):
        super().__init__(app)
        self.contact = contact
        self.values = {name: getattr(contact, name) if contact else "" for name in FIELDS}
        self.error = ""
        self.focus = "contact_first_name" if contact is None else ""

    @property
    def dirty(self) -> bool:
        original = Contact(0, "") if self.contact is None else self.contact
        return any(self.values[name] != getattr(original, name) for name in FIELDS)

    def build(self) -> list[View | None]:
        bar = toolbar("New contact" if self.contact is None else "Edit contact", rid="contact_toolbar",
                      up=self._up, actions=[Action("Save", "save", self._save)])
        top = BODY.top + 42
        views: list[View | None] = [image_view(Rect(441, top, 639, top + 198), rid="contact_photo")]
        y = top + 240
        for name, rid, hint in (("first", "contact_first_name", "First name"),
                                ("surname", "contact_surname", "Surname")):
            views.append(self._field(name, rid, hint, Rect(63, y, 1017, y + 147)))
            y += FIELD_ROW
        y += 42
        views.append(self._field("phone", "contact_number", "Phone number", Rect(63, y, 1017, y + 147)))
        y += FIELD_ROW + 42
        views.append(self._field("email", "contact_email", "Email", Rect(63, y, 1017, y + 147)))
        y += FIELD_ROW + 42
        views.append(self._field("company", "contact_organization_company", "Company", Rect(63, y, 1017, y + 147)))
        y += FIELD_ROW
        if self.error:
            views.append(text_view(self.error, Rect(63, y, 1017, y + 63), rid="contact_error"))
        scroll = layout("ScrollView", BODY, layout("LinearLayout", BODY, *views, rid="contact_holder"),
                        rid="contact_scrollview")
        return [layout(VIEW_GROUP, CONTENT, bar, scroll, rid="contact_wrapper")]

    def _field(self, name: str, rid: str, hint: str, rect: Rect) -> View:
        def type_text(text: str) -> None:
            self.values[name], self.error = text, ""
        return edit_text(self.values[name], rect, type_text, rid=rid, hint=hint)

    def _save(self) -> None:
        values = {name: value.strip() for name, value in self.values.items()}
        if not any(values.values()):
            self.error = "Cannot save an empty contact"
            return
        if self.contact is None:
            self.app.data.add(**values)
        else:
            for name, value in values.items():
                setattr(self.contact, name, value)
        self.close()

    def _up(self) -> None:
        if not self.on_back():
            self.close()

    def on_back(self) -> bool:
        if not self.dirty:
            return False
        self.app.push(ConfirmDialog(self.app, "contacts.discard_dialog", "Discard your changes to this contact?",
                                    "Discard", self.close, cancel="Keep editing"))
        return True
