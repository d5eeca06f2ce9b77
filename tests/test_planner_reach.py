"""Lines behind a Save/OK/Delete-style button (which navigation never presses) are offered with the line
that presses it, and only after it: a script the runtime cannot run is not written."""

from __future__ import annotations

from autodroid.appdoc import parse_doc
from autodroid.planner.planner import PlanConfig, Planner
from autodroid.planner.reach import Reach

from picking_model import PickingModel

DELETE_DOC = parse_doc("""\
schema: 1
app: photos
package: org.photos
start_screen: main_screen
screens:
  main_screen:
    description: the app's start screen
    elements:
      photo_button: {type: button, description: Last photo, selectors: [{resource_id: last}], leads_to: photo_screen}
  photo_screen:
    description: screen opened by 'Last photo'
    elements:
      delete_button: {type: button, description: Delete, selectors: [{text: Delete}], leads_to: delete_dialog}
      share_button: {type: button, description: Share, selectors: [{text: Share}]}
  delete_dialog:
    description: dialog opened by 'Delete'
    elements:
      yes_button: {type: button, description: 'Yes', selectors: [{text: 'Yes'}], leads_to: main_screen}
      no_button: {type: button, description: 'No', selectors: [{text: 'No'}], leads_to: photo_screen}
navigation:
- {from: main_screen, action: tap, element: main_screen__photo_button, to: photo_screen}
- {from: photo_screen, action: tap, element: photo_screen__delete_button, to: delete_dialog}
- {from: delete_dialog, action: tap, element: delete_dialog__yes_button, to: main_screen}
- {from: delete_dialog, action: tap, element: delete_dialog__no_button, to: photo_screen}
""")


def test_a_dialog_behind_a_delete_button_is_reachable_only_after_the_line_pressing_it():
    reach = Reach(DELETE_DOC)
    assert "photo_screen" in reach.after([]) and "delete_dialog" not in reach.after([])
    assert not reach.runnable("delete_dialog__yes_button.tap()", reach.after([]))
    assert reach.runnable("delete_dialog__yes_button.tap()", reach.after(["photo_screen__delete_button.tap()"]))
    assert reach.openers("delete_dialog__yes_button.tap()") == ["photo_screen__delete_button.tap()"]
    assert reach.openers("photo_screen__share_button.tap()") == []  # navigation gets there by itself


def test_the_planner_offers_the_opener_and_writes_it_first():
    task = "answer yes to delete the last photo"
    planner = Planner(model=None, doc=DELETE_DOC)
    lines = planner.choices(task, [c.name for c in planner.candidates(task)])
    assert "photo_screen__delete_button.tap()" in lines and "delete_dialog__yes_button.tap()" in lines
    model = PickingModel(prefer=lambda line: "yes_button" in line)  # would start with the confirmation
    plan = Planner(model=model, doc=DELETE_DOC).plan(task)
    assert "delete_dialog__yes_button.tap()" not in model.offered[0]
    script = plan.script.splitlines()
    assert script.index("photo_screen__delete_button.tap()") < script.index("delete_dialog__yes_button.tap()")
    off = Planner(model=PickingModel(prefer=lambda line: "yes_button" in line), doc=DELETE_DOC,
                  config=PlanConfig(slots=False)).plan(task)
    assert off.script.splitlines()[0] == "delete_dialog__yes_button.tap()"  # what it wrote before
