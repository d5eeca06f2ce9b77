"""A contact's details (name, favourite star, number, email, company; edit and delete) and the call screen
that tapping a number opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import BODY, CONTENT, VIEW_GROUP, Action, toolbar
from autodroid.device.sim.contacts.data import PHONE_TYPES, Contact
from autodroid.device.sim.widgets import Rect, View, button, image_view, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.contacts import ContactsApp

ROW = 189


class DetailsPage(Page):
    kind = "contacts.details"
    app: "ContactsApp"

    def __init__(self, app: "ContactsApp", contact: Contact):
        super().__init__(app)
        self.contact = contact

    def build(self) -> list[View | None]:
        contact, data = self.contact, self.app.data
        bar = toolbar("", rid="contact_toolbar", up=self.close, actions=[
            Action("Edit", "edit", lambda: self.app.edit_contact(contact)),
            Action("Delete", "delete", lambda: self.app.request_delete(contact)),
        ])
        top = BODY.top
        star = View("android.widget.ImageView", Rect(891, top + 357, 1017, top + 483), rid="contact_toggle_favorite",
                    desc="Favorite", checkable=True, checked=contact.favorite, clickable=True, focusable=True,
                    on_tap=self._toggle_favorite)
        views: list[View | None] = [
            image_view(Rect(378, top + 42, 702, top + 336), rid="contact_photo"),
            text_view(data.display_name(contact), Rect(63, top + 378, 870, top + 462), rid="contact_name"),
            star,
        ]
        # Every section is always there (empty when unset), so all contacts share one layout.
        sections = ((contact.phone, PHONE_TYPES[contact.phone_type], "contact_number",
                     (lambda: self.app.call(contact)) if contact.phone else None),
                    (contact.email, "Email", "contact_email", None),
                    (contact.company, "Company", "contact_organization_company", None))
        for i, (value, label, rid, on_tap) in enumerate(sections):
            y = top + 525 + ROW * i
            views.append(self._row(Rect(0, y, 1080, y + ROW), value, label, rid, on_tap))
        scroll = layout("ScrollView", BODY, layout("LinearLayout", BODY, *views, rid="contact_holder"),
                        rid="contact_scrollview")
        return [layout(VIEW_GROUP, CONTENT, bar, scroll, rid="contact_wrapper")]

    @staticmethod
    def _row(rect: Rect, value: str, label: str, rid: str, on_tap) -> View:
        return layout("RelativeLayout", rect,
                      text_view(value, Rect(168, rect.top + 30, 1017, rect.top + 105), rid=rid),
                      text_view(label, Rect(168, rect.top + 108, 1017, rect.top + 160), rid=f"{rid}_type"),
                      rid=f"{rid}_holder", clickable=on_tap is not None, focusable=on_tap is not None, on_tap=on_tap)

    def _toggle_favorite(self) -> None:
        self.contact.favorite = not self.contact.favorite


class CallPage(Page):
    """An outgoing call (the sim stands in for the dialer); ending it returns to where it was started."""

    kind = "contacts.call"

    def __init__(self, app: "ContactsApp", name: str, number: str):
        super().__init__(app)
        self.name, self.number = name, number

    def build(self) -> list[View | None]:
        top = CONTENT.top
        return [layout(VIEW_GROUP, CONTENT,
                       text_view(self.name, Rect(63, top + 315, 1017, top + 420), rid="call_caller_name"),
                       text_view(self.number, Rect(63, top + 430, 1017, top + 500), rid="call_caller_number"),
                       text_view("Calling\u2026", Rect(63, top + 520, 1017, top + 583), rid="call_status_label"),
                       button("End call", Rect(390, CONTENT.bottom - 420, 690, CONTENT.bottom - 231), self.close,
                              rid="call_end"),
                       rid="call_holder")]
