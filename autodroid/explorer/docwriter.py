"""Turn an explored transition graph into the app's API documentation (``app_docs/<app>/doc.yaml``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from autodroid.appdoc import AppDoc, Element, ItemField, NavEdge, ScreenDoc, Selector, doc_path, save_doc
from autodroid.paths import app_docs_dir
from autodroid.risk_words import SENSITIVE
from autodroid.explorer.elements import Found, base_name, collect_elements, find_lists, make_selectors, row_label
from autodroid.explorer.grouping import Edge, group_states
from autodroid.ui.screen import Screen

GENERIC_LABELS = {"ok", "cancel", "yes", "no", "done", "close", "back", "navigate up", "apply", "confirm", "save"}
ACTION_OF_EDGE = {"tap": "tap", "long_tap": "long_tap", "set_text": "set_text", "scroll": "scroll"}


@dataclass
class _Hit:
    api: str
    option: str | None = None


def build_doc(app: str, package: str, states: dict[str, Screen], edges: list[Edge], start: str,
              generated_from: dict | None = None) -> AppDoc:
    groups = group_states(states, edges, start)
    screen_of = {state: group.name for group in groups for state in group.states}
    entries_by_screen: dict[str, list[Found]] = {}
    for group in groups:
        sub = {s: states[s] for s in group.states}
        entries = collect_elements(sub)
        used: Counter = Counter()
        for entry in entries:
            base = base_name(entry, group.name)
            used[base] += 1
            entry.name = f"{group.name}__{base}" if used[base] == 1 else f"{group.name}__{base}_{used[base]}"
            entry.selectors = make_selectors(entry, sub)
        entries_by_screen[group.name] = entries

    hits = _hit_index(states, entries_by_screen)
    leads: dict[str, Counter] = defaultdict(Counter)
    nav: Counter = Counter()
    for edge in edges:
        if edge.target is None or edge.target not in screen_of or edge.source not in screen_of:
            continue
        source, target = screen_of[edge.source], screen_of[edge.target]
        if states[edge.source].signature == states[edge.target].signature:
            target = source  # look-alike dialogs split by opener: a radio picked in one does not open the other
        if edge.action == "back":
            if source != target:
                nav[(source, "back", None, None, target)] += 1
            continue
        hit = _attribute(states[edge.source], edge, hits)
        if hit is None or edge.action not in ACTION_OF_EDGE:
            continue
        if source != target:
            if edge.action == "tap":  # what a plain tap opens; long presses and typing are not "opens"
                leads[hit.api][target] += 1
            action = "select" if hit.option is not None and edge.action == "tap" else ACTION_OF_EDGE[edge.action]
            nav[(source, action, hit.api, hit.option, target)] += 1

    renamed = _merge_shared_widgets(entries_by_screen, leads, states)
    screens: dict[str, ScreenDoc] = {}
    elements: dict[str, Element] = {}
    for group in groups:
        names = []
        for entry in entries_by_screen[group.name]:
            if entry.name in renamed:
                continue
            target = leads[entry.name].most_common(1)[0][0] if leads[entry.name] else None
            elements[entry.name] = _to_element(entry, group.name, target, screen_of)
            names.append(entry.name)
        screens[group.name] = ScreenDoc(group.name, group.description, tuple(group.signatures), len(group.states),
                                        tuple(names))
    navigation = tuple(
        NavEdge(source, action, target, renamed.get(api, api), option, count)
        for (source, action, api, option, target), count in sorted(
            nav.items(), key=lambda item: (list(screens).index(item[0][0]), -item[1], str(item[0])))
    )
    return AppDoc(app, package, screen_of[start], screens, elements, _dedupe(navigation), dict(generated_from or {}))


def _dedupe(navigation: tuple[NavEdge, ...]) -> tuple[NavEdge, ...]:
    merged: dict[tuple, NavEdge] = {}
    for edge in navigation:
        key = (edge.source, edge.action, edge.element, edge.option, edge.to)
        if key in merged:
            old = merged[key]
            merged[key] = NavEdge(old.source, old.action, old.to, old.element, old.option, old.count + edge.count)
        else:
            merged[key] = edge
    return tuple(merged.values())


def _hit_index(states: dict[str, Screen], entries_by_screen: dict[str, list[Found]]) -> dict:
    """(state, node id) -> which API (and list option) a node belongs to."""
    index: dict[tuple[str, int], _Hit] = {}
    for entries in entries_by_screen.values():
        for entry in entries:
            for state, node_id in entry.occurrences:
                screen = states[state]
                index[(state, node_id)] = _Hit(entry.name)
                if entry.type == "list":
                    for shape in find_lists(screen):
                        if shape.container.id != node_id:
                            continue
                        for row in shape.rows:
                            label = row_label(screen, row)
                            for node in [row, *screen.descendants(row)]:
                                index[(state, node.id)] = _Hit(entry.name, label)
    return index


def _attribute(screen: Screen, edge: Edge, hits: dict) -> _Hit | None:
    node = screen.get(edge.node_id) if edge.node_id is not None else None
    while node is not None:
        hit = hits.get((edge.source, node.id))
        if hit is not None:
            return hit
        node = screen.parent_of(node)
    return None


def _merge_shared_widgets(entries_by_screen: dict[str, list[Found]], leads: dict[str, Counter],
                          states: dict[str, Screen]) -> dict[str, str]:
    """One canonical name for a widget seen on several screens (same identity, same effect); returns the
    names folded into a canonical one."""
    canonical: dict[tuple, list[Found]] = defaultdict(list)
    effect_of: dict[str, str | None] = {}
    renamed: dict[str, str] = {}
    also_on: dict[str, list[str]] = defaultdict(list)
    for screen, entries in entries_by_screen.items():
        for entry in entries:
            # Dialogs look alike (a title input, OK): the same widget in two dialogs means two things.
            if entry.type == "list" or entry.label.casefold() in GENERIC_LABELS or screen.endswith("_dialog"):
                continue
            effect = leads[entry.name].most_common(1)[0][0] if leads[entry.name] else None
            first = next((c for c in canonical[entry.key] if c.name.split("__")[0] != screen and
                          (effect is None or effect_of[c.name] is None or effect_of[c.name] == effect)), None)
            if first is None:
                canonical[entry.key].append(entry)
                effect_of[entry.name] = effect
                continue
            renamed[entry.name] = first.name
            first.occurrences.extend(entry.occurrences)
            leads[first.name].update(leads[entry.name])
            effect_of[first.name] = effect_of[first.name] or effect
            also_on[first.name].append(screen)
    for entry in (e for group in canonical.values() for e in group):
        if also_on[entry.name]:
            entry.also_on = also_on[entry.name]
            entry.selectors = make_selectors(entry, states)
    return renamed


def _to_element(entry: Found, screen: str, leads_to: str | None, screen_of: dict) -> Element:
    label = entry.label
    description = label
    risk = "sensitive" if SENSITIVE.search(label or "") else "normal"
    item_selector, fields, options = None, (), ()
    if entry.type == "list":
        options = tuple(entry.options)
        shown = ", ".join(entry.options[:3])
        description = f"{label}; e.g. {shown}" if shown else label
        if entry.fields:
            item_selector = Selector(cls=entry.row_cls) if entry.row_cls else None
            fields = tuple(ItemField(name, kind, Selector(resource_id=rid)) for name, (kind, rid) in entry.fields.items())
        if item_selector is None and entry.row_cls:
            item_selector = Selector(cls=entry.row_cls)
    return Element(entry.name, screen, entry.type, description, tuple(entry.selectors),
                   tuple(getattr(entry, "also_on", ()) or ()), leads_to if leads_to != screen else None, risk,
                   options, item_selector, fields, one_of=entry.one_of if entry.type == "checkbox" else "")


# ---------------------------------------------------------------------------------------------------
# From the crawler's graph file


def doc_from_graph(graph_path: Path, app: str | None = None) -> AppDoc:
    from autodroid.explorer.graph import load_graph

    graph = load_graph(graph_path)
    # Only the app's own screens; restarts are not actions on the app.
    states = {state_id: state.screen for state_id, state in graph.app_states().items()}
    edges = [Edge(e.source, e.action, (e.node or {}).get("id"), e.target, e.text)
             for e in graph.edges
             if e.target is not None and e.action != "restart" and e.source in states and e.target in states]
    start = graph.start_state
    package = states[start].package if start in states else ""
    meta = graph.meta or {}
    return build_doc(app or meta.get("app", Path(graph_path).parent.name), package, states, edges, start,
                     {"device": meta.get("device", ""), "states": len(states),
                      "transitions": len({(e.source, e.action, e.node_id, e.text, e.target) for e in edges})})


def write_doc(graph_path: Path, docs_dir: Path | None = None, app: str | None = None) -> Path:
    doc = doc_from_graph(Path(graph_path), app)
    return save_doc(doc, doc_path(doc.app, docs_dir or app_docs_dir()))  # never into the shipped docs
