"""Group explored states into screens and give each screen a stable snake_case name.

States with the same layout skeleton (and the same static labels) are one screen, as are the states a
scroll moves between. A skeleton group entered from one screen through *different* openers (two dialogs
that look alike but belong to "Snooze time" and "Max reminder duration") is split by opener, because the
model and the navigator must be able to tell them apart.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from autodroid.ui.render import skeleton
from autodroid.ui.screen import Node, Screen

DIALOG_IDS = {"button1", "button2", "button3", "alertTitle", "parentPanel", "select_dialog_listview", "buttonPanel"}
_VOLATILE = re.compile(r"\d")
_LIST_CLASSES = ("RecyclerView", "ListView", "GridView")


@dataclass(frozen=True)
class Edge:
    """One observed action: on state ``source``, ``action`` on node ``node_id`` led to state ``target``."""

    source: str
    action: str  # tap | long_tap | set_text | scroll | back
    node_id: int | None
    target: str | None
    text: str | None = None


@dataclass
class ScreenGroup:
    name: str
    states: list[str]
    opener: str = ""  # label of the element whose action opens it, when it was split by opener
    description: str = ""
    signatures: list[str] = field(default_factory=list)


def slug(text: str, words: int = 5) -> str:
    parts = re.findall(r"[a-z0-9]+", text.casefold().replace("'", ""))
    return "_".join(parts[:words])


def in_scroll_container(screen: Screen, node: Node) -> bool:
    return any(a.scrollable or a.short_cls in _LIST_CLASSES for a in screen.ancestors(node))


def static_labels(screen: Screen, volatile: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Short texts of plain labels outside scrolling content: titles that tell look-alike screens apart.
    ``volatile`` texts (typed during exploration, rows of data lists) are content, not titles."""
    labels = []
    for node in screen.app_nodes():
        if node.actionable or node.rid or not node.text or len(node.text) > 40 or _VOLATILE.search(node.text):
            continue
        if node.text in volatile:
            continue
        if node.inherited_clickable or in_scroll_container(screen, node):
            continue
        labels.append(node.text)
    return tuple(labels)


def opener_label(screen: Screen, node: Node) -> str:
    """What to call the screen an element opens: its label, or its resource id when the label is a value
    ('05:00', 'Default (Cesium)') that would make an unstable name."""
    label = node.text or node.desc or (screen.subtree_text(node, 1) or [""])[0]
    if node.rid and (not label or re.search(r"[\d()]", label)):
        return node.rid.replace("_", " ")
    return label


DATA_LIST_MIN_ROWS = 8  # a list with this many distinct rows holds data (notes, files), not a menu


def rows_by_list(states: dict[str, Screen]) -> dict[tuple[str, str], set[str]]:
    """Row labels of each list seen, by the list's resource id and class."""
    from autodroid.explorer.elements import find_lists, row_label

    rows: dict[tuple[str, str], set[str]] = {}
    for screen in states.values():
        for shape in find_lists(screen):
            labels = rows.setdefault((shape.container.rid, shape.container.cls), set())
            labels.update(row_label(screen, row) for row in shape.rows)
    return rows


def volatile_texts(rows: dict[tuple[str, str], set[str]], typed: set[str]) -> frozenset[str]:
    """Texts that are content, not titles: those typed during exploration and the rows of data lists."""
    texts = set(typed)
    for labels in rows.values():
        if len(labels) >= DATA_LIST_MIN_ROWS:
            texts |= labels
    return frozenset(texts)


def row_list(screen: Screen, node: Node, label: str,
             rows: dict[tuple[str, str], set[str]]) -> tuple[str, str] | None:
    """The list (resource id, class) whose row ``node`` is, or None."""
    for ancestor in screen.ancestors(node):
        if ancestor.rid and label in rows.get((ancestor.rid, ancestor.cls), ()):
            return ancestor.rid, ancestor.cls
    return None


def _item_lists(taps: list, union: "_UnionFind", rows: dict[tuple[str, str], set[str]]) -> set[tuple]:
    """(list, action, page) where two different rows of the list open the same page: the list holds the
    user's items (contacts, conversations, notes) and the page shows whichever was tapped, so the page must
    not be named after one of them. Rows of a menu each open a page of their own."""
    labels: dict[tuple, set[str]] = defaultdict(set)
    for edge, screen, node, label in taps:
        found = row_list(screen, node, label, rows)
        if found and union.find(edge.source) != union.find(edge.target):
            labels[(found, edge.action, union.find(edge.target))].add(label)
    return {key for key, seen in labels.items() if len(seen) >= 2}


def _taps(states: dict[str, Screen], edges: list[Edge]):
    for edge in edges:
        if edge.action not in ("tap", "long_tap") or edge.target is None or edge.node_id is None:
            continue
        screen = states[edge.source]
        node = screen.get(edge.node_id)
        if node is not None:
            yield edge, screen, node, opener_label(screen, node)


_LIST_WORDS = {"list", "listview", "recycler", "recyclerview", "view", "holder", "grid", "scroll", "rv", "lv"}


def is_dialog(screen: Screen) -> bool:
    return any(node.rid in DIALOG_IDS for node in screen.app_nodes())


def element_key(screen: Screen, node: Node) -> tuple:
    """Identity of a widget across states: type, resource id, description; the text only where the id
    alone does not single it out (no id, or the same id repeated on the screen)."""
    same_id = sum(1 for other in screen.app_nodes() if other.rid == node.rid) if node.rid else 0
    text = node.text if (not node.rid and not node.desc) or same_id > 1 else ""
    return (node.tag, node.rid, node.desc, text)


def _is_pager(screen: Screen, node: Node) -> bool:
    return "pager" in node.rid.casefold() or "ViewPager" in node.cls or "tab" in node.rid.casefold()


class _UnionFind:
    def __init__(self, items):
        self.parent = {item: item for item in items}

    def find(self, item):
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # keep the earlier-discovered state as the representative, so names stay stable
            self.parent[max(ra, rb, key=self.order.__getitem__)] = min(ra, rb, key=self.order.__getitem__)


def group_states(states: dict[str, Screen], edges: list[Edge], start: str) -> list[ScreenGroup]:
    order = {state: index for index, state in enumerate(states)}
    union = _UnionFind(states)
    union.order = order
    rows, typed = rows_by_list(states), {edge.text for edge in edges if edge.text}
    volatile = volatile_texts(rows, typed)
    by_key: dict[tuple, str] = {}
    for state, screen in states.items():
        key = (skeleton(screen, drop_list_rows=True), static_labels(screen, volatile))
        if key in by_key:
            union.union(by_key[key], state)
        else:
            by_key[key] = state
    _merge_messages(states, edges, union)
    by_tab: dict[str, str] = {}
    for state, screen in states.items():
        tab = _selected_tab(screen)
        if tab and not is_dialog(screen):  # one tab is one screen, whatever folder or item it shows
            union.union(by_tab.setdefault(tab, state), state)
    for edge in edges:
        if edge.action == "scroll" and edge.target and edge.target != edge.source:
            screen = states[edge.source]
            node = screen.get(edge.node_id) if edge.node_id is not None else None
            if node is not None and not _is_pager(screen, node):
                union.union(edge.source, edge.target)

    members: dict[str, list[str]] = defaultdict(list)
    for state in states:
        members[union.find(state)].append(state)

    # Split look-alike groups by opener: first incoming tap from another group, per state.
    taps = list(_taps(states, edges))
    item_lists = _item_lists(taps, union, rows)
    opener_of: dict[str, tuple[str, tuple, str, str | None]] = {}  # last: what a row of data it is, if one
    for edge, source_screen, node, label in taps:
        if edge.target in opener_of or union.find(edge.source) == union.find(edge.target):
            continue
        key = element_key(source_screen, node)
        found = row_list(source_screen, node, label, rows)
        data = None
        if found and (found, edge.action, union.find(edge.target)) in item_lists:
            data = "_".join([w for w in slug(found[0], 6).split("_") if w not in _LIST_WORDS][:3]) or "item"
            key = key[:3] + ("",)  # every row of the list opens this page: one opener, not one per row
        elif label in typed and not found:
            data = ""  # a value typed while exploring, not a command
        if edge.action == "long_tap":
            label += " menu"  # what a long press opens is a context menu, not the item itself
        opener_of[edge.target] = (union.find(edge.source), (edge.action, *key), label, data)

    groups: list[ScreenGroup] = []
    for representative in sorted(members, key=order.__getitem__):
        states_here = members[representative]
        openers = {opener_of[s][:2] for s in states_here if s in opener_of}
        by_source = Counter(source for source, _ in openers)
        if start not in states_here and any(count > 1 for count in by_source.values()):
            groups.extend(ScreenGroup("", part, opener=label)
                          for label, part in _split_by_opener(states_here, opener_of, edges, states))
        else:
            groups.append(ScreenGroup("", states_here))
    groups.sort(key=lambda g: order[g.states[0]])
    _name_groups(groups, states, start, opener_of, volatile)
    return groups


def _merge_messages(states: dict[str, Screen], edges: list[Edge], union: _UnionFind) -> None:
    """A tap that only made the screen show a message ("An empty note cannot be saved") stays on that
    screen: the target's layout is the source's once plain texts nobody can act on are left out, and the
    same widgets say the same (a tab strip whose tapped tab turns into plain text shows another tab)."""
    layouts: dict[tuple[str, bool], str] = {}

    def layout(state: str, calm: bool) -> str:
        if (state, calm) not in layouts:
            layouts[(state, calm)] = skeleton(states[state], drop_list_rows=True, drop_messages=calm)
        return layouts[(state, calm)]

    for edge in edges:
        if (edge.action == "tap" and edge.target is not None and union.find(edge.source) != union.find(edge.target)
                and layout(edge.source, True) == layout(edge.target, True)
                and layout(edge.source, False) != layout(edge.target, False)
                and _controls(states[edge.target]) == _controls(states[edge.source])):
            union.union(edge.source, edge.target)


def _controls(screen: Screen) -> set[tuple[str, str, str]]:
    return {(node.rid, node.text, node.desc) for node in screen.app_nodes() if node.actionable and not node.editable}


def _split_by_opener(states_here: list[str], opener_of: dict[str, tuple], edges: list[Edge],
                     states: dict[str, Screen]) -> list[tuple[str, list[str]]]:
    """One (opener label, states) part per opener of a look-alike group. A state no opener enters but an
    action on a state of the same signature led to (a radio picked inside the dialog) belongs with that
    state. Openers with the same label ('Max reminder duration' under Alarm and under Timer) are told
    apart by the words of their resource ids that the other openers' ids lack ('alarm', 'timer')."""
    part_of = {state: opener_of[state][:2] for state in states_here if state in opener_of}
    inside = set(states_here)
    grew = True
    while grew:
        grew = False
        for edge in edges:
            if (edge.source in part_of and edge.target in inside and edge.target not in part_of
                    and states[edge.source].signature == states[edge.target].signature):
                part_of[edge.target] = part_of[edge.source]
                grew = True
    parts: dict[tuple, list[str]] = defaultdict(list)
    for state in states_here:
        parts[part_of.get(state, ("", ()))].append(state)
    labels = {key: next((opener_of[s][2] for s in part if s in opener_of), "") for key, part in parts.items()}
    rid_words = {key: re.findall(r"[a-z]+", key[1][2].casefold()) if len(key[1]) > 2 and key[1][2] else []
                 for key in parts}
    named = []
    for key, part in parts.items():
        label = labels[key]
        clashing = [k for k in parts if k != key and labels[k] == label and label]
        if clashing:
            others = {w for k in clashing for w in rid_words[k]}
            own = [w for w in dict.fromkeys(rid_words[key]) if w not in others]
            if own:
                label = f"{label} ({' '.join(own[:2])})"
        named.append((label, part))
    return named


def _selected_tab(screen: Screen) -> str:
    for node in screen.app_nodes():
        if node.selected and node.text and ("tab" in node.rid.casefold() or "Tab" in node.cls):
            return node.text
    return ""


def _title(screen: Screen, volatile: frozenset[str] = frozenset()) -> str:
    labels = static_labels(screen, volatile)
    return labels[0] if labels else ""


def _name_groups(groups: list[ScreenGroup], states: dict[str, Screen], start: str, opener_of: dict,
                 volatile: frozenset[str]) -> None:
    used: Counter = Counter()
    for group in groups:
        screen = states[group.states[0]]
        first = next((opener_of[s] for s in group.states if s in opener_of), None)
        opener = group.opener or (first[2] if first else "")
        item_page = first is not None and first[3] is not None and opener == first[2]
        tab = _selected_tab(screen)
        title = _title(screen, volatile)
        dialog = is_dialog(screen)
        if start in group.states:
            base, description = ("main_" + slug(tab, 3) + "_tab") if tab else "main_screen", "the app's start screen"
        elif group.opener and dialog:
            base, description = slug(group.opener, 4) + "_dialog", f"dialog opened by '{group.opener}'"
        elif tab:
            base, description = slug(tab, 3) + "_tab", f"'{tab}' tab"
        elif title:
            base = slug(title, 4) + ("_dialog" if dialog else "_screen")
            description = f"{'dialog' if dialog else 'screen'} titled '{title}'"
        elif item_page:
            kind = "menu" if opener.endswith(" menu") else "dialog" if dialog else "screen"
            example = opener.removesuffix(" menu")
            if first[3]:
                base = f"{first[3]}_item_{kind}"
                description = f"{kind} of the {first[3].replace('_', ' ')} row tapped, e.g. '{example}'"
            else:
                base = f"{_name_from_ids(screen)}_{kind}"
                description = f"{kind} opened by a value typed earlier, e.g. '{example}'"
        elif opener:
            base = slug(opener, 5) + ("_dialog" if dialog else "" if opener.endswith(" menu") else "_screen")
            description = f"{'dialog' if dialog else 'screen'} opened by '{opener}'"
        else:
            base, description = _name_from_ids(screen) + ("_dialog" if dialog else "_screen"), "screen"
        base = re.sub(r"_+", "_", base).strip("_") or "screen"
        base = re.sub(r"_(dialog|screen)_\1$", r"_\1", base)
        if not base[0].isalpha():
            base = "screen_" + base
        used[base] += 1
        group.name = base if used[base] == 1 else f"{base}_{used[base]}"
        if opener and "opened by" not in description and not item_page and start not in group.states:
            description += f", reached via '{opener}'"
        group.description = description
        group.signatures = sorted({states[s].signature for s in group.states})


def _name_from_ids(screen: Screen) -> str:
    tokens = Counter()
    for node in screen.app_nodes():
        if node.rid and node.rid not in DIALOG_IDS:
            tokens.update(list(dict.fromkeys(node.rid.casefold().split("_")[:2])))  # ordered: names stay stable
    common = [t for t, _ in tokens.most_common(2) if t.isalpha()]
    return "_".join(common) or "unnamed"
