"""Rules on a task's choice lines that need only the doc: which lists a weekday offers, which buttons a phone
number rules out, which boxes share only the verb of a task about a row, where a typed text's commit is
listed, and what the app's "New ..." buttons create."""

from __future__ import annotations

from typing import Collection, Sequence

from autodroid.appdoc import AppDoc
from autodroid.planner.postprocess import parse_line
from autodroid.planner.retrieval import phone_digits, task_verb, word_stem, words
from autodroid.planner.slots import input_commit

DAY_WORDS = frozenset(words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday"))
CREATE_WORDS = frozenset(("new", "add", "create"))  # how a button that makes an item starts its label


def item_nouns(doc: AppDoc) -> set[str]:
    """The nouns of what the app creates: the last word of a button "New event", "Add task", "Create new
    contact" that opens another screen."""
    return {label[-1].lower() for element in doc.elements.values()
            if element.type == "button" and element.leads_to and element.leads_to not in element.screens
            and len(text := element.description.strip().split(";")[0]) < 40
            and len(label := text.split()) > 1 and label[0].lower() in CREATE_WORDS}


def dated_lists(doc: AppDoc, task: str) -> list[str]:
    """Lists with a dated option on the weekday the task says ("on Friday": a date picker's "Fri, Mar 8"): a
    day is as concrete as a time, but its one word seldom ranks the picker among the candidates."""
    said = set(words(task)) & DAY_WORDS
    if not said:
        return []
    return [name for name, element in doc.elements.items() if element.type == "list"
            and any(said & set(words(option)) and any(c.isdigit() for c in option) for option in element.options)]


def other_numbers_out(doc: AppDoc, task: str, lines: Sequence[str], said: Collection[str] = ()) -> list[str]:
    """``lines`` without taps on a button whose label is a phone number the task does not say (a contact's
    "555-0134" shares only its area code with "dial 555-0199"), unless the button opens another screen whose
    name has a word the task says (``said``: its word stems): the number on a contact's page that opens the
    call screen is how that page calls whoever it shows ("call Mum")."""
    numbers = phone_digits(task)
    out: list[str] = []
    for line in lines:
        parsed = parse_line(line)
        element = doc.elements.get(parsed.name or "")
        if parsed.method != "tap" or element is None or not (shown := phone_digits(element.description)) \
                or shown & numbers:
            out.append(line)
        elif element.leads_to and element.leads_to not in element.screens \
                and set(words(element.leads_to)) & set(said) - {"screen", "dialog"}:
            there = [i for i, other in enumerate(out)  # listed before what it opens: it comes first
                     if (opened := doc.elements.get(parse_line(other).name or "")) and opened.screen == element.leads_to]
            out.insert(there[0] if there else len(out), line)
    return out


def verb_only_boxes_out(doc: AppDoc, task: str, lines: Sequence[str], verb_means: Collection[str] = ()) -> list[str]:
    """``lines`` without taps on checkboxes that share only the task's verb (``retrieval.task_verb``, or a word
    it means: ``verb_means``, stems) with it when the task names a row some line picks: "call Mum" calls the
    row Mum, it does not tick "Show a call confirmation dialog"; a setting is named by what it sets, not
    by the action it is about."""
    said = words(task)
    named_rows = [line for line in lines if parse_line(line).method in ("select", "match")
                  and (row := parse_line(line).arg) and set(words(row)) <= set(said)]
    first = task_verb(task)
    if first is None or not named_rows:
        return list(lines)
    verb = {word_stem(first.group(0).lower()), *verb_means}
    return [line for line in lines if parse_line(line).method != "tap"
            or (element := doc.elements.get(parse_line(line).name or "")) is None or element.type != "checkbox"
            or not (shared := set(words(element.description)) & (set(said) | verb)) or not shared <= verb]


def commits_follow(doc: AppDoc, lines: Sequence[str]) -> list[str]:
    """``lines`` with the button that carries out a typed text where its screen has no OK/Save (a message's
    Send, a dialpad's Call: ``slots.input_commit``) listed right after the line typing it: listed last, a small
    model picked whatever came next on the list instead."""
    out = list(lines)
    for line in lines:
        parsed = parse_line(line)
        element = doc.elements.get(parsed.name or "")
        if parsed.method != "set_text" or element is None:
            continue
        commit = input_commit(doc, element)
        tap = f"{commit.name}.tap()" if commit is not None else ""
        if tap in out and out.index(tap) > out.index(line):
            out.remove(tap)
            out.insert(out.index(line) + 1, tap)
    return out


__all__ = ["CREATE_WORDS", "DAY_WORDS", "commits_follow", "dated_lists", "item_nouns", "other_numbers_out"]
