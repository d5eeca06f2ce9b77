"""Contacts app state: the fixed seed contacts, sort order, settings, the calls made, and the operations the
screens call. No clocks: a contact's creation time is a counter that advances once per new contact."""

from __future__ import annotations

from dataclasses import dataclass, field

SORT_FIELDS = ("First name", "Surname", "Date created")
SORT_ORDERS = ("Ascending", "Descending")
PHONE_TYPES = ("Mobile", "Home", "Work", "Main", "Other")
FONT_SIZES = ("Small", "Medium", "Large", "Extra large")
CONTACT_CLICK = ("Call contact", "View contact details", "Edit contact")

# first name, surname, phone, phone type, email, company, favorite
SEED_CONTACTS = (
    ("Anna", "Kowalski", "555-0142", "Mobile", "anna.kowalski@example.com", "", True),
    ("Ben", "Okafor", "555-0178", "Work", "ben@okafor-design.com", "Okafor Design", False),
    ("Chloe", "Martin", "555-0115", "Mobile", "", "", False),
    ("David", "Nguyen", "555-0193", "Home", "david.nguyen@example.org", "", True),
    ("Emma", "Schmidt", "", "Mobile", "emma.schmidt@example.net", "City Library", False),
    ("Farid", "Haddad", "555-0121", "Mobile", "", "Haddad Plumbing", False),
    ("Grace", "Lee", "555-0167", "Work", "grace.lee@northwind.com", "Northwind Traders", False),
    ("Hugo", "Bernard", "555-0134", "Mobile", "", "", False),
    ("Isabel", "Costa", "555-0186", "Mobile", "isabel.costa@example.com", "", True),
    ("Jonas", "Berg", "", "Mobile", "jonas.berg@example.com", "", False),
    ("Kate", "O'Brien", "555-0109", "Home", "", "", False),
    ("Laura", "Fischer", "555-0150", "Work", "reception@smiledental.com", "Smile Dental", False),
    ("Mia", "Rossi", "555-0173", "Mobile", "mia.rossi@example.it", "", False),
    ("Noah", "Williams", "555-0128", "Mobile", "", "Williams Garage", False),
    ("Olivia", "Brown", "555-0161", "Mobile", "olivia.b@example.com", "", False),
    ("Mum", "", "555-0100", "Home", "", "", True),
)


@dataclass
class Contact:
    id: int
    first: str
    surname: str = ""
    phone: str = ""
    phone_type: int = 0  # index into PHONE_TYPES
    email: str = ""
    company: str = ""
    favorite: bool = False
    created: int = 0

    def name(self, surname_first: bool = False) -> str:
        parts = (self.surname, self.first) if surname_first else (self.first, self.surname)
        return " ".join(p for p in parts if p) or self.company or self.phone or self.email or "(No name)"


@dataclass
class ContactsData:
    contacts: list[Contact] = field(default_factory=list)
    calls: list[tuple[str, str]] = field(default_factory=list)  # (name, number) of each call started
    clock: int = 0
    sort_field: int = 0
    sort_descending: bool = False
    font_size: int = 1
    show_thumbnails: bool = True
    show_phone_numbers: bool = False
    surname_first: bool = False
    only_with_phones: bool = False
    contact_click: int = 1
    call_confirmation: bool = False
    skip_delete_confirmation: bool = False

    @classmethod
    def seeded(cls) -> "ContactsData":
        # Creation order is not the name order, so "Date created" sorts differently from both name fields.
        order = (5, 2, 11, 0, 14, 8, 3, 12, 6, 1, 15, 9, 4, 13, 7, 10)
        contacts = [Contact(i + 1, first, surname, phone, PHONE_TYPES.index(kind), email, company, favorite,
                            created=100 + 10 * order[i])
                    for i, (first, surname, phone, kind, email, company, favorite) in enumerate(SEED_CONTACTS)]
        return cls(contacts=contacts, clock=1000)

    def display_name(self, contact: Contact) -> str:
        return contact.name(self.surname_first)

    def add(self, **fields) -> Contact:
        self.clock += 1
        contact = Contact(max((c.id for c in self.contacts), default=0) + 1, created=self.clock, **fields)
        self.contacts.append(contact)
        return contact

    def delete(self, contact: Contact) -> None:
        self.contacts = [c for c in self.contacts if c.id != contact.id]

    def visible(self, query: str = "", *, favorites_only: bool = False) -> list[Contact]:
        """Contacts in the chosen order, filtered by the settings and a case-insensitive search in the name,
        number, email and company."""
        needle = query.strip().lower()

        def wanted(c: Contact) -> bool:
            if favorites_only and not c.favorite:
                return False
            if self.only_with_phones and not c.phone:
                return False
            fields = (c.first, c.surname, c.name(), c.phone, c.email, c.company)
            return not needle or any(needle in text.lower() for text in fields)

        key = (lambda c: (c.first.lower(), c.surname.lower(), c.id),
               lambda c: (c.surname.lower() or c.first.lower(), c.first.lower(), c.id),
               lambda c: (c.created, c.id))[self.sort_field]
        return sorted(filter(wanted, self.contacts), key=key, reverse=self.sort_descending)
