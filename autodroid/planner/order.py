"""Lines in the order the task says them: "start the stopwatch and record a lap" is Start, then Lap; "by title
in descending order" is Title, then Descending (taps of one screen); "make Dan a favourite and then call him" is
the favourite's lines, then the call's (clauses). People say the steps in the order they take them, and a small
model tends to take the first plausible line it is offered."""

from __future__ import annotations

import re
from typing import Sequence

from autodroid.appdoc import AppDoc, Element
from autodroid.planner.postprocess import CONFIRM_WORDS, confirm_button, parse_line
from autodroid.planner.retrieval import QUOTED, quoted_values, words

_CONFIRMS = frozenset(words(" ".join(CONFIRM_WORDS)))
_NOUN_STARTS = frozenset("a an the my your her his its their our this that these those some any all".split())
_CLAUSE_BREAK = re.compile(r"[,;.!?]|\b(?:and|then|after that|afterwards)\b", re.I)


def in_task_order(doc: AppDoc, said: Sequence[str], lines: list[str]) -> list[str]:
    """``lines`` with the taps of buttons and boxes of one screen whose whole label is in ``said`` (the
    task's words, stop words kept, in order) reordered as the task names them, in the places those taps held;
    taps on other screens and taps the task does not name keep their places."""
    said = list(said)
    named: dict[str, dict[str, int]] = {}  # screen -> line -> where the task names its label
    for line in lines:
        parsed = parse_line(line)
        element = doc.elements.get(parsed.name or "")
        if element is None or parsed.method != "tap" or element.type not in ("button", "checkbox"):
            continue
        label = words(element.description, keep_stopwords=True)
        if label and all(word in said for word in label):
            named.setdefault(element.screen, {})[line] = max(said.index(word) for word in label)
    moved: dict[str, str] = {}
    for where in named.values():
        if len(set(where.values())) > 1:
            moved.update(zip(where, sorted(where, key=where.get)))  # stable: ties keep their order
    return [moved.get(line, line) for line in lines]


def clauses(task: str) -> list[tuple[set[str], list[str]]]:
    """The task's clauses, split at punctuation and at "and"/"then" outside quotes: per clause its content
    words (stemmed) and the texts it quotes. "pin Grace's chat and text her 'on my way'": ({pin, grace,
    chat}, []), ({text}, ["on my way"]). A piece starting with a determiner, a possessive or a number
    continues a list, not a new step: "a note with the title 'A' and the text 'B'" is one clause."""
    quotes = iter(quoted_values(task))
    pieces: list[str] = []
    for piece in _CLAUSE_BREAK.split(QUOTED.sub(" \x00\x00 ", task)):  # a quote: a mark, counted below
        first = piece.split()[:1]
        if pieces and first and (first[0].lower() in _NOUN_STARTS or first[0][0].isdigit() or "\x00" in first[0]):
            pieces[-1] += " " + piece
        elif first:
            pieces.append(piece)
    found = []
    for piece in pieces:
        texts = [next(quotes, "") for _ in range(piece.count("\x00") // 2)]
        said = set(words(piece.replace("\x00", " ")))
        if said or texts:
            found.append((said, [text for text in texts if text]))
    return found


def in_clause_order(doc: AppDoc, task: str, lines: list[str]) -> list[str]:
    """``lines`` with the lines each clause of the task names moved up to just before the first line a
    later clause names: "make Dan a favourite and then call him" offers the favourite's line before the
    call's. A line belongs to the one clause that says all of its text (a row, an option; a typed text: the
    clause quoting it) or else all of its element's label (not an OK/Save's: it ends a form); the other
    lines keep their places, as do all lines of a one-clause task."""
    parts = clauses(task)
    if len(parts) < 2:
        return lines
    where = {line: clause for line in lines if (clause := _clause_of(doc, parts, line)) is not None}
    if len(set(where.values())) < 2:
        return lines
    out: list[str] = []
    placed: set[str] = set()
    for line in lines:
        if line in placed:
            continue
        if line in where:  # the lines of earlier clauses still to come go first, in their order
            earlier = [other for other in where if where[other] < where[line] and other not in placed]
            out += earlier
            placed.update(earlier)
        out.append(line)
        placed.add(line)
    return out


def _clause_of(doc: AppDoc, parts: list[tuple[set[str], list[str]]], line: str) -> int | None:
    """The clause ``line`` belongs to (``in_clause_order``), or None."""
    parsed = parse_line(line)
    element = doc.elements.get(parsed.name or "")
    if parsed.arg:
        quoting = [index for index, (_, texts) in enumerate(parts) if parsed.arg in texts]
        if quoting or parsed.method == "set_text":  # an unquoted text to type ("24-hour") names no step
            return quoting[0] if quoting else None
        found = _best(parts, set(words(parsed.arg)))
        if found is not None:
            return found
    if element is not None and not (parsed.method == "tap" and _confirms(doc, element)):
        return _best(parts, set(words(element.description)))
    return None


def _best(parts: list[tuple[set[str], list[str]]], label: set[str]) -> int | None:
    """The one clause saying every word of ``label``; None when none does or several do ("turn off the
    confirmation before deleting, then delete the note": a Delete belongs to neither)."""
    saying = [index for index, (said, _) in enumerate(parts) if label and label <= said]
    return saying[0] if len(saying) == 1 else None


def _confirms(doc: AppDoc, element: Element) -> bool:
    """Whether ``element`` is an OK/Save-style button: it ends a form, whichever clause says "save"."""
    return confirm_button(doc, element.screen) is element or bool(set(words(element.description)) & _CONFIRMS)


__all__ = ["clauses", "in_clause_order", "in_task_order"]
