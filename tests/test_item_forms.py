"""A value for an item the task names goes into that item's edit form: the planner picks the item's row first
(``PlanConfig.item_forms``), and the runtime types into the form one tap from the item's page rather than
going back to the new-item form that shares the input (sim:contacts: the Email field of New contact is
also on Edit contact)."""

from __future__ import annotations

from autodroid.appdoc import load_doc
from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device
from autodroid.planner.planner import PlanConfig, Planner
from autodroid.runtime import run_on_device
from tests.picking_model import PickingModel

DOC = load_doc("contacts")
HUGO = 'main_screen__contacts_list.select("Hugo Bernard")'
EMAIL = 'new_contact_screen__email_input.set_text("hugo.bernard@example.fr")'
TASK = "add the email hugo.bernard@example.fr to Hugo's contact"


def _contacts(script: str):
    with open_device("sim:contacts") as device:
        report = run_on_device(script, DOC, device)
        return report, snapshot(device, "contacts")["contacts"]


def test_the_email_field_is_shared_by_the_new_and_the_edit_form():
    assert set(DOC.elements["new_contact_screen__email_input"].screens) == {"new_contact_screen", "edit_contact_screen"}


def test_typing_after_opening_a_contact_edits_that_contact():
    before = _contacts("")[1]
    report, after = _contacts(f"{HUGO}\n{EMAIL}\nnew_contact_screen__save_button.tap()\n")
    assert report.ok, report.error_text
    assert [a.screen_before for a in report.actions if a.role == "script"][1] == "edit_contact_screen"
    assert len(after) == len(before)  # no new contact
    assert next(c for c in after if c["first"] == "Hugo")["email"] == "hugo.bernard@example.fr"


def test_typing_from_the_contact_list_still_fills_a_new_contact():
    report, after = _contacts(f"{EMAIL}\nnew_contact_screen__save_button.tap()\n")
    assert [a.screen_before for a in report.actions if a.role == "script"][0] == "new_contact_screen"
    assert not any(c["email"] == "hugo.bernard@example.fr" and c["first"] == "Hugo" for c in after)


def test_the_named_contacts_row_leads_when_its_edit_form_takes_the_given_value():
    model = PickingModel(lambda line: "set_text" in line)  # a model that would type first if it could
    plan = Planner(model, DOC).plan(TASK)
    assert plan.script.splitlines()[:2] == [HUGO, EMAIL]
    typing_first = Planner(PickingModel(lambda line: "set_text" in line), DOC, config=PlanConfig(item_forms=False))
    assert typing_first.plan(TASK).script.splitlines()[0] == EMAIL


def test_a_new_contact_does_not_open_an_existing_one():
    plan = Planner(PickingModel(lambda line: "set_text" in line), DOC).plan(
        "new contact for my electrician Tom Hale, his number is 555-0147")
    assert not any(".select(" in line for line in plan.script.splitlines())


def test_once_the_named_contact_is_open_its_values_come_before_anything_else():
    wandering = PickingModel(lambda line: "settings_screen" in line)  # a model drawn to unrelated settings
    plan = Planner(wandering, DOC).plan(TASK)
    assert plan.script.splitlines()[:3] == [HUGO, EMAIL, "new_contact_screen__save_button.tap()"]
    loose = Planner(PickingModel(lambda line: "settings_screen" in line), DOC, config=PlanConfig(item_forms=False))
    assert EMAIL not in loose.plan(TASK).script.splitlines()[:2]
