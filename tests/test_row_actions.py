"""Actions on one named row of a list (``planner/rows.py``): a row's long-press menu and the switch inside
it, offered after the row's line; the screens behind a row wait until a line picked that row; unquoted names
the app does not show are texts to type ("rename my Diary note to Journal")."""

from __future__ import annotations

from autodroid.appdoc import load_doc, parse_doc
from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device
from autodroid.planner.planner import PlanConfig, Planner
from autodroid.planner.postprocess import confirm_button, parse_line
from autodroid.planner.reach import Reach
from autodroid.planner.retrieval import LexicalIndex, words
from autodroid.planner.rows import row_actions, switch_fields, tapped_field
from autodroid.planner.slots import slot_inputs
from autodroid.runtime import run_on_device
from autodroid.runtime.navigation import NavGraph
from picking_model import PickingModel

DOC = parse_doc("""\
schema: 1
app: shelf
package: org.shelf
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      items_list:
        type: list
        description: Items
        selectors: [{resource_id: items}]
        leads_to: page_screen
        options: [Diary, Groceries, Car service]
        item:
          selector: {cls: android.widget.FrameLayout}
          fields:
            item_title: {type: text, selector: {resource_id: item_title}}
            item_switch: {type: checkbox, selector: {resource_id: item_switch}}
      new_button: {type: button, description: New item, selectors: [{resource_id: new}], leads_to: form_screen}
      item_switch_checkbox: {type: checkbox, description: '', selectors: [{resource_id: item_switch}]}
  page_screen:
    description: screen opened by 'Diary'
    elements:
      more_button: {type: button, description: More options, selectors: [{desc: More options}], leads_to: page_menu}
  page_menu:
    description: screen opened by 'More options'
    elements:
      menu_list: {type: list, description: Menu, selectors: [{resource_id: menu}], options: [Rename, Delete]}
  row_menu:
    description: screen opened by 'Diary menu'
    elements:
      menu_list: {type: list, description: Menu, selectors: [{resource_id: menu}], options: [Open, Rename, Delete]}
  rename_dialog:
    description: dialog opened by 'Rename'
    elements:
      name_input: {type: input, description: Item name, selectors: [{resource_id: name}]}
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: main_screen}
  form_screen:
    description: screen opened by 'New item'
    elements:
      title_input: {type: input, description: Title, selectors: [{resource_id: title}]}
      save_button: {type: button, description: Save, selectors: [{text: Save}], leads_to: main_screen}
navigation:
- {from: main_screen, action: select, element: main_screen__items_list, option: Groceries, to: page_screen}
- {from: main_screen, action: long_tap, element: main_screen__items_list, option: Groceries, to: row_menu}
- {from: main_screen, action: tap, element: main_screen__new_button, to: form_screen}
- {from: page_screen, action: tap, element: page_screen__more_button, to: page_menu}
- {from: page_menu, action: select, element: page_menu__menu_list, option: Rename, to: rename_dialog}
- {from: row_menu, action: select, element: row_menu__menu_list, option: Rename, to: rename_dialog}
""")
LIST = "main_screen__items_list"


def test_match_lines_parse_with_their_row_and_what_they_do_to_it():
    parsed = parse_line(f'{LIST}.match("Car (old) service").item_switch.tap()')
    assert (parsed.name, parsed.method, parsed.arg, parsed.tail) == (LIST, "match", "Car (old) service",
                                                                     ".item_switch.tap()")
    assert parse_line(f'{LIST}.match("Diary").long_tap()').tail == ".long_tap()"
    plain = parse_line('form_screen__title_input.set_text("a) b")')
    assert (plain.method, plain.arg, plain.tail) == ("set_text", "a) b", "")
    unquoted = parse_line('form_screen__title_input.set_text(f"{name}")')  # not a literal: no arg, still a call
    assert (unquoted.name, unquoted.method, unquoted.arg) == ("form_screen__title_input", "set_text", None)


def test_a_named_row_gets_its_long_press_and_only_a_switch_the_task_names():
    lines = [f'{LIST}.select("Diary")', f'{LIST}.select("Car service")', "main_screen__new_button.tap()"]
    assert row_actions(DOC, words("switch off the diary item"), lines) == [
        f'{LIST}.select("Diary")', f'{LIST}.match("Diary").long_tap()', f'{LIST}.match("Diary").item_switch.tap()',
        f'{LIST}.select("Car service")', "main_screen__new_button.tap()"]  # "car service" is not named in full
    assert f'{LIST}.match("Diary").item_switch.tap()' not in row_actions(DOC, words("open my diary"), lines)
    # the screen's own copy of a row switch toggles whichever row the exploration saw: gone once the named
    # row's switch is offered, kept otherwise
    loose = "main_screen__item_switch_checkbox.tap()"
    assert loose not in row_actions(DOC, words("switch off the diary item"), lines + [loose])
    assert loose in row_actions(DOC, words("open my diary"), lines + [loose])
    assert switch_fields(DOC.elements[LIST]) == {"item_switch": {"switch"}}  # "item" is every field's word
    assert tapped_field(f'{LIST}.match("Diary").item_switch.tap()') == "item_switch"
    assert tapped_field(f'{LIST}.match("Diary").tap()') == tapped_field(f'{LIST}.match("Diary").long_tap()') == ""


def test_an_unquoted_name_the_app_does_not_show_is_a_text_to_type():
    planner = Planner(None, DOC)
    task = "rename my Diary item to Journal"
    assert planner.values(task) == ["Journal"]  # Diary is a row: picked by its label, not typed
    assert Planner(None, DOC, config=PlanConfig(names=False)).values(task) == []
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert 'rename_dialog__name_input.set_text("Journal")' in lines
    assert f'{LIST}.match("Diary").long_tap()' in lines


def test_the_rename_dialog_waits_until_a_line_picked_the_named_row():
    # Reached from the start through the row's page or through its long-press menu: behind the two together.
    reach = Reach(DOC)
    assert "rename_dialog" not in reach.behind("page_screen") | reach.behind("row_menu")
    assert "rename_dialog" in reach.behind(frozenset({"page_screen", "row_menu"}))
    assert "rename_dialog" not in NavGraph(DOC).reachable("main_screen", avoid=frozenset({"page_screen", "row_menu"}))
    model = PickingModel(lambda line: "set_text" in line)
    plan = Planner(model, DOC).plan("rename my Diary item to Journal")
    assert all("rename_dialog" not in line for line in model.offered[0])
    lines = plan.script.splitlines()
    assert any(parse_line(line).arg == "Diary" for line in lines[:lines.index(
        'rename_dialog__name_input.set_text("Journal")')])


def test_a_menu_dialogs_ok_that_lands_before_the_menu_confirms_it():
    assert confirm_button(DOC, "rename_dialog").name == "rename_dialog__ok_button"  # OK closes menu and dialog


def test_a_named_row_switch_leads_instead_of_opening_the_row():
    model = PickingModel(lambda line: False)
    plan = Planner(model, load_doc("clock")).plan("switch off the bedtime alarm")
    assert model.offered[0] == ['main_screen__alarms_list.match("Bedtime").alarm_switch.tap()']
    assert plan.script == 'main_screen__alarms_list.match("Bedtime").alarm_switch.tap()'  # done in place: it ends
    model = PickingModel(lambda line: False)
    Planner(model, load_doc("clock")).plan("make my work alarm vibrate")
    assert model.offered[0] == ['main_screen__alarms_list.select("Work")']


def test_a_name_goes_into_a_text_field_not_into_a_field_showing_a_number():
    doc = parse_doc("""\
schema: 1
app: kitchen
package: org.kitchen
start_screen: timer_dialog
screens:
  timer_dialog:
    description: dialog opened by 'New timer'
    elements:
      minutes_input: {type: input, description: '5', selectors: [{resource_id: minutes}]}
      seconds_input: {type: input, description: '00', selectors: [{resource_id: seconds}]}
      label_input: {type: input, description: Label, selectors: [{resource_id: label}]}
      ok_button: {type: button, description: OK, selectors: [{text: OK}]}
""")
    task = "add a timer called Pasta for 8 minutes and 30 seconds"
    index = LexicalIndex(doc)
    filled = slot_inputs(doc, task, index.scores(task), index.rank(task, 15), values=["Pasta", "8", "30"])
    assert {slot.value: inputs[0] for slot, inputs in filled} == {
        "Pasta": "timer_dialog__label_input", "8": "timer_dialog__minutes_input", "30": "timer_dialog__seconds_input"}


def test_row_lines_run_on_the_sim_apps():
    with open_device("sim:notes") as device:
        script = ('main_screen__notes_list.match("Diary").long_tap()\nnotes_item_menu__listview_list.select("Rename")\n'
                  'rename_dialog__note_input.set_text("Journal")\nrename_dialog__ok_button.tap()\n')
        report = run_on_device(script, load_doc("notes"), device, auto_yes=True)
        assert report.ok, report.error_text
        titles = [note["title"] for note in snapshot(device, "notes")["notes"]]
        assert "Journal" in titles and "Diary" not in titles and "Books to read" in titles
    with open_device("sim:clock") as device:
        enabled = {a["label"]: a["enabled"] for a in snapshot(device, "clock")["alarms"]}
        report = run_on_device('main_screen__alarms_list.match("Bedtime").alarm_switch.tap()\n', load_doc("clock"),
                               device, auto_yes=True)
        assert report.ok, report.error_text
        after = {a["label"]: a["enabled"] for a in snapshot(device, "clock")["alarms"]}
        assert after == {**enabled, "Bedtime": not enabled["Bedtime"]}


def test_a_menu_option_never_recorded_is_not_assumed_to_open_the_dialog_another_option_opens():
    # the notes page's menu: "Rename" was recorded opening the rename dialog, "Delete" never was; a named
    # "Delete" must not lead the script as if it opened a form (it ran first and deleted whichever note)
    model = PickingModel(lambda line: False)
    Planner(model, load_doc("notes")).plan("turn off the confirmation before deleting, then delete my car service note")
    assert 'more_options_screen_2__listview_list.select("Delete")' not in model.offered[0]
    planner = Planner(None, load_doc("notes"))
    assert planner._option_dialog(planner.doc.elements["more_options_screen_2__listview_list"])
    assert not planner._option_dialog(planner.doc.elements["main_screen__notes_list"])  # rows open one page


def test_a_pick_the_task_names_after_its_last_text_keeps_the_script_going_past_a_save():
    planner = Planner(None, load_doc("notes"))
    done = ['new_note_screen__title_input.set_text("Zucchini")', 'new_note_screen__body_input.set_text("grill")',
            "new_note_screen__save_note_button.tap()"]
    task = 'add a note called "Zucchini" that says "grill", then sort the notes by title descending'
    choices = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert 'sort_by_dialog__sorting_dialog_radio_order_list.select("Descending")' in planner._pending_options(
        task, choices, done)
    before = 'sort the notes by title descending and add a note called "Zucchini" that says "grill"'
    choices = planner.choices(before, [c.name for c in planner.candidates(before)])
    assert planner._pending_options(before, choices, done) == []  # what it names comes before: done or not
    off = Planner(None, load_doc("notes"), config=PlanConfig(pending_later=False))
    assert off._pending_options(task, off.choices(task, [c.name for c in off.candidates(task)]), done) == []


def test_ticking_a_box_the_task_names_in_full_ends_the_script_once_all_it_names_is_done():
    autosave = "settings_screen__autosave_checkbox.tap()"

    def planned(task, config=None):  # a model that ticks autosave first, then takes the first other line
        model = PickingModel(lambda line: line == autosave if not model.offered[1:] else line != autosave)
        return Planner(model, load_doc("notes"), config=config).plan(task).script.splitlines()

    assert planned("turn on autosave for notes") == [autosave]  # "Autosave notes": said in full
    both = planned("turn on autosave notes and show note preview")
    assert both[0] == autosave and "settings_screen__show_preview_checkbox.tap()" in both  # a named box was left
    assert len(planned("turn on autosave for notes", PlanConfig(ticks_end=False, lone_tick_ends=False))) > 1
    # a one-clause task with no value and no named option is one switch: its first tick that shares a word
    assert planned("I want autosave when I edit") == [autosave]  # "Autosave notes": not said in full
    assert len(planned("I want autosave when I edit", PlanConfig(lone_tick_ends=False))) > 1
    assert len(planned("turn on autosave, then check the previews")) > 1  # two clauses


PEOPLE = """\
schema: 1
app: people
package: org.people
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      add_button: {type: button, description: New contact, selectors: [{resource_id: fab}], leads_to: edit_screen}
  edit_screen:
    description: screen opened by 'New contact'
    elements:
      name_input: {type: input, description: Name, selectors: [{resource_id: name}]}
      email_input: {type: input, description: Email, selectors: [{resource_id: email}]}
      save_button: {type: button, description: Save, selectors: [{resource_id: save}], leads_to: main_screen}
"""


def test_an_unquoted_address_is_a_text_to_type():
    doc = parse_doc(PEOPLE, "people doc.yaml")
    task = "add a new contact Ana with the email ana@example.com"
    planner = Planner(None, doc)
    assert planner.values(task) == ["Ana", "ana@example.com"]
    assert Planner(None, doc, config=PlanConfig(shaped=False)).values(task) == ["Ana"]
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert lines.index('edit_screen__email_input.set_text("ana@example.com")') < lines.index(
        "edit_screen__save_button.tap()"), lines
    assert 'edit_screen__name_input.set_text("Ana")' in lines


def test_values_get_the_fields_with_the_best_total_score_not_first_come_first_served(monkeypatch):
    from autodroid.planner import slots

    doc = parse_doc(PEOPLE, "people doc.yaml")
    task = "add a new contact Ana with the email ana@example.com"
    first_come = Planner(None, doc, config=PlanConfig(joint_slots=False))
    lines = first_come.choices(task, [c.name for c in first_come.candidates(task)])
    assert 'edit_screen__email_input.set_text("Ana")' not in lines  # an address field takes an address only
    monkeypatch.setattr(slots, "MAIL_FIELDS", frozenset())  # without that rule, first come, first served:
    first_come = Planner(None, doc, config=PlanConfig(joint_slots=False))
    lines = first_come.choices(task, [c.name for c in first_come.candidates(task)])
    assert 'edit_screen__email_input.set_text("Ana")' in lines  # "email" in the task drew Ana there first
    joint = Planner(None, doc)
    lines = joint.choices(task, [c.name for c in joint.candidates(task)])
    assert 'edit_screen__email_input.set_text("ana@example.com")' in lines


def test_a_box_the_task_names_in_full_keeps_the_script_going_past_another_confirm():
    title = 'sort_by_dialog__sorting_dialog_radio_sorting_list.select("Title")'
    ok, tick = "sort_by_dialog__ok_button.tap()", "settings_screen__show_preview_checkbox.tap()"
    order = [title, ok, tick]

    def planned(config=None):  # a model that sorts and confirms first, then ticks if it is asked again
        model = PickingModel(lambda line: line == order[min(len(model.offered) - 1, 2)])
        return Planner(model, load_doc("notes"), config=config).plan(
            "sort the notes by title and show note previews").script.splitlines()

    assert planned(PlanConfig(ticks_pending=True, taps_later=False))[:3] == order  # (this stand-in never ends
    # a script itself)
    assert planned(PlanConfig(taps_later=False)) == [title, ok]  # ticks_pending is off by default (measured)
    assert planned()[:3] == order  # but taps_later: the box is said after the option picked ("Title" as "title")


def test_an_option_said_only_after_not_is_not_named():
    from autodroid.appdoc import Element
    from autodroid.planner.retrieval import ranked_options

    days = Element(name="week_dialog__radio_list", screen="week_dialog", type="list",
                   options=("Saturday", "Sunday", "Monday"))
    assert ranked_options(days, "my week starts on Sunday, not Monday") == ["Sunday"]
    assert ranked_options(days, "not Sunday but Monday, Monday it is") == ["Monday"]


def test_with_menu_named_a_row_is_long_pressed_only_for_what_its_menu_offers():
    lines = [f'{LIST}.select("Diary")']
    press = f'{LIST}.match("Diary").long_tap()'
    assert press in row_actions(DOC, words("rename my diary"), lines, menu_named=True)  # the menu's Rename
    assert press not in row_actions(DOC, words("show me my diary"), lines, menu_named=True)  # a tap opens it
    assert press in row_actions(DOC, words("show me my diary"), lines)  # the old rule: any named row


def test_a_named_rows_own_button_the_task_names_is_offered_and_ends_the_script():
    model = PickingModel(lambda line: False)
    plan = Planner(model, load_doc("dialer")).plan("unblock 555-0104")
    unblock = 'manage_blocked_numbers_screen__list.match("555-0104").unblock_number.tap()'
    assert model.offered[0] == [unblock]
    assert plan.script == unblock
    with open_device("sim:dialer") as device:
        report = run_on_device(plan.script + "\n", load_doc("dialer"), device, auto_yes=True)
        assert report.ok, report.error_text
        assert "555-0104" not in str(snapshot(device, "dialer").get("blocked"))
    said_later = Planner(None, load_doc("dialer"))  # the row's button is the command's verb, not any word said
    task = "call 555-0104 I want to unblock it later"
    assert unblock not in said_later.choices(task, [c.name for c in said_later.candidates(task)])
    off = Planner(PickingModel(lambda line: False), load_doc("dialer"), config=PlanConfig(row_buttons=False))
    assert unblock not in off.choices("unblock 555-0104", [c.name for c in off.candidates("unblock 555-0104")])
