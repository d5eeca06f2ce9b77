"""The shipped sim app docs (made by the explorer) with the runtime: deleting is confirmed or refused as
configured, auto-navigation reaches the delete buttons, choosing a list row never flips its switch."""

from __future__ import annotations

import pytest

from autodroid.appdoc import load_doc
from autodroid.device import open_device
from autodroid.errors import DocError, PolicyRefused
from autodroid.runtime import run_on_device
from autodroid.runtime.docquery import api_for


def shipped(app: str):
    try:
        return load_doc(app)
    except DocError as error:
        pytest.skip(f"no shipped doc for sim:{app} ({error.message})")


DELETES = [("notes", "delete_note", "notes.delete_dialog"), ("clock", "delete_alarm", "clock.delete_alarm_dialog"),
           ("clock", "timer_delete", "clock.delete_timer_dialog")]


@pytest.mark.parametrize("app, rid, dialog", DELETES)
def test_delete_needs_confirmation_and_happens_only_when_confirmed(app, rid, dialog):
    doc = shipped(app)
    delete = api_for(doc, resource_id=rid)
    assert doc.elements[delete].risk == "sensitive"
    # an item's Delete acts on the item the script picked (tests/test_runtime_unnamed_item.py): pick it first
    row = next((e for e in doc.navigation if e.to == doc.elements[delete].screen and e.option), None)
    script = (f'{row.element}.select("{row.option}")\n' if row else "") + f"{delete}.tap()\n"
    with open_device(f"sim:{app}") as device:
        report = run_on_device(script, doc, device)  # non-interactive: refused
        assert not report.ok and isinstance(report.cause, PolicyRefused)
        assert device.screen_kind() != dialog
        assert all(a.api != delete for a in report.actions)
        asked = []
        report = run_on_device(script, doc, device, confirm=lambda request: asked.append(request) or True)
        assert report.ok, report.error_text
        assert device.screen_kind() == dialog
        assert [r.api for r in asked] == [delete]


def test_opening_an_alarm_does_not_flip_its_switch():
    doc = shipped("clock")
    alarms = api_for(doc, type="list", resource_id="alarms_list")
    with open_device("sim:clock") as device:
        before = [(a.label, a.enabled) for a in device.apps["clock"].data.alarms]
        label = doc.elements[alarms].options[0]
        report = run_on_device(f'{alarms}.select("{label}")\n', doc, device)
        assert report.ok, report.error_text
        assert [(a.label, a.enabled) for a in device.apps["clock"].data.alarms] == before
        assert device.screen_kind() != "clock.alarm_tab"


def test_long_press_on_a_row_as_a_navigation_hop():
    import dataclasses

    doc = shipped("notes")
    menu = api_for(doc, type="list", option="Open")  # a note's long-press menu
    screen = doc.elements[menu].screen
    # The doc writer records the long press on a row as a `select` edge; written as what it is (long_tap
    # with the row's option) the runtime long-presses the row on its way.
    navigation = tuple(dataclasses.replace(e, action="long_tap") if e.to == screen and e.option else e
                       for e in doc.navigation)
    doc = dataclasses.replace(doc, navigation=navigation)
    with open_device("sim:notes") as device:
        report = run_on_device(f'{menu}.select("Rename")\n', doc, device)
        assert report.ok, report.error_text
        assert [(a.role, a.action) for a in report.actions] == [("navigation", "long_tap"), ("script", "select")]
        assert device.screen_kind() == "notes.rename_dialog"
