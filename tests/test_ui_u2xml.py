"""Real uiautomator dumps parse into the screen model with the right facts."""

from __future__ import annotations

import pytest

from autodroid.errors import ScreenParseError
from autodroid.ui import load_screen, parse_u2_xml
from tests.conftest import SHARED, needs_shared

DUMPS = sorted((SHARED / "u2_dumps").glob("*.xml")) if SHARED else []


@needs_shared
@pytest.mark.parametrize("path", DUMPS, ids=lambda p: p.name)
def test_every_dump_parses_with_consistent_tree(path):
    screen = load_screen(path)
    raw = path.read_bytes()
    assert len(screen) == raw.count(b"<node")
    assert screen.package
    for node in screen:
        assert node.bounds is not None
        for child in screen.children_of(node):
            assert child.parent == node.id and child.window == node.window
    assert screen.signature == load_screen(path).signature


@needs_shared
def test_dialog_dump_flags_and_bounds(u2_dumps):
    screen = load_screen(u2_dumps / "llt_maps_6.xml")
    [box] = [n for n in screen if n.checkable]
    assert box.text == "I understand and want to delete." and box.cls == "android.widget.CheckBox"
    assert not box.checked
    [delete] = [n for n in screen if n.text == "Delete"]
    assert not delete.enabled and delete.tag == "button"
    assert screen.size == (1052, 1333)  # a dialog-only dump: its root is smaller than the display


@needs_shared
def test_multiwindow_dump_picks_app_window_and_sees_keyboard(u2_dumps):
    screen = load_screen(u2_dumps / "avitoparse_avito_1.xml")
    assert screen.window_packages == ("com.avito.android", "com.android.systemui",
                                      "com.google.android.inputmethod.latin")
    assert screen.app_window == 0 and screen.keyboard_shown
    assert screen.package == "com.avito.android"
    bili = load_screen(u2_dumps / "u2nav_bilibili_1.xml")
    assert bili.window_packages[bili.app_window] == "tv.danmaku.bili"
    assert "com.android.systemui" not in bili.html()


@needs_shared
def test_switch_checked_and_cjk_text(u2_dumps):
    screen = load_screen(u2_dumps / "u2nav_bilibili_4.xml")
    switches = [n for n in screen if n.cls.endswith("Switch")]
    assert len(switches) == 2
    assert sorted(s.checked for s in switches) == [False, True]
    assert any("深色" in n.text for n in screen)


@needs_shared
def test_escaped_text_newlines_and_zero_size_nodes(u2_dumps):
    settings = load_screen(u2_dumps / "interdroid_settings_1.xml")
    assert any("&" in n.text and "&amp;" not in n.text for n in settings)
    gmail = load_screen(u2_dumps / "menv_gmail_1.xml")
    zero = [n for n in gmail if n.bounds == (0, 0, 0, 0)]
    assert zero and not any(n.visible for n in zero)
    avito = load_screen(u2_dumps / "avitoparse_avito_1.xml")
    assert any(n.text == "Недвижи-\nмость" for n in avito)  # &#10; inside text survives as a newline
    duolingo = load_screen(u2_dumps / "llt_duolingo_1.xml")
    assert any(n.text == "Section\xa01:\xa0Rookie" for n in duolingo)


@needs_shared
def test_rotation_extra_attributes_and_hint(u2_dumps):
    assert load_screen(u2_dumps / "papt_bbcnews_1.xml").rotation == 3
    assert load_screen(u2_dumps / "papt_calm_1.xml").rotation == 1
    tablet = load_screen(u2_dumps / "papt_bbcnews_2.xml")
    assert tablet.size == (2600, 1568)
    tplink = load_screen(u2_dumps / "yolosafe_tplink_1.xml")
    assert any(n.hint for n in tplink)


@needs_shared
def test_list_rows_and_xpath(u2_dumps):
    screen = load_screen(u2_dumps / "papt_calm_1.xml")
    texts = [n.text for n in screen if n.text]
    assert "Русский" in texts and "日本語" in texts
    [russian] = screen.xpath("//*[text()='Русский']")
    assert russian.text == "Русский"
    assert screen.xpath("//*[@clickable='true']")
    chrome = load_screen(u2_dumps / "ad2_chrome_1.xml")
    assert len(chrome) == 688


@needs_shared
def test_inherited_clickable(u2_dumps):
    screen = load_screen(u2_dumps / "llt_launcher_1.xml")
    inherited = [n for n in screen if n.inherited_clickable and not n.clickable]
    for node in inherited:
        assert any(a.clickable for a in screen.ancestors(node))


@pytest.mark.parametrize("bad", ["", "<hierarchy><node", "<html/>", b"\x00\x01"])
def test_malformed_dump_is_a_clear_error(bad):
    with pytest.raises(ScreenParseError) as info:
        parse_u2_xml(bad)
    assert info.value.fix


def test_minimal_dump_without_optional_attributes():
    screen = parse_u2_xml('<hierarchy rotation="0"><node class="android.widget.EditText" text="hi" '
                          'bounds="[0,0][100,50]" package="p"><node class="x" bounds="[0,0][0,0]"/></node></hierarchy>')
    root = screen.node(0)
    assert root.editable and root.tag == "input" and root.center == (50, 25)
    assert screen.node(1).parent == 0 and screen.node(1).path == "0:0"
