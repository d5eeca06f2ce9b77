"""A form's own dialogs (an event's reminder or repetition) belong to the form: after its title is typed the
planner still offers them, their OK does not end the form, and the form's Save comes after them (sim:calendar's
doc, the real one the bench uses)."""

from __future__ import annotations

from autodroid.appdoc import load_doc
from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device
from autodroid.planner.planner import Planner
from autodroid.planner.postprocess import add_confirms, form_dialogs
from autodroid.runtime import run_on_device
from picking_model import PickingModel

DOC = load_doc("calendar")
TITLE = 'edit_event_screen__title_input.set_text("Call the bank")'
REMIND = 'reminder_dialog__dialog_radio_group_list.select("1 hour before")'
REMIND_OK = "reminder_dialog__ok_button.tap()"
SAVE = "edit_event_screen__save_button.tap()"
AWAY = "settings_screen__dim_past_events_checkbox.tap()"


def test_the_reminder_and_repetition_dialogs_are_the_event_forms_and_navigate_up_is_not():
    form = set(DOC.elements["edit_event_screen__title_input"].screens)
    dialogs = form_dialogs(DOC, form)
    assert {"reminder_dialog", "repetition_dialog"} <= dialogs
    assert "navigate_up_dialog" not in dialogs  # it can lead to the main screen: leaving the form


def test_the_forms_save_is_added_after_its_dialog_not_between_the_title_and_the_dialog():
    lines, added = add_confirms([TITLE, REMIND, REMIND_OK], DOC)
    assert added == [SAVE]
    assert lines == [TITLE, REMIND, REMIND_OK, SAVE]
    lines, added = add_confirms([TITLE, REMIND], DOC)  # neither confirmed: the dialog's OK, then the Save
    assert lines == [TITLE, REMIND, REMIND_OK, SAVE]


def test_after_the_title_the_forms_dialogs_stay_offered_and_a_dialogs_ok_does_not_close_the_form():
    planner = Planner(model=None, doc=DOC)
    choices = [REMIND, AWAY, REMIND_OK, SAVE]
    assert planner._form_stays(choices, [TITLE]) == [REMIND, REMIND_OK, SAVE]
    assert planner._form_stays(choices, [TITLE, REMIND, REMIND_OK]) == [REMIND, REMIND_OK, SAVE]
    assert planner._open_form([TITLE, REMIND, REMIND_OK]) is not None
    assert planner._form_stays(choices, [TITLE, SAVE]) == choices  # saved: anything again
    assert planner._open_form([REMIND, REMIND_OK]) is None  # a dialog confirmed with no form typed before it


def test_a_box_of_the_form_after_the_title_comes_before_the_save_too():
    all_day = "edit_event_screen__all_day_checkbox.tap()"
    assert DOC.elements["edit_event_screen__all_day_checkbox"].leads_to == "edit_event_screen_2"  # a twin of the form
    lines, added = add_confirms([TITLE, all_day, REMIND, REMIND_OK], DOC)
    assert lines == [TITLE, all_day, REMIND, REMIND_OK, SAVE] and added == [SAVE]


def test_an_events_page_opened_by_its_row_keeps_its_reminder_offered_and_is_saved_after_it():
    model = PickingModel(lambda line: False)
    plan = Planner(model, DOC).plan("I want to be reminded a day before the project review")
    pick = 'reminder_dialog__dialog_radio_group_list.select("1 day before")'
    assert model.offered[0] == ['main_screen__calendar_events_list.select("Project review")']
    assert pick in model.offered[1]  # the row's form and its own dialogs, not the form alone
    assert plan.script.splitlines() == ['main_screen__calendar_events_list.select("Project review")', pick,
                                        REMIND_OK, SAVE]
    with open_device("sim:calendar") as device:
        report = run_on_device(plan.script + "\n", DOC, device, auto_yes=True)
        assert report.ok, report.error_text
        event = next(e for e in snapshot(device, "calendar")["events"] if e["title"] == "Project review")
    assert event["reminder"] == "1 day before"
