"""Typing a given value into an input that nothing carries out (a search box filters as it is typed: no Send
beside it, no OK/Save on its screen) ends the script once every value is used (``typed_ends``); a form's
input or a message's input does not (sim:contacts and sim:calendar docs, the real ones the bench uses).
The runtime leaves a form a restart resumed by stepping back."""

from __future__ import annotations

from autodroid.appdoc import load_doc, parse_doc
from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device
from autodroid.planner.planner import PlanConfig, Planner
from autodroid.runtime import run_on_device
from picking_model import PickingModel

CONTACTS = load_doc("contacts")
CALENDAR = load_doc("calendar")
SEARCH = 'search_screen__input.set_text("dental")'
TASK = 'search my contacts for "dental"'


def test_a_search_box_typed_with_the_tasks_value_ends_the_script():
    planner = Planner(None, CONTACTS)
    assert planner._typed_in_place(TASK, SEARCH, [SEARCH], [SEARCH])
    other = 'search_screen__input.set_text("Kate")'  # a text the task does not give
    assert not planner._typed_in_place(TASK, other, [other], [other])
    assert not Planner(None, CONTACTS, config=PlanConfig(typed_ends=False))._typed_in_place(TASK, SEARCH, [SEARCH],
                                                                                          [SEARCH])


def test_a_task_that_says_a_step_after_the_value_goes_on():
    planner = Planner(None, CONTACTS)
    for task in ('search my contacts for "dental" and call the first one', 'search for "dental", then open it'):
        assert not planner._typed_in_place(task, SEARCH, [SEARCH], [SEARCH]), task
    assert planner._typed_in_place('search for "dental" in my contacts', SEARCH, [SEARCH], [SEARCH])


def test_a_forms_input_does_not_end_the_script_before_its_save():
    title = 'edit_event_screen__title_input.set_text("Dentist")'
    assert not Planner(None, CALENDAR)._typed_in_place('add an event "Dentist"', title, [title], [title])


def test_another_value_still_to_type_keeps_the_script_going():
    task = 'search my contacts for "dental" and then for "Kate"'
    kate = 'search_screen__input.set_text("Kate")'
    assert not Planner(None, CONTACTS)._typed_in_place(task, SEARCH, [SEARCH, kate], [SEARCH])


def test_the_plan_stops_after_the_search_and_the_search_stays_open():
    wander = PickingModel(lambda line: line == SEARCH)  # after the search, it takes whatever comes first
    plan = Planner(wander, CONTACTS).plan(TASK)
    assert plan.script.splitlines() == [SEARCH]
    longer = Planner(PickingModel(lambda line: line == SEARCH), CONTACTS, config=PlanConfig(typed_ends=False)).plan(TASK)
    assert len(longer.script.splitlines()) > 1  # what the rule saves: lines that leave the search
    with open_device("sim:contacts") as device:
        report = run_on_device(plan.script + "\n", CONTACTS, device)
        assert report.ok, report.error_text
        assert snapshot(device, "contacts")["search"] == {"open": True, "query": "dental"}


def test_a_form_a_restart_resumed_is_left_by_back():
    script = 'main_screen__event_item_holder_button.tap()\nsearch_screen__query_input.set_text("birthday")\n'
    with open_device("sim:calendar") as device:
        report = run_on_device(script, CALENDAR, device)
        assert report.ok, report.error_text
        steps = [(a.role, a.action) for a in report.actions]
        assert ("restart", "app_start") in steps  # the app came back on the event it had open
        assert steps[steps.index(("restart", "app_start")) + 1] == ("navigation", "back")
        assert snapshot(device, "calendar")["search"]["query"] == "birthday"


def test_back_that_goes_round_a_save_changes_dialog_ends_in_a_clear_error():
    with open_device("sim:calendar") as device:
        device.tap(next(n for n in device.screen() if n.desc == "New event"))
        title = next(n for n in device.screen() if n.resource_id.endswith("title"))
        device.set_text(title, "Typed by hand")  # not the script's text: no unsaved-edit guard applies
        report = run_on_device('search_screen__query_input.set_text("birthday")\n', CALENDAR, device)
        assert not report.ok and "no known way" in report.error_text
        steps = [(a.role, a.action) for a in report.actions]
        assert steps == [("restart", "app_start"), ("navigation", "back"), ("navigation", "back")]  # then it stops
        assert [a.screen_after for a in report.actions][1:] == ["navigate_up_dialog", "new_event_screen"]
        assert not any(e["title"] == "Typed by hand" for e in snapshot(device, "calendar")["events"])


FILES = parse_doc("""\
schema: 1
app: recorder
package: org.recorder
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      search_input: {type: input, description: Search, selectors: [{resource_id: search}]}
      recordings_list: {type: list, description: recordings, options: [test1.m4a, test2.m4a], selectors: [{resource_id: list}]}
      resize_button: {type: button, description: Resize, selectors: [{text: Resize}], leads_to: resize_dialog}
  resize_dialog:
    description: dialog opened by 'Resize'
    elements:
      width_input: {type: input, description: Width, selectors: [{resource_id: width}]}
      cancel_button: {type: button, description: Cancel, selectors: [{text: Cancel}], leads_to: main_screen}
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: overwrite_dialog}
  overwrite_dialog:
    description: dialog opened by 'OK'
    elements:
      yes_button: {type: button, description: 'Yes', selectors: [{text: 'Yes'}], leads_to: main_screen}
navigation:
- {from: main_screen, action: tap, element: main_screen__resize_button, to: resize_dialog}
- {from: resize_dialog, action: tap, element: resize_dialog__ok_button, to: overwrite_dialog}
""")


def test_a_row_named_by_the_typed_text_is_still_to_pick():
    planner = Planner(None, FILES)
    task = "find 'test1.m4a' in my recordings"
    typed, row = 'main_screen__search_input.set_text("test1.m4a")', 'main_screen__recordings_list.select("test1.m4a")'
    assert not planner._typed_in_place(task, typed, [typed, row], [typed])
    assert planner._typed_in_place(task, typed, [typed, row], [row, typed])  # picked before: nothing left


def test_an_ok_that_leads_on_to_another_dialog_still_carries_the_text_out():
    typed = 'resize_dialog__width_input.set_text("1000")'
    assert not Planner(None, FILES)._typed_in_place("resize the width to 1000", typed, [typed], [typed])
