"""Messages app state: the fixed seed conversations and contacts, blocked numbers, settings, and the
operations the screens call. No clocks: a conversation's recency is a counter that advances once per message
sent, and a message sent in the sim is stamped "Now"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FONT_SIZES = ("Small", "Medium", "Large", "Extra large")
LOCK_SCREEN = ("Sender and message", "Sender name", "Nothing")
KEEP_MESSAGES = ("Forever", "1 year", "6 months", "30 days")
MAX_SMS = 160  # characters of one SMS, for the character counter

# The phone's contacts (the new conversation screen suggests them; a conversation shows a contact's name).
SEED_CONTACTS = (
    ("Anna Kowalski", "555-0142"), ("Ben Okafor", "555-0178"), ("Chloe Martin", "555-0115"),
    ("David Nguyen", "555-0193"), ("Farid Haddad", "555-0121"), ("Grace Lee", "555-0167"),
    ("Hugo Bernard", "555-0134"), ("Isabel Costa", "555-0186"), ("Mia Rossi", "555-0173"),
    ("Mum", "555-0100"), ("Noah Williams", "555-0128"), ("Olivia Brown", "555-0161"),
    ("Smile Dental", "555-0150"),
)

IN, OUT = False, True
# number, read, pinned, archived, messages as (outgoing, text, time); most recent conversation first
SEED_CONVERSATIONS = (
    ("555-0100", False, True, False, ((IN, "Did you get home ok?", "Yesterday"),
                                      (IN, "Don't forget Grandma's birthday on Sunday", "09:12"))),
    ("555-0142", True, True, False, ((IN, "Are we still on for Saturday?", "Yesterday"),
                                     (OUT, "Yes! 10 am at the park", "Yesterday"),
                                     (IN, "Great, I'll bring the frisbee", "08:47"))),
    ("72345", False, False, False, ((IN, "Your Northbank code is 482913. Do not give it to anyone.", "08:30"),)),
    ("555-0193", False, False, False, ((IN, "Game night at mine on Friday? Bring snacks", "07:55"),)),
    ("555-0166", True, False, False, ((OUT, "Hi, I ordered a large margherita", "Yesterday"),
                                      (IN, "Your order is on its way! ETA 25 minutes", "Yesterday"))),
    ("555-0167", True, False, False, ((OUT, "Can we move the meeting to 3?", "Mon"),
                                      (IN, "Sure, 3 works for me", "Mon"))),
    ("555-0186", False, False, False, ((IN, "The photos from the trip are up, have a look!", "Mon"),)),
    ("555-0123", True, False, False, ((IN, "Hi, is the bike still for sale?", "Sun"),
                                      (OUT, "Yes, it is", "Sun"),
                                      (IN, "Would you take 80 for it?", "Sun"))),
    ("555-0134", True, False, False, ((IN, "Could I borrow your drill this weekend?", "Sat"),
                                      (OUT, "Sure, come by after 6", "Sat"))),
    ("555-0178", True, False, False, ((OUT, "I'm sending the invoice today", "Feb 28"),
                                      (IN, "Thanks, got it", "Feb 28"))),
    ("555-0161", True, False, False, ((OUT, "See you at the gym at 7", "Feb 26"),
                                      (IN, "Ok!", "Feb 26"))),
    ("555-0150", True, False, True, ((IN, "Reminder: your appointment is on Wed at 10:00. Reply C to confirm.",
                                      "Feb 24"),)),
    ("555-0111", True, False, True, ((IN, "Your parcel will be delivered tomorrow between 9 and 12", "Feb 20"),)),
)
SEED_BLOCKED = ("555-0177",)


def same_number(a: str, b: str) -> bool:
    """Numbers are the same when their digits are (555-0142, 5550142 and (555) 0142 are one number)."""
    digits_a, digits_b = re.sub(r"\D", "", a), re.sub(r"\D", "", b)
    return bool(digits_a) and digits_a == digits_b


@dataclass
class Message:
    text: str
    outgoing: bool
    time: str = "Now"


@dataclass
class Contact:
    name: str
    number: str


@dataclass
class Conversation:
    id: int
    number: str
    messages: list[Message] = field(default_factory=list)
    read: bool = True
    pinned: bool = False
    archived: bool = False
    updated: int = 0  # recency: the list shows the highest first

    @property
    def last(self) -> Message | None:
        return self.messages[-1] if self.messages else None


@dataclass
class MessagesData:
    conversations: list[Conversation] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    clock: int = 0
    font_size: int = 1
    show_character_counter: bool = False
    send_on_enter: bool = False
    delivery_reports: bool = False
    lock_screen: int = 0
    keep_messages: int = 0

    @classmethod
    def seeded(cls) -> "MessagesData":
        conversations = []
        for i, (number, read, pinned, archived, messages) in enumerate(SEED_CONVERSATIONS):
            conversations.append(Conversation(i + 1, number, [Message(text, outgoing, time)
                                                              for outgoing, text, time in messages],
                                              read, pinned, archived, updated=100 - i))
        return cls(conversations=conversations, contacts=[Contact(n, p) for n, p in SEED_CONTACTS],
                   blocked=list(SEED_BLOCKED), clock=100)

    # ---------------------------------------------------------------- names and lookups
    def contact_for(self, number: str) -> Contact | None:
        return next((c for c in self.contacts if same_number(c.number, number)), None)

    def title(self, conversation: Conversation) -> str:
        """A conversation shows its contact's name, else its number."""
        contact = self.contact_for(conversation.number)
        return contact.name if contact else conversation.number

    def conversation_for(self, number: str) -> Conversation | None:
        return next((c for c in self.conversations if same_number(c.number, number)), None)

    def is_blocked(self, number: str) -> bool:
        return any(same_number(b, number) for b in self.blocked)

    def resolve(self, text: str) -> tuple[str, str] | None:
        """What the new conversation screen opens for a typed recipient: (name or number, number). A contact's
        name (ignoring case) gives its number; anything else is taken as the number itself."""
        typed = " ".join(text.split())
        if not typed:
            return None
        contact = next((c for c in self.contacts if c.name.casefold() == typed.casefold()), None)
        if contact is None:
            contact = self.contact_for(typed)
        return (contact.name, contact.number) if contact else (typed, typed)

    # ---------------------------------------------------------------- lists
    def shown(self, query: str = "", *, archived: bool = False) -> list[Conversation]:
        """Conversations of the main list (or of the archive): pinned ones first, then the most recent; a
        search looks in names, numbers and message texts of the unarchived ones."""
        needle = query.strip().casefold()

        def wanted(c: Conversation) -> bool:
            if c.archived != archived:
                return False
            fields = (self.title(c), c.number, *(m.text for m in c.messages))
            return not needle or any(needle in text.casefold() for text in fields)

        return sorted(filter(wanted, self.conversations), key=lambda c: (not c.pinned, -c.updated, c.id))

    def suggestions(self, typed: str) -> list[Contact]:
        needle = typed.strip().casefold()
        found = [c for c in self.contacts if not needle or needle in c.name.casefold() or needle in c.number]
        return sorted(found, key=lambda c: c.name.casefold())

    # ---------------------------------------------------------------- changes
    def send(self, conversation: Conversation | None, number: str, text: str) -> Conversation:
        """Send ``text`` to the conversation (a new one with ``number`` when None); returns the conversation."""
        if conversation is None:
            conversation = self.conversation_for(number)
        if conversation is None:
            conversation = Conversation(max((c.id for c in self.conversations), default=0) + 1, number)
            self.conversations.append(conversation)
        self.clock += 1
        conversation.messages.append(Message(text, True))
        conversation.updated, conversation.read = self.clock, True
        return conversation

    def delete(self, conversations: list[Conversation]) -> None:
        ids = {c.id for c in conversations}
        self.conversations = [c for c in self.conversations if c.id not in ids]

    def block(self, number: str) -> None:
        if not self.is_blocked(number):
            self.blocked.append(number)

    def unblock(self, number: str) -> None:
        self.blocked = [b for b in self.blocked if not same_number(b, number)]

    def add_contact(self, name: str, number: str) -> None:
        self.contacts.append(Contact(name, number))
