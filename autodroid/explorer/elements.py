"""Find a screen's elements across its states: single widgets, lists (rows with item fields, options),
and selectors checked to single out exactly that widget on every state where it was seen."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from autodroid.appdoc import Selector
from autodroid.explorer.grouping import element_key, slug
from autodroid.selectors import select_nodes
from autodroid.ui.screen import Node, Screen

LIST_CLASSES = ("RecyclerView", "ListView", "GridView", "RadioGroup")
GENERIC_ID = re.compile(r"^(button|text|title|icon|image|label|content|message|summary|checkbox|switch|widget)"
                        r"\d*$|^(android:id/)")
TYPE_SUFFIX = {"button": "button", "checkbox": "checkbox", "input": "input", "list": "list",
               "scrollable": "scroll", "text": "text"}
MAX_OPTIONS = 40
MAX_NAME_CHARS, MAX_NAME_WORDS = 30, 3  # a row's other texts that can name it (row_names)


@dataclass
class ListShape:
    container: Node
    rows: list[Node]


@dataclass
class Found:
    key: tuple
    type: str
    label: str
    occurrences: list[tuple[str, int]] = field(default_factory=list)  # (state id, node id)
    options: list[str] = field(default_factory=list)
    other_names: list[str] = field(default_factory=list)  # rows' other short texts (row_names), after options
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)  # field name -> (type, resource id)
    row_cls: str = ""
    name: str = ""
    selectors: list[Selector] = field(default_factory=list)
    one_of: str = ""  # the radio group a checkable widget is in (its RadioGroup's id)


def _rows_of(screen: Screen, container: Node) -> list[Node]:
    if container.short_cls in LIST_CLASSES[:3] or container.cls in LIST_CLASSES[:3]:
        return screen.children_of(container)  # an adapter view's children are its rows, even just one
    node = container
    while len(node.children) == 1:
        node = screen.node(node.children[0])
    return screen.children_of(node)


def _row_shape(screen: Screen, row: Node) -> tuple:
    return (row.short_cls if screen.source != "droidtask" else row.cls, row.rid,
            tuple(sorted({d.rid for d in screen.descendants(row) if d.rid})))


def find_lists(screen: Screen) -> list[ListShape]:
    """Containers whose children repeat one shape (list rows), and groups of sibling choice boxes."""
    found: list[ListShape] = []
    taken: set[int] = set()
    for node in screen.app_nodes():
        if node.id in taken:
            continue
        looks_like_list = node.scrollable or node.short_cls in LIST_CLASSES or node.cls in LIST_CLASSES
        checkable_children = [c for c in screen.children_of(node) if c.checkable]
        if not looks_like_list and len(checkable_children) < 2:
            continue
        rows = _rows_of(screen, node) if looks_like_list else checkable_children
        single_row = len(rows) == 1 and (node.short_cls in LIST_CLASSES[:3] or node.cls in LIST_CLASSES[:3])
        if len(rows) < 2 and not single_row:
            continue
        if single_row:  # a filtered list: one row is still a row of the list
            found.append(ListShape(node, rows))
            taken.update(d.id for d in screen.descendants(node))
            continue
        shapes = Counter(_row_shape(screen, row) for row in rows)
        shape, count = shapes.most_common(1)[0]
        if count < 2 or count < 0.6 * len(rows):
            continue
        rows = [row for row in rows if _row_shape(screen, row) == shape]
        found.append(ListShape(node, rows))
        taken.update(d.id for d in screen.descendants(node))
    return found


def row_label(screen: Screen, row: Node) -> str:
    """The row's name: its first text with a letter in it (not a track number or a count), not the caption
    of a button inside the row ("Start", "Delete": every row has one) unless the row shows nothing else."""
    return row_label_and_names(screen, row)[0]


def row_names(screen: Screen, row: Node) -> list[str]:
    """The short texts a row shows besides its label (an alarm's "Gym" beside its "7:00 AM"): a person
    may name the row by any of them. Short (a name, not a preview sentence), with a letter and no digit (a
    size, a date, a time or a count describes the row; it is not what anybody calls it)."""
    return row_label_and_names(screen, row)[1]


def row_label_and_names(screen: Screen, row: Node) -> tuple[str, list[str]]:
    """``row_label`` and ``row_names`` from one read of the row's texts (list rows are read on every select)."""
    texts = [" ".join(t.split()) for t in screen.subtree_text(row, 6)]
    captions = {" ".join(t.split()) for node in screen.descendants(row) if node.clickable
                for t in (node.text, node.desc) if t and not screen.children_of(node)}
    own = [t for t in texts if t not in captions]  # what the row shows, without its buttons' captions
    label = _first_name(own) if own else _first_name(texts) if texts else ""
    names = [t for t in own if t != label and any(ch.isalpha() for ch in t) and not any(ch.isdigit() for ch in t)
             and len(t) <= MAX_NAME_CHARS and len(t.split()) <= MAX_NAME_WORDS]
    return label, names


def _first_name(texts: list[str]) -> str:
    """The first text with a letter in it, else the first text."""
    return next((t for t in texts if any(ch.isalpha() for ch in t)), texts[0])


def element_type(node: Node) -> str | None:
    """The doc type of a widget: input, checkbox, button, scrollable, text (a labelled id), or None."""
    if node.editable:
        return "input"
    if node.checkable:
        return "checkbox"
    if node.clickable or node.long_clickable:
        return "button"
    if node.scrollable:
        return "scrollable"
    if node.rid and node.text:
        return "text"
    return None


def collect_elements(states: dict[str, Screen]) -> list[Found]:
    """Elements of one screen group, in order of first appearance."""
    found: dict[tuple, Found] = {}
    for state_id, screen in states.items():
        lists = find_lists(screen)
        in_list: set[int] = set()
        for shape in lists:
            in_list.update(d.id for row in shape.rows for d in [row, *screen.descendants(row)])
            key = ("list", shape.container.rid, shape.container.desc,
                   "" if shape.container.rid else _row_shape(screen, shape.rows[0]))
            entry = found.setdefault(key, Found(key, "list", _list_label(screen, shape)))
            entry.occurrences.append((state_id, shape.container.id))
            entry.row_cls = shape.rows[0].cls
            for row in shape.rows:
                label, names = row_label_and_names(screen, row)
                if label and label not in entry.options:
                    entry.options.append(label)
                entry.other_names += [n for n in names if n not in entry.other_names]
                for node in [row, *screen.descendants(row)]:
                    kind = element_type(node)
                    if node is not row and node.rid and kind:
                        entry.fields.setdefault(_field_name(node.rid), (kind, node.rid))
        for node in screen.app_nodes():
            if node.id in in_list or not (node.visible or screen.source == "droidtask"):
                continue
            kind = element_type(node)
            if kind is None or any(node.id == s.container.id for s in lists):
                continue
            key = element_key(screen, node)
            label = node.text or node.desc or " ".join(screen.subtree_text(node, 1)) or node.rid
            entry = found.setdefault(key, Found(key, kind, " ".join(label.split())))
            entry.occurrences.append((state_id, node.id))
            entry.one_of = entry.one_of or (radio_group(screen, node) if kind == "checkbox" else "")
    for entry in found.values():
        entry.options = (entry.options + [n for n in entry.other_names if n not in entry.options])[:MAX_OPTIONS]
    return list(found.values())


def radio_group(screen: Screen, node: Node) -> str:
    """The radio group of a checkable widget: its RadioGroup parent's id (or "radio" without one), "" when
    it is no radio (a RadioButton's parent need not be a RadioGroup; DroidTask tags every radio "checkbox")."""
    parent = screen.parent_of(node)
    in_group = parent is not None and "RadioGroup" in (parent.short_cls, parent.cls)
    if not (in_group or node.short_cls == "RadioButton"):
        return ""
    return (parent.rid if in_group and parent.rid else "") or "radio"


def _list_label(screen: Screen, shape: ListShape) -> str:
    if shape.container.rid:
        return shape.container.rid.replace("_", " ")
    if all(row.checkable for row in shape.rows):
        return "options"
    return shape.container.short_cls


def _field_name(rid: str) -> str:
    return slug(rid.replace("_", " "), 6) or "field"


def _strip_screen_words(rid: str, screen: str) -> str:
    """'settings_alarm_max_reminder_label' on settings_screen -> 'alarm_max_reminder_label'."""
    screen_words = set(screen.split("_")) - {"screen", "dialog", "tab", "main"}
    words = [w for w in rid.split("_") if w]
    while len(words) > 1 and words[0] in screen_words:
        words = words[1:]
    return "_".join(words)


def base_name(entry: Found, screen: str = "") -> str:
    tag, rid, desc, text = entry.key if entry.type != "list" else ("list", entry.key[1], entry.key[2], "")
    if entry.type == "list":
        core = slug(_strip_screen_words(rid, screen).replace("_", " "), 5) if rid and not GENERIC_ID.match(rid) else ("options" if entry.label == "options"
                                                                         else slug(entry.label, 3))
    elif text and rid and not GENERIC_ID.match(rid):
        tokens = [t for t in rid.split("_") if t in ("tab", "menu", "item", "option")][:1]
        core = slug(text, 4) + (f"_{tokens[0]}" if tokens else "")
    elif rid and not GENERIC_ID.match(rid):
        core = slug(_strip_screen_words(rid, screen).replace("_", " "), 6)
    else:
        core = slug(desc or text or entry.label, 4)
    core = core or entry.type
    suffix = TYPE_SUFFIX[entry.type]
    if core.endswith(("_" + suffix, "_tab")) or core == suffix:
        return core
    if not core[0].isalpha():
        core = f"{suffix}_{core}"
    return f"{core}_{suffix}"


def make_selectors(entry: Found, states: dict[str, Screen]) -> list[Selector]:
    """Selectors most specific first; each must single out this element on every state it was seen on."""
    screen, node = _first(entry, states)
    text_is_static = len({states[s].node(n).text for s, n in entry.occurrences}) == 1
    rid, desc = node.rid or None, node.desc or None
    text = node.text or None if text_is_static and entry.type != "input" and entry.type != "list" else None
    candidates = [
        Selector(resource_id=rid, desc=desc, text=text),
        Selector(resource_id=rid, text=text),
        Selector(resource_id=rid, desc=desc),
        Selector(resource_id=rid),
        Selector(desc=desc),
        Selector(text=text),
        Selector(desc=desc, text=text),
    ]
    chosen: list[Selector] = []
    for candidate in candidates:
        if not candidate.as_dict() or candidate in chosen:
            continue
        if set(candidate.as_dict()) == {"resource_id"} and GENERIC_ID.match(candidate.resource_id):
            continue  # 'title' or 'button1' alone would match widgets of other screens
        if all(select_nodes(states[s], candidate) == [states[s].node(n)] for s, n in entry.occurrences):
            chosen.append(candidate)
        if len(chosen) == 3:
            break
    if not chosen:
        chosen.append(_indexed(entry, states, candidates))
    return chosen


def _indexed(entry: Found, states: dict[str, Screen], candidates: list[Selector]) -> Selector:
    screen, node = _first(entry, states)
    base = next((c for c in candidates if c.as_dict()), Selector(cls=node.cls))
    if not base.as_dict():
        base = Selector(cls=node.cls)
    matches = select_nodes(screen, base)
    index = matches.index(node) if node in matches else 0
    return Selector(**base.as_dict(), index=index)


def _first(entry: Found, states: dict[str, Screen]) -> tuple[Screen, Node]:
    state, node_id = entry.occurrences[0]
    return states[state], states[state].node(node_id)
