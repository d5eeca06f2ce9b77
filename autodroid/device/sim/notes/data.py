"""Notes app state: the fixed seed notes, settings, and the operations screens call. No clocks: times are
minutes after a fixed start and advance by one per saved change."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

_EPOCH = datetime(2024, 3, 1, 9, 0)

SORT_FIELDS = ("Title", "Date created", "Date modified")
SORT_ORDERS = ("Ascending", "Descending")
FONT_SIZES = ("75%", "90%", "100%", "125%", "150%", "200%")
THEMES = ("Light", "Dark", "System default")

SEED_NOTES = (
    ("Groceries", "Milk, eggs, bread, tomatoes, olive oil and coffee beans."),
    ("Diary", "Went for a long walk by the river. The weather finally turned warm."),
    ("Meeting notes", "Discuss the Q2 roadmap, hiring plan and the office move."),
    ("Books to read", "The Left Hand of Darkness; Middlemarch; Project Hail Mary."),
    ("Workout plan", "Monday legs, Wednesday back and arms, Friday a 5 km run."),
    ("Recipes", "Pancakes: 2 eggs, 250 ml milk, 125 g flour, a pinch of salt."),
    ("Passwords hint", "The router label is under the desk, the code is on the back."),
    ("Travel checklist", "Passport, charger, adapter, tickets, toothbrush."),
    ("Gift ideas", "Anna: a scarf. Tom: a board game. Mum: tulip bulbs."),
    ("Car service", "Oil change due in April; ask about the squeaky brakes."),
    ("Movie list", "Paris, Texas; Spirited Away; The Third Man; Arrival."),
    ("Garden", "Sow basil indoors in March, plant beans after the last frost."),
    ("Budget", "Rent 900, food 300, transport 80, savings 250."),
    ("Ideas", "A reading lamp that dims with the sunset. A shared shopping list."),
    ("Phone numbers", "Plumber 555-0142, vet 555-0199, school office 555-0107."),
)


@dataclass
class Note:
    id: int
    title: str
    body: str
    created: int  # minutes after the fixed start
    modified: int

    @property
    def words(self) -> int:
        return len(f"{self.title} {self.body}".split())


def format_time(minutes: int) -> str:
    moment = _EPOCH + timedelta(minutes=minutes)
    return moment.strftime("%b %d, %Y %H:%M").replace(" 0", " ")


def word_count_text(count: int) -> str:
    return f"{count} word" if count == 1 else f"{count} words"


@dataclass
class NotesData:
    notes: list[Note] = field(default_factory=list)
    clock: int = 0
    sort_field: int = 0
    sort_descending: bool = False
    show_word_count: bool = False
    show_preview: bool = True
    confirm_delete: bool = True
    autosave: bool = False
    monospace: bool = False
    font_size: int = 2
    theme: int = 0

    @classmethod
    def seeded(cls) -> "NotesData":
        # Creation and modification times interleave so the three sort keys give three different orders.
        notes = [Note(i + 1, title, body, created=60 * i, modified=60 * ((i * 7) % 15) + 1000)
                 for i, (title, body) in enumerate(SEED_NOTES)]
        return cls(notes=notes, clock=2000)

    def _now(self) -> int:
        self.clock += 1
        return self.clock

    def get(self, note_id: int) -> Note | None:
        return next((note for note in self.notes if note.id == note_id), None)

    def add(self, title: str, body: str) -> Note:
        now = self._now()
        note = Note(max((n.id for n in self.notes), default=0) + 1, title, body, created=now, modified=now)
        self.notes.append(note)
        return note

    def update(self, note: Note, *, title: str | None = None, body: str | None = None) -> None:
        note.title = note.title if title is None else title
        note.body = note.body if body is None else body
        note.modified = self._now()

    def delete(self, note: Note) -> None:
        self.notes = [n for n in self.notes if n.id != note.id]

    def visible(self, query: str = "") -> list[Note]:
        """Notes in the chosen order, filtered by a case-insensitive search in title and body."""
        needle = query.strip().lower()
        found = [n for n in self.notes if not needle or needle in n.title.lower() or needle in n.body.lower()]
        key = (lambda n: (n.title.lower(), n.id), lambda n: (n.created, n.id),
               lambda n: (n.modified, n.id))[self.sort_field]
        return sorted(found, key=key, reverse=self.sort_descending)
