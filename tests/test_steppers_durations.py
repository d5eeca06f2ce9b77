"""Number fields: the buttons that step a field ("Increase hour") are not offered once the task gives the
field's value (typing sets it; a step after it changed "5 am" into 6 am), and a duration given in some units
("a 45 second timer") sets the form's other unit fields to 0 (Minutes showed 5: the timer was 5:45)."""

from __future__ import annotations

from autodroid.appdoc import load_doc, parse_doc
from autodroid.planner.planner import PlanConfig, Planner
from autodroid.planner.slots import duration_zeroes, steppers
from picking_model import PickingModel

DOC = """\
schema: 1
app: kitchen
package: org.kitchen
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      new_timer_button: {type: button, description: New timer, selectors: [{resource_id: new}], leads_to: timer_dialog}
      search_input: {type: input, description: Search, selectors: [{resource_id: search_field}]}
      search_button: {type: button, description: Search, selectors: [{resource_id: search_go}]}
      message_input: {type: input, description: Message, selectors: [{resource_id: message}]}
      send_button: {type: button, description: Send, selectors: [{resource_id: send}]}
  timer_dialog:
    description: dialog opened by 'New timer'
    elements:
      hours_input: {type: input, description: '0', selectors: [{resource_id: hours}]}
      minutes_up_button: {type: button, description: Increase minutes, selectors: [{resource_id: minutes_up}]}
      minutes_input: {type: input, description: '5', selectors: [{resource_id: minutes}]}
      minutes_down_button: {type: button, description: Decrease minutes, selectors: [{resource_id: minutes_down}]}
      seconds_input: {type: input, description: '00', selectors: [{resource_id: seconds}]}
      label_input: {type: input, description: Label, selectors: [{resource_id: label}]}
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: main_screen}
navigation:
- {from: main_screen, action: tap, element: main_screen__new_timer_button, to: timer_dialog}
"""


def test_only_buttons_stepping_a_field_are_its_steppers():
    found = steppers(parse_doc(DOC))
    assert found == {"timer_dialog__minutes_input": ["timer_dialog__minutes_up_button",
                                                     "timer_dialog__minutes_down_button"]}
    # a Search button beside the search field and Send beside the message run the field: no steppers


def test_a_duration_in_seconds_alone_zeroes_the_other_unit_fields():
    doc = parse_doc(DOC)
    seconds, ok = 'timer_dialog__seconds_input.set_text("45")', "timer_dialog__ok_button.tap()"
    added = duration_zeroes(doc, "give me a 45 second timer", [seconds, ok])
    assert added == [(1, 'timer_dialog__hours_input.set_text("0")'), (1, 'timer_dialog__minutes_input.set_text("0")')]
    minutes = 'timer_dialog__minutes_input.set_text("8")'
    both = duration_zeroes(doc, "a timer for 8 minutes and 45 seconds", [minutes, seconds, ok])
    assert both == [(1, 'timer_dialog__hours_input.set_text("0")')]
    # a number typed without its unit, or a unit the task gives for another number, adds nothing
    assert duration_zeroes(doc, "a timer called 45", [seconds, ok]) == []
    assert duration_zeroes(doc, "45 timers of 2 minutes", [seconds, ok]) == []


class InTurns(PickingModel):
    """Picks the first line naming ``wanted[0]``, then the first naming ``wanted[1]``..."""

    def __init__(self, *wanted: str):
        self.wanted = list(wanted)
        super().__init__(lambda line: bool(self.wanted) and self.wanted[0] in line)

    def choose(self, prompt, options, **kwargs):
        picked = super().choose(prompt, options, **kwargs)
        if self.wanted and self.wanted[0] in picked.text:
            self.wanted.pop(0)
        return picked


def test_the_planner_adds_the_zeroes_and_says_so():
    model = InTurns("seconds_input", "ok_button")
    plan = Planner(model=model, doc=parse_doc(DOC)).plan("give me a 45 second timer")
    lines = plan.script.splitlines()
    assert lines[:3] == ['timer_dialog__seconds_input.set_text("45")', 'timer_dialog__hours_input.set_text("0")',
                         'timer_dialog__minutes_input.set_text("0")'], plan.script
    assert any("other units" in change for change in plan.changes)
    assert lines[-1] == "timer_dialog__ok_button.tap()", plan.script
    off = Planner(model=InTurns("seconds_input", "ok_button"), doc=parse_doc(DOC),
                  config=PlanConfig(duration_zeroes=False))
    assert "set_text(\"0\")" not in off.plan("give me a 45 second timer").script


def test_a_field_the_task_fills_is_never_stepped_in_the_shipped_clock_doc():
    """sim:clock's alarm picker: "5 am" is typed into hour and minute; Increase hour is no longer offered
    (the 0.5B model tapped it after typing and set 6 am)."""
    doc = load_doc("clock")
    planner = Planner(model=None, doc=doc)
    task = "wake me up at 5 am, new alarm please"
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert 'new_alarm_dialog__hour_input.set_text("5")' in lines
    assert not [line for line in lines if "_up_button" in line or "_down_button" in line], lines
    kept = Planner(model=None, doc=doc, config=PlanConfig(steppers_typed=False))
    assert any("_up_button" in line for line in kept.choices(task, [c.name for c in kept.candidates(task)]))
