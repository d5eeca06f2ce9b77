"""The planner's idea of where navigation gets by itself matches the runtime's: from the start screen the
runtime also takes the copied edges of elements a screen shows (sim:calendar's Default reminder row, recorded
on one variant of the Settings screen only), so a line there is runnable and offered."""

from __future__ import annotations

from autodroid.appdoc import load_doc
from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device
from autodroid.planner.planner import Planner
from autodroid.planner.reach import Reach
from autodroid.runtime import run_on_device
from picking_model import PickingModel

DOC = load_doc("calendar")
PICK = 'default_reminder_dialog__dialog_radio_group_list.select("1 hour before")'


def test_the_default_reminder_dialog_is_reached_only_over_a_copied_edge_and_counts_as_reachable():
    reach = Reach(DOC)
    assert reach.graph.path(DOC.start_screen, {"default_reminder_dialog"}) is None
    assert reach.graph.path(DOC.start_screen, {"default_reminder_dialog"}, copies=True) is not None
    assert "default_reminder_dialog" in reach.from_screen(DOC.start_screen)
    assert reach.runnable(PICK, reach.after([]))


def test_the_default_reminder_pick_is_offered_and_runs_on_the_sim():
    model = PickingModel(lambda line: "default_reminder" in line)
    plan = Planner(model, DOC).plan("by default, remind me one hour before my events")
    assert PICK in model.offered[0]
    assert plan.script.splitlines()[0] == PICK
    with open_device("sim:calendar") as device:
        report = run_on_device(plan.script + "\n", DOC, device, auto_yes=True)
        assert report.ok, report.error_text
        assert snapshot(device, "calendar")["settings"]["default_reminder"] == "1 hour before"
