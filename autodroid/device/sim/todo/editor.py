"""The task screen: a new task (from the + button) or an existing one (tapping a row): title, notes, due date,
priority, list and reminder pickers, a Completed checkbox for an existing task, Save, and Delete. A picker is a
modal bottom sheet of chips drawn in the screen (the whole form shows above it, disabled, under a scrim that
takes no input): tapping a chip sets it and closes the sheet, back closes it unchanged. Back (or up) saves the
changes, as Save does; changes that cannot be saved (no task name) are dropped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import (
    BODY, CONTENT, OPTION_HEIGHT, RECYCLER, VIEW_GROUP, WIDTH, Action, ScrollState, checkbox_row, scroll_list,
    toolbar, value_row,
)
from autodroid.device.sim.todo.data import PRIORITIES, REMINDERS, Task, due_choice_label, due_choices
from autodroid.device.sim.widgets import Rect, View, edit_text, layout, text_view, walk

if TYPE_CHECKING:
    from autodroid.device.sim.todo import TodoApp


CHIPS_PER_ROW = 3


@dataclass
class Sheet:
    """An open picker: its page kind, title, options (rows, the current one selected; -1: none) and what choosing
    does."""

    kind: str
    title: str
    options: Sequence[str]
    selected: int
    choose: Callable[[int], None]

    def build(self, on_choose: Callable[[int], None]) -> View:
        """A title over the options as chips, three to a row, the chosen one selected."""
        rows = -(-len(self.options) // CHIPS_PER_ROW)
        height = OPTION_HEIGHT * (rows + 1) + 42
        box = Rect(0, BODY.bottom - height, WIDTH, BODY.bottom)
        grid = Rect(0, box.top + OPTION_HEIGHT, WIDTH, box.bottom - 42)
        width = (WIDTH - 42) // CHIPS_PER_ROW
        chips = []
        for i, option in enumerate(self.options):
            row, column = divmod(i, CHIPS_PER_ROW)
            cell = Rect(21 + column * width, grid.top + row * OPTION_HEIGHT, 21 + (column + 1) * width,
                        grid.top + (row + 1) * OPTION_HEIGHT)
            chips.append(layout("FrameLayout", cell.inset(21, 21),
                                text_view(option, cell.inset(42, 42), rid="sheet_option_text"),
                                rid="sheet_option", clickable=True, focusable=True, selected=i == self.selected,
                                on_tap=lambda i=i: on_choose(i)))
        return layout("FrameLayout", box, layout(
            "LinearLayout", box,
            text_view(self.title, Rect(63, box.top + 42, WIDTH - 63, box.top + OPTION_HEIGHT - 21), rid="sheet_title"),
            layout(RECYCLER, grid, *chips, rid="sheet_options")),
            rid="design_bottom_sheet")


class TaskPage(Page):
    """Edits a draft; Save stores it (a new task is added) and closes the screen."""

    app: "TodoApp"

    def __init__(self, app: "TodoApp", task: Task | None, list_id: int | None = None):
        super().__init__(app)
        self.task = task
        self.blank = app.data.new_task(list_id)
        self.draft = task.copy() if task else self.blank.copy()
        self.error = ""
        self.scroll = ScrollState()
        self.sheet: Sheet | None = None
        self.focus = "task_title" if task is None else ""

    @property
    def kind(self) -> str:  # type: ignore[override]
        if self.sheet is not None:
            return self.sheet.kind
        return "todo.new_task" if self.task is None else "todo.edit_task"

    @property
    def dirty(self) -> bool:
        return self.draft != (self.task if self.task else self.blank)

    def build(self) -> list[View | None]:
        data, draft = self.app.data, self.draft
        actions = [Action("Save", "save_task", self._save)]
        if self.task is not None:
            actions.insert(0, Action("Delete task", "delete_task", self._delete))
        bar = toolbar("New task" if self.task is None else "Edit task", rid="task_toolbar", up=self._up,
                      actions=actions)

        def text_field(text: str, store, rid: str, hint: str, height: int = 168):
            return height, lambda rect: edit_text(text, rect.inset(63, 10), store, rid=rid, hint=hint)

        items = [text_field(draft.title, self._set("title"), "task_title", "Task name")]
        if self.error:
            items.append((70, lambda rect: text_view(self.error, rect.inset(63, 0), rid="task_title_error")))
        items += [
            text_field(draft.notes, self._set("notes"), "task_notes", "Notes"),
            value_row("Due date", due_choice_label(draft.due), self._pick_due, "task_due_date"),
            value_row("Priority", PRIORITIES[draft.priority], self._pick_priority, "task_priority"),
            value_row("List", data.list_name(draft.list_id), self._pick_list, "task_list"),
            value_row("Reminder", REMINDERS[draft.reminder], self._pick_reminder, "task_reminder"),
        ]
        if self.task is not None:
            items.append(checkbox_row("Completed", draft.done, self._toggle_done, "task_completed"))
        if self.sheet is None:
            body = scroll_list("android.widget.ScrollView", "task_scrollview", BODY, items, self.scroll,
                               holder_rid="task_holder")
            return [layout(VIEW_GROUP, CONTENT, bar, body, rid="task_coordinator")]
        # A modal sheet: the form shows above it, disabled under a scrim that takes no input (back closes the sheet).
        sheet = self.sheet.build(self._choose)
        body = scroll_list("android.widget.ScrollView", "task_scrollview", BODY._replace(bottom=sheet.rect.top),
                           items, self.scroll, holder_rid="task_holder")
        for view, _ in walk(layout(VIEW_GROUP, CONTENT, bar, body)):
            view.clickable = view.focusable = view.long_clickable = view.scrollable = view.enabled = False
            view.on_tap = view.on_long_tap = view.on_text = view.on_scroll = None
        return [layout(VIEW_GROUP, CONTENT, bar, body, sheet, rid="task_coordinator")]

    # ---------------------------------------------------------------- editing the draft
    def _set(self, name: str):
        def store(text: str) -> None:
            setattr(self.draft, name, text)
            self.error = ""
        return store

    def _toggle_done(self) -> None:
        self.draft.done = not self.draft.done

    def _open(self, sheet: Sheet) -> None:
        self.sheet, self.focus = sheet, ""
        self.scroll.offset = 0  # the form is shown from the top above the sheet, and after it

    def _choose(self, index: int) -> None:
        sheet, self.sheet = self.sheet, None
        if sheet is not None and 0 <= index < len(sheet.options):
            sheet.choose(index)

    def _pick_due(self) -> None:
        days = due_choices()

        def apply(index: int) -> None:
            self.draft.due = days[index]
        self._open(Sheet("todo.due_date_sheet", "Due date", [due_choice_label(day) for day in days],
                         days.index(self.draft.due) if self.draft.due in days else -1, apply))

    def _pick_priority(self) -> None:
        self._open(Sheet("todo.priority_sheet", "Priority", PRIORITIES, self.draft.priority,
                         lambda i: setattr(self.draft, "priority", i)))

    def _pick_list(self) -> None:
        lists = list(self.app.data.lists)

        def apply(index: int) -> None:
            self.draft.list_id = lists[index].id
        self._open(Sheet("todo.list_sheet", "List", [item.name for item in lists],
                         next((i for i, item in enumerate(lists) if item.id == self.draft.list_id), -1), apply))

    def _pick_reminder(self) -> None:
        self._open(Sheet("todo.reminder_sheet", "Reminder", REMINDERS, self.draft.reminder,
                         lambda i: setattr(self.draft, "reminder", i)))

    # ---------------------------------------------------------------- saving, leaving, deleting
    def save(self) -> bool:
        self.draft.title = " ".join(self.draft.title.split())
        if not self.draft.title:
            self.error = "Enter a task name"
            return False
        if self.task is None:
            self.app.data.add(self.draft)
        elif self.dirty:
            vars(self.task).update(vars(self.draft))
        self.close()
        return True

    def _save(self) -> None:
        self.save()

    def _delete(self) -> None:
        self.app.request_delete([self.task])

    def _up(self) -> None:
        if not self.on_back():
            self.close()

    def on_back(self) -> bool:
        if self.sheet is not None:
            self.sheet = None
            return True
        if not self.dirty:
            return False
        if not self.save():
            self.close()  # no name to save it under: the changes are dropped, as nothing can be kept
        return True
