"""Slot filling: each value a task gives is offered for the inputs it most likely fills, over the whole app
(not only the lexically ranked elements), from cue words, the screen the task heads for and value shape."""

from __future__ import annotations

from autodroid.appdoc import parse_doc
from autodroid.planner.planner import PlanConfig, Planner
from autodroid.planner.retrieval import LexicalIndex
from autodroid.planner.slots import shape, slot_inputs, task_slots, time_fields, time_parts
from picking_model import PickingModel

FORM_DOC = parse_doc("""\
schema: 1
app: planner
package: org.planner
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      new_event_button: {type: button, description: New event, selectors: [{resource_id: new}], leads_to: details_screen}
      search_input: {type: input, description: Search, selectors: [{resource_id: search}]}
      resize_button: {type: button, description: Resize, selectors: [{resource_id: resize}], leads_to: resize_dialog}
  details_screen:
    description: screen opened by 'New event'
    elements:
      title_input: {type: input, description: Title, selectors: [{resource_id: title}]}
      location_input: {type: input, description: Location, selectors: [{resource_id: where}]}
      save_button: {type: button, description: Save, selectors: [{text: Save}], leads_to: main_screen}
  resize_dialog:
    description: dialog opened by 'Resize'
    elements:
      width_input: {type: input, description: '1280', selectors: [{resource_id: width}]}
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: main_screen}
navigation:
- {from: main_screen, action: tap, element: main_screen__new_event_button, to: details_screen}
- {from: main_screen, action: tap, element: main_screen__resize_button, to: resize_dialog}
""")


def best_inputs(task: str) -> list[tuple[str, str]]:
    index = LexicalIndex(FORM_DOC)
    filled = slot_inputs(FORM_DOC, task, index.scores(task), index.rank(task, 15))
    return [(slot.value, inputs[0]) for slot, inputs in filled]


def test_values_come_in_task_order_with_the_words_before_them():
    slots = task_slots("create an event, the title is 'laundry' at 'home'")
    assert [s.value for s in slots] == ["laundry", "home"]
    assert slots[0].cue[-1] == "titl"  # word stems
    assert [s.value for s in task_slots("search 'a' then 'a' again")] == ["a", "a"]
    assert [s.position for s in task_slots("type '12345', search '234'")] == [6, 22]
    assert task_slots("sort the notes") == []


def test_value_shapes():
    assert [shape(t) for t in ("1000", "125%", "7:30 am", "pic4.jpg", "Internal/DCIM/", "laundry list")] == \
        ["number", "number", "time", "file", "path", "words"]


def test_a_value_goes_to_the_input_its_cue_names_on_the_screen_the_task_heads_for():
    # "event" reaches the New event button only; the inputs behind it share no word with the task
    assert best_inputs("create a new event, the task is 'laundry'")[0] == ("laundry", "details_screen__title_input")
    assert best_inputs("new event at location 'home'")[0] == ("home", "details_screen__location_input")
    assert best_inputs("search for 'milk'")[0] == ("milk", "main_screen__search_input")


def test_a_number_goes_to_the_field_that_shows_a_number():
    assert best_inputs("resize the picture, width 1000")[0] == ("1000", "resize_dialog__width_input")


def test_planner_offers_slot_lines_first_and_every_input_of_the_app():
    planner = Planner(model=None, doc=FORM_DOC)
    task = "create a new event, the task is 'laundry'"
    ranked = [c.name for c in planner.candidates(task)]
    assert "details_screen__title_input" not in ranked  # lexical ranking alone never reaches it
    lines = planner.choices(task, ranked)
    assert lines[0] == 'details_screen__title_input.set_text("laundry")'
    off = Planner(model=None, doc=FORM_DOC, config=PlanConfig(slots=False)).choices(task, ranked)
    assert 'details_screen__title_input.set_text("laundry")' not in off


def test_a_form_the_script_typed_into_is_saved_before_any_line_elsewhere():
    model = PickingModel(prefer=lambda line: line.startswith("details_screen__title_input")
                         or line.startswith("main_screen"))  # types, then wanders to the main screen
    plan = Planner(model=model, doc=FORM_DOC).plan("create a new event, the task is 'laundry'")
    lines = plan.script.splitlines()
    assert lines[0] == 'details_screen__title_input.set_text("laundry")'
    after_typing = model.offered[1]
    assert after_typing and all(line.startswith("details_screen__") for line in after_typing)
    assert "details_screen__save_button.tap()" in lines
    assert not any(line.startswith("main_screen__") for line in lines[:lines.index("details_screen__save_button.tap()")])


def test_the_save_of_a_value_s_form_waits_until_the_value_is_typed():
    model = PickingModel(prefer=lambda line: "save_button" in line)  # would save the empty form at once
    plan = Planner(model=model, doc=FORM_DOC).plan("create a new event, the task is 'laundry'")
    assert "details_screen__save_button.tap()" not in model.offered[0]
    assert plan.script.splitlines()[-1] == "details_screen__save_button.tap()"
    assert 'details_screen__title_input.set_text("laundry")' in plan.script


def test_values_are_typed_before_the_script_runs_out_of_lines():
    model = PickingModel(prefer=lambda line: "set_text" not in line)  # never types if it can avoid it
    planner = Planner(model=model, doc=FORM_DOC, config=PlanConfig(line_budget=3, max_lines=3))
    plan = planner.plan("new event at location 'home', resize it")
    assert any('set_text("home")' in line for line in plan.script.splitlines())


TIME_DOC_TEXT = """\
schema: 1
app: alarms
package: org.alarms
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      new_alarm_button: {type: button, description: New alarm, selectors: [{resource_id: new}], leads_to: alarm_dialog}
  alarm_dialog:
    description: dialog opened by 'New alarm'
    elements:
      hour_input: {type: input, description: '11', selectors: [{resource_id: hour}]}
      minute_input: {type: input, description: '00', selectors: [{resource_id: minute}]}
      label_input: {type: input, description: Label, selectors: [{resource_id: label}]}
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: main_screen}
  timer_dialog:
    description: a picker whose fields have no names
    elements:
      first_input: {type: input, description: '05', selectors: [{resource_id: a}]}
      second_input: {type: input, description: '00', selectors: [{resource_id: b}]}
navigation:
- {from: main_screen, action: tap, element: main_screen__new_alarm_button, to: alarm_dialog}
"""
TIME_DOC = parse_doc(TIME_DOC_TEXT)


def test_a_time_is_offered_in_parts_for_the_pickers_hour_and_minute_fields():
    assert time_parts("6:45") == ("6", "45") and time_parts("7:30 pm") == ("7", "30") and time_parts("645") is None
    assert time_fields(TIME_DOC) == [("alarm_dialog__hour_input", "alarm_dialog__minute_input"),
                                     ("timer_dialog__first_input", "timer_dialog__second_input")]
    planner = Planner(model=None, doc=TIME_DOC)
    task = "set a new alarm for 6:45"
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert lines[:2] == ['alarm_dialog__hour_input.set_text("6")', 'alarm_dialog__minute_input.set_text("45")']
    assert 'alarm_dialog__hour_input.set_text("6:45")' not in lines
    assert planner.script_lines(task, lines) >= 4  # hour, minute, the action, the confirm
    # typed in parts, the time counts as given: the script may end
    assert planner._unfilled(task, lines, lines[:2]) == []



def test_a_time_the_app_shows_picks_its_row_before_it_is_offered_for_a_picker():
    """"the '7:00 am' alarm" names a row the app shows: select it first; the picker lines stay, offered last."""
    shown = parse_doc(TIME_DOC_TEXT.replace(
        "      new_alarm_button:",
        "      alarms_list: {type: list, description: alarms, selectors: [{resource_id: alarms}], "
        "options: [7:00 am, 8:30 am]}\n      new_alarm_button:"))
    task = "turn on vibration for the '7:00 am' alarm"
    planner = Planner(model=None, doc=shown)
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert lines[0] == 'main_screen__alarms_list.select("7:00 am")'
    picker = ['alarm_dialog__hour_input.set_text("7")', 'alarm_dialog__minute_input.set_text("00")']
    assert set(picker) <= set(lines) and lines.index(picker[0]) > 0
    old = Planner(model=None, doc=shown, config=PlanConfig(shown_times_last=False))
    assert old.choices(task, [c.name for c in old.candidates(task)])[:2] == picker

RENAME_DOC = parse_doc("""\
schema: 1
app: notebook
package: org.notebook
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      body_input: {type: input, description: Start typing, selectors: [{resource_id: body}]}
      notes_list: {type: list, description: notes, selectors: [{resource_id: notes}], options: [Diary, Groceries]}
      rename_button: {type: button, description: Rename note, selectors: [{resource_id: rename}], leads_to: rename_dialog}
  rename_dialog:
    description: dialog opened by 'Rename note'
    elements:
      title_input: {type: input, description: Diary, selectors: [{resource_id: title}]}
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: main_screen}
navigation:
- {from: main_screen, action: tap, element: main_screen__rename_button, to: rename_dialog}
""")


def test_a_value_that_names_a_shown_row_leaves_the_field_it_matches_to_the_text_to_type():
    task = "rename the note 'diary' to 'events'"
    index = LexicalIndex(RENAME_DOC)
    filled = dict((slot.value, inputs[0]) for slot, inputs in
                  slot_inputs(RENAME_DOC, task, index.scores(task), index.rank(task, 15), per_value=1))
    assert filled["events"] == "rename_dialog__title_input"


TIMER_DOC = parse_doc("""\
schema: 1
app: timers
package: org.timers
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      new_timer_button: {type: button, description: New timer, selectors: [{resource_id: new}], leads_to: timer_dialog}
  timer_dialog:
    description: dialog opened by 'New timer'
    elements:
      seconds_input: {type: input, description: '00', selectors: [{resource_id: seconds}]}
      minutes_input: {type: input, description: '05', selectors: [{resource_id: minutes}]}
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: main_screen}
navigation:
- {from: main_screen, action: tap, element: main_screen__new_timer_button, to: timer_dialog}
""")


def test_a_number_goes_to_the_field_its_unit_names():
    task = "add a timer for 8 minutes and 30 seconds"
    assert [(slot.value, slot.unit) for slot in task_slots(task)] == [("8", "minut"), ("30", "second")]
    index = LexicalIndex(TIMER_DOC)
    filled = [(slot.value, inputs[0]) for slot, inputs in
              slot_inputs(TIMER_DOC, task, index.scores(task), index.rank(task, 15), per_value=1)]
    assert filled == [("8", "timer_dialog__minutes_input"), ("30", "timer_dialog__seconds_input")]


NOTE_FORM_DOC = parse_doc("""\
schema: 1
app: jotter
package: org.jotter
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      new_note_button: {type: button, description: New note, selectors: [{resource_id: new}], leads_to: note_screen}
      search_input: {type: input, description: Search, selectors: [{resource_id: search}]}
  note_screen:
    description: screen opened by 'New note'
    elements:
      title_input: {type: input, description: Title, selectors: [{resource_id: title}]}
      body_input: {type: input, description: Start typing your note, selectors: [{resource_id: body}]}
      save_button: {type: button, description: Save, selectors: [{text: Save}], leads_to: main_screen}
navigation:
- {from: main_screen, action: tap, element: main_screen__new_note_button, to: note_screen}
""")


def test_texts_fill_a_form_in_its_order_when_the_words_before_them_do_not_tell():
    task = 'write a new note named "Wifi", the note should say "sunflower42"'  # "note" is in the body's label
    index = LexicalIndex(NOTE_FORM_DOC)
    filled = [(slot.value, inputs[0]) for slot, inputs in
              slot_inputs(NOTE_FORM_DOC, task, index.scores(task), index.rank(task, 15), per_value=1)]
    assert filled == [("Wifi", "note_screen__title_input"), ("sunflower42", "note_screen__body_input")]


def test_a_task_gives_its_quoted_texts_and_its_numbers_and_a_number_is_no_part_of_a_label():
    from autodroid.planner.retrieval import task_values
    from autodroid.planner.slots import names_an_element

    assert task_values('a 45 second timer labelled "Eggs"') == ["Eggs", "45"]
    assert task_values("turn on the '7:00 am' alarm") == ["7:00 am"]  # a number inside a quote is not given twice
    clock = parse_doc(TIMER_LIST_DOC)
    assert not names_an_element(clock, "45")  # only part of "1:45 PM"
    assert names_an_element(clock, "1:45 PM") and names_an_element(clock, "5")


def test_a_lists_examples_are_separate_labels_not_one():
    """A list's description names a few of its rows ("events list; e.g. Team standup, Lunch with Priya"):
    "Team lunch" takes a word from two rows, so it names nothing and is a text to type."""
    from autodroid.appdoc import load_doc
    from autodroid.planner.slots import names_an_element

    calendar = load_doc("calendar")
    assert "Team standup, Lunch with Priya" in calendar.elements["main_screen__calendar_events_list"].description
    assert not names_an_element(calendar, "Team lunch")
    assert names_an_element(calendar, "Lunch with Priya")


TIMER_LIST_DOC = """\
schema: 1
app: alarmlist
package: org.alarmlist
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      alarms_list: {type: list, description: alarms, selectors: [{resource_id: alarms}], options: ['1:45 PM', '5']}
"""


def test_an_hour_with_am_or_pm_is_one_time_value():
    from autodroid.planner.retrieval import task_values

    assert task_values("wake me up at 5 am, new alarm please") == ["5 am"]
    assert time_parts("5 am") == ("5", "00") and time_parts("7pm") == ("7", "00") and shape("5 am") == "time"
    assert task_values("set the width to 1000") == ["1000"] and time_parts("1000") is None


def test_unquoted_names_count_as_given_values_only_when_asked():
    from autodroid.planner.retrieval import named_values, task_values

    assert task_values("rename my Diary note to Journal") == []  # the default: quotes, numbers and times only
    assert task_values("rename my Diary note to Journal", names=True) == ["Diary", "Journal"]
    assert named_values("show the time in Dubai and Singapore too, and remove New York") == \
        ["Dubai", "Singapore", "New York"]
    assert named_values("Make a note titled Dentist") == ["Dentist"]  # a sentence's first word is no name
    assert named_values("I want the text bigger. Then sort") == []  # nor "I", nor a sentence start
    assert named_values("sort from Z to A when I'm done") == []  # single letters, "I'm"
    assert named_values("repeat on Tuesdays and in May") == []  # day and month names
    assert named_values("sort folders in the Gallery app, the File manager app too") == []  # the app's own name
    assert named_values("open Diary.pdf in the SD card") == ["Diary.pdf", "SD"]
    assert named_values("an iPhone photo") == []  # a capital inside a word starts no name
    # a run of capitals stops where a sentence ends ("Saturday. Add" is no name); "St. Ives" goes on
    assert named_values("Dad's birthday is on Saturday. Add it as an all-day event") == []
    assert named_values("meet at St. Ives with Bob") == ["St. Ives", "Bob"]
    # a name that is also a number is given once
    assert task_values("add a timer called Pasta for 8 minutes", names=True) == ["8", "Pasta"]


SETTINGS_DOC = parse_doc("""\
schema: 1
app: settingsapp
package: org.settingsapp
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      snooze_button: {type: button, description: Snooze, selectors: [{text: Snooze}], leads_to: snooze_dialog}
      ring_button: {type: button, description: Ring time, selectors: [{text: Ring time}], leads_to: ring_dialog}
      minutes_input: {type: input, description: Minutes, selectors: [{resource_id: minutes}]}
  snooze_dialog:
    description: dialog opened by 'Snooze'
    elements:
      radio_list: {type: list, description: snooze time, selectors: [{resource_id: radio}],
                   options: [5 minutes, 10 minutes]}
  ring_dialog:
    description: dialog opened by 'Ring time'
    elements:
      radio_list: {type: list, description: ring time, selectors: [{resource_id: radio2}],
                   options: [5 minutes, 10 minutes]}
navigation:
- {from: main_screen, action: tap, element: main_screen__snooze_button, to: snooze_dialog}
- {from: main_screen, action: tap, element: main_screen__ring_button, to: ring_dialog}
""")


def test_an_option_picked_once_is_not_picked_again_and_fills_the_number_it_holds():
    planner = Planner(model=None, doc=SETTINGS_DOC)
    task = "let it ring for 10 minutes"
    snooze = 'snooze_dialog__radio_list.select("10 minutes")'
    ring = 'ring_dialog__radio_list.select("10 minutes")'
    typed = 'main_screen__minutes_input.set_text("10")'
    opener = "main_screen__snooze_button.tap()"
    choices = [ring, snooze, typed, opener]
    # the task says "10 minutes" once: after one list got it, no other list gets it, nor does a field get "10"
    assert planner._values_once(task, choices, [ring]) == [opener]
    assert planner._values_once(task, choices, [typed]) == [ring, snooze, opener]
    assert planner._unfilled(task, choices, [ring]) == []  # "10" went in with "10 minutes": the script may end
    assert planner._unfilled(task, choices, []) == ["10"]
    from autodroid.planner.decode_rules import _within_any
    assert _within_any("10", ["10 minutes"]) and not _within_any("test1", ["test1.m4a"])
    assert not _within_any("1", ["10 minutes"]) and _within_any("5", ["set to 5."])
    # said twice, it may be picked twice
    twice = "set the snooze to 10 minutes and the ring time to 10 minutes"
    assert snooze in planner._values_once(twice, choices, [ring])


ZONE_DOC = parse_doc("""\
schema: 1
app: worldclock
package: org.worldclock
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      add_button: {type: button, description: Add time zone, selectors: [{text: Add}], leads_to: zone_dialog}
      menu_list: {type: list, description: menu, selectors: [{resource_id: menu}], options: [Rename, Settings]}
      timer_button: {type: button, description: Timer, selectors: [{text: Timer}], leads_to: timer_screen}
  zone_dialog:
    description: dialog opened by 'Add time zone'
    elements:
      zones_list: {type: list, description: time zones, selectors: [{resource_id: zones}], options: [Tokyo, Dubai]}
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: main_screen}
  rename_dialog:
    description: dialog opened by 'Rename'
    elements:
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: main_screen}
  timer_screen:
    description: timers
    elements:
      start_button: {type: button, description: Start, selectors: [{text: Start}]}
navigation:
- {from: main_screen, action: tap, element: main_screen__add_button, to: zone_dialog}
- {from: main_screen, action: tap, element: main_screen__timer_button, to: timer_screen}
- {from: main_screen, action: select, element: main_screen__menu_list, option: Rename, to: rename_dialog}
""")


def test_a_pick_in_a_dialog_with_an_ok_stays_there_until_the_ok():
    planner = Planner(model=None, doc=ZONE_DOC)
    tokyo, ok = 'zone_dialog__zones_list.select("Tokyo")', "zone_dialog__ok_button.tap()"
    away, dubai = "main_screen__timer_button.tap()", 'zone_dialog__zones_list.select("Dubai")'
    choices = [tokyo, dubai, away, ok]
    # picked and not confirmed: leaving would lose it, so only the dialog's lines and its OK
    assert planner._form_stays(choices, [tokyo]) == [tokyo, dubai, ok]
    assert planner._form_stays(choices, [tokyo, ok]) == choices  # confirmed: anything again
    # a menu pick that opens another screen is no form choice
    rename = 'main_screen__menu_list.select("Rename")'
    assert planner._form_stays(choices + [rename], [rename]) == choices + [rename]
    menu = ZONE_DOC.elements["main_screen__menu_list"]
    assert not planner.reach.stays(menu, "Rename") and planner.reach.stays(menu, "Settings")
    assert planner.reach.stays(ZONE_DOC.elements["zone_dialog__zones_list"], "Tokyo")


SORT_DOC = parse_doc("""\
schema: 1
app: notebook
package: org.notebook
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      new_note_button: {type: button, description: New note, selectors: [{resource_id: new}], leads_to: editor_screen}
      sort_button: {type: button, description: Sort by, selectors: [{resource_id: sort}], leads_to: sort_dialog}
  editor_screen:
    description: screen opened by 'New note'
    elements:
      title_input: {type: input, description: Title, selectors: [{resource_id: title}]}
      save_button: {type: button, description: Save, selectors: [{text: Save}], leads_to: main_screen}
  sort_dialog:
    description: dialog opened by 'Sort by'
    elements:
      field_list: {type: list, description: sort by, selectors: [{resource_id: field}], options: [Title, Date]}
      order_list: {type: list, description: order, selectors: [{resource_id: order}], options: [Ascending, Descending]}
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: main_screen}
navigation:
- {from: main_screen, action: tap, element: main_screen__new_note_button, to: editor_screen}
- {from: main_screen, action: tap, element: main_screen__sort_button, to: sort_dialog}
- {from: editor_screen, action: tap, element: editor_screen__save_button, to: main_screen}
""")


def test_a_second_request_after_a_confirmed_form_keeps_the_script_going_when_asked():
    """"add a note ..., then sort the notes by title descending": with ``pending_after_confirm``, once the note
    is saved the options the task still names keep the script from ending, although no line opened their
    dialog (measured off by default)."""
    task = "add a note called 'Zucchini', then sort the notes by title descending"
    choices = ['editor_screen__title_input.set_text("Zucchini")', "editor_screen__save_button.tap()",
               'sort_dialog__field_list.select("Title")', 'sort_dialog__order_list.select("Descending")',
               "sort_dialog__ok_button.tap()"]
    done = choices[:2]
    planner = Planner(model=None, doc=SORT_DOC, config=PlanConfig(pending_after_confirm=True))
    assert planner._pending_options(task, choices, done) == choices[2:4]
    assert planner._pending_options(task, choices, choices[:1]) == []  # nothing confirmed yet: only the way
    off = PlanConfig(pending_after_confirm=False, pending_later=False)
    assert Planner(model=None, doc=SORT_DOC, config=off)._pending_options(task, choices, done) == []
    # the default (``pending_later``): the picks the task names after its last used text, the same two here
    assert Planner(model=None, doc=SORT_DOC)._pending_options(task, choices, done) == choices[2:4]
    assert Planner(model=None, doc=SORT_DOC)._pending_options(
        "sort the notes by title descending, then add a note called 'Zucchini'", choices, done) == []


LAUNCHER_DOC = parse_doc("""\
schema: 1
app: launcher
package: org.launcher
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      top_toolbar_search_input: {type: input, description: Search, selectors: [{resource_id: top_toolbar_search}]}
      apps_grid_list: {type: list, description: apps, selectors: [{resource_id: apps}], options: [Clock, Camera]}
      rename_input: {type: input, description: Label, selectors: [{resource_id: rename}]}
""")


def test_a_shown_label_the_task_searches_for_is_typed_before_it_is_picked():
    """"search 'Clock' and open it": with ``cued_search`` the typing verb before the value names the search
    field, so typing it comes first; without such a verb ("open 'Clock'") the row's select leads and the
    typing line comes last. Off by default: under the folds it won applauncher/1 and lost voicerecorder/10."""
    planner = Planner(model=None, doc=LAUNCHER_DOC, config=PlanConfig(cued_search=True))
    search = 'main_screen__top_toolbar_search_input.set_text("Clock")'
    pick = 'main_screen__apps_grid_list.select("Clock")'
    for task in ("search 'Clock' and open it", "search for the app 'Clock' and open it"):
        lines = planner.choices(task, [c.name for c in planner.candidates(task)])
        assert lines.index(search) < lines.index(pick), (task, lines)
    task = "open the app 'Clock'"
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert lines[0] == pick and search not in lines[:1]
    off = Planner(model=None, doc=LAUNCHER_DOC)
    task = "search 'Clock' and open it"
    lines = off.choices(task, [c.name for c in off.candidates(task)])
    assert lines.index(pick) < lines.index(search)


def test_a_shown_name_after_a_typing_verb_is_also_offered_as_typed_text():
    """"search for Clock": an unquoted name the app shows is a row to pick, and after a typing verb also a text
    for the search field (offered after the pick); "open Clock" offers no typing line."""
    planner = Planner(model=None, doc=LAUNCHER_DOC)
    search = 'main_screen__top_toolbar_search_input.set_text("Clock")'
    pick = 'main_screen__apps_grid_list.select("Clock")'
    for task, typed in (("search for Clock", True), ("type Clock into the search", True), ("look up Clock", True),
                        ("open Clock", False)):
        lines = planner.choices(task, [c.name for c in planner.candidates(task)])
        assert pick in lines and (search in lines) == typed, (task, lines)
    for knobs in ({"typed_names": False, "looked_up": False}, {"typed_names": True, "looked_up": False},
                  {"typed_names": False, "looked_up": True}):  # each of the two rules offers it
        off = Planner(model=None, doc=LAUNCHER_DOC, config=PlanConfig(**knobs))
        lines = off.choices("search for Clock", [c.name for c in off.candidates("search for Clock")])
        assert (search in lines) == any(knobs.values()), knobs
    rename = 'main_screen__rename_input.set_text("Clock")'  # only a search field looks a name up
    assert rename not in planner.choices("type Clock", [c.name for c in planner.candidates("type Clock")])


TWIN_BUTTONS_DOC = parse_doc("""\
schema: 1
app: browser
package: org.browser
start_screen: settings_screen
screens:
  settings_screen:
    description: the app's start screen
    elements:
      default_browser_button: {type: button, description: Set as default browser, selectors: [{resource_id: a}],
                               leads_to: default_dialog}
      ok_button: {type: button, description: OK, selectors: [{resource_id: ok1}]}
  banner_screen:
    description: a banner
    elements:
      default_browser_button: {type: button, description: Set as default browser, selectors: [{resource_id: b}]}
      ok_button: {type: button, description: OK, selectors: [{resource_id: ok2}]}
  default_dialog:
    description: dialog opened by 'Set as default browser'
    elements:
      browsers_list: {type: list, description: browsers, selectors: [{resource_id: list}], options: [Firefox, Chrome]}
navigation:
- {from: settings_screen, action: tap, element: settings_screen__default_browser_button, to: default_dialog}
""")


def test_a_look_alike_button_is_not_tapped_again():
    """Two buttons saying "Set as default browser" on two screens do the same thing: once one is tapped the
    other is no longer offered; two dialogs' OK buttons are no look-alikes."""
    planner = Planner(model=None, doc=TWIN_BUTTONS_DOC)
    first, twin = "settings_screen__default_browser_button.tap()", "banner_screen__default_browser_button.tap()"
    pick = 'default_dialog__browsers_list.select("Firefox")'
    oks = ["settings_screen__ok_button.tap()", "banner_screen__ok_button.tap()"]
    choices = [first, twin, pick, *oks]
    assert planner._label_once(choices, [first]) == [first, pick, *oks]
    assert planner._label_once(choices, [oks[0]]) == choices
    assert Planner(model=None, doc=TWIN_BUTTONS_DOC, config=PlanConfig(label_once=False))._label_once(
        choices, [first]) == choices


ALARMS_DOC_TEXT = """\
schema: 1
app: alarms
package: org.alarms
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      alarms_list: {type: list, description: alarms, selectors: [{resource_id: alarms}],
                    options: [7:00 AM, 9:15 AM, Gym, Dentist], leads_to: edit_screen}
      menu_list: {type: list, description: menu, selectors: [{resource_id: menu}], options: [Settings]}
      switch_checkbox: {type: checkbox, description: alarm switch, selectors: [{resource_id: switch}]}
  edit_screen:
    description: screen titled 'Edit alarm'
    elements:
      vibrate_checkbox: {type: checkbox, description: Vibrate, selectors: [{resource_id: vibrate}]}
      label_button: {type: button, description: Label, selectors: [{resource_id: label}], leads_to: label_dialog}
      save_button: {type: button, description: Save, selectors: [{text: Save}], leads_to: main_screen}
  label_dialog:
    description: dialog opened by 'Label'
    elements:
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: edit_screen}
  settings_screen:
    description: screen titled 'Settings'
    elements:
      vibrate_checkbox: {type: checkbox, description: Vibrate for timers, selectors: [{resource_id: tv}]}
navigation:
- {from: main_screen, action: select, element: main_screen__alarms_list, option: 7:00 AM, to: edit_screen}
- {from: main_screen, action: select, element: main_screen__menu_list, option: Settings, to: settings_screen}
- {from: edit_screen, action: tap, element: edit_screen__label_button, to: label_dialog}
"""
ALARMS_DOC = parse_doc(ALARMS_DOC_TEXT)


def test_lines_on_a_named_row_s_screen_wait_for_the_row_and_stay_there_until_saved():
    """Navigation alone would open the 7:00 AM alarm (the row the exploration opened): lines on the edit
    screen, and behind it (its Label dialog), wait until the script picked the alarm the task names; once
    picked, the edit screen's lines and its Save."""
    planner = Planner(model=None, doc=ALARMS_DOC)
    task = "make my gym alarm vibrate"
    gym, vibrate = 'main_screen__alarms_list.select("Gym")', "edit_screen__vibrate_checkbox.tap()"
    label, save = "edit_screen__label_button.tap()", "edit_screen__save_button.tap()"
    away, timers = "main_screen__switch_checkbox.tap()", "settings_screen__vibrate_checkbox.tap()"
    choices = [vibrate, label, "label_dialog__ok_button.tap()", gym, away, timers, save]
    assert planner._rows_first(task, choices, choices, []) == [gym]  # rows_lead: the edit form's row first
    follow = Planner(model=None, doc=ALARMS_DOC, config=PlanConfig(rows_lead=False))
    assert follow._rows_first(task, choices, choices, []) == [gym, away, timers]
    assert follow._rows_first(task, choices, choices, [away]) == [gym, away, timers]
    assert planner._rows_first(task, choices, choices, [gym]) == [vibrate, label, save]
    assert planner._rows_first(task, choices, choices, [gym, vibrate]) == choices
    # a screen only the named pick itself leads to is no row's screen: a menu's Settings opens by itself
    settings = 'main_screen__menu_list.select("Settings")'
    assert planner._row_screens("open the settings", [settings, timers]) == {}
    off = Planner(model=None, doc=ALARMS_DOC, config=PlanConfig(rows_first=False))
    assert off._rows_first(task, choices, choices, []) == choices


def test_a_sensitive_action_is_offered_only_when_the_task_says_it():
    doc = parse_doc(ALARMS_DOC_TEXT.replace(
        "      label_button:", "      delete_button: {type: button, description: Delete, selectors: [{text: Delete}],"
        " risk: sensitive}\n      label_button:"))
    planner = Planner(model=None, doc=doc)
    delete = "edit_screen__delete_button.tap()"

    every = list(doc.elements)  # as if every element ranked: the rule alone decides
    assert delete in planner.choices("delete my gym alarm", every)
    assert delete not in planner.choices("turn on my gym alarm", every)  # on the alarm's page; nobody asked
    loose = Planner(model=None, doc=doc, config=PlanConfig(sensitive_asked=False))
    assert delete in loose.choices("turn on my gym alarm", every)


def test_a_sensitive_action_needs_the_word_that_makes_it_sensitive_not_its_object():
    doc = parse_doc(ALARMS_DOC_TEXT.replace(
        "      label_button:", "      delete_button: {type: button, description: Delete alarm, selectors: [{text: Delete}],"
        " risk: sensitive}\n      wipe_button: {type: button, description: Zap alarm, selectors: [{text: Zap}],"
        " risk: sensitive}\n      label_button:"))
    planner = Planner(model=None, doc=doc)
    delete, zap = "edit_screen__delete_button.tap()", "edit_screen__wipe_button.tap()"
    every = list(doc.elements)
    assert delete not in planner.choices("add an alarm for the gym", every)  # says "alarm", not "delete"
    assert delete in planner.choices("delete the gym alarm", every)
    assert zap in planner.choices("zap the gym alarm", every)  # sensitive by no English word: any shared word
    old = Planner(model=None, doc=doc, config=PlanConfig(risk_verb=False))
    assert delete in old.choices("add an alarm for the gym", every)


def test_a_sensitive_label_is_the_action_it_names_first():
    """"Clear call log" is a clear, not a call: "call Bob" does not offer it, as an element nor as a menu
    option ("Clear call history"); "clear the call log" does."""
    doc = parse_doc(ALARMS_DOC_TEXT.replace(
        "      label_button:", "      clear_button: {type: button, description: Clear call log,"
        " selectors: [{text: Clear}], risk: sensitive}\n      label_button:").replace(
        "options: [Settings]", "options: [Settings, Clear call history]"))
    planner = Planner(model=None, doc=doc)
    clear = "edit_screen__clear_button.tap()"
    menu_clear = 'main_screen__menu_list.select("Clear call history")'
    every = list(doc.elements)
    lines = planner.choices("call Bob about the gym alarm log history", every)
    assert clear not in lines and menu_clear not in lines
    assert clear in planner.choices("clear the call log", every)
    assert menu_clear in planner.choices("clear the call history", every)
    anyword = Planner(model=None, doc=doc, config=PlanConfig(risk_first=False, risky_options=False))
    lines = anyword.choices("call Bob about the gym alarm log history", every)
    assert clear in lines and menu_clear in lines
