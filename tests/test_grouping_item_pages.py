"""A page that two rows of one list open (a contact's page, a conversation) shows whichever row was tapped:
it is named after the list, not after the first row the crawl happened to open; rows of a menu each open a
page of their own and still name it."""

from __future__ import annotations

from autodroid.appdoc import load_doc
from autodroid.explorer.grouping import Edge, group_states
from autodroid.paths import PROJECT_DIR
from autodroid.ui.u2xml import parse_u2_xml

PKG = "org.example.people"


def _node(index, cls, bounds, *, rid="", text="", clickable=False, children=""):
    return (f'<node index="{index}" text="{text}" resource-id="{PKG + ":id/" + rid if rid else ""}" class="{cls}" '
            f'package="{PKG}" content-desc="" checkable="false" checked="false" clickable="{str(clickable).lower()}" '
            f'enabled="true" focusable="{str(clickable).lower()}" focused="false" scrollable="false" '
            f'long-clickable="false" password="false" selected="false" bounds="{bounds}">{children}</node>')


def _screen(*children: str):
    root = _node(0, "android.widget.FrameLayout", "[0,0][1080,2340]", children="".join(children))
    return parse_u2_xml(f"<?xml version='1.0' encoding='UTF-8'?><hierarchy rotation=\"0\">{root}</hierarchy>")


def _list(rid: str, names: list[str]):
    def row(i: int, name: str) -> str:
        top = 200 + i * 150
        text = _node(0, "android.widget.TextView", f"[40,{top + 20}][1000,{top + 130}]", rid=f"{rid}_row_name",
                     text=name)
        return _node(i, "android.widget.LinearLayout", f"[0,{top}][1080,{top + 150}]", rid=f"{rid}_row",
                     clickable=True, children=text)

    rows = "".join(row(i, name) for i, name in enumerate(names))
    return _node(0, "androidx.recyclerview.widget.RecyclerView", "[0,200][1080,2000]", rid=rid, children=rows)


def _page(kind: str, shown: str):
    return _screen(_node(0, "android.widget.TextView", "[0,0][1080,150]", rid=f"{kind}_name", text=shown),
                   _node(1, "android.widget.Button", "[0,300][540,450]", rid=f"{kind}_call", text="Call",
                         clickable=True))


def _tap(states, source, label, target):
    node = next(n for n in states[source].nodes if n.text == label)
    row = states[source].parent_of(node)
    return Edge(source, "tap", row.id, target)


def _names(states, edges):
    return {group.name: sorted(group.states) for group in group_states(states, edges, "main")}


def test_a_page_two_rows_open_is_named_after_their_list():
    states = {"main": _screen(_list("people_list", ["Ann Lee", "Bob Roy", "Cid Moss"])),
              "ann": _page("person", "Ann Lee"), "bob": _page("person", "Bob Roy")}
    names = _names(states, [_tap(states, "main", "Ann Lee", "ann"), _tap(states, "main", "Bob Roy", "bob")])
    assert names == {"main_screen": ["main"], "people_item_screen": ["ann", "bob"]}
    groups = group_states(states, [_tap(states, "main", "Ann Lee", "ann")], "main")
    assert [g.name for g in groups] == ["main_screen", "ann_lee_screen"]  # one row seen: nothing says it is data


def test_rows_of_a_menu_opening_pages_of_their_own_still_name_them():
    states = {"main": _screen(_list("menu_list", ["History", "Settings", "Help"])),
              "history": _page("history", "Today"), "settings": _page("settings", "Dark theme")}
    names = _names(states, [_tap(states, "main", "History", "history"), _tap(states, "main", "Settings", "settings")])
    assert names == {"main_screen": ["main"], "history_screen": ["history"], "settings_screen": ["settings"]}


def test_shipped_sim_docs_name_no_page_after_a_person_or_a_note():
    pages = {app: set(load_doc(app, PROJECT_DIR / "app_docs").screens)
             for app in ("messages", "dialer", "contacts", "notes")}
    assert "conversations_item_screen" in pages["messages"] and "mum_screen" not in pages["messages"]
    assert "contacts_item_screen" in pages["dialer"] and "alice_moreau_screen" not in pages["dialer"]
    assert "contacts_item_screen" in pages["contacts"] and "anna_kowalski_screen" not in pages["contacts"]
    assert "notes_item_screen" in pages["notes"] and "books_to_read_screen" not in pages["notes"]
