"""Actions on one named row of a list: long-pressing it, or tapping a switch inside it.

``L.select("Diary")`` taps a row, which opens it. Two things a row offers are not reached that way:
- the menu a long press opens (Rename, Delete: the doc records a ``long_tap`` edge from the list), which
  navigation would reach by long-pressing the recorded row, not the one the task names; and
- a checkbox inside each row (an alarm's on/off switch), which only ``L.match("Bedtime").alarm_switch``
  reaches for that row.
For each line picking a row the task names in full (every word of its label), ``row_actions`` adds
``L.match(row).long_tap()`` when the list has such an edge, and ``L.match(row).<field>.tap()`` for the row's
checkbox fields whose own words (those its sibling fields do not share: "switch" of ``alarm_switch`` beside
``alarm_time``) the task uses. Nothing here reads task vocabulary: the words come from the doc's field names.
"""

from __future__ import annotations

import re
from typing import Sequence

from droidscript.grammar import py_string

from autodroid.appdoc import AppDoc, Element
from autodroid.planner.postprocess import DISMISS_WORDS, parse_line
from autodroid.planner.retrieval import TYPE_SUFFIXES, words
from autodroid.planner.slots import names_person


def row_actions(doc: AppDoc, task_words: Sequence[str], lines: Sequence[str], task: str = "", *,
                menu_named: bool = False, row_buttons: bool = False, press_adds: bool = False) -> list[str]:
    """``lines`` with each row line (``select`` on a list with row items) followed by its row actions. With
    ``task`` (its text), a person's row the task names by the first name counts as named in full. With
    ``menu_named``, the long press only when what it opens offers something the task says ("archive the chat
    with Olivia": the menu's Archive; not "phone my dad", where the tap on the row calls). With ``row_buttons``, a
    button inside the row whose own words hold the task's first word (the command's verb) is offered like a
    switch ("unblock 555-0177": the row's Unblock; not "create a folder and name it" for a clickable name). With
    ``press_adds`` too, only when the menu says a task word that the page a tap on the row opens does not say
    ("call Julia": her row's tap opens the call screen, so the menu's Call adds nothing)."""
    said = set(task_words)
    verb = task_words[0] if task_words else ""  # the task's words in order: the first is the command's verb
    pressed = {edge.element for edge in doc.navigation if edge.action == "long_tap" and edge.element}
    if menu_named:
        pressed = {name for name in pressed if said & press_words(doc, name) - (page_words(doc, name) if press_adds
                                                                                 else set())}
    out: list[str] = []
    for line in lines:
        out.append(line)
        parsed = parse_line(line)
        element = doc.elements.get(parsed.name or "")
        if parsed.method != "select" or element is None or element.type != "list" or not parsed.arg:
            continue
        if not set(words(parsed.arg)) <= said and not (task and names_person(task, parsed.arg)):
            continue  # a row the task names in full, not one sharing a word
        row = f"{element.name}.match({py_string(parsed.arg)})"
        if element.name in pressed:
            out.append(f"{row}.long_tap()")
        out += [f"{row}.{field}.tap()" for field, own in switch_fields(element).items() if said & own]
        if row_buttons and verb:  # a clickable name or count field is no action: the command's verb names it
            out += [f"{row}.{field}.tap()" for field, own in switch_fields(element, ("button",)).items() if verb in own]
    return _without_loose_switches(doc, list(dict.fromkeys(out)))


def press_words(doc: AppDoc, name: str) -> set[str]:
    """The words of what a long press on a row of list ``name`` opens: its buttons, boxes and menu options,
    not the dismissers nor the copy of the pressed list that selection mode shows beside them."""
    listed = doc.elements[name]
    out: set[str] = set()
    for screen in {edge.to for edge in doc.navigation if edge.action == "long_tap" and edge.element == name}:
        out |= _action_words(doc, screen)
        for other in _screen_elements(doc, screen):
            if other.type == "list" and not set(other.options) & set(listed.options):
                out |= {word for option in other.options for word in words(option)}
    return out


def page_words(doc: AppDoc, name: str) -> set[str]:
    """The words of the buttons and boxes on the page a tap on a row of list ``name`` opens (its ``leads_to``),
    dismissers left out."""
    return _action_words(doc, doc.elements[name].leads_to or "")


def _screen_elements(doc: AppDoc, screen: str) -> list[Element]:
    return [doc.elements[api] for api in doc.screens[screen].elements if api in doc.elements] \
        if screen in doc.screens else []


def _action_words(doc: AppDoc, screen: str) -> set[str]:
    """The words of ``screen``'s buttons and boxes, its dismissers (Cancel, Navigate up) left out."""
    return {word for other in _screen_elements(doc, screen) if other.type in ("button", "checkbox")
            and other.description.strip().lower() not in DISMISS_WORDS for word in words(other.description)}


def nearest_lists(doc: AppDoc, graph, lines: Sequence[str]) -> list[str]:
    """``lines`` with one pick per row among look-alike lists of items: a list the app shows on several screens
    (the start screen's list, its search results, its selection mode: one resource id, rows with fields)
    offers the same row on each, and lists whose recorded rows open the same page (the conversations and the
    new-conversation contacts both open a thread: ``AppDoc.item_rows``) offer the same item; the pick kept is
    on the screen fewest hops from the start (``graph``: ``NavGraph``), the others go. Radio dialogs sharing
    an id are not items: each stays."""
    hops: dict[str, int] = {}

    def distance(screen: str) -> int:
        if screen not in hops:
            path = graph.path(doc.start_screen, {screen})
            hops[screen] = len(path) if path is not None else len(doc.screens)
        return hops[screen]

    pages: dict[str, set[str]] = {}
    for listed, page in doc.item_rows():
        pages.setdefault(listed, set()).add(page)
    kept = list(lines)
    for same in (_list_id, lambda element: pages.get(element.name, ())):
        best: dict[tuple[str, str], tuple[int, str]] = {}
        keys: dict[str, list[tuple[str, str]]] = {}
        for line in kept:
            parsed = parse_line(line)
            element = doc.elements.get(parsed.name or "")
            if parsed.method != "select" or element is None or not element.item_fields or not parsed.arg:
                continue
            keys[line] = [(group, parsed.arg) for group in same(element)]
            for key in keys[line]:
                if key not in best or distance(element.screen) < best[key][0]:
                    best[key] = (distance(element.screen), line)
        kept = [line for line in kept if all(best[key][1] == line for key in keys.get(line, ()))]
    return kept


def _list_id(element: Element) -> list[str]:
    return [rid for rid in (next((s.resource_id for s in element.selectors if s.resource_id), None),) if rid]


def _without_loose_switches(doc: AppDoc, lines: list[str]) -> list[str]:
    """``lines`` without taps of a screen element that is a row switch offered for a named row (the doc's
    ``main_screen__alarm_switch_checkbox`` is whichever row's switch the exploration saw: it toggles the
    wrong alarm where ``alarms_list.match("Bedtime").alarm_switch`` toggles the named one)."""
    ids: set[str] = set()
    for line in lines:
        element = doc.elements.get(parse_line(line).name or "")
        if (field := tapped_field(line)) and element is not None:
            ids |= {f.selector.resource_id for f in element.item_fields if f.name == field and f.selector.resource_id}
    if not ids:
        return lines

    def loose(line: str) -> bool:
        parsed = parse_line(line)
        element = doc.elements.get(parsed.name or "")
        return parsed.method == "tap" and element is not None and any(s.resource_id in ids for s in element.selectors)

    return [line for line in lines if not loose(line)]


def tapped_field(line: str) -> str:
    """The row field a ``L.match(row).<field>.tap()`` line taps ("" for any other line, ``.tap()`` of the
    row itself and ``.long_tap()`` included)."""
    parsed = parse_line(line)
    found = re.fullmatch(r"\.([A-Za-z_][A-Za-z0-9_]*)\.tap\(\)", parsed.tail) if parsed.method == "match" else None
    return found.group(1) if found else ""


def switch_fields(element: Element, types: tuple[str, ...] = ("checkbox",)) -> dict[str, set[str]]:
    """The checkbox fields (or fields of ``types``: a row's own Unblock button) of a list's rows, each with its
    own words (not shared with a sibling field)."""
    named = {field.name: set(words(field.name)) - TYPE_SUFFIXES for field in element.item_fields}
    out: dict[str, set[str]] = {}
    for field in element.item_fields:
        if field.type in types:
            shared = set().union(*(w for name, w in named.items() if name != field.name))
            out[field.name] = named[field.name] - shared
    return out


__all__ = ["row_actions", "switch_fields", "tapped_field"]
