"""``RuntimeHost``: droidscript's ``Host`` protocol bound to an app doc and a device.

Every script call lands here. The host recognises the live screen, navigates to the element's screen
when needed (``navigation.NavGraph``), grounds the element to one node (``grounding``), scrolls to find
off-view elements and list rows, asks the privilege policy before every device action (script steps,
navigation hops and search scrolls alike), and writes each step to the trace.

Errors leave as droidscript ``ActionError``s whose ``cause`` is the typed autodroid error
(``ElementNotFound``, ``AmbiguousElement``, ``NavigationFailed``, ``PolicyRefused``, ``DeviceError``,
``UnexploredTransition``) and whose message says what failed and what is on screen, for a model to
repair from.
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from droidscript import ActionError, BudgetExceeded, DroidScriptError, ItemRef

from autodroid.appdoc import AppDoc, Element, NavEdge
from autodroid.device.base import ActionResult, Device
from autodroid.errors import AutodroidError, DeviceError, ElementNotFound, PolicyRefused, UnexploredTransition
from autodroid.runtime.errors import AmbiguousElement, NavigationFailed, UnnamedItem, UnsavedEdit
from autodroid.runtime.grounding import describe_node, ground, ground_selectors
from autodroid.runtime.lists import Row, exact_row, list_rows, match_row, tap_target
from autodroid.runtime.doctables import tables_of
from autodroid.runtime.navigation import element_label
from autodroid.runtime.policy import ActionContext, Decision, Policy
from autodroid.runtime.recognition import Recognition
from autodroid.runtime.screenindex import index_of
from autodroid.runtime.trace import Trace
from autodroid.selectors import norm
from autodroid.ui.screen import Node, Screen

ConfirmCallback = Callable[["ConfirmRequest"], bool]


@dataclass(frozen=True)
class Limits:
    """Bounds on what the runtime does on its own (the script's budgets are droidscript's ``Budgets``)."""

    max_hops: int = 8  # navigation actions per element lookup (re-plans included)
    max_search_scrolls: int = 6  # scrolls per direction when looking for an off-view element or row
    max_list_pages: int = 20  # pages scrolled while listing a list's items
    restart: bool = True  # restart the app (app_start) as the last navigation resort


@dataclass(frozen=True)
class ConfirmRequest:
    app: str
    screen: str
    api: str
    action: str
    label: str
    risk: str
    decision: Decision

    def question(self) -> str:
        target = f"{self.api}.{self.action}" if self.api else self.action
        label = f" ({self.label})" if self.label else ""
        why = f": {self.decision.reason}" if self.decision.reason else ""
        return f"{self.app}: allow {target}{label} on {self.screen or 'an undocumented screen'}? " \
               f"[{self.risk}; {self.decision.source}{why}]"


@dataclass(frozen=True)
class DeviceAction:
    """One action the device received, and why."""

    role: str  # script | navigation | search | list | restart
    api: str  # API name ("" for back / app_start)
    action: str  # tap | long_tap | set_text | scroll | select | back | app_start
    args: tuple
    node_id: int | None
    node: str  # summary of the node acted on
    screen_before: str | None
    screen_after: str | None
    line: int | None


@dataclass(frozen=True)
class _PendingEdit:
    api: str  # what was typed into
    screens: tuple[str, ...]  # the doc screens the form may be
    line: int | None
    commit: tuple[str, ...]  # the form's documented commit elements (Save, OK...)


@dataclass
class _ListState:
    page: int = 0  # successful down-scrolls of the list since the top, as far as we know
    seen: dict = field(default_factory=dict)  # row key -> page it was seen on


_POSITIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _list_positions(device: Device, app: str) -> dict[str, _ListState]:
    """Where each list of ``app`` on ``device`` is scrolled, shared by every runtime on it: a repair or the
    next task starts on the list where the last run left it, and its first pass has to go back up that far."""
    try:
        return _POSITIONS.setdefault(device, {}).setdefault(app, {})
    except TypeError:  # a device object that cannot be weakly referenced: this runtime's own
        return {}


class RuntimeHost:
    def __init__(self, doc: AppDoc, device: Device, *, policy: Policy | None = None,
                 confirm: ConfirmCallback | None = None, auto_yes: bool = False, trace: Trace | None = None,
                 limits: Limits | None = None, app: str | None = None):
        self.doc = doc
        self.device = device
        self.policy = policy or Policy()
        self.confirm = confirm
        self.auto_yes = auto_yes
        self.trace = trace or Trace()
        self.limits = limits or Limits()
        self.app = app or doc.package or doc.app
        tables = tables_of(doc)
        self.recognizer = tables.recognizer
        self.graph = tables.graph
        self.twins = tables.twins
        self.doc_version = tables.version
        self.actions: list[DeviceAction] = []
        self.expected: str | None = None  # where the last action should have led
        self.line: int | None = None  # script line being run (set from the interpreter's events)
        self._lists = _list_positions(device, self.app)
        self._cached: Screen | None = None
        self.deadline: float | None = None  # monotonic time when the script's max_seconds runs out
        self.max_seconds: float | None = None
        self.max_actions: int | None = None  # every device action counts, the runtime's own included
        self._api_names = {name: element.type for name, element in doc.elements.items()}
        self.pending_edit: _PendingEdit | None = None  # text the script typed into a form and did not save
        self._dump_s: float | None = None  # how long the last screen dump took
        self._policy_banned: frozenset[NavEdge] | None = None
        self.unnamed_row: tuple[str, str, str, int | None] | None = None  # (list, row, screen, line): an item
        # navigation opened for the script without the script naming it
        self._item_rows = doc.item_rows()
        self.named_rows: dict[str, str] = {}  # item list -> the row the script last picked there

    # ---- Host protocol ----------------------------------------------------------------------------
    def api_names(self) -> dict[str, str]:
        return self._api_names

    def list_options(self, name: str) -> tuple[str, ...]:
        return self.doc.elements[name].options

    def item_fields(self, list_name: str) -> tuple[str, ...]:
        return tuple(f.name for f in self.doc.elements[list_name].item_fields)

    def act(self, name: str, method: str, args: tuple, item: ItemRef | None = None, field: str | None = None) -> Any:
        element = self.doc.elements[name]
        self._fresh()
        try:
            if item is not None:
                return self._act_on_item(element, method, args, item, field)
            if method == "select":
                return self._select(element, args[0])
            node = self._locate(element)
            if method == "get_text":
                return node.text
            if method == "get_attributes":
                return attributes(node)
            return self._do("script", element, method, node, args)
        except AutodroidError as error:
            raise self._script_error(error, name, method, args, item, field) from error

    def list_items(self, name: str) -> Iterator[ItemRef]:
        element = self.doc.elements[name]
        self._fresh()
        try:
            yield from self._iterate(element)
        except AutodroidError as error:
            raise self._script_error(error, name, "list_items", (), None, None) from error

    def back(self) -> Any:
        self._fresh()
        try:
            return self._do("script", None, "back", None, ())
        except AutodroidError as error:
            raise self._script_error(error, "", "back", (), None, None) from error

    # ---- where are we -----------------------------------------------------------------------------
    def _screen(self) -> Screen:
        """The live screen, read once per script call and once after each device action (a real phone's
        dump costs far more than everything else the runtime does)."""
        if self._cached is None:
            started = time.monotonic()
            self._cached = self.device.screen()
            self._dump_s = time.monotonic() - started
        return self._cached

    def _fresh(self) -> None:
        self._cached = None

    def recognize(self, screen: Screen | None = None) -> Recognition:
        return self.recognizer.recognize(screen if screen is not None else self._screen(), self.expected)

    def _locate(self, element: Element) -> Node:
        """The live node of ``element``, navigating to its screen and scrolling it into view as needed."""
        screen = self._screen()
        rec = self.recognizer.recognize(screen, self.expected)
        own = self._own_commit(element, rec)
        if own is not None:
            self.trace.add("commit_here", wanted=element.name, used=own.name, line=self.line)
            element = own
        if not any(c in element.screens for c in rec.candidates):
            if not rec.candidates:
                direct = self._try_ground(screen, element, strict=True)
                if direct is not None:
                    return direct
            rec = self._navigate(element, rec)
            screen = self._screen()
        found = self._try_ground(screen, element)
        if found is not None:
            return found
        found = self._search(element, screen, rec)
        if found is not None:
            return found
        where = rec.describe()
        raise ElementNotFound(f"{element.name} is documented on {where} but is not on the screen, "
                              f"even after scrolling", fix="check the element name, or the state the app is in")

    def _try_ground(self, screen: Screen, element: Element, *, strict: bool = False) -> Node | None:
        try:
            grounded = ground(screen, element)
        except AmbiguousElement:
            raise
        except ElementNotFound:
            return None
        if strict:  # off the doc's map: accept only a node the most specific selector singles out
            if index_of(screen).select(element.selectors[0]) != [grounded.node]:
                return None
        return grounded.node

    # ---- scrolling to find things -----------------------------------------------------------------
    def _scroll_containers(self, screen: Screen) -> list[Node]:
        nodes = [n for n in screen.app_nodes() if n.scrollable]
        return sorted(nodes, key=lambda n: -n.area) if any(n.bounds for n in nodes) else nodes

    def _search(self, element: Element, screen: Screen, rec: Recognition) -> Node | None:
        """Scroll the screen's scrollable containers down, then back up, until ``element`` shows."""
        for container in self._scroll_containers(screen)[:2]:
            for direction in ("down", "up"):
                for _ in range(self.limits.max_search_scrolls):
                    moved = self._scroll_once(container, direction, "search", element)
                    if moved is None:
                        break
                    container = moved
                    found = self._try_ground(self._screen(), element)
                    if found is not None:
                        return found
        return None

    def _scroll_once(self, container: Node, direction: str, role: str, element: Element | None) -> Node | None:
        """Scroll; the container's node on the new screen, or None when nothing moved (or could not)."""
        try:
            result = self._do(role, element, "scroll", container, (direction,))
        except UnexploredTransition:
            return None
        if not result.changed:
            return None
        return _same_node(self._screen(), container)

    # ---- navigation -------------------------------------------------------------------------------
    def _navigate(self, element: Element, rec: Recognition) -> Recognition:
        targets = set(element.screens)
        arrived = targets.union(*(self.twins.get(screen, ()) for screen in targets))  # twins: same screen
        if any(c in arrived for c in rec.candidates):
            return rec
        into_form_dialog = self._guard_pending_edit(element, rec)
        banned: set[NavEdge] = set(self._not_hops())
        hops = 0
        restarted = False
        history: list[str] = [rec.describe()]
        while True:
            if any(c in arrived for c in rec.candidates):
                return rec
            if hops >= self.limits.max_hops:
                raise NavigationFailed(f"could not reach {_names(targets)} for {element.name} within "
                                       f"{self.limits.max_hops} navigation steps (went {' -> '.join(history)})")
            path = self._plan(rec, element, banned,
                              copies=into_form_dialog or restarted or self.doc.start_screen in rec.candidates)
            if path is None:
                # off the map: step back first; on the map, only once a restart left the app where it was (it
                # resumed an open form whose ways out are commits): back is how a user leaves it
                stuck = restarted and self.doc.start_screen not in rec.candidates
                if (not rec.candidates or stuck) and hops < self.limits.max_hops:
                    try:
                        result = self._do("navigation", None, "back", None, ())
                        hops += 1
                        rec = self.recognize()
                        seen = rec.describe() in history  # back went round (a save-changes dialog, the form)
                        history.append(rec.describe())
                        if result.changed and not (stuck and seen):
                            continue
                    except UnexploredTransition:
                        pass
                if self.limits.restart and not restarted:
                    restarted = True
                    hops += 1
                    self._restart()
                    rec = self.recognize()
                    history.append(rec.describe())
                    continue
                known = f"from {rec.describe()}" if rec.candidates else f"from {rec.describe()}, an unknown screen"
                raise NavigationFailed(f"no known way to {_names(targets)} (where {element.name} is) {known}")
            edge = path[0]
            hops += 1
            try:
                self._hop(edge, rec)
            except (PolicyRefused, DeviceError) as error:
                raise type(error)(f"while navigating to {_names(targets)} for {element.name}: {error.message}",
                                  fix=error.fix) from error
            except (ElementNotFound, UnexploredTransition) as error:
                banned.add(edge)
                self.trace.add("navigation_failed_hop", edge=_edge_dict(edge), error=_error_text(error))
                rec = self.recognize()
                continue
            self.expected = edge.to
            rec = self.recognize()
            history.append(rec.describe())
            if edge.to not in rec.candidates:  # the doc's edge did not hold: do not trust it again now
                banned.add(edge)
                self.trace.add("navigation_deviation", edge=_edge_dict(edge), expected=edge.to,
                               got=list(rec.candidates), signature=rec.signature)

    def _not_hops(self) -> frozenset[NavEdge]:
        """Edges the doc's graph keeps but this policy's words (other locales, app jargon) say commit,
        confirm, delete or send: never taken as a hop either."""
        if self._policy_banned is None:
            banned = set()
            for edges in self.graph.out.values():
                for edge in edges:
                    if edge.action in ("back", "scroll") or edge.element not in self.doc.elements:
                        continue
                    element = self.doc.elements[edge.element]
                    label = edge.option if element.type == "list" and edge.option is not None else element_label(element)
                    if any(self.policy.find(name, label or "") for name in ("commit", "destructive", "outward")):
                        banned.add(edge)
            self._policy_banned = frozenset(banned)
        return self._policy_banned

    def _guard_pending_edit(self, element: Element, rec: Recognition) -> bool:
        """Refuse to navigate away from a form the script typed into and has not saved: every way out
        (Save, back with autosave, Discard) would decide the text's fate for the script. True when the way
        is into one of the form's own dialogs (``_form_dialog``), which keeps the text."""
        pending = self.pending_edit
        if pending is None:
            return False
        if not set(rec.candidates) & set(pending.screens):  # the app left the form by itself
            self.pending_edit = None
            return False
        if any(self._form_dialog(screen, pending) for screen in element.screens):
            paths = [self.graph.path(c, set(element.screens), self._not_hops(), copies=True) for c in rec.candidates]
            if any(path is not None and len(path) == 1 for path in paths):  # one tap on the form opens it
                return True
        self.trace.add("navigation_refused", reason="unsaved edit", api=pending.api, screens=list(pending.screens),
                       wanted=element.name, line=self.line)
        commit = f" ({', '.join(pending.commit[:2])})" if pending.commit else ""
        raise UnsavedEdit(f"{pending.api} holds text the script typed on line {pending.line} and has not saved; "
                          f"reaching {element.name} means leaving {_names(set(pending.screens))}, which would "
                          f"save or discard that text, so the runtime does not navigate away",
                          fix=f"tap the form's save element{commit} to keep the text, or call back() to leave it "
                              f"explicitly, before using {element.name}")

    def _note_edit(self, role: str, element: Element | None, action: str, before: Recognition,
                   after: Recognition, api: str) -> None:
        """Track text the script typed into a form (a screen that documents a commit element)."""
        if role != "script":
            return
        if action == "set_text" and element is not None:
            screens = tuple(before.candidates) or tuple(element.screens)
            commit = self._commit_elements(screens)
            if commit:
                self.pending_edit = _PendingEdit(api, screens, self.line, tuple(commit))
            return
        pending = self.pending_edit
        if pending is not None and not set(after.candidates) & set(pending.screens) \
                and not any(self._form_dialog(screen, pending) for screen in after.candidates):
            self.pending_edit = None  # the script itself left the form: saved, discarded or went back

    def _form_dialog(self, screen: str, pending: "_PendingEdit") -> bool:
        """Whether ``screen`` is a dialog whose recorded ways out (OK, Cancel, back) all return to the form
        the pending text was typed into (its screens, or the screens its input is documented on): choosing an
        event's reminder keeps its typed title."""
        if "dialog" not in screen:
            return False
        typed = self.doc.elements.get(pending.api)
        form = set(pending.screens) | set(typed.screens if typed is not None else ())
        returns = {edge.to for edge in self.doc.navigation if edge.source == screen and edge.to != screen}
        return bool(returns) and returns <= form

    def _own_commit(self, element: Element, rec: Recognition) -> Element | None:
        """The open form's own commit button when the script taps another screen's button saying the same
        while text it typed here is unsaved ("Save" of the Edit-event screen on the New-event form, whose
        fields the doc records once): that Save means this form's, and going there would lose the text."""
        pending = self.pending_edit
        if pending is None or any(c in element.screens for c in rec.candidates) \
                or not set(rec.candidates) & set(pending.screens) \
                or self.policy.find("commit", element_label(element)) is None:
            return None
        said = element.description.strip().lower()
        here = [self.doc.elements[api] for api in self._commit_elements(tuple(rec.candidates))]
        same = [other for other in here if other.description.strip().lower() == said]
        return same[0] if len(same) == 1 else None

    def _commit_elements(self, screens: tuple[str, ...]) -> list[str]:
        found = []
        for name in screens:
            screen = self.doc.screens.get(name)
            for api in (screen.elements if screen is not None else ()):
                other = self.doc.elements.get(api)
                if other is not None and other.type == "button" and \
                        self.policy.find("commit", element_label(other)) is not None:
                    found.append(api)
        return found

    def _plan(self, rec: Recognition, element: Element, banned: set[NavEdge], *,
              copies: bool = False) -> list[NavEdge] | None:
        """Shortest path to the element's canonical screen (the one its API name says), else to any screen
        it is also on. For an input, a path that picks a list row (the item the crawl happened to open)
        gives way to one no longer that picks none: a form shared by "New event" and an event's page is
        reached through "New event", not by opening some event the script never named and typing over it.
        Conversely an input that is also on a form strictly nearer without picking a row (the edit form one tap
        from the contact page the script opened) is typed there: the script named that item.
        With ``copies`` (from the start screen, or after a restart), where the recorded edges have no way at
        all, the shown elements' copied edges are tried (``NavGraph.path(copies=True)``)."""
        for targets in ({element.screen}, set(element.screens)):
            for candidate in rec.candidates:
                path = self._through_named_rows(candidate, targets, banned, self.graph.path(candidate, targets, banned))
                if path is not None:
                    if element.type == "input":
                        rowless = self.graph.path(candidate, set(element.screens), banned | self.graph.row_picks)
                        picks_row = any(edge in self.graph.row_picks for edge in path)
                        if rowless is not None and (len(rowless) < len(path) or picks_row and len(rowless) == len(path)):
                            return rowless
                    return path
        if not copies:  # elsewhere a restart comes first: it lands where the recorded edges start
            return None
        unbanned = self._not_hops()
        if not any(self.graph.path(c, set(element.screens), unbanned) for c in rec.candidates):
            for candidate in rec.candidates:
                path = self.graph.path(candidate, set(element.screens), banned, copies=True)
                if path is not None:
                    return path
        return None

    def _through_named_rows(self, start: str, targets: set[str], banned: set[NavEdge],
                            path: list[NavEdge] | None) -> list[NavEdge] | None:
        """``path``, or when it opens an item's page through a list the script picked no row in while the
        script did pick one in another list opening that page, the way through the picked row (the contact
        the script opened, not the first favourite), even if longer."""
        if not path or not self.named_rows:
            return path
        named_pages = {page for listed, page in self._item_rows if listed in self.named_rows}
        others = {edge for edge in self.graph.row_picks if edge.element not in self.named_rows
                  and edge.to in named_pages and (edge.element, edge.to) in self._item_rows}
        if not any(edge in others for edge in path):
            return path
        named = self.graph.path(start, targets, banned | others)
        return named if named is not None else path

    def _hop(self, edge: NavEdge, rec: Recognition) -> None:
        if edge.action == "back":
            self._do("navigation", None, "back", None, ())
            return
        element = self.doc.elements[edge.element]
        screen = self._screen()
        if element.type == "list" and edge.option is not None:  # select, or a long press on one row
            item_page = (element.name, edge.to) in self._item_rows
            named = self.named_rows.get(element.name) if item_page else None
            option = named if named is not None else edge.option
            container = self._ground_here(element, screen, rec)
            try:
                row = self._find_row(element, container, lambda rows: match_row(rows, option), "navigation")
            except ElementNotFound:
                if named is None:
                    raise
                del self.named_rows[element.name]  # gone or renamed by the script: not searched for again
                named, option = None, edge.option
                container = self._ground_here(element, self._screen(), self.recognize())
                row = self._find_row(element, container, lambda rows: match_row(rows, option), "navigation")
            screen = self._screen()
            node = tap_target(screen, row.node)
            press = "long_tap" if edge.action == "long_tap" else "tap"
            self._do("navigation", element, "select" if press == "tap" else "long_tap", node, (option,),
                     device_action=press)
            if item_page:
                self.unnamed_row = None if named is not None else (element.name, edge.option, edge.to, self.line)
            return
        node = self._ground_here(element, screen, rec)
        args = ("down",) if edge.action == "scroll" else ()
        self._do("navigation", element, edge.action, node, args)

    def _ground_here(self, element: Element, screen: Screen, rec: Recognition) -> Node:
        found = self._try_ground(screen, element)
        if found is None:
            found = self._search(element, screen, rec)
        if found is None:
            raise ElementNotFound(f"{element.name} is not on {rec.describe()}")
        return found

    def out_of_time(self) -> bool:
        return self.deadline is not None and time.monotonic() > self.deadline

    def may_read_screen_for_errors(self) -> bool:
        """Whether an error message may describe the live screen: always while time remains; after the
        time budget only when a dump is cheap (in-process sim/replay devices, or dumps measured under
        30 ms), so building the error never overruns the budget by a real phone's dump."""
        if not self.out_of_time() or self._cached is not None:
            return True
        if self._dump_s is not None:
            return self._dump_s < 0.03
        return str(getattr(self.device, "spec", "")).startswith(("sim:", "replay:"))

    def _check_budgets(self, role: str, api: str, action: str) -> None:
        """One action budget for every device action (script steps, navigation, scrolls, restarts) and the
        script's clock for the runtime's own steps (the interpreter checks its clock between host calls)."""
        if role != "script" and self.deadline is not None and time.monotonic() > self.deadline:
            self.trace.add("out_of_time", role=role, api=api, action=action, line=self.line)
            raise BudgetExceeded("max_seconds", self.max_seconds,
                                 f"the time budget ran out while the runtime was on its way ({role})")
        if self.max_actions is not None and len(self.actions) >= self.max_actions:
            self.trace.add("out_of_actions", role=role, api=api, action=action, line=self.line)
            raise BudgetExceeded("max_actions", self.max_actions,
                                 f"action budget of {self.max_actions} device actions exhausted (script steps, "
                                 f"navigation, scrolls and restarts all count; this was a {role} {action})")

    def _restart(self) -> None:
        self._check_budgets("restart", "", "app_start")
        self.unnamed_row = None
        before = self.recognize()
        started = time.monotonic()
        try:
            self.device.app_start(self.app)
            self._fresh()
        except AutodroidError as error:
            self._fresh()
            self.trace.add("device", role="restart", api="", action="app_start", args=[self.app], ok=False,
                           error=_error_text(error), screen_before=_rec_dict(before), line=self.line)
            raise
        self.expected = self.doc.start_screen
        after = self.recognize()
        self.trace.add("device", role="restart", api="", action="app_start", args=[self.app], ok=True,
                       screen_before=_rec_dict(before), screen_after=_rec_dict(after),
                       elapsed_s=round(time.monotonic() - started, 6), line=self.line)
        self.actions.append(DeviceAction("restart", "", "app_start", (self.app,), None, "", before.screen,
                                         after.screen, self.line))

    # ---- lists ------------------------------------------------------------------------------------
    def _list_state(self, element: Element) -> _ListState:
        return self._lists.setdefault(element.name, _ListState())

    def _rewind(self, element: Element, container: Node) -> Node:
        state = self._list_state(element)
        while state.page > 0:
            moved = self._scroll_once(container, "up", "list", element)
            if moved is None:
                break
            container = moved
            state.page -= 1
        state.page = 0
        return container

    def _iterate(self, element: Element) -> Iterator[ItemRef]:
        container = self._locate(element)
        container = self._rewind(element, container)
        state = self._list_state(element)
        yielded: set[tuple] = set()
        index = 0
        pages = 0
        while True:
            screen = self._screen()
            for row in list_rows(screen, container, element):
                if row.key in yielded:
                    continue
                yielded.add(row.key)
                state.seen.setdefault(row.key, state.page)
                done = len(self.actions)
                yield ItemRef(element.name, index, row.key, row.label, row.names)
                index += 1
                if len(self.actions) != done:  # the script acted meanwhile: find the list again
                    container = self._locate(element)
            pages += 1
            if pages >= self.limits.max_list_pages:
                break
            moved = self._scroll_once(container, "down", "list", element)
            if moved is None:
                break
            container = moved
            state.page += 1

    def _find_row(self, element: Element, container: Node, pick: Callable[[list[Row]], Any], role: str,
                  seen_page: int | None = None) -> Row:
        """The row ``pick`` chooses on the live list, scrolling (toward ``seen_page`` first) to find it."""
        state = self._list_state(element)
        found = pick(list_rows(self._screen(), container, element))
        if isinstance(found, Row):
            return found
        if isinstance(found, list):
            raise AmbiguousElement(f"several rows of {element.name} fit: {', '.join(r.label for r in found[:5])}",
                                   candidates=tuple(r.label for r in found))
        first = "up" if seen_page is not None and seen_page < state.page else "down"
        for direction in (first, "up" if first == "down" else "down"):
            for _ in range(self.limits.max_search_scrolls + abs((seen_page or 0) - state.page)):
                moved = self._scroll_once(container, direction, role, element)
                if moved is None:
                    break
                container = moved
                state.page += 1 if direction == "down" else -1
                state.page = max(state.page, 0)
                found = pick(list_rows(self._screen(), container, element))
                if isinstance(found, Row):
                    return found
                if isinstance(found, list):
                    raise AmbiguousElement(f"several rows of {element.name} fit: "
                                           f"{', '.join(r.label for r in found[:5])}",
                                           candidates=tuple(r.label for r in found))
        raise ElementNotFound(f"{element.name} has no such row on the screen, even after scrolling")

    def _select(self, element: Element, option: str) -> Any:
        self._picked(element, option)
        container = self._locate(element)
        row = None
        if norm(option) in {norm(known) for known in element.options}:  # a row the doc knows by that very name:
            try:  # scroll to it rather than take a row on screen that merely contains it ("Gift ideas")
                row = self._find_row(element, container, lambda rows: exact_row(rows, option), "search")
            except ElementNotFound:
                container = self._locate(element)
        if row is None:
            row = self._find_row(element, container, lambda rows: match_row(rows, option), "search")
        screen = self._screen()
        node = tap_target(screen, row.node)
        return self._do("script", element, "select", node, (option,), device_action="tap")

    def _picked(self, element: Element, row: str | None) -> None:
        """The script picks a row itself: an item it names from now on (a row of a list of items; a message
        picked inside a thread the runtime opened does not name the thread). Navigation that must pass
        through this list later opens that row again, not the one the crawl opened."""
        if any(listed == element.name for listed, _ in self._item_rows):
            self.unnamed_row = None
            if row is not None:
                self.named_rows[element.name] = row

    def _act_on_item(self, element: Element, method: str, args: tuple, item: ItemRef, field: str | None) -> Any:
        self._picked(element, item.label if method in ("tap", "long_tap") and field is None else None)
        container = self._locate(element)
        state = self._list_state(element)
        row = self._find_row(element, container, lambda rows: next((r for r in rows if r.key == item.key), None),
                             "search", state.seen.get(item.key))
        screen = self._screen()
        if field is not None:
            spec = next(f for f in element.item_fields if f.name == field)
            node = ground_selectors(screen, (spec.selector,), spec.type, f"{element.name} item {item.label!r} "
                                    f"field {field}", within=row.node).node
        elif method in ("tap", "long_tap"):
            node = tap_target(screen, row.node)
        else:
            node = row.node
        if method == "get_text":
            return node.text if field is not None else row.label
        if method == "get_attributes":
            return attributes(tap_target(screen, row.node) if field is None else node)
        api = f"{element.name}[{_short(item.label)!r}]" + (f".{field}" if field else "")
        return self._do("script", element, method, node, args, api=api,
                        row=item.label if field is None else None, field=field)

    # ---- the one place device actions happen ------------------------------------------------------
    def _do(self, role: str, element: Element | None, action: str, node: Node | None, args: tuple, *,
            device_action: str | None = None, api: str | None = None, row: str | None = None,
            field: str | None = None) -> ActionResult:
        api = api if api is not None else (element.name if element is not None else "")
        self._check_budgets(role, api, action)
        before = self.recognize()
        screen_name = before.screen or ""
        screen = self._screen()
        risk = element.risk if element is not None else "normal"
        unnamed = self.unnamed_row  # on the item's page, or reached through it while running this line
        if role == "script" and risk == "sensitive" and unnamed is not None \
                and (screen_name == unnamed[2] or unnamed[3] == self.line):
            listed, row, _, _ = unnamed
            raise UnnamedItem(f"{api}.{action}() would act on {row!r}, a row of {listed} the script never picked "
                              f"(the runtime opened it to reach {screen_name})",
                              fix=f"pick the item the task means first: {listed}.select(\"...\"), then {api}")
        ctx = ActionContext(self.doc.app, self.doc.package, screen_name, api if element is not None else "",
                            action, _label(element, node, args, field), risk,
                            seen=_seen(screen, node, row), opens=self._opens(element, action, args, before),
                            context=self._dialog_text(screen, screen_name))
        self._authorize(ctx)
        started = time.monotonic()
        entry = {"role": role, "api": api, "action": action, "args": list(args), "line": self.line,
                 "node": describe_node(node, self._screen()) if node is not None else "",
                 "node_id": node.id if node else None, "screen_before": _rec_dict(before)}
        try:
            result = self._device_call(device_action or action, node, args)
            self._fresh()
        except AutodroidError as error:
            self._fresh()
            self.trace.add("device", **entry, ok=False, error=_error_text(error),
                           error_type=type(error).__name__, elapsed_s=round(time.monotonic() - started, 6))
            raise
        except Exception as error:  # a device that breaks its contract: still a typed error
            self._fresh()
            wrapped = DeviceError(f"the device raised {type(error).__name__}: {error}")
            self.trace.add("device", **entry, ok=False, error=_error_text(wrapped), error_type="DeviceError",
                           elapsed_s=round(time.monotonic() - started, 6))
            raise wrapped from error
        self.expected = self._expected_after(element, action, args, before)
        after = self.recognize()
        self._note_edit(role, element, action, before, after, api)
        self.trace.add("device", **entry, ok=True, changed=result.changed, note=result.note,
                       screen_after=_rec_dict(after), elapsed_s=round(time.monotonic() - started, 6))
        self.actions.append(DeviceAction(role, api, action, tuple(args), node.id if node else None,
                                         entry["node"], before.screen, after.screen, self.line))
        return result

    def _device_call(self, action: str, node: Node | None, args: tuple) -> ActionResult:
        device = self.device
        if action == "back":
            result = device.back()
        elif action == "tap":
            result = device.tap(node)
        elif action == "long_tap":
            result = device.long_tap(node)
        elif action == "set_text":
            result = device.set_text(node, args[0])
        elif action == "scroll":
            result = device.scroll(node, args[0] if args else "down")
        else:  # pragma: no cover - the interpreter only passes documented methods
            raise DeviceError(f"unknown device action {action!r}")
        if not isinstance(result, ActionResult):
            result = ActionResult(True, "")
        return result

    def _expected_after(self, element: Element | None, action: str, args: tuple, before: Recognition) -> str | None:
        if element is None:
            return None
        for edge in self.graph.out.get(before.screen or "", ()):
            if edge.element == element.name and edge.action == action and (action != "select" or edge.option == args[0]):
                return edge.to
        if action in ("tap", "select") and element.leads_to:
            return element.leads_to
        return before.screen

    def _opens(self, element: Element | None, action: str, args: tuple, before: Recognition) -> str:
        """What the doc says of the screen this action leads to (a dialog's name, description and texts)."""
        if element is None or action not in ("tap", "long_tap", "select"):
            return ""
        target = None
        for edge in self.graph.out.get(before.screen or "", ()):
            if edge.element == element.name and edge.action == action and \
                    (action != "select" or edge.option == (args[0] if args else None)):
                target = edge.to
                break
        if target is None and element.type != "list" and action == "tap":
            target = element.leads_to
        screen = self.doc.screens.get(target or "")
        if screen is None or target == before.screen:
            return ""
        texts = [screen.name.replace("_", " "), screen.description]
        for name in screen.elements[:12]:
            other = self.doc.elements.get(name)
            if other is not None and other.type == "text":
                texts.append(other.description)
        return " | ".join(t for t in texts if t)

    def _dialog_text(self, screen: Screen, screen_name: str) -> str:
        """The title and message of the dialog on screen (what the user is being asked), if any."""
        nodes = screen.app_nodes()
        texts = []
        if any(n.rid in DIALOG_MARKERS for n in nodes):  # an AlertDialog, not a chat app's "message" views
            texts = [n.text for n in nodes if n.rid in DIALOG_TEXT_IDS and n.text][:4]
        doc_screen = self.doc.screens.get(screen_name)
        if doc_screen is not None and "dialog" in doc_screen.name:
            texts.append(doc_screen.description)
        return " | ".join(texts)

    def _authorize(self, ctx: ActionContext) -> None:
        decision = self.policy.decide(ctx)
        seen = ctx.target_text()
        entry = {"api": ctx.element, "action": ctx.action, "screen": ctx.screen, "label": ctx.label,
                 "seen": seen[:300], "risk": decision.risk, "doc_risk": ctx.risk, "decision": decision.as_dict(),
                 "line": self.line}
        if decision.verdict == "allow":
            self.trace.add("policy", **entry)
            return
        if decision.verdict == "deny":
            self.trace.add("policy", **entry, refused=True)
            raise PolicyRefused(f"refused by policy: {_what(ctx)} is denied by {decision.source}"
                                + (f" ({decision.reason})" if decision.reason else ""),
                                fix="do the task without this action; the user's policy forbids it")
        if self.auto_yes:
            self.trace.add("policy", **entry, confirmed=True, by="--yes")
            return
        if self.confirm is None:
            self.trace.add("policy", **entry, refused=True, by="no one to confirm")
            raise PolicyRefused(f"refused by policy: {_what(ctx)} needs confirmation and this run cannot ask "
                                f"({decision.source})",
                                fix="run interactively, pass --yes, or allow the action in the policy file")
        request = ConfirmRequest(self.doc.app, ctx.screen, ctx.element, ctx.action, _short(seen), decision.risk,
                                 decision)
        try:
            answer = bool(self.confirm(request))
        except Exception as error:
            self.trace.add("policy", **entry, refused=True, by=f"confirmation failed: {error}")
            raise PolicyRefused(f"refused by policy: asking to confirm {_what(ctx)} failed ({error})") from error
        self.trace.add("policy", **entry, confirmed=answer, refused=not answer, by="user")
        if not answer:
            raise PolicyRefused(f"refused by policy: the user declined {_what(ctx)}",
                                fix="do the task without this action")

    # ---- errors for the model ---------------------------------------------------------------------
    def nearby_apis(self, limit: int = 8) -> list[str]:
        try:
            rec = self.recognize()
        except AutodroidError:
            return []
        here = [name for name, element in self.doc.elements.items()
                if any(c in element.screens for c in rec.candidates[:1])]
        return here[:limit]

    def _script_error(self, error: AutodroidError, name: str, method: str, args: tuple, item: ItemRef | None,
                      field: str | None) -> DroidScriptError:
        target = name or method
        if item is not None:
            target = f"{name} item {_short(item.label)!r}" + (f".{field}" if field else "")
        call = f"{target}.{method}({', '.join(repr(_short(a) if isinstance(a, str) else a) for a in args)})" \
            if name else f"{method}()"
        where = ""
        if self.may_read_screen_for_errors():  # a dump may cost a second on a phone
            try:
                rec = self.recognize()
                where = f" Screen now: {rec.describe()}."
                nearby = self.nearby_apis()
                if nearby:
                    where += f" Elements here: {', '.join(nearby)}."
            except AutodroidError:
                where = ""
        kind = type(error).__name__
        message = f"{call} failed ({kind}): {_short(error.message, 600)}.{where}"
        return ActionError(message, name=name or None, method=method, args=args, cause=error, fix=error.fix)


def attributes(node: Node) -> dict[str, Any]:
    return {"text": node.text, "content_description": node.desc, "resource_id": node.rid, "class": node.cls,
            "checked": node.checked, "selected": node.selected, "enabled": node.enabled, "focused": node.focused,
            "clickable": node.clickable or node.inherited_clickable, "checkable": node.checkable,
            "editable": node.editable, "scrollable": node.scrollable}


def _same_node(screen: Screen, old: Node) -> Node | None:
    """``old``'s node on a new screen: same id and identity, else the same resource id/class/path."""
    node = screen.get(old.id)
    if node is not None and node.rid == old.rid and node.cls == old.cls:
        return node
    for node in screen.app_nodes():
        if node.rid == old.rid and node.cls == old.cls and node.path == old.path:
            return node
    for node in screen.app_nodes():
        if old.rid and node.rid == old.rid and node.scrollable == old.scrollable:
            return node
    return None


DIALOG_TEXT_IDS = ("alertTitle", "message", "alert_title", "dialog_title", "title_template")
DIALOG_MARKERS = ("alertTitle", "button1", "button2", "button3", "parentPanel", "buttonPanel")


def _label(element: Element | None, node: Node | None, args: tuple, field: str | None = None) -> str:
    """The element's name and documented label, the node's own text, the option or typed text. A list's
    documented description names all its options ("e.g. Open, Rename, Delete"), so it is left out: what
    counts for a row is the row (``_seen``)."""
    parts = []
    if element is not None:
        parts.append(element.short_name.replace("_", " "))
        if element.type != "list":
            parts.append(element.description)
    if field is not None:
        parts.append(field.replace("_", " "))
    if node is not None:
        parts += [node.text, node.desc]
    parts += [str(a) for a in args]
    return " | ".join(p for p in parts if p)


def _seen(screen: Screen, node: Node | None, row: str | None) -> tuple[str, ...]:
    """What the user sees of the target: the node's and its descendants' text and content descriptions,
    and the list row's label."""
    texts = list(screen.subtree_text(node, 12)) if node is not None else []
    if row:
        texts.append(row)
    return tuple(dict.fromkeys(t for t in texts if t))


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _what(ctx: ActionContext) -> str:
    return f"{ctx.element}.{ctx.action}" if ctx.element else ctx.action


def _names(screens: set[str]) -> str:
    return " or ".join(sorted(screens))


def _rec_dict(rec: Recognition) -> dict:
    return {"screens": list(rec.candidates), "signature": rec.signature, "by": rec.by}


def _edge_dict(edge: NavEdge) -> dict:
    return {"from": edge.source, "action": edge.action, "element": edge.element, "option": edge.option,
            "to": edge.to}


def _error_text(error: AutodroidError) -> str:
    return f"{type(error).__name__}: {error.message}"
