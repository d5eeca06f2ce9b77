"""The sim device as a Device: XML format, node matching, back/launcher, app_start, reset, determinism."""

from __future__ import annotations

import dataclasses

import pytest
from device_contract import CONTRACT_CHECKS
from lxml import etree

from autodroid.device import open_device
from autodroid.device.base import Device
from autodroid.device.sim import open_sim, sim_apps
from autodroid.device.sim.render import ATTRIBUTE_ORDER
from autodroid.errors import BadInputError, DeviceError, ElementNotFound
from autodroid.ui.u2xml import parse_u2_xml


def find(device, **criteria):
    matches = [n for n in device.screen() if all(getattr(n, k) == v for k, v in criteria.items())]
    assert matches, f"no node with {criteria} on {device.screen_kind()}"
    return matches[0]


def texts(device, rid):
    return [n.text for n in device.screen() if n.rid == rid]


@pytest.mark.parametrize("app", ["notes", "clock", "calendar", "contacts", "dialer", "messages", "todo", "settings"])
@pytest.mark.parametrize("check", CONTRACT_CHECKS, ids=lambda check: check.__name__)
def test_device_contract(check, app):
    check(lambda: open_device(f"sim:{app}"))


def test_open_by_spec_and_known_apps():
    assert sim_apps() == ["notes", "clock", "calendar", "contacts", "dialer", "messages", "todo", "settings"]
    device = open_device("sim:clock")
    assert isinstance(device, Device) and device.spec == "sim:clock"
    assert device.current_app() == "org.autodroid.clock"
    assert device.screen().package == "org.autodroid.clock"
    assert device.screen().source == "sim"


def test_unknown_app_names_the_known_ones():
    with pytest.raises(BadInputError) as error:
        open_sim("calculator")
    assert "calculator" in error.value.message
    assert "sim:notes" in error.value.fix and "sim:clock" in error.value.fix


def assert_real_dump(xml: str) -> None:
    """The one-line ``uiautomator dump`` layout: header, 17 attributes in order, sibling indexes, bounds on a
    1080x2340 screen with every child inside its parent, ids as ``package:id/name``."""
    assert xml.startswith("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\"><node ")
    assert "\n" not in xml  # the classic dump is one line
    root = etree.fromstring(xml.encode("utf-8"))
    assert root.tag == "hierarchy" and len(root) == 1
    screen_box = (0, 0, 1080, 2340)
    for element in root.iter("node"):
        assert tuple(element.attrib.keys()) == ATTRIBUTE_ORDER
        parent = element.getparent()
        assert element.get("index") == str(list(parent).index(element))
        left, top, right, bottom = bounds_of(element.get("bounds"))
        assert 0 <= left <= right <= 1080 and 0 <= top <= bottom <= 2340, element.attrib
        if parent.tag == "node":  # children lie inside their parent
            p_left, p_top, p_right, p_bottom = bounds_of(parent.get("bounds"))
            assert p_left <= left and p_top <= top and right <= p_right and bottom <= p_bottom, element.attrib
        rid = element.get("resource-id")
        assert rid == "" or ":id/" in rid
    assert bounds_of(root[0].get("bounds")) == screen_box


def bounds_of(value: str) -> tuple[int, int, int, int]:
    numbers = value.replace("][", ",").strip("[]").split(",")
    return tuple(int(n) for n in numbers)  # type: ignore[return-value]


def test_dump_format_on_list_dialog_and_launcher():
    device = open_sim("notes")
    assert_real_dump(device.xml())
    device.tap(find(device, rid="note_item"))
    device.tap(find(device, desc="Delete"))
    assert device.screen_kind() == "notes.delete_dialog"
    assert_real_dump(device.xml())
    device.back()
    device.back()
    device.back()
    assert device.screen_kind() == "launcher.home"
    assert_real_dump(device.xml())


def test_dialog_is_a_centred_box_over_a_full_screen_layer():
    device = open_sim("notes")
    device.tap(find(device, rid="note_item"))
    device.tap(find(device, desc="Delete"))
    screen = device.screen()
    root = screen.node(screen.roots[0])
    assert root.bounds == (0, 0, 1080, 2340)
    box = screen.children_of(root)[0]
    left, top, right, bottom = box.bounds
    assert (left + right) // 2 == 540 and abs((top + bottom) // 2 - 1170) <= 1
    assert right - left < 1080 and bottom - top < 1000
    assert not [n for n in screen if n.rid in ("notes_list", "note_body_text")]  # the activity is hidden
    buttons = {n.text: n for n in screen if n.cls == "android.widget.Button"}
    assert buttons["Delete"].resource_id == "android:id/button1"
    assert buttons["Cancel"].resource_id == "android:id/button2"
    assert buttons["Cancel"].bounds[2] < buttons["Delete"].bounds[0]  # positive button rightmost


def test_special_characters_are_escaped_and_round_trip():
    device = open_sim("notes")
    device.tap(find(device, desc="New note"))
    title = 'Tom & Jerry <"quoted">'
    device.set_text(find(device, rid="note_title_input"), title)
    device.set_text(find(device, rid="note_body_input"), "first line\nsecond line")
    xml = device.xml()
    assert "Tom &amp; Jerry &lt;&quot;quoted&quot;&gt;" in xml and "first line&#10;second line" in xml
    assert find(device, rid="note_title_input").text == title
    assert find(device, rid="note_body_input").text == "first line\nsecond line"
    assert parse_u2_xml(xml).nodes == device.screen().nodes


def test_stale_and_foreign_nodes_raise_element_not_found():
    device = open_sim("notes")
    fab = find(device, desc="New note")
    assert device.tap(fab).changed
    with pytest.raises(ElementNotFound) as error:
        device.tap(fab)  # the list is gone: the editor shows
    assert "notes.editor" in error.value.message
    clock = open_sim("clock")
    with pytest.raises(ElementNotFound):
        device.tap(find(clock, desc="New alarm"))
    title = find(device, rid="note_title_input")
    with pytest.raises(ElementNotFound):
        device.tap(dataclasses.replace(title, bounds=(0, 0, 10, 10)))
    with pytest.raises(BadInputError):
        device.tap("note_title_input")  # type: ignore[arg-type]


def test_a_node_kept_from_an_earlier_screen_works_while_unchanged():
    device = open_sim("clock")
    switch = find(device, rid="alarm_switch")
    assert switch.checked
    assert device.tap(switch).changed
    assert device.tap(switch).changed  # same switch, same place: toggles back like a second tap would
    assert find(device, rid="alarm_switch").checked


def test_actions_on_non_actionable_nodes_do_nothing():
    device = open_sim("notes")
    before = device.xml()
    title = find(device, text="Notes", cls="android.widget.TextView")
    assert not title.clickable and not title.inherited_clickable
    assert device.tap(title).changed is False
    assert device.long_tap(find(device, desc="Search")).changed is False
    assert device.set_text(find(device, desc="Search"), "hello").changed is False
    assert device.scroll(find(device, desc="Search"), "down").changed is False
    assert device.xml() == before


def test_tap_on_a_label_inside_a_clickable_row_taps_the_row():
    device = open_sim("notes")
    label = find(device, rid="note_title", text="Books to read")
    assert not label.clickable and label.inherited_clickable
    assert device.tap(label).changed
    assert device.screen_kind() == "notes.view"
    assert find(device, rid="note_body_text").text.startswith("The Left Hand of Darkness")


def test_back_at_root_goes_to_launcher_and_the_icon_returns():
    device = open_sim("notes")
    device.tap(find(device, desc="Search"))
    assert device.back().changed and device.screen_kind() == "notes.list"  # back closes search first
    assert device.back().changed
    assert device.current_app() == "com.android.launcher3"
    assert device.back().changed is False  # nothing behind the home screen
    icons = [n.text for n in device.screen() if n.clickable]
    assert icons == ["Notes", "Clock", "Calendar", "Contacts", "Phone", "Messages", "Tasks", "Settings"]
    assert device.tap(find(device, text="Clock")).changed
    assert device.current_app() == "org.autodroid.clock"
    device.back()
    device.tap(find(device, text="Notes"))
    assert device.current_app() == "org.autodroid.notes" and device.screen_kind() == "notes.list"


def test_app_start_by_name_or_package_keeps_each_apps_state():
    device = open_sim("notes")
    device.tap(find(device, rid="note_item"))
    assert device.app_start("org.autodroid.clock").changed
    assert device.screen_kind() == "clock.alarm_tab"
    assert device.app_start("clock").changed is False
    device.app_start("notes")
    assert device.screen_kind() == "notes.view"  # resumed where it was left
    with pytest.raises(BadInputError) as error:
        device.app_start("com.example.missing")
    assert "org.autodroid.clock" in error.value.fix


def test_app_stop_then_start_opens_the_start_screen_with_data_kept():
    device = open_sim("notes")
    device.tap(find(device, rid="note_title", text="Budget"))
    device.tap(find(device, desc="Delete"))
    device.tap(find(device, text="Delete", cls="android.widget.Button"))
    device.tap(find(device, rid="note_item"))
    assert device.screen_kind() == "notes.view"
    assert device.app_stop("org.autodroid.notes").changed
    assert device.current_app() == "com.android.launcher3"
    device.app_start("notes")
    assert device.screen_kind() == "notes.list"
    assert "Budget" not in [n.text for n in device.screen() if n.rid == "note_title"]
    device.app_start("clock")
    assert device.app_stop("notes").changed is False  # stopping a background app leaves the screen alone
    assert device.screen_kind() == "clock.alarm_tab"


def test_scroll_rejects_bad_direction_and_sideways_does_nothing():
    device = open_sim("notes")
    notes_list = find(device, rid="notes_list")
    with pytest.raises(BadInputError):
        device.scroll(notes_list, "diagonal")
    assert device.scroll(notes_list, "left").changed is False


def test_closed_device_raises_device_error_and_context_manager_closes():
    with open_sim("clock") as device:
        device.screen()
    with pytest.raises(DeviceError):
        device.screen()
    with pytest.raises(DeviceError):
        device.back()


def test_reset_restores_initial_state_of_every_app():
    device = open_sim("notes")
    fresh = device.xml()
    device.tap(find(device, rid="note_item"))
    device.tap(find(device, desc="Delete"))
    device.tap(find(device, text="Delete"))
    device.app_start("clock")
    device.tap(find(device, rid="alarm_switch"))
    assert device.current_app() == "org.autodroid.clock"
    device.reset()
    assert device.current_app() == "org.autodroid.notes"
    assert device.xml() == fresh
    device.app_start("clock")
    assert device.xml() == open_sim("clock").xml()


def test_same_actions_give_the_same_screens():
    dumps = []
    for _ in range(2):
        device = open_sim("clock")
        device.tap(find(device, desc="Stopwatch"))
        device.tap(find(device, desc="Start"))
        device.tap(find(device, desc="Lap"))
        device.tap(find(device, desc="Lap"))
        dumps.append(device.xml())
    assert dumps[0] == dumps[1]
