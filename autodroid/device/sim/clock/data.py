"""Clock app state: fixed seed alarms, timers, world clocks and settings. The wall clock is frozen at
Monday 4 March 2024, 10:30 (UTC+1); the stopwatch and running timers advance one second per action."""

from __future__ import annotations

from dataclasses import dataclass, field

NOW_HOUR, NOW_MINUTE = 10, 30
TODAY = "Monday, March 4"
LOCAL_OFFSET = 1  # hours east of UTC

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # index 0 = Monday
ALARM_SORTS = ("Alarm time", "Day and alarm time", "Date created")
REMINDER_DURATIONS = ("1 minute", "5 minutes", "10 minutes", "30 minutes", "1 hour")
SNOOZE_TIMES = ("1 minute", "5 minutes", "10 minutes", "15 minutes", "20 minutes", "30 minutes")
SOUNDS = ("Bright morning", "Beep", "Chimes", "Gentle rise", "Silent")
CITIES = (  # name, hours east of UTC
    ("London", 0), ("New York", -5), ("Tokyo", 9), ("Sydney", 11), ("Los Angeles", -8),
    ("Dubai", 4), ("Singapore", 8), ("S\u00e3o Paulo", -3), ("Moscow", 3), ("Mumbai", 5.5),
)

_WEEKDAYS = frozenset(range(5))
_WEEKEND = frozenset({5, 6})


@dataclass
class Alarm:
    id: int
    hour: int
    minute: int
    days: frozenset[int] = frozenset()
    label: str = ""
    enabled: bool = True
    vibrate: bool = False
    sound: int = 0


@dataclass
class Timer:
    id: int
    seconds: int
    label: str = ""
    remaining: int = -1
    running: bool = False

    def __post_init__(self) -> None:
        if self.remaining < 0:
            self.remaining = self.seconds


SEED_ALARMS = (
    (6, 30, _WEEKDAYS, "Work", True), (7, 0, frozenset({0, 2, 4}), "Gym", False),
    (8, 30, _WEEKEND, "", True), (9, 15, frozenset({1}), "Dentist", False),
    (12, 0, frozenset(range(7)), "Lunch", False), (13, 45, frozenset({3}), "Pick up parcel", False),
    (16, 20, frozenset({5}), "Football", True), (18, 0, _WEEKDAYS, "Leave work", False),
    (21, 30, frozenset({6}), "Put the bins out", True), (22, 45, frozenset(range(7)), "Bedtime", True),
)


@dataclass
class ClockData:
    alarms: list[Alarm] = field(default_factory=list)
    timers: list[Timer] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    next_id: int = 100
    stopwatch: int = 0  # elapsed seconds
    stopwatch_running: bool = False
    laps: list[int] = field(default_factory=list)  # elapsed seconds at each lap
    use_24h: bool = False
    sunday_first: bool = False
    prevent_sleep: bool = True
    show_seconds: bool = False
    increase_volume: bool = True
    same_snooze: bool = True
    snooze: int = 2
    alarm_max_reminder: int = 1
    timer_max_reminder: int = 0
    timer_vibrate: bool = True
    alarm_sort: int = 0

    @classmethod
    def seeded(cls) -> "ClockData":
        alarms = [Alarm(i + 1, h, m, days, label, on) for i, (h, m, days, label, on) in enumerate(SEED_ALARMS)]
        return cls(alarms=alarms, timers=[Timer(1, 300), Timer(2, 180, "Tea")], cities=["London", "New York"])

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    # ---------------------------------------------------------------- formatting
    def format_time(self, hour: int, minute: int, second: int | None = None) -> str:
        tail = f":{second:02d}" if second is not None else ""
        if self.use_24h:
            return f"{hour:02d}:{minute:02d}{tail}"
        return f"{(hour % 12) or 12}:{minute:02d}{tail} {'AM' if hour < 12 else 'PM'}"

    def week(self) -> list[int]:
        return [6, 0, 1, 2, 3, 4, 5] if self.sunday_first else list(range(7))

    def format_days(self, days: frozenset[int]) -> str:
        if not days:
            return "Not scheduled"
        if len(days) == 7:
            return "Every day"
        if days == _WEEKDAYS:
            return "Weekdays"
        if days == _WEEKEND:
            return "Weekends"
        return ", ".join(DAY_NAMES[d] for d in self.week() if d in days)

    def city_time(self, offset: float) -> str:
        minutes = (NOW_HOUR * 60 + NOW_MINUTE + int((offset - LOCAL_OFFSET) * 60)) % (24 * 60)
        return self.format_time(minutes // 60, minutes % 60)

    # ---------------------------------------------------------------- queries
    def sorted_alarms(self) -> list[Alarm]:
        week = self.week()

        def first_day(alarm: Alarm) -> int:
            return min((week.index(d) for d in alarm.days), default=7)

        keys = (lambda a: (a.hour, a.minute, a.id), lambda a: (first_day(a), a.hour, a.minute, a.id),
                lambda a: (a.id,))
        return sorted(self.alarms, key=keys[self.alarm_sort])

    def tick(self) -> None:
        if self.stopwatch_running:
            self.stopwatch += 1
        for timer in self.timers:
            if timer.running:
                timer.remaining = max(0, timer.remaining - 1)
                timer.running = timer.remaining > 0


def format_duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
