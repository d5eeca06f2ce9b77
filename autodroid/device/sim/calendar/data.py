"""Calendar app state: the fixed seed events, settings, and the operations screens call. No clocks: today
is frozen at Monday 4 March 2024, 10:30; repeating events show once, on their first date."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

TODAY = date(2024, 3, 4)  # a Monday
NEW_EVENT_HOUR = 11  # the next full hour after 10:30, where a new event starts

REMINDERS = ("No reminder", "At start", "10 minutes before", "1 hour before", "1 day before")
REPETITIONS = ("Does not repeat", "Daily", "Weekly", "Monthly", "Yearly")
VIEW_TYPES = ("Day view", "Week view", "Month view", "Event list")
WEEK_STARTS = ("Monday", "Saturday", "Sunday")
DURATIONS = ("15 minutes", "30 minutes", "1 hour", "2 hours")
DURATION_MINUTES = (15, 30, 60, 120)
FONT_SIZES = ("Small", "Medium", "Large", "Extra large")
START_HOURS = tuple(range(8, 19))  # the choices of the start time dialog: 8 AM to 6 PM
DATE_CHOICES = 7  # the start date dialog offers today and the six days after it

_NONE, _AT_START, _TEN, _HOUR, _DAY = range(5)
_ONCE, _DAILY, _WEEKLY, _MONTHLY, _YEARLY = range(5)


@dataclass
class Event:
    id: int
    title: str
    day: date
    start: int | None  # minutes after midnight; None for an all-day event
    duration: int = 60  # minutes
    location: str = ""
    description: str = ""
    reminder: int = _TEN
    repeat: int = _ONCE

    @property
    def all_day(self) -> bool:
        return self.start is None

    def copy(self) -> "Event":
        return replace(self)


# day offset from today, start "HH:MM" or None (all day), minutes, title, location, description, reminder, repeat
SEED_EVENTS = (
    (0, "09:00", 30, "Team standup", "Office, room 2B", "", _TEN, _DAILY),
    (0, "13:00", 60, "Lunch with Priya", "Green Bowl Caf\u00e9", "", _NONE, _ONCE),
    (0, "18:30", 60, "Yoga class", "Studio Flow", "Bring the mat", _HOUR, _WEEKLY),
    (1, None, 0, "Mum's birthday", "", "Call her in the morning", _DAY, _YEARLY),
    (2, "10:00", 60, "Dentist appointment", "Smile Dental, 12 High Street", "", _HOUR, _ONCE),
    (3, "15:00", 60, "Project review", "Zoom", "Q1 numbers and the roadmap", _TEN, _ONCE),
    (4, "19:00", 120, "Dinner with Alex", "Luigi's Trattoria", "", _HOUR, _ONCE),
    (5, "10:00", 120, "Farmers market", "Town square", "Eggs, honey, apples", _NONE, _WEEKLY),
    (6, None, 0, "Hiking trip", "Blue Ridge trail", "", _DAY, _ONCE),
    (8, "08:30", 60, "Car service", "QuickFit Garage", "Ask about the brakes", _HOUR, _ONCE),
    (10, "17:00", 60, "Parent-teacher meeting", "Oakwood Primary School", "", _HOUR, _ONCE),
    (14, None, 0, "Rent due", "", "", _DAY, _MONTHLY),
    (17, "14:00", 30, "Haircut", "Barber & Co", "", _TEN, _ONCE),
    (24, "20:00", 90, "Book club", "Library caf\u00e9", "This month: Piranesi", _HOUR, _MONTHLY),
    (29, "09:30", 120, "Flight to Lisbon", "Airport, Terminal 2", "Check in online the day before", _DAY, _ONCE),
)


def _minutes(text: str | None) -> int | None:
    if text is None:
        return None
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def short_date(day: date) -> str:
    """'Wed, Mar 6': how rows and the date dialog show a day."""
    return f"{day:%a}, {day:%b} {day.day}"


def long_date(day: date) -> str:
    return f"{day:%A}, {day:%B} {day.day}"


@dataclass
class CalendarData:
    events: list[Event] = field(default_factory=list)
    next_id: int = 100
    view: int = 3  # VIEW_TYPES index; the event list
    use_24h: bool = False
    week_start: int = 0
    show_week_numbers: bool = False
    vibrate: bool = False
    dim_past_events: bool = True
    default_reminder: int = _TEN
    default_duration: int = 2  # DURATIONS index; 1 hour
    font_size: int = 1

    @classmethod
    def seeded(cls) -> "CalendarData":
        events = [Event(i + 1, title, TODAY + timedelta(days=offset), _minutes(start), minutes, location,
                        description, reminder, repeat)
                  for i, (offset, start, minutes, title, location, description, reminder, repeat)
                  in enumerate(SEED_EVENTS)]
        return cls(events=events)

    # ---------------------------------------------------------------- formatting
    def format_time(self, minutes: int) -> str:
        hour, minute = divmod(minutes % (24 * 60), 60)
        if self.use_24h:
            return f"{hour:02d}:{minute:02d}"
        return f"{(hour % 12) or 12}:{minute:02d} {'AM' if hour < 12 else 'PM'}"

    def when(self, event: Event) -> str:
        """The time line of an event row: 'Wed, Mar 6 \u00b7 10:00 AM \u2013 11:00 AM'."""
        if event.all_day:
            return f"{short_date(event.day)} \u00b7 All day"
        end = self.format_time(event.start + event.duration)
        return f"{short_date(event.day)} \u00b7 {self.format_time(event.start)} \u2013 {end}"

    def week_first_day(self) -> date:
        weekday = (0, 5, 6)[self.week_start]  # Monday, Saturday, Sunday as date.weekday() numbers
        return TODAY - timedelta(days=(TODAY.weekday() - weekday) % 7)

    # ---------------------------------------------------------------- queries and changes
    def new_event(self) -> Event:
        return Event(0, "", TODAY, NEW_EVENT_HOUR * 60, DURATION_MINUTES[self.default_duration],
                     reminder=self.default_reminder)

    def add(self, draft: Event) -> Event:
        self.next_id += 1
        event = replace(draft, id=self.next_id)
        self.events.append(event)
        return event

    def delete(self, event: Event) -> None:
        self.events = [e for e in self.events if e.id != event.id]

    def shown(self, query: str = "") -> list[Event]:
        """Events of the chosen view in time order (all-day ones first on their day); a search looks in
        titles, locations and descriptions of every event instead."""
        needle = query.strip().lower()
        if needle:
            found = [e for e in self.events
                     if needle in e.title.lower() or needle in e.location.lower() or needle in e.description.lower()]
        else:
            first, days = self._view_range()
            found = [e for e in self.events if first <= e.day < first + timedelta(days=days)]
        return sorted(found, key=lambda e: (e.day, -1 if e.start is None else e.start, e.id))

    def _view_range(self) -> tuple[date, int]:
        view = VIEW_TYPES[self.view]
        if view == "Day view":
            return TODAY, 1
        if view == "Week view":
            return self.week_first_day(), 7
        if view == "Month view":
            return TODAY.replace(day=1), 31
        return TODAY, 366

    def view_title(self) -> str:
        view = VIEW_TYPES[self.view]
        if view == "Day view":
            return long_date(TODAY)
        if view == "Week view":
            first = self.week_first_day()
            last = first + timedelta(days=6)
            span = f"{first:%B} {first.day} \u2013 {last:%B} {last.day}"
            return f"Week {TODAY.isocalendar()[1]}: {span}" if self.show_week_numbers else span
        if view == "Month view":
            return f"{TODAY:%B %Y}"
        return "Calendar"
