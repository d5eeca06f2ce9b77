"""``sim:todo``: a to-do app (modelled on Tasks.org) with three lists of tasks: a task list screen (a checkbox
per row, search, a menu to sort and to hide or clear completed tasks), a selection mode a long press starts (move
to list, duplicate, delete, select all), a navigation drawer (All tasks, Today, the lists, New list, Manage
lists), a task screen (name, notes, due date, priority, list and reminder pickers as bottom sheets, completed,
save, delete), the lists screens (manage lists, edit list: rename, delete), settings with radio dialogs and a
switch, About and FAQ. Every deletion asks first while "Confirm before deleting" is on."""

from __future__ import annotations

from autodroid.device.sim.about import AboutPage
from autodroid.device.sim.app import Page, SimApp
from autodroid.device.sim.pages import ConfirmDialog
from autodroid.device.sim.todo import main as screens
from autodroid.device.sim.todo.data import Task, TaskList, TodoData
from autodroid.device.sim.todo.editor import TaskPage
from autodroid.device.sim.todo.main import DrawerPage, EditListPage, MainPage, ManageListsPage
from autodroid.device.sim.todo.settings import FAQ, SettingsPage


class TodoApp(SimApp):
    name = "todo"
    package = "org.autodroid.todo"
    label = "Tasks"

    def seed(self) -> None:
        self.data = TodoData.seeded()

    def root_page(self) -> Page:
        return MainPage(self)

    @property
    def main(self) -> MainPage:
        """The task list, always at the bottom of the back stack."""
        return self.stack[0]  # type: ignore[return-value]

    # ---------------------------------------------------------------- tasks
    def new_task(self, list_id: int | None) -> None:
        self.push(TaskPage(self, None, list_id))

    def open_task(self, task: Task) -> None:
        self.push(TaskPage(self, task))

    def request_delete(self, tasks: list[Task]) -> None:
        what = f"the task \u201c{tasks[0].title}\u201d" if len(tasks) == 1 else f"{len(tasks)} tasks"
        self._confirm("todo.delete_dialog", f"Delete {what}?", lambda: self._delete(tasks))

    def request_clear_completed(self, view: str) -> None:
        done = self.data.completed_in(view)
        if not done:
            return
        what = "1 completed task" if len(done) == 1 else f"{len(done)} completed tasks"
        self._confirm("todo.clear_completed_dialog", f"Delete {what}?", lambda: self._delete(done))

    def _delete(self, tasks: list[Task]) -> None:
        self.data.delete(tasks)
        self.pop_to(MainPage)
        self.main.end_selection()

    def _confirm(self, kind: str, message: str, action) -> None:
        if self.data.confirm_delete:
            self.push(ConfirmDialog(self, kind, message, "Delete", action))
        else:
            action()

    # ---------------------------------------------------------------- lists
    def open_drawer(self) -> None:
        self.push(DrawerPage(self, self.main))

    def new_list(self) -> None:
        def create(name: str) -> None:
            created = self.data.add_list(name)
            if any(isinstance(page, ManageListsPage) for page in self.stack):
                self.pop_to(ManageListsPage)
                return
            self.pop_to(MainPage)  # from the drawer: it closes on the new, empty list
            self.main.show(created.id, created.name)
        self.push(screens.list_name_dialog(self, "todo.new_list_dialog", "New list", None, create))

    def manage_lists(self) -> None:
        self.pop_to(MainPage)  # from the drawer, which closes
        self.push(ManageListsPage(self))

    def edit_list(self, task_list: TaskList) -> None:
        self.push(EditListPage(self, task_list))

    def request_delete_list(self, task_list: TaskList) -> None:
        count = sum(1 for t in self.data.tasks if t.list_id == task_list.id)
        tasks = "its task" if count == 1 else f"its {count} tasks"
        self._confirm("todo.delete_list_dialog", f"Delete the list \u201c{task_list.name}\u201d and {tasks}?",
                      lambda: self._delete_list(task_list))

    def _delete_list(self, task_list: TaskList) -> None:
        self.data.delete_list(task_list)
        self.pop_to(ManageListsPage)

    # ---------------------------------------------------------------- other screens
    def open_settings(self) -> None:
        self.push(SettingsPage(self))

    def open_about(self) -> None:
        self.push(AboutPage(self, FAQ))
