"""Which candidate lines a script can run at a given point: the runtime navigates on its own only over
plain hops (``runtime.navigation``: never through Save, OK, Delete, Send...), so an element behind such a
button (a delete confirmation, a save-as dialog) is reachable only once an earlier line of the script
pressed it. The planner offers those lines after their opener and offers the opener itself."""

from __future__ import annotations

from typing import Sequence

from droidscript.grammar import py_string

from autodroid.appdoc import AppDoc, Element
from autodroid.planner.postprocess import parse_line
from autodroid.runtime.navigation import NavGraph


class Reach:
    """Screens the runtime can get to by itself, from the start and after the lines a script has."""

    def __init__(self, doc: AppDoc):
        self.doc = doc
        self.graph = NavGraph(doc)
        self._from: dict[str, frozenset[str]] = {}
        self._behind: dict = {}  # screen (or frozenset of screens) -> behind(it)
        self._edges: dict[str, list] = {}  # element -> its documented edges (Save, Delete and OK included)
        for edge in doc.navigation:
            if edge.element is not None:
                self._edges.setdefault(edge.element, []).append(edge)

    def from_screen(self, screen: str) -> frozenset[str]:
        """Screens navigation reaches from ``screen``; from the start screen over copied edges too, as the
        runtime goes (it restarts the app and takes them where the recorded edges have no way: a settings
        row recorded on one variant of the settings screen)."""
        if screen not in self._from:
            copies = screen == self.doc.start_screen
            self._from[screen] = frozenset(self.graph.reachable(screen, copies=copies))
        return self._from[screen]

    def after(self, lines: Sequence[str]) -> set[str]:
        """Screens reachable once ``lines`` ran: from the start screen, from every screen a line stood on,
        and from every screen its action is documented to lead to (Save, Delete and OK included)."""
        here = set(self.from_screen(self.doc.start_screen))
        for line in lines:
            parsed = parse_line(line)
            element = self.doc.elements.get(parsed.name or "")
            if element is None:
                continue
            for screen in element.screens:
                here |= self.from_screen(screen)
            for edge in self._edges.get(element.name, ()):
                if parsed.method != "select" or edge.option in (None, parsed.arg):
                    here |= self.from_screen(edge.to)
        return here

    def behind(self, screen: str | frozenset[str]) -> frozenset[str]:
        """``screen`` (or each of a set of screens) and the screens navigation reaches from the start only
        through it (a note's menu behind the note's page; a rename dialog behind a note's page and its
        long-press menu together). Computed once: the planner asks at every decoding step."""
        if screen not in self._behind:
            group = frozenset([screen]) if isinstance(screen, str) else screen
            start = self.doc.start_screen
            around = self.graph.reachable(start, avoid=group, copies=True) if start not in group else set()
            self._behind[screen] = frozenset(group | (self.from_screen(start) - around))
        return self._behind[screen]

    def edges(self, name: str) -> list:
        """The documented edges of element ``name`` (Save, Delete and OK included)."""
        return self._edges.get(name, [])

    def stays(self, element: Element, option: str | None = None) -> bool:
        """Whether acting on ``element`` (picking ``option``) keeps the app on the element's screen: no
        documented edge of it leads elsewhere (a menu's "Rename" opens a dialog; a radio pick does not)."""
        if element.leads_to and element.leads_to not in element.screens:
            return False
        return not any(edge.to not in element.screens and edge.option in (None, option)
                       for edge in self._edges.get(element.name, ()))

    def runnable(self, line: str, here: set[str]) -> bool:
        element = self._element(line)
        return element is None or bool(set(element.screens) & here)

    def openers(self, line: str) -> list[str]:
        """Lines pressing the buttons (or menu options) that open ``line``'s screen where plain navigation
        does not reach it, from screens it does reach; empty when navigation gets there by itself."""
        element = self._element(line)
        start = self.from_screen(self.doc.start_screen)
        if element is None or set(element.screens) & start:
            return []
        out = []
        for edge in self.graph.refused:
            if edge.to in element.screens and edge.source in start and edge.element in self.doc.elements:
                if edge.action == "tap":
                    out.append(f"{edge.element}.tap()")
                elif edge.action == "select" and edge.option is not None:
                    out.append(f"{edge.element}.select({py_string(edge.option)})")
        return list(dict.fromkeys(out))

    def _element(self, line: str) -> Element | None:
        return self.doc.elements.get(parse_line(line).name or "")


__all__ = ["Reach"]
