"""To-do app state: the fixed seed lists and tasks, settings, and the operations the screens call. No clocks:
today is frozen at Monday 4 March 2024 (as in sim:calendar); a task's creation time is a counter that advances
once per task added."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

TODAY = date(2024, 3, 4)  # a Monday

PRIORITIES = ("High", "Medium", "Low", "None")  # as the priority dialog lists them
_HIGH, _MEDIUM, _LOW, _NONE = range(4)
REMINDERS = ("No reminder", "On the due date", "1 day before", "2 days before", "1 week before")
_NO_REMINDER, _ON_DAY, _DAY_BEFORE = range(3)
DUE_CHOICES = 9  # the due date dialog: No date, Today, Tomorrow, then the six days after tomorrow
DEFAULT_DUES = ("No date", "Today", "Tomorrow")
THEMES = ("Light", "Dark", "System default")
WEEK_STARTS = ("Sunday", "Monday", "Saturday")
SORT_FIELDS = ("Due date", "Priority", "Title", "Date created")
SORT_ORDERS = ("Ascending", "Descending")

# What the main screen shows besides one list (the drawer's filters); the screen's title names it.
ALL_TASKS, TODAY_FILTER = "All tasks", "Today"

SEED_LISTS = ("Personal", "Work", "Groceries")

# list, title, due (days from today, None: no date), priority, notes, reminder, done
SEED_TASKS = (
    ("Personal", "Fix the kitchen tap", 1, _HIGH, "Washer size 1/2 inch, the spare is in the toolbox", _ON_DAY, False),
    ("Personal", "Renew passport", 11, _MEDIUM, "Photos are in the desk drawer", _DAY_BEFORE, False),
    ("Personal", "Book a dentist appointment", None, _LOW, "", _NO_REMINDER, False),
    ("Personal", "Water the plants", 0, _NONE, "", _ON_DAY, False),
    ("Personal", "Get a card for Mum's birthday", 4, _MEDIUM, "She likes tulips", _DAY_BEFORE, False),
    ("Personal", "Return library books", -3, _LOW, "", _NO_REMINDER, True),
    ("Personal", "Go for a run", None, _NONE, "5 km along the river", _NO_REMINDER, True),
    ("Work", "Finish the quarterly report", 2, _HIGH, "Use the Q1 numbers from Priya", _DAY_BEFORE, False),
    ("Work", "Prepare slides for the Monday meeting", 7, _MEDIUM, "", _ON_DAY, False),
    ("Work", "Reply to Tom about the budget", 0, _LOW, "", _NO_REMINDER, False),
    ("Work", "Submit the expense claim", -3, _MEDIUM, "Taxi and hotel receipts", _NO_REMINDER, True),
    ("Groceries", "Milk", None, _NONE, "", _NO_REMINDER, False),
    ("Groceries", "Eggs", None, _NONE, "A dozen, free range", _NO_REMINDER, False),
    ("Groceries", "Bananas", None, _NONE, "", _NO_REMINDER, False),
    ("Groceries", "Coffee beans", None, _NONE, "", _NO_REMINDER, True),
)


def short_date(day: date) -> str:
    """'Wed, Mar 6': how rows and the due date dialog show a day."""
    return f"{day:%a}, {day:%b} {day.day}"


def due_label(day: date | None) -> str:
    """A due date as a row shows it: Today, Tomorrow, Yesterday, else 'Fri, Mar 8'."""
    if day is None:
        return ""
    offset = (day - TODAY).days
    return {0: "Today", 1: "Tomorrow", -1: "Yesterday"}.get(offset, short_date(day))


def due_choices() -> list[date | None]:
    """The days the due date dialog offers, in its order (None: No date)."""
    return [None] + [TODAY + timedelta(days=i) for i in range(DUE_CHOICES - 1)]


def due_choice_label(day: date | None) -> str:
    return "No date" if day is None else due_label(day)


@dataclass
class TaskList:
    id: int
    name: str


@dataclass
class Task:
    id: int
    title: str
    list_id: int
    due: date | None = None
    priority: int = _NONE
    notes: str = ""
    reminder: int = _NO_REMINDER
    done: bool = False
    created: int = 0

    def copy(self) -> "Task":
        return replace(self)


@dataclass
class TodoData:
    lists: list[TaskList] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    clock: int = 0
    sort_field: int = 0
    sort_descending: bool = False
    show_completed: bool = True
    theme: int = 2
    show_notes: bool = False
    default_list: int = 1  # a list id
    default_priority: int = _NONE
    default_due: int = 0  # DEFAULT_DUES index
    week_start: int = 1
    confirm_delete: bool = True
    completion_sound: bool = True

    @classmethod
    def seeded(cls) -> "TodoData":
        lists = [TaskList(i + 1, name) for i, name in enumerate(SEED_LISTS)]
        ids = {item.name: item.id for item in lists}
        tasks = []
        for i, (list_name, title, due, priority, notes, reminder, done) in enumerate(SEED_TASKS):
            day = None if due is None else TODAY + timedelta(days=due)
            tasks.append(Task(i + 1, title, ids[list_name], day, priority, notes, reminder, done, created=i + 1))
        return cls(lists=lists, tasks=tasks, clock=len(tasks))

    # ---------------------------------------------------------------- lookups
    def list_by_id(self, list_id: int) -> TaskList | None:
        return next((item for item in self.lists if item.id == list_id), None)

    def list_named(self, name: str) -> TaskList | None:
        return next((item for item in self.lists if item.name == name), None)

    def list_name(self, list_id: int) -> str:
        found = self.list_by_id(list_id)
        return found.name if found else ""

    def default_list_id(self) -> int:
        return self.default_list if self.list_by_id(self.default_list) else self.lists[0].id

    def open_count(self, list_id: int | None = None) -> int:
        return sum(1 for t in self.tasks if not t.done and (list_id is None or t.list_id == list_id))

    # ---------------------------------------------------------------- what a screen shows
    def _sort_key(self):
        field_name = SORT_FIELDS[self.sort_field]
        if field_name == "Due date":  # tasks without a date after the dated ones
            return lambda t: (t.due is None, t.due or TODAY, t.created)
        if field_name == "Priority":  # High first, as the dialog lists them
            return lambda t: (t.priority, t.created)
        if field_name == "Title":
            return lambda t: (t.title.casefold(), t.created)
        return lambda t: (t.created,)

    def shown(self, view: str, query: str = "", keep: set[int] = frozenset()) -> list[Task]:
        """The tasks a main screen shows: a search looks in the titles and notes of every list; otherwise the
        tasks of ``view`` (a list's name, All tasks, or Today: due today or earlier), open ones in the chosen
        order, then the completed ones (unless hidden; those with ids in ``keep`` show anyway) in the same
        order."""
        needle = query.strip().casefold()
        if needle:
            found = [t for t in self.tasks if needle in t.title.casefold() or needle in t.notes.casefold()]
        elif view == ALL_TASKS:
            found = list(self.tasks)
        elif view == TODAY_FILTER:
            found = [t for t in self.tasks if t.due is not None and t.due <= TODAY]
        else:
            chosen = self.list_named(view)
            found = [t for t in self.tasks if chosen is not None and t.list_id == chosen.id]
        if not self.show_completed and not needle:
            found = [t for t in found if not t.done or t.id in keep]
        ordered = sorted(found, key=self._sort_key(), reverse=self.sort_descending)
        return [t for t in ordered if not t.done] + [t for t in ordered if t.done]

    # ---------------------------------------------------------------- changes
    def new_task(self, list_id: int | None = None) -> Task:
        due = (None, TODAY, TODAY + timedelta(days=1))[self.default_due]
        return Task(0, "", list_id if list_id is not None else self.default_list_id(), due, self.default_priority)

    def add(self, draft: Task) -> Task:
        self.clock += 1
        task = replace(draft, id=max((t.id for t in self.tasks), default=0) + 1, created=self.clock)
        self.tasks.append(task)
        return task

    def duplicate(self, task: Task) -> Task:
        return self.add(replace(task, title=f"{task.title} (copy)", done=False))

    def delete(self, tasks: list[Task]) -> None:
        ids = {t.id for t in tasks}
        self.tasks = [t for t in self.tasks if t.id not in ids]

    def completed_in(self, view: str) -> list[Task]:
        """The completed tasks "Clear completed tasks" removes on a screen: those of the shown list, or of every
        list on All tasks and Today."""
        chosen = self.list_named(view)
        return [t for t in self.tasks if t.done and (chosen is None or t.list_id == chosen.id)]

    def name_problem(self, name: str, keep: TaskList | None = None) -> str | None:
        if not name:
            return "Enter a list name"
        if name.casefold() in (ALL_TASKS.casefold(), TODAY_FILTER.casefold()) or any(
                item.name.casefold() == name.casefold() and item is not keep for item in self.lists):
            return "A list with this name already exists"
        return None

    def add_list(self, name: str) -> TaskList:
        created = TaskList(max((item.id for item in self.lists), default=0) + 1, name)
        self.lists.append(created)
        return created

    def delete_list(self, doomed: TaskList) -> None:
        """Delete a list and its tasks (the app keeps at least one list)."""
        self.lists = [item for item in self.lists if item.id != doomed.id]
        self.tasks = [t for t in self.tasks if t.list_id != doomed.id]
        if self.default_list == doomed.id:
            self.default_list = self.lists[0].id
