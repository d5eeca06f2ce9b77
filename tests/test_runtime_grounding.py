"""Grounding on real uiautomator dumps and screen recognition on DroidTask states."""

from __future__ import annotations

from pathlib import Path

import pytest

from autodroid.appdoc import Element, Selector
from autodroid.droidtask import load_records, parse_state
from autodroid.errors import ElementNotFound
from autodroid.explorer.fromlog import doc_from_log
from autodroid.runtime.errors import AmbiguousElement
from autodroid.runtime.grounding import ground, ground_selectors
from autodroid.runtime.recognition import Recognizer
from autodroid.runtime.screenindex import index_of
from autodroid.selectors import select_nodes
from autodroid.ui.u2xml import parse_u2_xml
from tests.conftest import DROIDTASK_APPS


@pytest.fixture(scope="module")
def bilibili(u2_dumps):
    return parse_u2_xml((u2_dumps / "u2nav_bilibili_1.xml").read_bytes())


def element(*selectors: Selector, kind: str = "button") -> Element:
    return Element("home__thing", "home", kind, "", tuple(selectors))


def test_unique_description_grounds(bilibili):
    node = ground(bilibili, element(Selector(desc="消息"))).node
    assert node.id == 33 and node.clickable


def test_same_widget_repeated_is_ambiguous_not_first(bilibili):
    with pytest.raises(AmbiguousElement) as info:
        ground(bilibili, element(Selector(resource_id="more", desc="更多")))
    assert len(info.value.candidates) == 6
    assert "matches 6 nodes equally well" in info.value.message


def test_index_selector_picks_position_among_look_alikes(bilibili):
    assert ground(bilibili, element(Selector(resource_id="more", index=2))).node.id == 106


def test_more_specific_selector_outranks_a_looser_one(bilibili):
    # the first selector (id + description) names the search box; the looser text selector matches too
    grounded = ground(bilibili, element(Selector(resource_id="expand_search", desc="搜索"), Selector(text="哥斯拉大战金刚2")))
    assert grounded.node.id == 29 and grounded.runner_up == 0.0
    grounded = ground(bilibili, element(Selector(resource_id="more", index=0), Selector(desc="更多", index=1)))
    assert grounded.node.id == 74 and grounded.score > grounded.runner_up > 0


def test_a_node_whose_label_contradicts_the_doc_is_another_element(bilibili):
    # the avatar button matches the id selector, but its description is not the documented one
    assert ground(bilibili, element(Selector(resource_id="avatar_layout"), Selector(desc="消息"))).node.id == 33
    with pytest.raises(ElementNotFound):
        ground(bilibili, element(Selector(resource_id="avatar_layout", desc="消息"), Selector(resource_id="avatar_layout")))


def test_missing_element_names_the_selectors(bilibili):
    with pytest.raises(ElementNotFound, match="resource_id='nope'"):
        ground(bilibili, element(Selector(resource_id="nope")))


TWO_OKS = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation="0">
<node index="0" text="" resource-id="" class="android.widget.FrameLayout" package="com.app" content-desc=""
 checkable="false" checked="false" clickable="false" enabled="true" focusable="false" focused="false"
 scrollable="false" long-clickable="false" password="false" selected="false" bounds="[0,0][1080,2400]">
<node index="0" text="OK" resource-id="com.app:id/label" class="android.widget.TextView" package="com.app"
 content-desc="" checkable="false" checked="false" clickable="false" enabled="true" focusable="false"
 focused="false" scrollable="false" long-clickable="false" password="false" selected="false"
 bounds="[0,100][1080,200]" />
<node index="1" text="OK" resource-id="com.app:id/label" class="android.widget.Button" package="com.app"
 content-desc="" checkable="false" checked="false" clickable="true" enabled="true" focusable="true"
 focused="false" scrollable="false" long-clickable="false" password="false" selected="false"
 bounds="[0,300][1080,400]" />
</node></hierarchy>"""


def test_element_type_breaks_a_tie_between_equal_selector_matches():
    screen = parse_u2_xml(TWO_OKS)
    both = (Selector(resource_id="label", text="OK"),)
    assert ground_selectors(screen, both, "button", "x").node.short_cls == "Button"
    with pytest.raises(AmbiguousElement):  # an input fits neither: a tie is reported, not settled
        ground_selectors(screen, both, "input", "x")


@pytest.mark.parametrize("dump", ["u2nav_bilibili_1.xml", "ad2_chrome_1.xml", "llt_gmail_1.xml", "papt_wps_1.xml"])
def test_screen_index_equals_select_nodes(u2_dumps, dump):
    screen = parse_u2_xml((u2_dumps / dump).read_bytes())
    index = index_of(screen)
    checked = 0
    for node in screen.app_nodes()[:150]:
        for selector in (Selector(resource_id=node.rid or None, text=node.text or None),
                         Selector(desc=node.desc or None), Selector(text=node.text or None, index=1),
                         Selector(cls=node.short_cls, index=0), Selector(resource_id=node.resource_id or None)):
            if not selector.as_dict() or set(selector.as_dict()) == {"index"}:
                continue
            assert index.select(selector) == select_nodes(screen, selector), selector
            checked += 1
    assert checked > 50


def test_recognition_without_signatures_finds_the_doc_screen(droidtask):
    """Hide every signature from the recogniser: the element overlap alone must name the screen the doc
    writer put each explored state in (look-alike dialogs excepted: there the expected screen decides)."""
    right = total = 0
    for app in DROIDTASK_APPS:
        folder: Path = droidtask / app
        doc = doc_from_log(folder)
        recognizer = Recognizer(doc)
        recognizer.by_signature = {}
        seen = set()
        for record in load_records(folder / "log.yaml"):
            if record.state in seen:
                continue
            seen.add(record.state)
            screen = parse_state(record.state)
            truth = [s.name for s in doc.screens.values() if screen.signature in s.signatures]
            got = recognizer.recognize(screen)
            total += 1
            right += bool(got.candidates) and got.candidates[0] in truth
            if got.candidates and got.candidates[0] not in truth and truth[0] in got.candidates:
                assert recognizer.recognize(screen, expected=truth[0]).screen == truth[0]
    assert total == 210
    assert right >= 200, f"{right}/{total}"


def test_look_alike_dialogs_are_told_apart_by_the_expected_screen(droidtask):
    doc = doc_from_log(droidtask / "clock")
    owners: dict[str, list[str]] = {}
    for screen_doc in doc.screens.values():
        for signature in screen_doc.signatures:
            owners.setdefault(signature, []).append(screen_doc.name)
    signature, pair = next((s, names) for s, names in owners.items() if len(names) == 2)
    # the doc writer split one layout by its opener (clock: "Max reminder duration" / "Snooze time")
    screen = next(parse_state(r.state) for r in load_records(droidtask / "clock" / "log.yaml")
                  if parse_state(r.state).signature == signature)
    recognizer = Recognizer(doc)
    assert recognizer.recognize(screen).ambiguous
    for expected in pair:
        assert recognizer.recognize(screen, expected=expected).screen == expected
