"""A conversation's thread (its messages, a message field and a Send button, and its menu: add to contacts,
mark as unread, block, archive, delete) and the new conversation screen (a recipient field and the contacts
it suggests)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import BODY, CONTENT, RECYCLER, VIEW_GROUP, ScrollState, scroll_list, toolbar
from autodroid.device.sim.messages.data import MAX_SMS, Contact, Conversation, Message
from autodroid.device.sim.pages import ConfirmDialog, MenuPopup, TextInputDialog
from autodroid.device.sim.widgets import Rect, View, edit_text, image_button, image_view, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.messages import MessagesApp

COMPOSER = Rect(0, BODY.bottom - 168, BODY.right, BODY.bottom)
MESSAGES = BODY._replace(bottom=COMPOSER.top)
LINE = 34  # characters of a message bubble's line


class ThreadPage(Page):
    """An existing conversation, or a new one (``conversation`` None) that sending its first message creates."""

    kind = "messages.thread"
    app: "MessagesApp"

    def __init__(self, app: "MessagesApp", conversation: Conversation | None, number: str = ""):
        super().__init__(app)
        self.conversation = conversation
        self.number = conversation.number if conversation else number
        self.text = ""
        self.scroll = ScrollState(offset=1 << 30)  # the list clamps it: the newest messages show
        if conversation is not None:
            conversation.read = True
        else:
            self.focus = "thread_type_message"

    def build(self) -> list[View | None]:
        data = self.app.data
        title = data.title(self.conversation) if self.conversation else (
            data.contact_for(self.number).name if data.contact_for(self.number) else self.number)
        bar = toolbar(title, rid="thread_toolbar", up=self.close, overflow=self._menu)
        messages = self.conversation.messages if self.conversation else []
        if messages:
            body = scroll_list(RECYCLER, "thread_messages_list", MESSAGES, [self._bubble(m) for m in messages],
                               self.scroll)
        else:
            body = text_view("Start a conversation", MESSAGES.inset(63).band(400, 84), rid="thread_placeholder")
        views: list[View | None] = [
            edit_text(self.text, Rect(42, COMPOSER.top + 21, COMPOSER.right - 189, COMPOSER.bottom - 21),
                      self._type, rid="thread_type_message", hint="Type a message"),
            image_button("Send", Rect(COMPOSER.right - 168, COMPOSER.top + 21, COMPOSER.right - 42,
                                      COMPOSER.bottom - 21), self._send, rid="thread_send_message"),
        ]
        if data.show_character_counter:
            views.append(text_view(f"{len(self.text)}/{MAX_SMS}", Rect(COMPOSER.right - 168, COMPOSER.top - 42,
                                                                       COMPOSER.right - 42, COMPOSER.top),
                                   rid="thread_character_counter"))
        composer = layout("RelativeLayout", COMPOSER._replace(top=COMPOSER.top - 42), *views,
                          rid="message_holder")
        return [layout(VIEW_GROUP, CONTENT, bar, body, composer, rid="thread_coordinator")]

    @staticmethod
    def _bubble(message: Message):
        lines = max(1, (len(message.text) + LINE - 1) // LINE)
        height = 63 * lines + 105

        def build(rect: Rect) -> View:
            left, right = (rect.left + 252, rect.right - 42) if message.outgoing else (rect.left + 42,
                                                                                          rect.right - 252)
            body = Rect(left + 21, rect.top + 21, right - 21, rect.top + 21 + 63 * lines)
            return layout("RelativeLayout", rect,
                          text_view(message.text, body, rid="thread_message_body"),
                          text_view(message.time, Rect(left + 21, rect.bottom - 70, right - 21, rect.bottom - 21),
                                    rid="thread_message_time"),
                          rid="thread_message_holder")
        return height, build

    # ---------------------------------------------------------------- composing
    def _type(self, text: str) -> None:
        self.text = text

    def _send(self) -> None:
        text = self.text.strip()
        if not text:
            return
        self.conversation = self.app.data.send(self.conversation, self.number, text)
        self.text = ""
        self.scroll.offset = 1 << 30

    # ---------------------------------------------------------------- the menu
    def _menu(self) -> None:
        data, conversation = self.app.data, self.conversation
        items = []
        if data.contact_for(self.number) is None:
            items.append(("Add to contacts", self._add_contact))
        if conversation is not None:
            items.append(("Mark as unread", self._mark_unread))
        items.append(("Unblock number" if data.is_blocked(self.number) else "Block number", self._block))
        if conversation is not None:
            items.append(("Unarchive" if conversation.archived else "Archive", self._archive))
            items.append(("Delete", self._delete))
        self.app.push(MenuPopup(self.app, "messages.thread_menu", items))

    def _add_contact(self) -> None:
        def save(name: str) -> str | None:
            name = " ".join(name.split())
            if not name:
                return "Enter a name"
            self.app.data.add_contact(name, self.number)
            return None
        self.app.push(TextInputDialog(self.app, "messages.add_contact_dialog", "Add to contacts", "", save,
                                      rid="contact_name", hint="Name"))

    def _mark_unread(self) -> None:
        self.conversation.read = False
        self.close()

    def _block(self) -> None:
        data = self.app.data
        if data.is_blocked(self.number):
            data.unblock(self.number)
            return
        self.app.push(ConfirmDialog(self.app, "messages.block_dialog",
                                    f"Block {self.number}? You will no longer receive messages from this number.",
                                    "Block", lambda: data.block(self.number)))

    def _archive(self) -> None:
        self.conversation.archived = not self.conversation.archived
        self.close()

    def _delete(self) -> None:
        conversation = self.conversation
        self.app.push(ConfirmDialog(self.app, "messages.delete_dialog",
                                    "Are you sure you want to delete this conversation?", "Delete",
                                    lambda: self.app.delete_conversation(conversation)))


class NewConversationPage(Page):
    """A recipient field (a contact's name or any number) with a confirm button, and the contacts matching
    what is typed; either opens the thread with that recipient."""

    kind = "messages.new_conversation"
    app: "MessagesApp"

    def __init__(self, app: "MessagesApp"):
        super().__init__(app)
        self.text = ""
        self.scroll = ScrollState()
        self.focus = "new_conversation_address"

    def build(self) -> list[View | None]:
        bar = toolbar("New conversation", rid="new_conversation_toolbar", up=self.close)
        top = BODY.top
        field = edit_text(self.text, Rect(42, top + 21, BODY.right - 189, top + 168), self._type,
                          rid="new_conversation_address", hint="Add contact or number\u2026")
        confirm = image_button("Confirm", Rect(BODY.right - 168, top + 21, BODY.right - 42, top + 168),
                               self._confirm, rid="new_conversation_confirm")
        contacts = self.app.data.suggestions(self.text)
        area = BODY._replace(top=top + 210)
        if contacts:
            body = scroll_list(RECYCLER, "contacts_list", area, [self._row(c) for c in contacts], self.scroll)
        else:
            body = text_view("No contacts match, tap the check mark to use it as a number",
                             area.inset(63).band(84, 84), rid="no_contacts_placeholder")
        return [layout(VIEW_GROUP, CONTENT, bar, field, confirm, body, rid="new_conversation_coordinator")]

    def _row(self, contact: Contact):
        def build(rect: Rect) -> View:
            return layout("RelativeLayout", rect,
                          image_view(Rect(rect.left + 42, rect.top + 21, rect.left + 168, rect.top + 147),
                                     rid="item_contact_image"),
                          text_view(contact.name, Rect(rect.left + 210, rect.top + 21, rect.right - 42, rect.top + 84),
                                    rid="item_contact_name"),
                          text_view(contact.number, Rect(rect.left + 210, rect.top + 90, rect.right - 42,
                                                         rect.top + 147), rid="item_contact_number"),
                          rid="item_contact_frame", clickable=True, focusable=True,
                          on_tap=lambda: self._open(contact.number))
        return 168, build

    def _type(self, text: str) -> None:
        self.text = text
        self.scroll.offset = 0

    def _confirm(self) -> None:
        found = self.app.data.resolve(self.text)
        if found is not None:
            self._open(found[1])

    def _open(self, number: str) -> None:
        self.close()
        self.app.open_number(number)
