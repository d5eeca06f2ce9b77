"""The task list (the app's start screen): the tasks of the chosen list or filter with a checkbox per row, live
search, the overflow menu (sort, hide or clear completed tasks), the selection mode a long press starts (move to
list, duplicate, delete, select all), the navigation drawer that picks what is shown, and the lists screens (manage
lists, edit list: rename, delete)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import (
    BODY, CONTENT, FAB_SIZE, MARGIN, NAV_TOP, OPTION_HEIGHT, RECYCLER, VIEW_GROUP, Action, DialogButton, ScrollState,
    dialog_box, fab, scroll_list, section_label, toolbar,
)
from autodroid.device.sim.pages import MenuPopup, SearchablePage, SortDialog, TextInputDialog
from autodroid.device.sim.todo.data import (
    ALL_TASKS, SORT_FIELDS, SORT_ORDERS, TODAY_FILTER, Task, TaskList, due_label,
)
from autodroid.device.sim.widgets import Rect, View, checkbox, edit_text, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.todo import TodoApp

ROW, NOTES_ROW = 189, 245
LIST_WITH_FAB = BODY._replace(bottom=NAV_TOP - MARGIN - FAB_SIZE - 21)  # no row hides under the button
DRAWER = Rect(0, CONTENT.top, 840, CONTENT.bottom)


class MainPage(SearchablePage):
    app: "TodoApp"
    search_hint = "Search tasks"

    def __init__(self, app: "TodoApp"):
        super().__init__(app)
        self.scroll = ScrollState()
        self.list_id: int | None = None  # the list shown, or None for a filter
        self.filter = ALL_TASKS
        self.selected: list[int] = []  # ids of the tasks picked in selection mode (a long press starts it)
        # Tasks ticked here while completed tasks are hidden stay in the list (ticked) until another list is shown
        # or the hide setting changes, as in the real app, where a ticked row fades out only later.
        self.kept: set[int] = set()

    @property
    def kind(self) -> str:  # type: ignore[override]
        if self.selected:
            return "todo.selection"
        return "todo.search" if self.searching else "todo.tasks"

    # ---------------------------------------------------------------- what is shown
    def shown_list(self) -> TaskList | None:
        if self.list_id is None:
            return None
        found = self.app.data.list_by_id(self.list_id)
        if found is None:  # the shown list was deleted
            self.list_id, self.filter = None, ALL_TASKS
        return found

    def view_name(self) -> str:
        """The title of the screen: the shown list's name, else the filter's."""
        shown = self.shown_list()
        return shown.name if shown else self.filter

    def show(self, list_id: int | None, name: str = ALL_TASKS) -> None:
        self.list_id, self.filter = list_id, name
        self.selected, self.kept = [], set()
        self.scroll.offset = 0

    def chosen(self) -> list[Task]:
        return [t for t in self.app.data.tasks if t.id in self.selected]

    def build(self) -> list[View | None]:
        data = self.app.data
        self.selected = [i for i in self.selected if any(t.id == i for t in data.tasks)]
        if self.selected:
            bar = self._selection_bar()
        elif self.searching:
            bar = self.search_bar()
        else:
            bar = toolbar(self.view_name(), up=self.app.open_drawer, overflow=self._menu,
                          actions=[Action("Search", "search", self._start_search)])
            bar.children[0].desc = "Open navigation drawer"  # the drawer button sits where an up arrow would
        tasks = data.shown(self.view_name(), self.query, self.kept)
        if tasks:
            height = NOTES_ROW if data.show_notes else ROW
            area = BODY if self.searching or self.selected else LIST_WITH_FAB
            body = scroll_list(RECYCLER, "tasks_list", area, [(height, self._row(t)) for t in tasks], self.scroll)
        elif self.searching:
            empty = f"No tasks match \u201c{self.query}\u201d" if self.query.strip() else "Type to search your tasks"
            body = text_view(empty, BODY.inset(63).band(400, 84), rid="search_placeholder")
        else:
            body = text_view("Nothing to do here. Tap + to add a task", BODY.inset(63).band(400, 84),
                             rid="empty_placeholder")
        new = None if self.searching or self.selected else fab("New task", "fab", self._new_task)
        return [layout(VIEW_GROUP, CONTENT, bar, body, new, rid="main_coordinator")]

    def _row(self, task: Task):
        """One row; every row has the same views (a due date, list name or note it lacks shows empty), as a list
        adapter's rows do."""
        data = self.app.data
        with_list = self.shown_list() is None  # All tasks, Today and search results name each task's list

        def build(rect: Rect) -> View:
            left, right = rect.left + 168, rect.right - 42
            views: list[View | None] = [
                checkbox("", Rect(rect.left + 42, rect.top + 42, rect.left + 147, rect.top + 147), task.done,
                         lambda: self._tick(task), rid="checkbox"),
                text_view(task.title, Rect(left, rect.top + 30, right, rect.top + 100), rid="title"),
                text_view(due_label(task.due), Rect(left, rect.top + 108, left + 336, rect.top + 163),
                          rid="due_date"),
            ]
            if with_list:
                views.append(text_view(data.list_name(task.list_id), Rect(right - 336, rect.top + 108, right,
                                                                          rect.top + 163), rid="list_name"))
            if data.show_notes:
                views.append(text_view(task.notes, Rect(left, rect.top + 171, right, rect.top + 226), rid="notes"))
            searching = self.searching and not self.selected
            return layout("LinearLayout", rect, *views, rid="task_row", clickable=True, focusable=True,
                          long_clickable=not searching, selected=task.id in self.selected,
                          on_tap=lambda: self._tapped(task),
                          on_long_tap=None if searching else lambda: self._toggle(task))
        return build

    # ---------------------------------------------------------------- handlers
    def _tick(self, task: Task) -> None:
        task.done = not task.done
        if task.done:
            self.kept.add(task.id)

    def _tapped(self, task: Task) -> None:
        if self.selected:
            self._toggle(task)
        else:
            self.app.open_task(task)

    def _toggle(self, task: Task) -> None:
        if task.id in self.selected:
            self.selected.remove(task.id)
        else:
            self.selected.append(task.id)

    def _new_task(self) -> None:
        self.app.new_task(self.list_id)

    def _menu(self) -> None:
        data = self.app.data
        self.app.push(MenuPopup(self.app, "todo.main_menu", [
            ("Sort by", lambda: self.app.push(SortDialog(self.app, "todo.sort_dialog", SORT_FIELDS, SORT_ORDERS))),
            ("Hide completed tasks" if data.show_completed else "Show completed tasks", self._toggle_completed),
            ("Clear completed tasks", lambda: self.app.request_clear_completed(self.view_name())),
            ("Settings", self.app.open_settings),
            ("About", self.app.open_about),
        ]))

    def _toggle_completed(self) -> None:
        self.app.data.show_completed = not self.app.data.show_completed
        self.kept = set()

    # ---------------------------------------------------------------- selection mode
    def _selection_bar(self) -> View:
        return toolbar(f"{len(self.selected)} selected", up=self.end_selection, actions=[
            Action("Move to list", "cab_move", self._move),
            Action("Duplicate", "cab_duplicate", self._duplicate),
            Action("Delete", "cab_delete", lambda: self.app.request_delete(self.chosen())),
            Action("Select all", "cab_select_all", self._select_all),
        ])

    def end_selection(self) -> None:
        self.selected = []

    def on_back(self) -> bool:
        if self.selected:
            self.end_selection()
            return True
        return super().on_back()

    def _select_all(self) -> None:
        self.selected = [t.id for t in self.app.data.shown(self.view_name(), self.query, self.kept)]

    def _duplicate(self) -> None:
        for task in self.chosen():
            self.app.data.duplicate(task)
        self.end_selection()

    def _move(self) -> None:
        chosen, lists = self.chosen(), list(self.app.data.lists)

        def apply(index: int) -> None:
            if 0 <= index < len(lists):
                for task in chosen:
                    task.list_id = lists[index].id
                self.end_selection()
        self.app.push(ListPickerDialog(self.app, "todo.move_dialog", "Move to list", [item.name for item in lists],
                                       apply))


class ListPickerDialog(Page):
    """An item list dialog (no radio buttons): tapping an item closes it and applies it; Cancel drops it."""

    overlay = True

    def __init__(self, app: "TodoApp", kind: str, title: str, items: list[str], on_pick):
        super().__init__(app)
        self.kind, self.title, self.items, self.on_pick = kind, title, items, on_pick

    def build(self) -> list[View | None]:
        def body(rect: Rect) -> list[View]:
            rows = [text_view(item, rect.band(OPTION_HEIGHT * i, OPTION_HEIGHT).inset(63, 0),
                              rid="android:id/text1", on_tap=lambda i=i: self._pick(i))
                    for i, item in enumerate(self.items)]
            return [layout("ListView", rect.band(0, OPTION_HEIGHT * len(self.items)), *rows,
                           rid="select_dialog_listview")]

        return [dialog_box(self.title, OPTION_HEIGHT * len(self.items) + 21, body,
                           [DialogButton("Cancel", self.close, "negative")])]

    def _pick(self, index: int) -> None:
        self.close()
        self.on_pick(index)


class DrawerPage(Page):
    """The navigation drawer: All tasks, Today, each list, New list and Manage lists; an item is a checked text
    view, as in a NavigationView."""

    kind = "todo.drawer"
    app: "TodoApp"

    def __init__(self, app: "TodoApp", main: MainPage):
        super().__init__(app)
        self.main = main
        self.scroll = ScrollState()

    def build(self) -> list[View | None]:
        data = self.app.data
        current = self.main.view_name()
        items = [
            self._item(ALL_TASKS, current == ALL_TASKS, lambda: self._show(None, ALL_TASKS)),
            self._item(TODAY_FILTER, current == TODAY_FILTER, lambda: self._show(None, TODAY_FILTER)),
            section_label("Lists", "drawer_lists_label"),
        ]
        for task_list in data.lists:
            items.append(self._item(task_list.name, current == task_list.name,
                                    lambda task_list=task_list: self._show(task_list.id, task_list.name)))
        items += [self._item("New list", False, self.app.new_list),
                  self._item("Manage lists", False, self.app.manage_lists)]
        header = Rect(DRAWER.left, DRAWER.top, DRAWER.right, DRAWER.top + 210)
        body = scroll_list(RECYCLER, "drawer_list", Rect(DRAWER.left, header.bottom, DRAWER.right, DRAWER.bottom),
                           items, self.scroll)
        view = layout("FrameLayout", DRAWER,
                      text_view(self.app.label, header.inset(63, 63), rid="drawer_header_title"), body,
                      rid="navigation_view")
        return [layout("androidx.drawerlayout.widget.DrawerLayout", CONTENT, view, rid="drawer_layout")]

    @staticmethod
    def _item(title: str, selected: bool, on_tap):
        def build(rect: Rect) -> View:
            item = text_view(title, rect, on_tap=on_tap)
            item.cls, item.checkable, item.checked = "android.widget.CheckedTextView", True, selected
            return item
        return 147, build

    def _show(self, list_id: int | None, name: str) -> None:
        self.close()
        self.main.show(list_id, name)


class ManageListsPage(Page):
    """Every list with its number of tasks; tapping one edits it, the + button makes a new one."""

    kind = "todo.manage_lists"
    app: "TodoApp"

    def __init__(self, app: "TodoApp"):
        super().__init__(app)
        self.scroll = ScrollState()

    def build(self) -> list[View | None]:
        data = self.app.data
        bar = toolbar("Manage lists", rid="manage_lists_toolbar", up=self.close)
        rows = [(168, self._row(item, sum(1 for t in data.tasks if t.list_id == item.id))) for item in data.lists]
        body = scroll_list(RECYCLER, "manage_lists_list", LIST_WITH_FAB, rows, self.scroll)
        new = fab("New list", "manage_lists_fab", self.app.new_list)
        return [layout(VIEW_GROUP, CONTENT, bar, body, new, rid="manage_lists_coordinator")]

    def _row(self, task_list: TaskList, count: int):
        def build(rect: Rect) -> View:
            return layout("RelativeLayout", rect,
                          text_view(task_list.name, Rect(rect.left + 63, rect.top + 21, rect.right - 63,
                                                         rect.top + 91), rid="list_title"),
                          text_view("1 task" if count == 1 else f"{count} tasks",
                                    Rect(rect.left + 63, rect.top + 94, rect.right - 63, rect.top + 147),
                                    rid="list_task_count"),
                          rid="list_holder", clickable=True, focusable=True,
                          on_tap=lambda: self.app.edit_list(task_list))
        return build


class EditListPage(Page):
    """A list's name (Save renames it) and Delete list; back leaves without saving."""

    kind = "todo.edit_list"
    app: "TodoApp"

    def __init__(self, app: "TodoApp", task_list: TaskList):
        super().__init__(app)
        self.task_list = task_list
        self.name = task_list.name
        self.error = ""

    def build(self) -> list[View | None]:
        actions = [Action("Save", "save_list", self._save)]
        if len(self.app.data.lists) > 1:  # the app keeps at least one list
            actions.insert(0, Action("Delete list", "delete_list", lambda: self.app.request_delete_list(
                self.task_list)))
        bar = toolbar("Edit list", rid="edit_list_toolbar", up=self.close, actions=actions)
        views: list[View | None] = [edit_text(self.name, Rect(63, BODY.top + 42, 1017, BODY.top + 189), self._type,
                                              rid="list_name_input", hint="List name")]
        if self.error:
            views.append(text_view(self.error, Rect(63, BODY.top + 200, 1017, BODY.top + 263), rid="list_name_error"))
        return [layout(VIEW_GROUP, CONTENT, bar, *views, rid="edit_list_coordinator")]

    def _type(self, text: str) -> None:
        self.name, self.error = text, ""

    def _save(self) -> None:
        name = " ".join(self.name.split())
        problem = self.app.data.name_problem(name, self.task_list)
        if problem:
            self.error = problem
            return
        self.task_list.name = name
        self.close()


def list_name_dialog(app: "TodoApp", kind: str, title: str, current: TaskList | None, on_name) -> TextInputDialog:
    """New list: a name that no other list (nor a filter) has."""
    def apply(text: str) -> str | None:
        name = " ".join(text.split())
        problem = app.data.name_problem(name, current)
        if problem:
            return problem
        on_name(name)
        return None
    return TextInputDialog(app, kind, title, current.name if current else "", apply, rid="list_name",
                           hint="List name")
