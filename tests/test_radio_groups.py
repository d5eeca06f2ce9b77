"""Radio groups: the explorer records which checkable widgets are one choice (`one_of`), the doc keeps and
checks it, and with ``PlanConfig.radio_once`` the planner ticks one widget per group (a sibling would undo
the pick). The knob is off by default: under the leave-apps-out folds it locked in a wrong first tick
("from grid to list": Grid ticked first, List no longer offered) and won nothing."""

from __future__ import annotations

import pytest

from autodroid.appdoc import dump_doc_text, parse_doc
from autodroid.errors import DocError
from autodroid.explorer.elements import collect_elements
from autodroid.planner.planner import PlanConfig, Planner
from autodroid.ui import parse_droidtask_html
from autodroid.ui.load import load_screen
from picking_model import PickingModel
from tests.conftest import needs_shared

NEW_NOTE_STATE = """<FrameLayout id='0'>
  <LinearLayout id='1' resource_id='dialog_holder'>
    <input id='2' resource_id='locked_note_title'>Label</input>
    <RadioGroup id='3' resource_id='new_note_type'>
      <checkbox id='4' resource_id='type_text_note' status='selected'>Text note</checkbox>
      <checkbox id='5' resource_id='type_checklist'>Checklist</checkbox>
    </RadioGroup>
    <checkbox id='6' resource_id='lock_note'>Lock</checkbox>
    <button id='7' resource_id='button1'>OK</button>
  </LinearLayout>
</FrameLayout>"""


def test_the_explorer_marks_the_checkboxes_of_a_radio_group_and_no_other():
    found = {e.label: e for e in collect_elements({"s": parse_droidtask_html(NEW_NOTE_STATE)})}
    assert found["Text note"].one_of == found["Checklist"].one_of == "new_note_type"
    assert found["Lock"].one_of == "" and found["OK"].one_of == ""


@needs_shared
def test_radio_buttons_of_a_real_dump_are_one_group(u2_dumps):
    screen = load_screen(u2_dumps / "interdroid_permissioncontroller_2.xml")
    radios = [e for e in collect_elements({"s": screen}) if e.one_of]
    assert len(radios) >= 3 and {e.type for e in radios} == {"checkbox"} and len({e.one_of for e in radios}) == 1
    assert "Don’t allow" in {e.label for e in radios}


DOC = """\
schema: 1
app: notebook
package: org.notebook
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      new_note_button: {type: button, description: New note, selectors: [{resource_id: new}], leads_to: new_note_dialog}
  new_note_dialog:
    description: dialog opened by 'New note'
    elements:
      title_input: {type: input, description: Label, selectors: [{resource_id: title}]}
      text_note_checkbox: {type: checkbox, description: Text note, selectors: [{resource_id: text}], one_of: type}
      checklist_checkbox: {type: checkbox, description: Checklist, selectors: [{resource_id: list}], one_of: type}
      lock_checkbox: {type: checkbox, description: Lock, selectors: [{resource_id: lock}]}
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: main_screen}
navigation:
- {from: main_screen, action: tap, element: main_screen__new_note_button, to: new_note_dialog}
"""


def test_the_doc_keeps_a_radio_group_and_refuses_one_on_a_button():
    doc = parse_doc(DOC)
    assert doc.elements["new_note_dialog__checklist_checkbox"].one_of == "type"
    assert doc.elements["new_note_dialog__lock_checkbox"].one_of == ""
    assert parse_doc(dump_doc_text(doc)) == doc
    bad = DOC.replace("description: OK, selectors: [{text: OK}]", "description: OK, selectors: [{text: OK}], one_of: type")
    with pytest.raises(DocError, match="one_of") as error:
        parse_doc(bad)
    assert "only checkboxes" in error.value.fix


def test_the_planner_ticks_one_checkbox_per_radio_group():
    doc = parse_doc(DOC)
    planner = Planner(model=None, doc=doc, config=PlanConfig(radio_once=True))
    checklist, text_note = "new_note_dialog__checklist_checkbox.tap()", "new_note_dialog__text_note_checkbox.tap()"
    lock, ok = "new_note_dialog__lock_checkbox.tap()", "new_note_dialog__ok_button.tap()"
    choices = [checklist, text_note, lock, ok]
    task = "make a new note"
    assert planner._radio_once(task, choices, [checklist]) == [lock, ok]
    assert planner._radio_once(task, choices, [lock]) == choices  # a plain checkbox is no group
    off = PlanConfig(radio_once=False, radio_named_once=False)
    assert Planner(model=None, doc=doc, config=off)._radio_once(task, choices, [checklist]) == choices


def test_a_tick_the_task_names_alone_is_the_group_s_last():
    """By default the group is locked only by the button the task names, and names alone: a tick nobody
    asked for may still be corrected, and "from text note to checklist" names two."""
    planner = Planner(model=None, doc=parse_doc(DOC))
    checklist, text_note = "new_note_dialog__checklist_checkbox.tap()", "new_note_dialog__text_note_checkbox.tap()"
    lock, ok = "new_note_dialog__lock_checkbox.tap()", "new_note_dialog__ok_button.tap()"
    choices = [checklist, text_note, lock, ok]
    assert planner._radio_once("create a checklist called 'x'", choices, [checklist]) == [lock, ok]
    assert planner._radio_once("create a checklist called 'x'", choices, [text_note]) == choices
    assert planner._radio_once("turn my text note into a checklist", choices, [checklist]) == choices


def test_a_model_that_ticks_every_checkbox_still_leaves_the_group_s_first_pick_alone():
    doc = parse_doc(DOC)
    model = PickingModel(lambda line: "checkbox" in line)
    plan = Planner(model=model, doc=doc, config=PlanConfig(radio_once=True)).plan(
        "create a checklist note called 'Shopping'")
    lines = plan.script.splitlines()
    ticked = [line for line in lines if "text_note" in line or "checklist" in line]
    assert len(ticked) == 1, plan.script
    assert any(line.startswith("new_note_dialog__title_input.set_text") for line in lines), plan.script


def test_a_form_s_texts_are_typed_before_its_ticks():
    """'a checklist note called x': the title is typed first, then Checklist (and OK), as people fill a
    form and as the recordings did; once typed, the ticks come back."""
    planner = Planner(model=None, doc=parse_doc(DOC))
    checklist, text_note = "new_note_dialog__checklist_checkbox.tap()", "new_note_dialog__text_note_checkbox.tap()"
    title, ok = 'new_note_dialog__title_input.set_text("Shopping")', "new_note_dialog__ok_button.tap()"
    task = "create a checklist note called 'Shopping'"
    choices = [checklist, text_note, title, ok]
    assert planner._values_first(task, choices, []) == [title, ok]
    assert planner._values_first(task, choices, [title]) == choices
    off = Planner(model=None, doc=parse_doc(DOC), config=PlanConfig(values_first=False))
    assert off._values_first(task, choices, []) == choices
