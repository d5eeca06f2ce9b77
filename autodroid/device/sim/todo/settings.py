"""To-do settings (appearance, defaults for new tasks, behaviour) with checkboxes, a switch and radio dialogs, on
one screen; the FAQ for the About screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.chrome import checkbox_row, section_label, value_row
from autodroid.device.sim.pages import ChoiceDialog
from autodroid.device.sim.settings_page import SettingsScreen
from autodroid.device.sim.todo.data import DEFAULT_DUES, PRIORITIES, THEMES, WEEK_STARTS
from autodroid.device.sim.widgets import View, layout, switch

if TYPE_CHECKING:
    from autodroid.device.sim.todo import TodoApp


class SettingsPage(SettingsScreen):
    kind = "todo.settings"
    app: "TodoApp"

    def build(self) -> list[View | None]:
        """The scrolling rows, then the toolbar drawn over them (its layout declares the content first)."""
        coordinator = super().build()[0]
        coordinator.children.reverse()
        return [coordinator]

    def rows(self) -> list:
        """Every row fits on one screen."""
        data = self.app.data
        toggle, choose = self.toggle, self.choose
        return [
            section_label("Appearance", "settings_appearance_label"),
            value_row("Theme", THEMES[data.theme], choose("theme", "todo.theme_dialog", THEMES, "Theme"),
                      "settings_theme"),
            value_row("Start of the week", WEEK_STARTS[data.week_start],
                      choose("week_start", "todo.week_start_dialog", WEEK_STARTS, "Start of the week"),
                      "settings_start_of_week"),
            checkbox_row("Show notes in the task list", data.show_notes, toggle("show_notes"),
                         "settings_show_notes"),
            checkbox_row("Show completed tasks", data.show_completed, toggle("show_completed"),
                         "settings_show_completed"),
            section_label("New tasks", "settings_new_tasks_label"),
            value_row("Default list", data.list_name(data.default_list_id()), self._pick_default_list,
                      "settings_default_list"),
            value_row("Default priority", PRIORITIES[data.default_priority],
                      choose("default_priority", "todo.default_priority_dialog", PRIORITIES, "Default priority"),
                      "settings_default_priority"),
            value_row("Default due date", DEFAULT_DUES[data.default_due],
                      choose("default_due", "todo.default_due_dialog", DEFAULT_DUES, "Default due date"),
                      "settings_default_due_date"),
            section_label("Behaviour", "settings_behaviour_label"),
            (158, lambda rect: layout("RelativeLayout", rect, switch(
                "Confirm before deleting", rect.inset(42, 21), data.confirm_delete, toggle("confirm_delete"),
                rid="settings_confirm_delete"), rid="settings_confirm_delete_holder")),
            checkbox_row("Play a sound when a task is completed", data.completion_sound, toggle("completion_sound"),
                         "settings_completion_sound"),
        ]

    def _pick_default_list(self) -> None:
        data = self.app.data
        lists = list(data.lists)
        selected = next((i for i, item in enumerate(lists) if item.id == data.default_list_id()), -1)

        def apply(index: int) -> None:
            if 0 <= index < len(lists):
                data.default_list = lists[index].id
        self.app.push(ChoiceDialog(self.app, "todo.default_list_dialog", "Default list",
                                   [item.name for item in lists], selected, apply))


FAQ = (
    ("How do I add a task?", "Tap the plus button, type a name, pick a due date or a priority if you like, then "
                             "tap Save."),
    ("Where are my other lists?", "Open the navigation drawer with the button at the top left and pick a list."),
    ("How do I get rid of finished tasks?", "Open the menu and choose Hide completed tasks, or Clear completed "
                                            "tasks to delete them."),
    ("Can a deleted task be restored?", "No. Keep Confirm before deleting on in Settings to be asked first."),
)
