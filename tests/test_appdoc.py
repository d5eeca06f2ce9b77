"""The doc schema: round trip, validation with line numbers, the one renderer."""

from __future__ import annotations

import pytest

from autodroid.appdoc import (AppDoc, Element, NavEdge, ScreenDoc, Selector, dump_doc_text, load_doc, parse_doc,
                              render_doc, save_doc)
from autodroid.errors import DocError


def small_doc() -> AppDoc:
    sort = Element("main_screen__sort_button", "main_screen", "button", "Sort by",
                   (Selector(resource_id="sort", desc="Sort by"), Selector(resource_id="sort")), leads_to="sort_dialog")
    order = Element("sort_dialog__order_list", "sort_dialog", "list", "sort order",
                    (Selector(resource_id="order"),), options=("Ascending", "Descending"))
    delete = Element("main_screen__delete_button", "main_screen", "button", "Delete", (Selector(text="Delete"),),
                     risk="sensitive")
    return AppDoc("demo", "org.demo", "main_screen",
                  {"main_screen": ScreenDoc("main_screen", "start", ("abc",), 2, (sort.name, delete.name)),
                   "sort_dialog": ScreenDoc("sort_dialog", "dialog", ("def",), 1, (order.name,))},
                  {e.name: e for e in (sort, order, delete)},
                  (NavEdge("main_screen", "tap", "sort_dialog", sort.name, None, 3),
                   NavEdge("sort_dialog", "back", "main_screen", None, None, 1)))


def test_round_trip_through_yaml_and_disk(tmp_path):
    doc = small_doc()
    text = dump_doc_text(doc)
    again = parse_doc(text)
    assert again == doc and dump_doc_text(again) == text
    path = save_doc(doc, tmp_path / "demo" / "doc.yaml")
    assert load_doc("demo", tmp_path) == doc and path.read_text() == text
    assert not list((tmp_path / "demo").glob("*.tmp"))
    assert doc.version == again.version


def test_renderer_shows_types_options_effects_and_risk():
    stubs = render_doc(small_doc())
    assert "main_screen__sort_button: button  # Sort by; opens sort_dialog" in stubs
    assert 'sort_dialog__order_list: list[options: "Ascending", "Descending"]' in stubs
    assert "sensitive: needs confirmation" in stubs
    assert render_doc(small_doc(), ["sort_dialog__order_list"]).count("\n") == 1  # header + one stub


@pytest.mark.parametrize("edit, message, line", [
    (("        type: button\n", "        type: button\n        colour: red\n"), "unknown field 'colour'", 14),
    (("  sort_dialog:\n", "  main_screen:\n"), "duplicate name 'main_screen'", None),
    (("    - resource_id: order\n", "    - {}\n"), "empty selector", None),
    (("type: list", "type: slider"), "'slider' is not allowed", None),
    (("schema: 1", "schema: 7"), "schema 7 is not supported", 1),
    (("start_screen: main_screen", "start_screen: nowhere"), "unknown screen 'nowhere'", None),
    (("to: sort_dialog", "to: nowhere"), "unknown screen 'nowhere'", None),
    (("- resource_id: sort\n          desc: Sort by", "- resource_id: 3"), "resource_id must be a str", 16),
])
def test_bad_hand_edits_are_rejected_with_line_and_fix(edit, message, line):
    text = dump_doc_text(small_doc())
    old, new = edit
    assert old in text
    with pytest.raises(DocError) as info:
        parse_doc(text.replace(old, new, 1), "doc.yaml")
    assert message in str(info.value)
    assert "line " in str(info.value) and info.value.fix
    if line is not None:
        assert f"line {line}" in str(info.value)


def test_missing_doc_names_the_command(tmp_path):
    with pytest.raises(DocError) as info:
        load_doc("nothing", tmp_path)
    assert "autodroid explore" in info.value.fix


def test_not_yaml():
    with pytest.raises(DocError, match="not valid YAML"):
        parse_doc("screens: [", "x.yaml")
