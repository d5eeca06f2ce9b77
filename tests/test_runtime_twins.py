"""Twin screens: the shipped sim:clock doc has the new-alarm dialog twice (with and without AM/PM, the
same tap opened both); a script naming either twin's fields runs on whichever one the app shows."""

from __future__ import annotations

import pytest

from autodroid.appdoc import load_doc, parse_doc
from autodroid.device import open_device
from autodroid.errors import DocError
from autodroid.runtime import run_on_device
from autodroid.runtime.twins import twin_screens


def shipped(app: str):
    try:
        return load_doc(app)
    except DocError as error:
        pytest.skip(f"no shipped doc for sim:{app} ({error.message})")


def test_the_time_dialog_in_two_states_is_one_pair_of_twins_and_look_alike_radio_dialogs_are_not():
    twins = twin_screens(shipped("clock"))
    assert twins["new_alarm_dialog"] == {"new_alarm_dialog_2"}
    assert twins["new_alarm_dialog_2"] == {"new_alarm_dialog"}
    assert "snooze_time_dialog" not in twins and "sort_by_dialog" not in twins  # same widgets, other dialogs


def test_a_script_on_one_twin_runs_on_the_other():
    doc = shipped("clock")
    with open_device("sim:clock") as device:
        script = ('new_alarm_dialog__hour_input.set_text("6")\nnew_alarm_dialog__minute_input.set_text("45")\n'
                  "new_alarm_dialog__ok_button.tap()\n")
        report = run_on_device(script, doc, device)
        assert report.ok, report.error_text
        assert (6, 45) in [(alarm.hour, alarm.minute) for alarm in device.apps["clock"].data.alarms]


DIALOGS = """\
schema: 1
app: twins
package: org.twins
start_screen: main_screen
screens:
  main_screen:
    elements:
      open_button: {type: button, description: Open, selectors: [{resource_id: open}]}
      other_button: {type: button, description: Other, selectors: [{resource_id: other}]}
  dialog:
    elements:
      a_input: {type: input, description: a, selectors: [{resource_id: a}]}
      b_input: {type: input, description: b, selectors: [{resource_id: b}]}
      ok_button: {type: button, description: OK, selectors: [{resource_id: ok}]}
  dialog_2:
    elements:
      a_input: {type: input, description: a, selectors: [{resource_id: a}]}
      b_input: {type: input, description: b, selectors: [{resource_id: b}]}
      ok_button: {type: button, description: OK, selectors: [{resource_id: ok}]}
      extra_checkbox: {type: checkbox, description: PM, selectors: [{resource_id: pm}]}
navigation:
- {from: main_screen, action: tap, element: main_screen__open_button, to: dialog}
- {from: main_screen, action: tap, element: main_screen__OPENER, to: dialog_2}
"""


@pytest.mark.parametrize("opener, twins", [("open_button", True), ("other_button", False)])
def test_twins_need_the_same_action_to_have_opened_both(opener, twins):
    doc = parse_doc(DIALOGS.replace("OPENER", opener))
    assert (twin_screens(doc).get("dialog") == {"dialog_2"}) is twins


def test_typing_into_an_input_both_screens_show_makes_them_twins_and_the_confirm_runs_in_place():
    """sim:messages: typing a number on the new-conversation screen turns it into a second recorded screen
    (its contact list gives way to Confirm). Navigating to the first one's Confirm used to leave the screen
    and come back, dropping the typed number."""
    from autodroid.runtime.twins import typed_into

    doc = shipped("messages")
    assert ("new_conversation_screen", "new_conversation_screen_2") in typed_into(doc)
    assert twin_screens(doc)["new_conversation_screen"] == {"new_conversation_screen_2"}
    with open_device("sim:messages") as device:
        script = ('new_conversation_screen__address_input.set_text("555-0199")\n'
                  "new_conversation_screen__confirm_button.tap()\n")
        report = run_on_device(script, doc, device)
        assert report.ok, report.error_text
        assert sum(1 for action in report.actions if action.role == "navigation") == 1, report.actions
