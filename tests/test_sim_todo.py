"""sim:todo driven through real flows with nodes found on the parsed screen."""

from __future__ import annotations

import pytest
from test_sim_device import assert_real_dump, find

from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device


@pytest.fixture
def device():
    with open_device("sim:todo") as device:
        yield device


def texts(device, rid):
    return [n.text for n in device.screen() if n.rid == rid]


def state(device):
    return snapshot(device, "todo")


def task(device, title):
    return next(t for t in state(device)["tasks"] if t["title"] == title)


def row(device, title):
    """The row of a task, scrolling the list down to it (from the top) when it is further down."""
    for _ in range(4):
        screen = device.screen()
        found = next((n for n in screen if n.rid == "task_row" and title in screen.subtree_text(n)), None)
        if found is not None:
            return found
        device.scroll(find(device, rid="tasks_list"), "down")
    raise AssertionError(f"no row {title!r}")


def all_titles(device):
    """Every title the task list shows, scrolling through it from the top."""
    listing = find(device, rid="tasks_list")
    for _ in range(4):
        device.scroll(listing, "up")
    seen: list[str] = []
    for _ in range(4):
        seen += [t for t in texts(device, "title") if t not in seen]
        device.scroll(find(device, rid="tasks_list"), "down")
    return seen


def checkbox_of(device, title):
    screen = device.screen()
    return next(n for n in screen.descendants(row(device, title)) if n.rid == "checkbox")


def open_menu_item(device, label):
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text=label))


def open_drawer_item(device, label):
    device.tap(find(device, desc="Open navigation drawer"))
    assert device.screen_kind() == "todo.drawer"
    device.tap(find(device, text=label))


def test_start_screen_lists_open_tasks_by_due_date_then_the_completed_ones(device):
    assert device.screen_kind() == "todo.tasks"
    assert_real_dump(device.xml())
    titles = texts(device, "title")
    assert titles[:4] == ["Water the plants", "Reply to Tom about the budget", "Fix the kitchen tap",
                          "Finish the quarterly report"]
    assert texts(device, "due_date")[:4] == ["Today", "Today", "Tomorrow", "Wed, Mar 6"]
    assert texts(device, "list_name")[:2] == ["Personal", "Work"]
    rows = [n for n in device.screen() if n.rid == "task_row"]
    assert rows[-1].bounds[3] <= find(device, rid="fab").bounds[1]  # no row under the + button
    device.scroll(find(device, rid="tasks_list"), "down")
    assert texts(device, "title")[-1] == "Coffee beans"  # completed tasks come last
    assert find(device, rid="checkbox", checked=True)


def test_new_task_with_pickers_and_save(device):
    device.tap(find(device, desc="New task"))
    assert device.screen_kind() == "todo.new_task"
    device.set_text(find(device, rid="task_title"), "Buy stamps")
    device.tap(find(device, rid="task_due_date_holder"))
    assert device.screen_kind() == "todo.due_date_sheet"
    assert_real_dump(device.xml())
    assert not find(device, rid="task_title").enabled  # the form above the sheet takes no input
    screen = device.screen()
    device.tap(next(n for n in screen if n.rid == "sheet_option" and screen.subtree_text(n) == ["Fri, Mar 8"]))
    assert device.screen_kind() == "todo.new_task" and find(device, rid="task_due_date").text == "Fri, Mar 8"
    device.tap(find(device, rid="task_priority_holder"))
    device.back()  # back closes the sheet unchanged
    assert device.screen_kind() == "todo.new_task" and find(device, rid="task_priority").text == "None"
    device.tap(find(device, desc="Save"))
    assert device.screen_kind() == "todo.tasks"
    assert task(device, "Buy stamps") == {"title": "Buy stamps", "list": "Personal", "done": False, "due": "Mar 8",
                                          "priority": "None", "notes": "", "reminder": "No reminder"}


def test_back_saves_an_edit_and_drops_a_nameless_new_task(device):
    device.tap(row(device, "Renew passport"))
    assert device.screen_kind() == "todo.edit_task"
    device.set_text(find(device, rid="task_notes"), "Photos done")
    device.back()
    assert device.screen_kind() == "todo.tasks" and task(device, "Renew passport")["notes"] == "Photos done"
    device.tap(find(device, desc="New task"))
    device.set_text(find(device, rid="task_notes"), "no name")
    device.tap(find(device, desc="Save"))
    assert find(device, rid="task_title_error").text == "Enter a task name"
    device.back()
    assert device.screen_kind() == "todo.tasks" and len(state(device)["tasks"]) == 15


def test_a_ticked_task_stays_in_view_while_completed_tasks_are_hidden(device):
    open_menu_item(device, "Hide completed tasks")
    assert state(device)["settings"]["show_completed"] is False
    assert "Coffee beans" not in all_titles(device)
    device.tap(checkbox_of(device, "Milk"))
    assert task(device, "Milk")["done"] is True and "Milk" in all_titles(device)
    open_menu_item(device, "Show completed tasks")
    open_menu_item(device, "Hide completed tasks")
    assert "Milk" not in all_titles(device) and len(all_titles(device)) == 10


def test_drawer_shows_a_list_or_today_and_new_tasks_go_to_the_shown_list(device):
    open_drawer_item(device, "Groceries")
    assert state(device)["screen"]["list"] == "Groceries"
    assert texts(device, "title") == ["Milk", "Eggs", "Bananas", "Coffee beans"] and not texts(device, "list_name")
    device.tap(find(device, desc="New task"))
    device.set_text(find(device, rid="task_title"), "Bread")
    device.tap(find(device, desc="Save"))
    assert task(device, "Bread")["list"] == "Groceries"
    open_drawer_item(device, "Today")
    assert texts(device, "title") == ["Water the plants", "Reply to Tom about the budget", "Return library books",
                                      "Submit the expense claim"]


def test_selection_mode_moves_duplicates_and_deletes(device):
    device.long_tap(row(device, "Eggs"))
    assert device.screen_kind() == "todo.selection"
    device.long_tap(row(device, "Bananas"))
    assert find(device, text="2 selected")
    device.tap(find(device, desc="Move to list"))
    assert device.screen_kind() == "todo.move_dialog"
    device.tap(find(device, text="Work"))
    assert device.screen_kind() == "todo.tasks"
    assert task(device, "Eggs")["list"] == task(device, "Bananas")["list"] == "Work"
    device.long_tap(row(device, "Milk"))
    device.tap(find(device, desc="Duplicate"))
    assert task(device, "Milk (copy)")["list"] == "Groceries"
    device.long_tap(row(device, "Milk (copy)"))
    device.tap(find(device, desc="Delete"))
    assert device.screen_kind() == "todo.delete_dialog"
    device.tap(find(device, text="Delete"))
    assert device.screen_kind() == "todo.tasks" and "Milk (copy)" not in [t["title"] for t in state(device)["tasks"]]


def test_deleting_without_confirmation_and_clearing_completed(device):
    device.tap(row(device, "Bananas"))
    device.tap(find(device, desc="Delete task"))
    assert device.screen_kind() == "todo.delete_dialog"
    device.back()
    device.back()
    open_menu_item(device, "Settings")
    device.tap(find(device, rid="settings_confirm_delete"))
    device.back()
    device.tap(row(device, "Bananas"))
    device.tap(find(device, desc="Delete task"))
    assert device.screen_kind() == "todo.tasks" and len(state(device)["tasks"]) == 14
    open_menu_item(device, "Clear completed tasks")
    assert not any(t["done"] for t in state(device)["tasks"]) and len(state(device)["tasks"]) == 10


def test_lists_new_rename_and_delete(device):
    open_drawer_item(device, "New list")
    assert device.screen_kind() == "todo.new_list_dialog"
    device.tap(find(device, text="OK"))
    assert find(device, rid="dialog_error").text == "Enter a list name"
    device.set_text(find(device, rid="list_name"), "work")
    device.tap(find(device, text="OK"))
    assert find(device, rid="dialog_error").text == "A list with this name already exists"
    device.set_text(find(device, rid="list_name"), "Holiday")
    device.tap(find(device, text="OK"))
    assert state(device)["lists"] == ["Personal", "Work", "Groceries", "Holiday"]
    assert state(device)["screen"]["list"] == "Holiday" and find(device, rid="empty_placeholder")
    open_drawer_item(device, "Manage lists")
    assert device.screen_kind() == "todo.manage_lists"
    assert texts(device, "list_task_count") == ["7 tasks", "4 tasks", "4 tasks", "0 tasks"]
    device.tap(find(device, text="Work"))
    assert device.screen_kind() == "todo.edit_list"
    device.set_text(find(device, rid="list_name_input"), "Office")
    device.tap(find(device, desc="Save"))
    assert state(device)["lists"] == ["Personal", "Office", "Groceries", "Holiday"]
    device.tap(find(device, text="Groceries"))
    device.tap(find(device, desc="Delete list"))
    assert device.screen_kind() == "todo.delete_list_dialog"
    device.tap(find(device, text="Delete"))
    assert device.screen_kind() == "todo.manage_lists"
    assert state(device)["lists"] == ["Personal", "Office", "Holiday"] and len(state(device)["tasks"]) == 11


def test_sort_search_and_settings(device):
    open_menu_item(device, "Sort by")
    device.tap(find(device, text="Title"))
    device.tap(find(device, text="Descending"))
    device.tap(find(device, text="OK"))
    assert state(device)["sort"] == {"field": "Title", "order": "Descending"}
    assert texts(device, "title")[0] == "Water the plants"
    device.tap(find(device, desc="Search"))
    device.set_text(find(device, rid="search_input"), "priya")
    assert device.screen_kind() == "todo.search" and texts(device, "title") == ["Finish the quarterly report"]
    device.back()
    open_menu_item(device, "Settings")
    assert device.screen_kind() == "todo.settings"
    assert_real_dump(device.xml())
    device.tap(find(device, rid="settings_theme_holder"))
    device.tap(find(device, text="Dark"))
    device.tap(find(device, text="OK"))
    device.tap(find(device, rid="settings_default_list_holder"))
    device.tap(find(device, text="Work"))
    device.tap(find(device, text="OK"))
    device.tap(find(device, rid="settings_show_notes"))
    settings = state(device)["settings"]
    assert settings["theme"] == "Dark" and settings["default_list"] == "Work" and settings["show_notes"] is True
    device.back()
    assert "Photos are in the desk drawer" in texts(device, "notes")
    device.tap(find(device, desc="New task"))
    assert find(device, rid="task_list").text == "Work"
