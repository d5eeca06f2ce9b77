"""A tap that only makes a screen show a message (a form's "cannot be saved" line) stays on that screen;
a tap that turns a tab into plain text shows another tab and stays another screen."""

from __future__ import annotations

from autodroid.appdoc import load_doc
from autodroid.explorer.grouping import Edge, group_states
from autodroid.paths import PROJECT_DIR
from autodroid.ui.u2xml import parse_u2_xml

PKG = "org.example.form"


def _node(index, cls, bounds, *, rid="", text="", desc="", clickable=False, editable=False, children=""):
    return (f'<node index="{index}" text="{text}" resource-id="{PKG + ":id/" + rid if rid else ""}" class="{cls}" '
            f'package="{PKG}" content-desc="{desc}" checkable="false" checked="false" '
            f'clickable="{str(clickable).lower()}" '
            f'enabled="true" focusable="{str(clickable or editable).lower()}" focused="false" scrollable="false" '
            f'long-clickable="false" password="false" selected="false" bounds="{bounds}">{children}</node>')


def _screen(*children: str):
    body = "".join(children)
    root = _node(0, "android.widget.FrameLayout", "[0,0][1080,2340]", children=body)
    return parse_u2_xml(f"<?xml version='1.0' encoding='UTF-8'?><hierarchy rotation=\"0\">{root}</hierarchy>")


TITLE = _node(0, "android.widget.EditText", "[0,200][1080,300]", rid="title", text="Title", editable=True)
SAVE = _node(1, "android.widget.ImageButton", "[900,50][1080,150]", rid="save", desc="Save", clickable=True)
ERROR = _node(2, "android.widget.TextView", "[0,320][1080,400]", rid="error", text="An empty note cannot be saved")


def _groups(states, edges):
    return [sorted(g.states) for g in group_states(states, edges, "a")]


def test_a_message_after_a_tap_is_the_same_screen():
    states = {"a": _screen(TITLE, SAVE), "b": _screen(TITLE, SAVE, ERROR)}
    save = next(n.id for n in states["a"].nodes if n.desc == "Save")
    assert _groups(states, [Edge("a", "tap", save, "b")]) == [["a", "b"]]
    assert _groups(states, []) == [["a"], ["b"]]  # no tap between them: nothing says it is one screen


def test_a_tab_that_turns_into_plain_text_is_another_screen():
    def strip(selected: str) -> list[str]:
        return [_node(i, "android.widget.TextView" if name == selected else "android.widget.Button",
                      f"[{i * 540},0][{i * 540 + 540},100]", rid="tab", text=name, clickable=name != selected)
                for i, name in enumerate(("General", "Diary"))]

    states = {"a": _screen(*strip("General"), TITLE), "b": _screen(*strip("Diary"), TITLE)}
    diary = next(n.id for n in states["a"].nodes if n.text == "Diary")
    assert _groups(states, [Edge("a", "tap", diary, "b")]) == [["a"], ["b"]]


def test_the_notes_sim_doc_has_no_screen_of_its_empty_note_error():
    doc = load_doc("notes", PROJECT_DIR / "app_docs")
    assert "new_note_screen__editor_error_text" in doc.elements
    assert not any("reached via 'Save'" in screen.description for screen in doc.screens.values())
