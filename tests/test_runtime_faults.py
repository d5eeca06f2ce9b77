"""Faults on sim and replay devices: element missing, ambiguous element, unexpected screen, unexplored
transition, device errors, budgets. Each ends in a typed error, the trace says what happened, and the
report never claims success."""

from __future__ import annotations

import dataclasses
import json

import pytest
from droidscript import ActionError, BudgetExceeded, Budgets, ScriptError

from autodroid.appdoc import Element, NavEdge, Selector
from autodroid.device import open_device
from autodroid.device.base import ActionResult
from autodroid.device.replay import ReplayDevice
from autodroid.errors import DeviceError, ElementNotFound, UnexploredTransition
from autodroid.explorer.fromlog import doc_from_log
from autodroid.runtime import Limits, run_on_device
from autodroid.runtime.errors import AmbiguousElement, NavigationFailed
from autodroid.runtime.gold import RecordingDevice
from test_runtime_policy import NOTES_WALK, names, run, screen_of

from autodroid.runtime.walkdoc import doc_from_walk


@pytest.fixture(scope="module")
def notes_doc():
    with open_device("sim:notes") as device:
        return doc_from_walk(device, NOTES_WALK, "notes")


@pytest.fixture
def notes():
    with open_device("sim:notes") as device:
        yield device


@pytest.fixture(scope="module")
def clock_doc(droidtask):
    return doc_from_log(droidtask / "clock")


def with_element(doc, element: Element):
    screen = doc.screens[element.screen]
    screens = dict(doc.screens)
    screens[element.screen] = dataclasses.replace(screen, elements=(*screen.elements, element.name))
    return dataclasses.replace(doc, elements={**doc.elements, element.name: element}, screens=screens)


def assert_failed(report, cause_type, line=1):
    assert not report.ok
    assert isinstance(report.cause, cause_type), report.error_text
    assert report.error.line == line
    end = report.trace[-1]
    assert end["event"] == "run_end" and end["ok"] is False and end["error"]
    assert end["error_type"] == cause_type.__name__ or issubclass(cause_type, type(report.cause))


def test_element_missing_is_searched_for_then_reported(notes_doc, notes):
    start = notes_doc.start_screen
    ghost = Element(f"{start}__archive_button", start, "button", "'Archive'",
                    (Selector(resource_id="archive"), Selector(desc="Archive")))
    doc = with_element(notes_doc, ghost)
    recorder = RecordingDevice(notes)
    report = run_on_device(f"{start}__archive_button.tap()\n", doc, recorder)
    assert_failed(report, ElementNotFound)
    assert f"documented on {start}" in report.error_text and "even after scrolling" in report.error_text
    assert names(doc, "main_screen__notes_list") in report.error_text  # what is on screen instead
    assert {r.action for r in recorder.received} == {"scroll"}  # it looked, and tapped nothing
    searched = [e for e in report.trace if e["event"] == "device" and e["role"] == "search"]
    assert searched and {e["args"][0] for e in searched} == {"down", "up"}


def test_missing_list_row_is_reported_with_the_list(notes_doc, notes):
    notes.apps["notes"].data.notes = [n for n in notes.apps["notes"].data.notes if n.title != "Budget"]
    notes._frame = None  # the data changed under the device: re-render
    report = run('main_screen__notes_list.select("Budget")\n', notes_doc, notes)
    assert_failed(report, ElementNotFound)
    assert names(notes_doc, "main_screen__notes_list has no such row") in report.error_text
    assert notes.screen_kind() == "notes.list"


def test_ambiguous_element_is_not_settled_by_document_order(notes_doc, notes):
    start = notes_doc.start_screen
    vague = Element(f"{start}__note_button", start, "button", "", (Selector(resource_id="note_item"),))
    recorder = RecordingDevice(notes)
    report = run_on_device(f"{start}__note_button.tap()\n", with_element(notes_doc, vague), recorder)
    assert_failed(report, AmbiguousElement)
    assert "matches 7 nodes equally well" in report.error_text
    assert len(report.cause.candidates) == 7 and "'Books to read'" in report.error_text
    assert recorder.received == []


def test_unexpected_screen_after_a_hop_is_traced_and_not_trusted(droidtask, clock_doc):
    # The doc says the "New Timer" button opens Settings (a stale doc); the app opens the timer dialog.
    settings = screen_of(clock_doc, "settings_screen__sunday_first_checkbox")
    add = names(clock_doc, "main_timer_tab__add_button")
    navigation = [e for e in clock_doc.navigation if e.to != settings]
    navigation.append(NavEdge(clock_doc.start_screen, "tap", settings, add))
    doc = dataclasses.replace(clock_doc, navigation=tuple(navigation))
    device = ReplayDevice(droidtask / "clock", log_only=True)
    report = run("settings_screen__sunday_first_checkbox.tap()\n", doc, device)
    assert_failed(report, NavigationFailed)
    deviations = [e for e in report.trace if e["event"] == "navigation_deviation"]
    assert deviations and deviations[0]["expected"] == settings
    assert deviations[0]["got"] == [clock_doc.elements[add].leads_to]  # the timer dialog
    assert f"no known way to {settings}" in report.error_text
    assert not any(a.api == names(doc, "settings_screen__sunday_first_checkbox") for a in report.actions)


def test_undocumented_screen_is_left_by_back_before_navigating(notes_doc, notes):
    notes.tap(next(n for n in notes.screen() if n.desc == "More options"))
    notes.tap(next(n for n in notes.screen() if n.text == "About"))
    assert notes.screen_kind() == "notes.about"  # never seen by the walk: not in the doc
    report = run("main_screen__fab_new_note_button.tap()\n", notes_doc, notes)
    assert report.ok, report.error_text
    roles = [(a.role, a.action) for a in report.actions]
    assert roles[0] == ("navigation", "back") and roles[-1] == ("script", "tap")
    assert report.trace[[e["event"] for e in report.trace].index("device")]["screen_before"]["screens"] == []


def test_unexplored_transition_keeps_the_screen_and_says_so(droidtask, clock_doc):
    device = ReplayDevice(droidtask / "clock", log_only=True)
    before = device.state
    report = run("main_timer_tab__more_apps_from_us_button.tap()\n", clock_doc, device)
    assert_failed(report, UnexploredTransition)
    assert device.state == before
    failed = [e for e in report.trace if e["event"] == "device" and not e["ok"]]
    assert failed and failed[0]["error_type"] == "UnexploredTransition"
    assert failed[0]["screen_before"]["screens"] == [clock_doc.start_screen]


class BrokenDevice:
    """Wraps a device; taps fail the way a disconnected phone (or a buggy driver) fails."""

    def __init__(self, inner, error: Exception):
        self.inner, self.error, self.spec = inner, error, "broken:" + inner.spec

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def tap(self, node) -> ActionResult:
        raise self.error


@pytest.mark.parametrize("error", [DeviceError("adb connection lost"), RuntimeError("socket closed")])
def test_device_error_is_typed_and_traced(notes_doc, notes, error):
    report = run("main_screen__fab_new_note_button.tap()\n", notes_doc, BrokenDevice(notes, error))
    assert_failed(report, DeviceError)
    assert ("adb connection lost" if isinstance(error, DeviceError) else "RuntimeError: socket closed") \
        in report.error_text
    entry = next(e for e in report.trace if e["event"] == "device")
    assert entry["ok"] is False and entry["error_type"] == "DeviceError"
    assert report.actions == []


def test_device_error_while_reading_the_screen(notes_doc, notes):
    class NoDump(BrokenDevice):
        def screen(self):
            raise self.error

    report = run("main_screen__fab_new_note_button.tap()\n", notes_doc,
                 NoDump(notes, DeviceError("uiautomator dump failed")))
    assert_failed(report, DeviceError)
    assert isinstance(report.error, ActionError)


def test_runaway_script_stops_on_budget(notes_doc, notes):
    budgets = Budgets(max_seconds=0.3, max_iterations_per_loop=10**9, max_loop_iterations=10**9, max_ops=10**9)
    report = run_on_device("n = 0\nwhile True:\n    n += 1\n", notes_doc, notes, budgets=budgets)
    assert not report.ok and isinstance(report.error, BudgetExceeded)
    assert report.error.budget == "max_seconds"
    assert f"Screen now: {notes_doc.start_screen}" in report.error_text
    assert report.trace[-1]["ok"] is False


def test_invalid_script_never_touches_the_device(notes_doc, notes):
    recorder = RecordingDevice(notes)
    fab = names(notes_doc, "main_screen__fab_new_note_button")
    report = run_on_device(f"{fab[:-len('_button')]}.tap()\n", notes_doc, recorder)
    assert not report.ok and isinstance(report.error, ScriptError)
    assert fab in report.error_text  # the nearest valid name
    assert recorder.received == []


def test_navigation_gives_up_within_the_hop_bound(droidtask, clock_doc):
    device = RecordingDevice(ReplayDevice(droidtask / "clock", log_only=True))
    report = run("alarm_time_dialog__edit_alarm_sound_button.tap()\n", clock_doc, device,
                           limits=Limits(max_hops=1, restart=False))
    assert_failed(report, NavigationFailed)
    assert "within 1 navigation steps" in report.error_text
    assert len(device.received) == 1


def test_trace_file_is_json_lines_with_every_step(notes_doc, notes, tmp_path):
    path = tmp_path / "trace.jsonl"
    report = run('main_screen__notes_list.select("Budget")\nback()\nprint("done")\n', notes_doc, notes,
                           trace_path=path)
    assert report.ok, report.error_text
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines == json.loads(json.dumps(report.trace, default=str))
    events = [e["event"] for e in lines]
    assert events[0] == "run_start" and events[-1] == "run_end"
    assert {"statement", "policy", "device", "print"} <= set(events)
    select = next(e for e in lines if e["event"] == "device" and e["action"] == "select")
    assert select["screen_before"]["screens"] == [notes_doc.start_screen] and select["screen_after"]["screens"]
    assert len(select["screen_before"]["signature"]) == 16 and select["node"].startswith("<button")
    assert select["line"] == 1 and select["elapsed_s"] >= 0
    summary = report.summary()
    assert summary.startswith("ok: 2 device actions") and "print: done" in summary


def test_time_budget_stops_the_runtime_between_its_own_steps(notes_doc, notes):
    import time

    class SlowDevice(BrokenDevice):
        def tap(self, node):
            time.sleep(0.3)
            return self.inner.tap(node)

    started = time.monotonic()
    report = run("sort_by_dialog__ok_button.tap()\n", notes_doc, SlowDevice(notes, None), auto_yes=True,
                 budgets=Budgets(max_seconds=0.2))  # two hops: More options, then Sort by
    assert not report.ok and isinstance(report.error, BudgetExceeded)
    assert "while the runtime was on its way (navigation)" in report.error_text
    assert len(report.actions) == 1  # one slow hop, then it stopped
    assert any(e["event"] == "out_of_time" for e in report.trace)
    assert time.monotonic() - started < 1.0
