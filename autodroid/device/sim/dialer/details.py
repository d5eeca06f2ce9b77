"""A contact's details in the dialer: name, favourite star, the number (tap to call) and a block button."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import BODY, CONTENT, VIEW_GROUP, toolbar
from autodroid.device.sim.dialer.data import Contact
from autodroid.device.sim.widgets import Rect, View, button, image_view, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.dialer import DialerApp


class DetailsPage(Page):
    kind = "dialer.details"
    app: "DialerApp"

    def __init__(self, app: "DialerApp", contact: Contact):
        super().__init__(app)
        self.contact = contact

    def build(self) -> list[View | None]:
        contact, data, top = self.contact, self.app.data, BODY.top
        star = View("android.widget.ImageView", Rect(891, top + 357, 1017, top + 483), rid="contact_toggle_favorite",
                    desc="Favorite", checkable=True, checked=contact.favorite, clickable=True, focusable=True,
                    on_tap=self._toggle_favorite)
        number = layout("RelativeLayout", Rect(0, top + 525, 1080, top + 714),
                        text_view(contact.number, Rect(168, top + 555, 1017, top + 630), rid="contact_number"),
                        text_view("Mobile", Rect(168, top + 633, 1017, top + 685),
                                  rid="contact_number_type"),
                        rid="contact_number_holder", clickable=True, focusable=True,
                        on_tap=lambda: self.app.call_number(contact.number))
        blocked = data.is_blocked(contact.number)
        block = button("Unblock number" if blocked else "Block number", Rect(63, top + 756, 1017, top + 903),
                       (lambda: data.unblock(contact.number)) if blocked else
                       (lambda: self.app.request_block(contact.number)), rid="contact_block_number")
        views: list[View | None] = [
            image_view(Rect(378, top + 42, 702, top + 336), rid="contact_photo"),
            text_view(data.display_name(contact), Rect(63, top + 378, 870, top + 462), rid="contact_name"),
            star, number, block,
        ]
        bar = toolbar("", rid="contact_toolbar", up=self.close)
        scroll = layout("ScrollView", BODY, layout("LinearLayout", BODY, *views, rid="contact_holder"),
                        rid="contact_scrollview")
        return [layout(VIEW_GROUP, CONTENT, bar, scroll, rid="contact_wrapper")]

    def _toggle_favorite(self) -> None:
        self.contact.favorite = not self.contact.favorite
