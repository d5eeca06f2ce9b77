"""Dialer app state: the phone's contacts (with favourites), the call log, blocked numbers, the calls placed
from the app (with their in-call toggles) and the settings. No clocks: "now" is frozen at Monday 4 March
2024, 10:30, and every new call takes the next minute."""

from __future__ import annotations

from dataclasses import dataclass, field

FONT_SIZES = ("Small", "Medium", "Large", "Extra large")
TABS = ("Contacts", "Favorites", "Recents")
DEFAULT_TABS = (*TABS, "Last used tab")
LAST_USED = len(TABS)  # DEFAULT_TABS index of "Last used tab"
CALL_TYPES = ("Incoming", "Outgoing", "Missed")
INCOMING, OUTGOING, MISSED = range(3)
DIAL_CHARACTERS = "0123456789*#+"
TYPED_CHARACTERS = DIAL_CHARACTERS + "-() ."  # what the number field keeps of typed text
NOW_DAY, NOW_MINUTES = "Mar 4", 10 * 60 + 30

# first name, surname, company, number, favorite
SEED_CONTACTS = (
    ("Alice", "Moreau", "", "555-0134", True),
    ("Bruno", "Silva", "", "555-0187", False),
    ("Carmen", "Ortiz", "", "555-0162", True),
    ("Daniel", "Park", "", "555-0119", False),
    ("Elena", "Petrova", "", "555-0145", False),
    ("Felix", "Wagner", "", "555-0171", False),
    ("Hannah", "Cohen", "", "555-0158", True),
    ("Ivan", "Horvat", "Horvat Roofing", "555-0126", False),
    ("Julia", "Santos", "", "555-0193", False),
    ("Kenji", "Sato", "", "555-0108", False),
    ("Dad", "", "", "555-0100", True),
    ("Ravi", "Patel", "Riverside Clinic", "555-0166", False),
    ("", "", "Pizza Roma", "555-0180", False),
)

# number, type, when (newest first, as the log shows them)
SEED_LOG = (
    ("555-0100", INCOMING, "Mar 4, 09:41"),
    ("555-0177", MISSED, "Mar 4, 08:15"),
    ("555-0187", OUTGOING, "Mar 3, 19:02"),
    ("555-0187", OUTGOING, "Mar 3, 18:55"),
    ("555-0158", MISSED, "Mar 3, 14:20"),
    ("555-0111", MISSED, "Mar 3, 11:05"),
    ("555-0162", INCOMING, "Mar 2, 17:30"),
    ("555-0180", OUTGOING, "Mar 2, 12:10"),
    ("555-0111", MISSED, "Mar 2, 10:02"),
    ("555-0108", INCOMING, "Mar 1, 20:45"),
    ("555-0119", OUTGOING, "Mar 1, 09:12"),
    ("555-0145", MISSED, "Feb 29, 16:40"),
    ("555-0123", INCOMING, "Feb 28, 13:00"),
)

SEED_BLOCKED = ("555-0104", "800-555-0150")


def dial_digits(number: str) -> str:
    """The characters of a number a phone dials: '555-0142' and '555 0142' are both '5550142'."""
    return "".join(char for char in number if char in DIAL_CHARACTERS)


@dataclass
class Contact:
    id: int
    first: str
    surname: str = ""
    company: str = ""
    number: str = ""
    favorite: bool = False

    def name(self, surname_first: bool = False) -> str:
        parts = (self.surname, self.first) if surname_first else (self.first, self.surname)
        return " ".join(p for p in parts if p) or self.company or self.number


@dataclass
class LogEntry:
    id: int
    number: str
    type: int  # CALL_TYPES index
    when: str


@dataclass
class Call:
    """A call placed from the app and what was done during it."""

    name: str  # the contact's name, "" for a number not in the contacts
    number: str
    muted: bool = False
    speaker: bool = False
    on_hold: bool = False
    tones: str = ""  # keys pressed on the in-call dialpad
    ended: bool = False


@dataclass
class DialerData:
    contacts: list[Contact] = field(default_factory=list)
    call_log: list[LogEntry] = field(default_factory=list)  # newest first
    blocked: list[str] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    next_id: int = 100
    minutes: int = NOW_MINUTES
    last_tab: int = 0
    font_size: int = 1
    default_tab: int = LAST_USED
    open_dialpad: bool = False
    surname_first: bool = False
    group_calls: bool = True
    call_confirmation: bool = False
    disable_proximity: bool = False
    dialpad_beeps: bool = True
    dialpad_vibration: bool = True

    @classmethod
    def seeded(cls) -> "DialerData":
        contacts = [Contact(i + 1, first, surname, company, number, favorite)
                    for i, (first, surname, company, number, favorite) in enumerate(SEED_CONTACTS)]
        log = [LogEntry(i + 1, number, kind, when) for i, (number, kind, when) in enumerate(SEED_LOG)]
        return cls(contacts=contacts, call_log=log, blocked=list(SEED_BLOCKED))

    # ---------------------------------------------------------------- contacts
    def display_name(self, contact: Contact) -> str:
        return contact.name(self.surname_first)

    def contact_for(self, number: str) -> Contact | None:
        wanted = dial_digits(number)
        return next((c for c in self.contacts if wanted and dial_digits(c.number) == wanted), None)

    def caller(self, number: str) -> str:
        """How the app names a number: its contact's name, else the number itself."""
        contact = self.contact_for(number)
        return self.display_name(contact) if contact else number

    def visible_contacts(self, query: str = "", *, favorites_only: bool = False) -> list[Contact]:
        """Contacts by their shown name; a search looks in names, companies and numbers (digits alike)."""
        needle = query.strip().lower()
        digits = dial_digits(needle)

        def wanted(c: Contact) -> bool:
            if favorites_only and not c.favorite:
                return False
            if not needle:
                return True
            texts = (c.first, c.surname, c.name(), self.display_name(c), c.company, c.number)
            return any(needle in t.lower() for t in texts) or (digits == needle and digits in dial_digits(c.number))

        return sorted(filter(wanted, self.contacts), key=lambda c: (self.display_name(c).lower(), c.id))

    # ---------------------------------------------------------------- the call log
    def log_groups(self, query: str = "") -> list[list[LogEntry]]:
        """The log's rows: with grouping on, subsequent calls with the same number share one row; a search
        keeps the rows whose name or number holds the query."""
        groups: list[list[LogEntry]] = []
        for entry in self.call_log:
            if self.group_calls and groups and dial_digits(groups[-1][0].number) == dial_digits(entry.number):
                groups[-1].append(entry)
            else:
                groups.append([entry])
        needle = query.strip().lower()
        return [g for g in groups
                if not needle or needle in self.caller(g[0].number).lower() or needle in g[0].number.lower()]

    def delete_entries(self, entries: list[LogEntry]) -> None:
        ids = {e.id for e in entries}
        self.call_log = [e for e in self.call_log if e.id not in ids]

    def clear_log(self) -> None:
        self.call_log = []

    # ---------------------------------------------------------------- calls
    def now(self) -> str:
        hour, minute = divmod(self.minutes, 60)
        return f"{NOW_DAY}, {hour:02d}:{minute:02d}"

    def place_call(self, number: str) -> Call:
        """Start an outgoing call: it is recorded and logged."""
        contact = self.contact_for(number)
        call = Call(contact.name() if contact else "", number.strip())
        self.calls.append(call)
        self.next_id += 1
        self.call_log.insert(0, LogEntry(self.next_id, call.number, OUTGOING, self.now()))
        self.minutes += 1
        return call

    # ---------------------------------------------------------------- blocking
    def is_blocked(self, number: str) -> bool:
        return any(dial_digits(b) == dial_digits(number) for b in self.blocked)

    def block(self, number: str) -> None:
        number = number.strip()
        if dial_digits(number) and not self.is_blocked(number):
            self.blocked.append(number)

    def unblock(self, number: str) -> None:
        self.blocked = [b for b in self.blocked if dial_digits(b) != dial_digits(number)]
