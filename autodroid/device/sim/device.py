"""``SimDevice``: the Device protocol over the simulated apps, rendering real uiautomator XML.

Every action re-renders the foreground app, finds the acted node's view (same preorder position, class,
resource id, bounds, description, and text unless it is an input field: a node kept from an earlier screen
still works while its element is unchanged, like a tap at the same spot on a phone), runs its handler and
compares the renderings before and after to report ``changed``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from autodroid.device.base import ActionResult, DeviceBase
from autodroid.device.sim.app import SimApp
from autodroid.device.sim.launcher import Launcher
from autodroid.device.sim.render import full_resource_id, to_xml
from autodroid.device.sim.widgets import Handler, View, walk
from autodroid.errors import BadInputError, DeviceError, ElementNotFound
from autodroid.ui.screen import Node, Screen


@dataclass
class _Frame:
    """One rendering of the foreground window."""

    package: str
    kind: str
    xml: str
    views: list[View]
    parents: list[int | None]
    screen: Screen | None = field(default=None)

# characters XML 1.0 cannot carry, so no screen dump could show them: C0 controls but tab, newline and
# return; lone surrogates; U+FFFE/U+FFFF
_UNTYPEABLE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class SimDevice(DeviceBase):
    def __init__(self, app: str, apps: dict[str, SimApp]):
        self.apps = apps
        self.home_app = app
        self.spec = f"sim:{app}"
        self.launcher = Launcher([(name, a.label) for name, a in apps.items()], self._launch)
        self.foreground: SimApp = apps[app]
        self._frame: _Frame | None = None
        self._closed = False

    # ------------------------------------------------------------ reading the screen

    def _current(self) -> _Frame:
        if self._closed:
            raise DeviceError(f"{self.spec} is closed", fix=f"open it again: open_device({self.spec!r})")
        if self._frame is None:
            app = self.foreground
            root = app.build()
            pairs = list(walk(root))
            self._frame = _Frame(
                package=app.package, kind=app.top.kind, xml=to_xml(root, app.package),
                views=[view for view, _ in pairs], parents=[parent for _, parent in pairs],
            )
        return self._frame

    def xml(self) -> str:
        """The current screen as a one-line ``uiautomator dump``."""
        return self._current().xml

    def screen(self) -> Screen:
        frame = self._current()
        if frame.screen is None:
            from autodroid.ui.u2xml import parse_u2_xml

            frame.screen = dataclasses.replace(parse_u2_xml(frame.xml), source="sim")
        return frame.screen

    def screen_kind(self) -> str:
        """Name of the page showing ("notes.list", "clock.time_picker", "launcher.home"): ground truth for
        tests and for checking how an explorer groups screens."""
        return self._current().kind

    def current_app(self) -> str:
        self._current()
        return self.foreground.package

    # ------------------------------------------------------------ acting

    def tap(self, node: Node) -> ActionResult:
        return self._act(node, "tap")

    def long_tap(self, node: Node) -> ActionResult:
        return self._act(node, "long_tap")

    def set_text(self, node: Node, text: str) -> ActionResult:
        if not isinstance(text, str):
            raise BadInputError(f"set_text needs a string, got {type(text).__name__}", fix="pass the text as str")
        bad = _UNTYPEABLE.search(text)
        if bad is not None:  # an Android text field (and the XML of every later dump) cannot hold these
            raise BadInputError(f"set_text: a text field does not accept the control character "
                                f"U+{ord(bad.group(0)):04X} (at position {bad.start()})",
                                fix="type printable text only (newlines and tabs are fine)")
        return self._act(node, "set_text", text)

    def scroll(self, node: Node, direction: str = "down") -> ActionResult:
        self.check_direction(direction)
        return self._act(node, "scroll", direction)

    def back(self) -> ActionResult:
        before = self._current().xml
        if self.foreground is not self.launcher and not self.foreground.back():
            self.foreground.restart()
            self.foreground = self.launcher
        return self._settle(before)

    def app_start(self, app: str) -> ActionResult:
        before = self._current().xml
        self._launch(app)
        return self._settle(before)

    def app_stop(self, app: str) -> ActionResult:
        """Force-stop an app like ``am force-stop``: its screens close (data stays); the launcher shows if it
        was in front. ``app_stop`` then ``app_start`` opens the app fresh on its start screen."""
        before = self._current().xml
        shown = self.foreground
        self._launch(app)
        stopped, self.foreground = self.foreground, shown
        if stopped is not self.launcher:
            stopped.restart()
            if shown is stopped:
                self.foreground = self.launcher
        return self._settle(before)

    def reset(self) -> None:
        """Every app back to its fixed initial data, the device back on the app it was opened with."""
        for app in self.apps.values():
            app.reset()
        self.launcher.reset()
        self.foreground = self.apps[self.home_app]
        self._frame = None
        self._closed = False

    def close(self) -> None:
        self._closed = True
        self._frame = None

    # ------------------------------------------------------------ internals

    def _launch(self, app: str) -> None:
        if app in self.apps:
            self.foreground = self.apps[app]
            return
        for candidate in (*self.apps.values(), self.launcher):
            if app == candidate.package:
                self.foreground = candidate
                return
        known = ", ".join(f"{name} ({a.package})" for name, a in self.apps.items())
        raise BadInputError(f"no simulated app {app!r}", fix=f"start one of: {known}")

    def _settle(self, before: str) -> ActionResult:
        self._frame = None
        return ActionResult(changed=self._current().xml != before)

    def _act(self, node: Node, kind: str, argument: str = "") -> ActionResult:
        frame = self._current()
        index = self._find(frame, node)
        handler = self._handler(frame, index, kind, argument)
        if handler is None:
            return ActionResult(changed=False, note=f"{kind} has no effect on this element")
        handler()
        self.foreground.tick()
        return self._settle(frame.xml)

    def _handler(self, frame: _Frame, index: int, kind: str, argument: str) -> Handler | None:
        view = frame.views[index]
        page = self.foreground.top
        if kind == "set_text":
            if not (view.editable and view.enabled):
                return None

            def type_text() -> None:
                page.focus = view.rid
                view.on_text(argument)
            return type_text
        if kind == "tap" and view.editable:
            if not view.enabled or page.focus == view.rid:
                return None
            return lambda: setattr(page, "focus", view.rid)
        # A tap lands on the nearest clickable view at that spot: the node itself or an ancestor.
        current: int | None = index
        while current is not None:
            view = frame.views[current]
            if kind == "tap" and view.clickable:
                return view.on_tap if view.enabled else None
            if kind == "long_tap" and view.long_clickable:
                return view.on_long_tap if view.enabled else None
            if kind == "scroll" and view.scrollable:
                on_scroll = view.on_scroll
                return None if on_scroll is None else (lambda: on_scroll(argument))
            current = frame.parents[current]
        return None

    def _find(self, frame: _Frame, node: Node) -> int:
        if not isinstance(node, Node):
            raise BadInputError(f"expected a Node from screen(), got {type(node).__name__}",
                                fix="pass a node taken from this device's screen()")
        if 0 <= node.id < len(frame.views) and self._matches(frame.views[node.id], node, frame.package):
            return node.id
        what = node.text or node.desc or node.resource_id or node.cls
        raise ElementNotFound(
            f"element {what!r} ({node.cls}) is not on the current screen ({frame.kind} of {frame.package})",
            fix="take a fresh screen() and act on its nodes; navigate or scroll if the element is elsewhere",
        )

    @staticmethod
    def _matches(view: View, node: Node, package: str) -> bool:
        return (
            view.cls == node.cls
            and full_resource_id(view.rid, package) == node.resource_id
            and tuple(view.rect) == tuple(node.bounds or ())
            and view.desc == node.desc
            and (view.editable or view.text == node.text)
            and node.package in ("", package)
        )
