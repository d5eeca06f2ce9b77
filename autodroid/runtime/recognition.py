"""Which doc screen(s) the live screen is.

First the structural signature (exact: the doc lists the signatures of every explored state of a
screen); when the signature is unknown (content the explorer never saw), an overlap score: the F1 of
recall (share of the screen's documented elements whose selectors match live nodes, widgets shared by
many screens weighing less) and precision (share of the live actionable nodes those elements explain). Look-alike screens (two dialogs with one layout)
share signatures: the caller's *expected* screen (where the last action should have led) breaks the tie.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from autodroid.appdoc import AppDoc, Element
from autodroid.explorer.elements import element_type
from autodroid.runtime.grounding import contradicts, reference_features
from autodroid.runtime.screenindex import index_of
from autodroid.ui.screen import Screen

MIN_OVERLAP = 0.5  # below this F1 of matched elements and explained live nodes a screen is not recognised
TIE_MARGIN = 0.15  # element scores this close to the best count as candidates too
SIGNATURE_CHECK = 0.25  # a signature match stands only if this share of the named screen's elements is there
EXPECTED_MARGIN = 0.25  # the screen the last action should have led to wins if it scores this close


@dataclass(frozen=True)
class Recognition:
    candidates: tuple[str, ...]  # doc screen names, best first (empty: not a documented screen)
    signature: str
    by: str  # "signature" | "elements" | "none"
    score: float = 0.0

    @property
    def screen(self) -> str | None:
        return self.candidates[0] if self.candidates else None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    def describe(self) -> str:
        if not self.candidates:
            return f"an undocumented screen (signature {self.signature})"
        if self.ambiguous:
            return f"{self.candidates[0]} (or {', '.join(self.candidates[1:])})"
        return self.candidates[0]


class Recognizer:
    """Per-doc tables, built once: signature -> screens, screen -> elements with weights."""

    def __init__(self, doc: AppDoc):
        self.doc = doc
        self.by_signature: dict[str, list[str]] = {}
        for screen in doc.screens.values():
            for signature in screen.signatures:
                self.by_signature.setdefault(signature, []).append(screen.name)
        self.references = {name: reference_features(e.selectors) for name, e in doc.elements.items()}
        self._scores: OrderedDict[int, tuple[Screen, dict[tuple[str, bool], float]]] = OrderedDict()
        self.elements_on: dict[str, list[tuple[Element, float]]] = {name: [] for name in doc.screens}
        for element in doc.elements.values():
            for screen in element.screens:
                # widgets shared by many screens (toolbars, tabs) say little about which screen this is
                self.elements_on[screen].append((element, 1.0 / len(element.screens)))

    def recognize(self, screen: Screen, expected: str | None = None) -> Recognition:
        signature = screen.signature
        if self.doc.package and screen.package and screen.package != self.doc.package:
            return Recognition((), signature, "none")
        named = self.by_signature.get(signature)
        if named:
            # One layout, other labels ("Discard changes?" in the frame of "Delete note?"): the layout
            # alone is not proof, so the named screens' elements must agree a little.
            live = index_of(screen).identifiable
            agree = [n for n in named if self._score(screen, n, live, recall_only=True) >= SIGNATURE_CHECK]
            if agree:
                return Recognition(_expected_first(tuple(agree), expected), signature, "signature", 1.0)
        live = index_of(screen).identifiable
        scores = {name: self._score(screen, name, live) for name, entries in self.elements_on.items() if entries}
        if not scores:
            return Recognition((), signature, "none")
        best = max(scores.values())
        if best < MIN_OVERLAP:
            return Recognition((), signature, "none", best)
        close = tuple(sorted((n for n, s in scores.items() if s >= best - TIE_MARGIN
                             or (n == expected and s >= max(MIN_OVERLAP, best - EXPECTED_MARGIN))),
                             key=lambda n: -scores[n]))
        return Recognition(_expected_first(close, expected), signature, "elements", best)

    def _score(self, screen: Screen, name: str, live: list, recall_only: bool = False) -> float:
        """F1 of the screen's documented elements found live (recall) and live nodes they explain
        (precision); remembered for the last few screen objects (one screen is recognised several times
        per action: before grounding, before acting, after acting)."""
        key = id(screen)
        cached = self._scores.get(key)
        if cached is None or cached[0] is not screen:
            cached = (screen, {})
            self._scores[key] = cached
            while len(self._scores) > 8:
                self._scores.popitem(last=False)
        key = (name, recall_only)
        if key not in cached[1]:
            cached[1][key] = self._compute_score(screen, name, live, recall_only)
        return cached[1][key]

    def _compute_score(self, screen: Screen, name: str, live: list, recall_only: bool) -> float:
        entries = self.elements_on[name]
        total = sum(weight for _, weight in entries)
        if not total:
            return 0.0
        index = index_of(screen)
        hit = 0.0
        covered: set[int] = set()
        for element, weight in entries:
            reference = self.references[element.name]
            matched = []
            for selector in element.selectors:
                matched += [n for n in index.select(selector) if not contradicts(n, reference, element.type)]
                if recall_only and matched:
                    break  # found is found; which nodes does not matter here
            if not matched:
                continue
            distinct = {node.id for node in matched}
            if len(distinct) > 1 and element.type != "list":
                # the doc's selectors singled this widget out on every state it was seen on: several
                # live matches mean another screen that happens to reuse a generic id
                hit += weight / (2 * len(distinct))
                continue
            # a selected tab turns from button into text: the kind tells look-alike tabs apart
            fits = element.type in ("list", "scrollable") or any(element_type(n) == element.type for n in matched)
            hit += weight if fits else weight / 2
            covered.update(distinct)
            if element.type == "list" and not recall_only:
                for node in matched:
                    covered.update(_explained_rows(screen, node, element))
        recall = hit / total
        if recall_only:
            return recall
        precision = sum(1 for node in live if node.id in covered) / len(live) if live else recall
        return 2 * recall * precision / (recall + precision) if recall + precision else 0.0


def _identifiable(node) -> bool:
    """Nodes the doc writer would have made an element of: what a screen's elements should explain."""
    return node.editable or node.checkable or node.clickable or node.long_clickable or node.scrollable or \
        bool(node.rid and node.text)


def _explained_rows(screen: Screen, container, element: Element) -> set[int]:
    """Node ids inside a list that the doc explains: rows whose label is a documented option (all rows
    when the doc lists none). A same-id list with other rows (another screen's list) explains little."""
    from autodroid.runtime.lists import list_rows
    from autodroid.selectors import norm

    options = {norm(o) for o in element.options}
    ids: set[int] = set()
    for row in list_rows(screen, container, element):
        if not options or row.key[0] in options:
            ids.add(row.node.id)
            ids.update(d.id for d in screen.descendants(row.node))
    return ids


def _expected_first(names: tuple[str, ...], expected: str | None) -> tuple[str, ...]:
    if expected in names and names[0] != expected:
        return (expected, *(n for n in names if n != expected))
    return names
