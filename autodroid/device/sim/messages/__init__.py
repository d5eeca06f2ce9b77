"""``sim:messages``: an SMS app (modelled on Fossify Messages) with a conversation list (pinned first, unread
marks), search, a selection mode on long press (pin, archive, delete, mark read or unread), conversation threads
with a message field, a Send button and a menu (add to contacts, mark as unread, block, archive, delete), a new
conversation screen, archived conversations, settings with radio dialogs and blocked numbers, About and FAQ."""

from __future__ import annotations

from autodroid.device.sim.about import AboutPage
from autodroid.device.sim.app import Page, SimApp
from autodroid.device.sim.messages.data import Conversation, MessagesData
from autodroid.device.sim.messages.main import ArchivePage, MainPage
from autodroid.device.sim.messages.settings import FAQ, BlockedNumbersPage, SettingsPage
from autodroid.device.sim.messages.thread import NewConversationPage, ThreadPage


class MessagesApp(SimApp):
    name = "messages"
    package = "org.autodroid.messages"
    label = "Messages"

    def seed(self) -> None:
        self.data = MessagesData.seeded()

    def root_page(self) -> Page:
        return MainPage(self)

    def open_conversation(self, conversation: Conversation) -> None:
        self.push(ThreadPage(self, conversation))

    def open_number(self, number: str) -> None:
        """The thread with ``number``: its conversation when there is one, else a new, empty thread."""
        self.push(ThreadPage(self, self.data.conversation_for(number), number))

    def new_conversation(self) -> None:
        self.push(NewConversationPage(self))

    def delete_conversation(self, conversation: Conversation) -> None:
        self.data.delete([conversation])
        self.pop_to(MainPage)

    def open_archive(self) -> None:
        self.push(ArchivePage(self))

    def open_settings(self) -> None:
        self.push(SettingsPage(self))

    def open_blocked(self) -> None:
        self.push(BlockedNumbersPage(self))

    def open_about(self) -> None:
        self.push(AboutPage(self, FAQ))
