"""Taps in the order the task says them: "start the stopwatch and record a lap" is Start, then Lap; "by title
in descending order" is Title, then Descending. People say the steps on a screen in the order they take them,
and a small model tends to take the first plausible line it is offered."""

from __future__ import annotations

from typing import Sequence

from autodroid.appdoc import AppDoc
from autodroid.planner.postprocess import parse_line
from autodroid.planner.retrieval import words


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


__all__ = ["in_task_order"]
