"""The taps on one screen that the task names by their whole label are offered in the order the task names
them ("sort by title in descending order": Title, then Descending); taps on other screens, and taps the task
does not name, keep their places."""

from __future__ import annotations

from autodroid.appdoc import load_doc, parse_doc
from autodroid.planner.planner import PlanConfig, Planner
from picking_model import PickingModel

DOC = """\
schema: 1
app: files
package: org.files
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      sort_button: {type: button, description: Sort by, selectors: [{resource_id: sort}], leads_to: sort_dialog}
      title_text: {type: text, description: Files, selectors: [{resource_id: toolbar_title}]}
  sort_dialog:
    description: dialog opened by 'Sort by'
    elements:
      name_checkbox: {type: checkbox, description: Name, selectors: [{resource_id: by_name}], one_of: field}
      size_checkbox: {type: checkbox, description: Size, selectors: [{resource_id: by_size}], one_of: field}
      ascending_checkbox: {type: checkbox, description: Ascending, selectors: [{resource_id: up}], one_of: order}
      descending_checkbox: {type: checkbox, description: Descending, selectors: [{resource_id: down}], one_of: order}
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: main_screen}
navigation:
- {from: main_screen, action: tap, element: main_screen__sort_button, to: sort_dialog}
"""
NAME, DESCENDING = "sort_dialog__name_checkbox.tap()", "sort_dialog__descending_checkbox.tap()"
SIZE, OK = "sort_dialog__size_checkbox.tap()", "sort_dialog__ok_button.tap()"


def test_named_taps_of_one_screen_follow_the_task_s_order_in_their_own_places():
    planner = Planner(model=None, doc=parse_doc(DOC))
    lines = [DESCENDING, SIZE, NAME, OK]
    assert planner._in_task_order("sort the files by name in descending order", lines) == [NAME, SIZE, DESCENDING, OK]
    assert planner._in_task_order("in descending order, sort by name", lines) == lines
    assert planner._in_task_order("sort by size", lines) == lines  # one named tap: nothing to order
    off = Planner(model=None, doc=parse_doc(DOC), config=PlanConfig(task_order=False))
    assert off._in_task_order("sort the files by name in descending order", lines) == lines


def test_the_stopwatch_is_started_before_its_lap_in_the_shipped_clock_doc():
    planner = Planner(model=None, doc=load_doc("clock"))
    task = "start the stopwatch and record a lap"
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    start, lap = "stopwatch_screen__play_pause_button.tap()", "stopwatch_screen__lap_button.tap()"
    assert lines.index(start) < lines.index(lap), lines
    # "my week starts on Sunday" names the stopwatch's Start too, but no other tap of its screen: no reordering
    week = "my week starts on Sunday, please change that in the clock settings"
    ranked = [c.name for c in planner.candidates(week)]
    unordered = Planner(model=None, doc=load_doc("clock"), config=PlanConfig(task_order=False))
    assert planner.choices(week, ranked) == unordered.choices(week, ranked)


def test_a_widgets_other_state_is_not_tapped_after_it_unless_the_task_says_so():
    # the stopwatch's Start and Pause are one button (stopwatch_play_pause) seen in two states
    start, pause = "stopwatch_screen__play_pause_button.tap()", "stopwatch_screen__play_pause_button_2.tap()"
    model = PickingModel(lambda line: line == (pause if model.offered[1:] else start))  # Start, then Pause if offered
    plan = Planner(model, load_doc("clock")).plan("start the stopwatch and record a lap")
    assert plan.script.splitlines()[0] == start and pause not in plan.script.splitlines()
    assert all(pause not in offered for offered in model.offered[1:])
    assert "stopwatch_screen__lap_button.tap()" in model.offered[1]
    said = Planner(PickingModel(lambda line: "play_pause_button_2" in line), load_doc("clock"))
    assert "stopwatch_screen__play_pause_button_2.tap()" in said.plan(
        "start the stopwatch, then pause it").script.splitlines()
