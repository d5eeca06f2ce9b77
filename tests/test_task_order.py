"""The taps on one screen that the task names by their whole label are offered in the order the task names
them ("sort by title in descending order": Title, then Descending); taps on other screens, and taps the task
does not name, keep their places."""

from __future__ import annotations

from autodroid.appdoc import load_doc, parse_doc
from autodroid.planner.order import clauses, in_clause_order
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


PEOPLE_DOC = """\
schema: 1
app: people
package: org.people
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      people_list: {type: list, description: people, selectors: [{resource_id: people}], options: [Dan Park, Ann Lee],
                    leads_to: person_screen}
  person_screen:
    description: screen titled 'Person'
    elements:
      call_button: {type: button, description: Call, selectors: [{resource_id: call}]}
      save_button: {type: button, description: Save, selectors: [{text: Save}], leads_to: main_screen}
      details_button: {type: button, description: Details, selectors: [{resource_id: more}], leads_to: details_screen}
  details_screen:
    description: screen titled 'Details'
    elements:
      favorite_checkbox: {type: checkbox, description: Favorite, selectors: [{resource_id: star}]}
navigation:
- {from: main_screen, action: select, element: main_screen__people_list, option: Dan Park, to: person_screen}
- {from: person_screen, action: tap, element: person_screen__details_button, to: details_screen}
"""
CALL, DAN = "person_screen__call_button.tap()", 'main_screen__people_list.select("Dan Park")'
FAVORITE, SAVE = "details_screen__favorite_checkbox.tap()", "person_screen__save_button.tap()"


def test_the_lines_each_clause_names_are_offered_clause_by_clause_in_their_own_places():
    doc = parse_doc(PEOPLE_DOC)
    lines = [CALL, SAVE, DAN, FAVORITE]
    assert in_clause_order(doc, "make Dan Park a favorite and then call him", lines) == [DAN, FAVORITE, CALL, SAVE]
    assert in_clause_order(doc, "call Dan Park, then make him a favorite", lines) == lines  # already in order
    assert in_clause_order(doc, "make him a favorite, then call Dan Park", lines) == [FAVORITE, CALL, SAVE, DAN]
    assert in_clause_order(doc, "make Dan Park a favorite to call", lines) == lines  # one clause
    # a word two clauses say names neither: "call" here; a Save ends a form whichever clause says it
    assert in_clause_order(doc, "call and save Dan Park, then call", lines) == lines
    planner = Planner(model=None, doc=doc)
    every = list(doc.elements)  # as if ranked in the doc's order: the Call first
    task = "make Dan Park a favorite and then call him"
    offered = planner.choices(task, every)
    assert offered.index(FAVORITE) < offered.index(CALL), offered
    off = Planner(model=None, doc=doc, config=PlanConfig(clause_order=False)).choices(task, every)
    assert off.index(FAVORITE) > off.index(CALL) and set(off) == set(offered), off


def test_clauses_split_at_steps_not_inside_quotes_or_lists_of_things():
    assert clauses("pin Grace's chat and text her 'on my way, see you'") == [
        ({"pin", "grac", "s", "chat"}, []), ({"text", "her"}, ["on my way, see you"])]
    assert len(clauses("save a note with the title 'A' and the text 'B, C'")) == 1
    assert len(clauses("turn on delivery reports and the character counter, and make the font small")) == 2
    assert len(clauses("put Grandpa in my contacts, 555-0102")) == 1
    assert len(clauses("add 'Lunch' on Friday, then switch to the week view")) == 2


def test_each_clause_after_the_first_asks_for_one_more_line():
    doc = load_doc("calendar")
    task = 'add "Team lunch" on Friday at noon, then switch to the week view'
    planner = Planner(model=None, doc=doc, config=PlanConfig(clause_lines=True))  # measured off by default
    choices = planner.choices(task, [c.name for c in planner.candidates(task)])
    single = Planner(model=None, doc=doc)
    assert planner.script_lines(task, choices) == single.script_lines(task, choices) + 1
    one = 'add "Team lunch" on Friday at noon'
    assert planner.script_lines(one, choices) == single.script_lines(one, choices)
