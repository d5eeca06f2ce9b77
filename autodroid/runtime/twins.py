"""Twin screens: one screen the explorer recorded in two states as two screens (a time dialog with and
without its AM/PM buttons): the same action opened both, and one shows every widget of the other and a
few more. An element documented on one twin is the same widget on the other, so the runtime acts on it
where it is instead of navigating to a state it cannot choose."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from autodroid.appdoc import AppDoc

MIN_SHARED = 3  # a screen this small says too little to call another its twin
MIN_COVER = 0.75  # the smaller twin holds at least this share of the larger one's widgets


def screen_widgets(doc: AppDoc) -> dict[str, frozenset]:
    """Per screen, the most specific selector of each element on it (its own and the ``also_on`` ones)."""
    found: dict[str, set] = defaultdict(set)
    for element in doc.elements.values():
        if not element.selectors:
            continue
        key = (element.type, tuple(sorted(element.selectors[0].as_dict().items())), element.options)
        for screen in element.screens:
            found[screen].add(key)
    return {screen: frozenset(widgets) for screen, widgets in found.items()}


def opened_together(doc: AppDoc) -> set[frozenset[str]]:
    """Pairs of screens one documented action (same screen, action, element, option) led to."""
    led: dict[tuple, set[str]] = defaultdict(set)
    for edge in doc.navigation:
        led[(edge.source, edge.action, edge.element, edge.option)].add(edge.to)
    return {frozenset(pair) for targets in led.values() for pair in combinations(sorted(targets), 2)}


def twin_screens(doc: AppDoc) -> dict[str, frozenset[str]]:
    """For each screen, the screens that are it in another state: one action opened both, every widget of
    the smaller one is on the larger one (same type, most specific selector and options), which shows a
    few more (equal screens are told apart by something else: not twins); or typing into an input on
    both led from one to the other and they share most widgets (``typed_into``)."""
    widgets = screen_widgets(doc)
    twins: dict[str, set[str]] = defaultdict(set)
    for pair in opened_together(doc):
        a, b = sorted(pair)
        if a not in widgets or b not in widgets:
            continue
        small, large = sorted((widgets[a], widgets[b]), key=len)
        if len(small) >= MIN_SHARED and small < large and len(small) >= MIN_COVER * len(large):
            twins[a].add(b)
            twins[b].add(a)
    for a, b in typed_into(doc):
        if a in widgets and b in widgets:
            shared = widgets[a] & widgets[b]
            if len(shared) >= MIN_SHARED and len(shared) >= MIN_COVER * max(len(widgets[a]), len(widgets[b])):
                twins[a].add(b)
                twins[b].add(a)
    return {screen: frozenset(others) for screen, others in twins.items()}


def typed_into(doc: AppDoc) -> set[tuple[str, str]]:
    """(screen, screen) pairs where typing into an input that both show led from one to the other: the same
    screen once it holds text (a new-conversation screen whose contact list gives way to a Confirm button)."""
    out = set()
    for edge in doc.navigation:
        element = doc.elements.get(edge.element or "")
        if edge.action == "set_text" and element is not None and edge.to != edge.source \
                and {edge.source, edge.to} <= set(element.screens):
            out.add((edge.source, edge.to))
    return out


__all__ = ["twin_screens", "typed_into"]
