"""U2Device above the transport: real dumps from ../shared/u2_dumps served by the recorded fake."""

from __future__ import annotations

import pytest
from lxml import etree

from autodroid.device.base import ActionResult
from autodroid.device.u2 import LONG_TAP_S, SWIPE_INSET, U2Device, screen_key, swipe_points
from autodroid.errors import BadInputError, DeviceError, ElementNotFound
from autodroid.ui.u2xml import parse_u2_xml
from u2_fake import SKIP_NO_DUMPS, SERVER_KILL, RecordedU2, dump_names, fake_device, read_dump, u2_dumps_dir

pytestmark = pytest.mark.skipif(u2_dumps_dir() is None, reason=SKIP_NO_DUMPS)
ALL_DUMPS = dump_names() or [pytest.param("absent", marks=pytest.mark.skip(reason=SKIP_NO_DUMPS))]


def edit_dump(dump: str, xpath: str, **attributes: str) -> str:
    """The dump with attributes of the first node matching ``xpath`` changed (real lxml round trip)."""
    root = etree.fromstring(dump.encode("utf-8"))
    element = root.xpath(xpath)[0]
    for name, value in attributes.items():
        element.set(name.replace("_", "-"), value)
    return etree.tostring(root, encoding="unicode")


def window_bounds(screen, node):
    return next(screen.node(root).bounds for root in screen.roots if screen.node(root).window == node.window)


def inside(point, bounds) -> bool:
    x, y = point
    left, top, right, bottom = bounds
    return left <= x < right and top <= y < bottom


# ---- reading ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ALL_DUMPS)
def test_every_dump_loads_through_screen(name):
    device, fake = fake_device(name)
    screen = device.screen()
    expected = parse_u2_xml(read_dump(name))
    assert screen.source == "u2"
    assert [n.cls for n in screen] == [n.cls for n in expected] and len(screen) > 0
    assert screen.app_window == expected.app_window and screen.package == expected.package
    assert len(fake.calls_named("dump_hierarchy")) == 1
    assert device.current_app() == fake.package


def test_unreadable_dump_is_a_device_error():
    device = U2Device(RecordedU2("<hierarchy><node"), spec="u2:broken")
    with pytest.raises(DeviceError, match="unreadable hierarchy dump"):
        device.screen()


# ---- taps ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ALL_DUMPS)
def test_taps_hit_the_centre_of_the_visible_node(name):
    device, fake = fake_device(name)
    screen = device.screen()
    clickable = [n for n in screen.app_nodes() if n.clickable and n.area > 0][:4]
    for node in clickable:
        device.screen()
        result = device.tap(node)
        assert isinstance(result, ActionResult) and result.changed is False  # the fake screen holds still
        (x, y), _ = fake.calls_named("click")[-1]
        assert inside((x, y), node.bounds) and inside((x, y), window_bounds(screen, node))
        left, top, right, bottom = node.bounds
        window = window_bounds(screen, node)
        if window[0] <= left and window[1] <= top and right <= window[2] and bottom <= window[3]:
            assert (x, y) == node.center


def test_tap_on_a_node_partly_below_its_window_lands_on_its_visible_part():
    name = "llt_maps_5.xml"  # window [0,0][1080,1792]; stretch a list row past the bottom edge
    root = etree.fromstring(read_dump(name).encode("utf-8"))
    row = [e for e in root.iter("node") if e.get("clickable") == "true"][-1]
    left, top = (int(v) for v in row.get("bounds")[1:].split("]")[0].split(","))
    row.set("bounds", f"[{left},1700][{left + 400},2100]")
    fake = RecordedU2(etree.tostring(root, encoding="unicode"))
    device = U2Device(fake, spec="u2:stretched", clock=fake.clock, sleep=fake.clock.sleep)
    node = next(n for n in device.screen() if n.bounds == (left, 1700, left + 400, 2100))
    device.tap(node)
    (x, y), _ = fake.calls_named("click")[-1]
    assert (x, y) == (left + 200, (1700 + 1792) // 2)


def test_node_entirely_below_its_window_is_not_on_screen():
    device, fake = fake_device("papt_android_1.xml")  # a chooser row at [0,1768][800,1800], window ends at 1768
    node = next(n for n in device.screen() if n.bounds == (0, 1768, 800, 1800))
    with pytest.raises(ElementNotFound, match="no visible area"):
        device.tap(node)
    assert fake.actions() == []


def test_long_tap_holds_at_the_centre():
    device, fake = fake_device("llt_maps_5.xml")
    node = next(n for n in device.screen().app_nodes() if n.clickable and n.area > 0)
    device.long_tap(node)
    (x, y, duration), _ = fake.calls_named("long_click")[-1]
    assert (x, y) == node.center and duration == LONG_TAP_S


def test_zero_area_node_is_not_on_screen():
    device, fake = fake_device("menv_gmail_1.xml")
    node = next(n for n in device.screen() if n.bounds == (0, 0, 0, 0))
    with pytest.raises(ElementNotFound, match="no visible area"):
        device.tap(node)
    assert fake.actions() == []


def test_node_from_an_older_screen_is_refused_after_the_screen_changed():
    device, fake = fake_device("llt_maps_5.xml")
    fake.on("click", read_dump("llt_maps_6.xml"))
    old = device.screen()
    button = next(n for n in old.app_nodes() if n.clickable and n.area > 0)
    assert device.tap(button).changed is True
    stale = next(n for n in old.app_nodes() if n.clickable and n.area > 0 and device.screen().get(n.id) != n)
    with pytest.raises(ElementNotFound, match="not on the current screen"):
        device.tap(stale)
    assert len(fake.calls_named("click")) == 1


def test_acting_before_any_screen_read_is_refused():
    device, _ = fake_device("llt_maps_5.xml")
    node = parse_u2_xml(read_dump("llt_maps_5.xml")).app_nodes()[3]
    with pytest.raises(ElementNotFound, match="no screen was read"):
        device.tap(node)


# ---- scrolling -------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ALL_DUMPS)
def test_scroll_swipes_stay_inside_the_node_in_the_right_direction(name):
    device, fake = fake_device(name)
    screen = device.screen()
    scrollables = [n for n in screen if n.scrollable and n.area > 0]
    for node in scrollables:
        window = window_bounds(screen, node)
        for direction in ("down", "up", "left", "right"):
            device.screen()
            device.scroll(node, direction)
            (fx, fy, tx, ty, duration), _ = fake.calls_named("swipe")[-1]
            for point in ((fx, fy), (tx, ty)):
                assert inside(point, node.bounds) and inside(point, window), (direction, point, node.bounds)
            left, top, right, bottom = (max(node.bounds[0], window[0]), max(node.bounds[1], window[1]),
                                        min(node.bounds[2], window[2]), min(node.bounds[3], window[3]))
            reach = 1 - 2 * SWIPE_INSET - 0.05
            if direction == "down":  # reveal content below: the finger moves up
                assert fx == tx and fy - ty >= reach * (bottom - top)
            elif direction == "up":
                assert fx == tx and ty - fy >= reach * (bottom - top)
            elif direction == "right":  # reveal content to the right: the finger moves left
                assert fy == ty and fx - tx >= reach * (right - left)
            else:
                assert fy == ty and tx - fx >= reach * (right - left)


def test_swipe_points_for_a_small_node_stay_inside():
    for direction in ("down", "up", "left", "right"):
        start, end = swipe_points((10, 20, 13, 24), direction)
        for x, y in (start, end):
            assert 10 <= x < 13 and 20 <= y < 24


def test_unknown_direction_is_bad_input():
    device, fake = fake_device("llt_maps_5.xml")
    node = next(n for n in device.screen() if n.scrollable)
    with pytest.raises(BadInputError, match="sideways"):
        device.scroll(node, "sideways")
    assert fake.calls_named("swipe") == []


# ---- text ------------------------------------------------------------------------------------------
CJK = "你好，世界 · Привет · こんにちは"


def test_cjk_text_is_typed_after_focusing_and_clearing_and_reads_back():
    name = "papt_devicemanager_1.xml"
    text = read_dump(name)
    device, fake = fake_device(name)
    field = next(n for n in device.screen() if n.editable)
    fake.on("send_keys", edit_dump(text, "//node[contains(@class,'EditText')]", text=CJK))
    result = device.set_text(field, CJK)
    assert fake.typed == [CJK]
    assert fake.actions()[:2] == ["click", "send_keys"]
    (x, y), _ = fake.calls_named("click")[0]
    assert (x, y) == field.center
    assert fake.calls_named("send_keys")[0][1] == {"clear": True}
    assert result.changed is True and result.note == ""
    assert next(n for n in device.screen() if n.editable).text == CJK


def test_text_that_does_not_read_back_is_noted():
    device, fake = fake_device("papt_tierranger_1.xml")
    field = next(n for n in device.screen() if n.editable)
    result = device.set_text(field, "好")
    assert fake.typed == ["好"] and "after typing" in result.note


# ---- keys, apps, screenshots ----------------------------------------------------------------------
def test_back_presses_the_back_key():
    device, fake = fake_device("llt_maps_4.xml")
    fake.on("press", read_dump("llt_maps_3.xml"))
    result = device.back()
    assert fake.calls_named("press") == [(("back",), {"meta": None})]
    assert result.changed is True


def test_app_start_and_stop_by_package():
    device, fake = fake_device("jsadb_launcher_1.xml")
    fake.on("app_start", read_dump("jsadb_youtube_1.xml"))
    result = device.app_start("com.google.android.youtube")
    assert fake.calls_named("app_start")[0][0] == ("com.google.android.youtube",)
    assert result.changed is True and result.note == ""
    assert device.current_app() == "com.google.android.youtube"
    assert device.screen().package == "com.google.android.youtube"
    device.app_stop("com.google.android.youtube")
    assert fake.calls_named("app_stop") == [(("com.google.android.youtube",), {})]


def test_app_start_notes_when_another_app_stays_in_front():
    device, fake = fake_device("jsadb_launcher_1.xml", installed=frozenset({"com.google.android.youtube"}))
    result = device.app_start("com.example.missing")
    assert "foreground app is com.google.android.apps.nexuslauncher" in result.note


@pytest.mark.parametrize("bad", ["", "notes", "com.app; reboot", "../x", "com..app"])
def test_app_start_rejects_what_is_not_a_package(bad):
    device, fake = fake_device("llt_maps_5.xml")
    with pytest.raises(BadInputError, match="package"):
        device.app_start(bad)
    assert fake.calls_named("app_start") == []


def test_screenshot_is_written_as_png(tmp_path):
    device, _ = fake_device("llt_maps_5.xml")
    target = device.screenshot(tmp_path / "trace" / "step1.png")
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 40
    assert [p.name for p in target.parent.iterdir()] == ["step1.png"]  # no temp file left behind


# ---- settling --------------------------------------------------------------------------------------
def test_action_waits_until_the_hierarchy_holds_still():
    device, fake = fake_device("llt_maps_1.xml")
    frames = [read_dump(n) for n in ("llt_maps_2.xml", "llt_maps_3.xml", "llt_maps_4.xml")]
    fake.on("click", *frames)
    node = next(n for n in device.screen().app_nodes() if n.clickable and n.area > 0)
    start = fake.clock.now
    result = device.tap(node)
    settle = device.last_settle
    assert result.changed is True and result.note == "" and settle.stable is True
    assert settle.reads >= len(frames) + 1  # saw every frame, then at least one unchanged read
    assert device.screen().package == "com.google.android.apps.maps"
    assert screen_key(device.screen()) == screen_key(parse_u2_xml(frames[-1]))
    assert settle.waited_s >= device._settle.interval_s
    assert fake.clock.now - start <= device._settle.timeout_s + 1


def test_settling_stops_at_the_bound_when_the_screen_keeps_changing():
    device, fake = fake_device("llt_maps_1.xml")
    other = read_dump("llt_maps_2.xml")
    fake.on("click", *([other, read_dump("llt_maps_1.xml")] * 200))
    node = next(n for n in device.screen().app_nodes() if n.clickable and n.area > 0)
    start = fake.clock.now
    result = device.tap(node)
    settle = device.last_settle
    assert settle.stable is False and "still changing" in result.note
    timeout = device._settle.timeout_s
    assert timeout <= fake.clock.now - start <= timeout + device._settle.poll_s + 2 * fake.dump_cost_s
    assert len(fake.pending) > 300  # it stopped reading long before the animation ran out


def test_status_bar_changes_do_not_keep_the_screen_unsettled():
    name = "u2nav_bilibili_1.xml"
    text = read_dump(name)
    device, fake = fake_device(name)
    screen = device.screen()
    system_window = next(i for i, p in enumerate(screen.window_packages) if p == "com.android.systemui")
    clock_ticks = [edit_dump(text, f"/hierarchy/node[{system_window + 1}]", content_desc=f"12:0{i}") for i in range(9)]
    fake.on("click", *clock_ticks)
    node = next(n for n in screen.app_nodes() if n.clickable and n.area > 0)
    result = device.tap(node)
    assert result.changed is False and result.note == ""
    assert device.last_settle.stable is True and device.last_settle.reads <= 6


def test_screen_after_an_action_is_reused_once():
    device, fake = fake_device("llt_maps_5.xml")
    node = next(n for n in device.screen().app_nodes() if n.clickable and n.area > 0)
    device.tap(node)
    reads = len(fake.calls_named("dump_hierarchy"))
    device.screen()
    assert len(fake.calls_named("dump_hierarchy")) == reads
    device.screen()
    assert len(fake.calls_named("dump_hierarchy")) == reads + 1


# ---- closing ---------------------------------------------------------------------------------------
def test_close_stops_the_server_and_gives_the_keyboard_back():
    device, fake = fake_device("papt_devicemanager_1.xml")
    field = next(n for n in device.screen() if n.editable)
    device.set_text(field, "x")
    assert fake.ime_enabled is True
    device.close()
    assert fake.server_running is False and fake.ime_enabled is False
    # the process first, so the stream ends and stop_uiautomator need not wait (it would poll /ping for 10 s)
    assert fake.actions()[-3:] == ["set_input_ime", "shell", "stop_uiautomator"]
    assert fake.calls_named("shell") == [((SERVER_KILL,), {"timeout": 3})]
    assert fake.calls_named("stop_uiautomator") == [((), {"wait": False})]
    device.close()
    assert len(fake.calls_named("stop_uiautomator")) == 1
    with pytest.raises(DeviceError, match="closed"):
        device.screen()


def test_close_without_typing_leaves_the_keyboard_alone():
    device, fake = fake_device("llt_maps_5.xml")
    device.close()
    assert fake.calls_named("set_input_ime") == [] and fake.server_running is False
