"""A real phone driven through uiautomator2 3.x (the only module that imports uiautomator2).

Everything here talks to a small set of uiautomator2 calls on one object (see ``U2_CALLS``); tests swap
that object for a recorded fake (tests/u2_fake.py) and check the adapter uses nothing else.

Foreign exceptions (uiautomator2, adbutils, requests, sockets) become autodroid errors in one place,
``_device_errors``: broken or unreachable device -> ``DeviceError``, no answer in time -> ``DeviceTimeout``.
``ElementNotFound`` is decided before acting: a node must be on the latest screen read from this device.
"""

from __future__ import annotations

import io
import os
import re
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Hashable, Iterator

from autodroid.device.base import ActionResult, DeviceBase, Direction
from autodroid.device.settle import SettlePolicy, Settled, wait_until_stable
from autodroid.errors import BadInputError, DeviceError, DeviceTimeout, ElementNotFound, ScreenParseError
from autodroid.fileio import atomic_write_bytes
from autodroid.ui.screen import SYSTEM_UI_PACKAGES, Bounds, Node, Screen
from autodroid.ui.u2xml import parse_u2_xml

INSTALL_FIX = "pip install 'autodroid-agent[device]'"
# The uiautomator2 Device methods this adapter calls. tests/u2_fake.py implements exactly these.
U2_CALLS = frozenset({
    "dump_hierarchy", "click", "long_click", "swipe", "send_keys", "press", "app_start", "app_stop",
    "app_current", "screenshot", "set_input_ime", "stop_uiautomator", "shell",
})
# Started by uiautomator2 3.x as `app_process / com.wetest.uia2.Main`; stop_uiautomator() only closes
# the adb stream, which does not always end the process on the phone (openatx/uiautomator2#1053).
SERVER_KILL_COMMAND = ("pkill", "-f", "com.wetest.uia2.Main")
_SERIAL = re.compile(r"[A-Za-z0-9._:\-]+")
_PACKAGE = re.compile(r"[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+")
LONG_TAP_S = 0.8
SWIPE_S = 0.3
SWIPE_INSET = 0.2  # start and end a scroll this fraction inside the node, away from its edges


class U2Device(DeviceBase):
    """A phone behind a connected uiautomator2 ``Device`` (or a stand-in with the same few methods).

    ``screen()`` dumps the hierarchy, unless an action just left a settled screen (younger than
    ``reuse_s``). Actions check the node against the latest screen, act on its bounds, wait for the UI
    to settle and report whether the screen changed.
    """

    def __init__(
        self,
        u2: Any,
        *,
        spec: str = "u2:",
        settle: SettlePolicy = SettlePolicy(),
        app_start_settle: SettlePolicy = SettlePolicy(interval_s=0.8, timeout_s=10.0, poll_s=0.2),
        reuse_s: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self._u2 = u2
        self.spec = spec
        self._settle = settle
        self._app_start_settle = app_start_settle
        self._reuse_s = reuse_s
        self._clock = clock
        self._sleep = sleep
        self._latest: Screen | None = None
        self._settled_at: float | None = None  # when an action last left a settled screen
        self._typed = False
        self._closed = False
        self.last_settle: Settled[Screen] | None = None

    # ---- reading -------------------------------------------------------------------------------
    def screen(self) -> Screen:
        self._check_open()
        if (
            self._latest is not None
            and self._settled_at is not None
            and self._clock() - self._settled_at <= self._reuse_s
        ):
            self._settled_at = None  # reuse once; the next call reads the phone again
            return self._latest
        self._settled_at = None
        return self._read_screen()

    def _read_screen(self) -> Screen:
        with _device_errors("dump the screen hierarchy"):
            xml = self._u2.dump_hierarchy()
        try:
            screen = parse_u2_xml(xml)
        except ScreenParseError as error:
            raise DeviceError(
                f"the phone returned an unreadable hierarchy dump: {error.message}",
                fix="retry; if it persists, run `autodroid doctor` to check the phone and its uiautomator server",
            ) from None
        self._latest = screen
        return screen

    def current_app(self) -> str:
        self._check_open()
        with _device_errors("read the foreground app"):
            info = self._u2.app_current()
        return str((info or {}).get("package", ""))

    # ---- actions -------------------------------------------------------------------------------
    def tap(self, node: Node) -> ActionResult:
        x, y = _centre(self._visible_bounds(node))
        with _device_errors(f"tap {_describe(node)}"):
            self._u2.click(x, y)
        return self._after_action()

    def long_tap(self, node: Node) -> ActionResult:
        x, y = _centre(self._visible_bounds(node))
        with _device_errors(f"long-tap {_describe(node)}"):
            self._u2.long_click(x, y, LONG_TAP_S)
        return self._after_action()

    def set_text(self, node: Node, text: str) -> ActionResult:
        """Focus the field with a tap, clear it, then type through uiautomator2's input method or
        clipboard paste (both carry any Unicode text; `adb shell input text` would not)."""
        if not isinstance(text, str):
            raise BadInputError(f"set_text needs a string, got {type(text).__name__}")
        before = self._latest
        x, y = _centre(self._visible_bounds(node))
        with _device_errors(f"focus {_describe(node)}"):
            self._u2.click(x, y)
        self._wait_settled(self._settle)
        with _device_errors(f"type into {_describe(node)}"):
            self._typed = True
            self._u2.send_keys(text, clear=True)
        result = self._after_action(before=before)
        field = _same_place(self._latest, node)
        if field is not None and not node.password and field.text != text:
            return _with_note(result, f"field shows {field.text!r} after typing")
        return result

    def scroll(self, node: Node, direction: Direction = "down") -> ActionResult:
        """Swipe inside the node. ``down`` reveals content below: the finger moves up."""
        self.check_direction(direction)
        start, end = swipe_points(self._visible_bounds(node), direction)
        with _device_errors(f"scroll {_describe(node)} {direction}"):
            self._u2.swipe(start[0], start[1], end[0], end[1], SWIPE_S)
        return self._after_action()

    def back(self) -> ActionResult:
        self._check_open()
        if self._latest is None:
            self._read_screen()
        with _device_errors("press back"):
            self._u2.press("back")
        return self._after_action()

    def app_start(self, app: str) -> ActionResult:
        """Start an app by package name (launcher intent); waits longer than other actions to settle."""
        package = _check_package(app)
        self._check_open()
        if self._latest is None:
            self._read_screen()
        with _device_errors(f"start {package}"):
            self._u2.app_start(package)
        result = self._after_action(policy=self._app_start_settle)
        try:
            foreground = self.current_app()
        except DeviceError:
            foreground = ""
        if foreground != package:
            return _with_note(result, f"foreground app is {foreground or 'unknown'}, not {package}")
        return result

    def app_stop(self, app: str) -> ActionResult:
        package = _check_package(app)
        self._check_open()
        if self._latest is None:
            self._read_screen()
        with _device_errors(f"stop {package}"):
            self._u2.app_stop(package)
        return self._after_action()

    def screenshot(self, path: str | os.PathLike) -> Path:
        """Save a PNG of the screen (for traces). Written atomically."""
        self._check_open()
        target = Path(path)
        with _device_errors("take a screenshot"):
            image = self._u2.screenshot()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        atomic_write_bytes(target, buffer.getvalue())
        return target

    def close(self) -> None:
        """Give the keyboard back and stop the on-device server (it listens without authentication).
        Safe to call twice; a phone that is already gone is not an error here."""
        if self._closed:
            return
        self._closed = True
        steps: list[tuple[str, Callable[[], object]]] = []
        if self._typed:
            steps.append(("restore the keyboard", lambda: self._u2.set_input_ime(False)))
        steps.append(("stop the uiautomator server", lambda: self._u2.stop_uiautomator()))
        steps.append(("end the server process", lambda: self._u2.shell(list(SERVER_KILL_COMMAND))))
        for what, step in steps:
            try:
                with _device_errors(what):
                    step()
            except DeviceError:
                pass

    # ---- internals ------------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self._closed:
            raise DeviceError(f"device {self.spec} is closed", fix="open the device again")

    def _visible_bounds(self, node: Node) -> Bounds:
        """The node's on-screen rectangle, after checking it belongs to the latest screen."""
        self._check_open()
        latest = self._latest
        if latest is None:
            raise ElementNotFound(
                f"{_describe(node)} cannot be acted on: no screen was read from {self.spec} yet",
                fix="call screen() and pick the node from it",
            )
        if latest.get(node.id) != node:
            raise ElementNotFound(
                f"{_describe(node)} is not on the current screen of {self.spec}",
                fix="read the screen again and pick the node from it; navigate or scroll if it is gone",
            )
        bounds = _clip(node.bounds, _window_bounds(latest, node), latest.size)
        if bounds is None:
            raise ElementNotFound(
                f"{_describe(node)} has no visible area on screen (bounds {node.bounds})",
                fix="scroll it into view first",
            )
        return bounds

    def _after_action(self, *, before: Screen | None = None, policy: SettlePolicy | None = None) -> ActionResult:
        before = before if before is not None else self._latest
        settled = self._wait_settled(policy or self._settle)
        self._settled_at = self._clock()
        changed = before is None or screen_key(before) != screen_key(settled.value)
        note = "" if settled.stable else f"screen still changing after {settled.waited_s:.1f}s"
        return ActionResult(changed=changed, note=note)

    def _wait_settled(self, policy: SettlePolicy) -> Settled[Screen]:
        settled = wait_until_stable(self._read_screen, screen_key, policy, clock=self._clock, sleep=self._sleep)
        self.last_settle = settled
        return settled


def screen_key(screen: Screen) -> Hashable:
    """What must hold still for a screen to count as settled: every node outside the system bars
    (the status-bar clock ticks), keyboard windows included."""
    ignored = {
        window for window, package in enumerate(screen.window_packages)
        if package in SYSTEM_UI_PACKAGES and window != screen.app_window
    }
    return (screen.app_window, len(screen.window_packages)) + tuple(
        (n.cls, n.resource_id, n.text, n.desc, n.bounds, n.checked, n.selected, n.focused, n.enabled, n.path)
        for n in screen.nodes
        if n.window not in ignored
    )


def swipe_points(bounds: Bounds, direction: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """Start and end of a swipe inside ``bounds`` that reveals content in ``direction``."""
    left, top, right, bottom = bounds
    cx, cy = (left + right) // 2, (top + bottom) // 2
    dx, dy = int((right - left) * SWIPE_INSET), int((bottom - top) * SWIPE_INSET)
    near_top, near_bottom = top + dy, bottom - 1 - dy
    near_left, near_right = left + dx, right - 1 - dx
    if direction == "down":  # content below comes into view: finger moves up
        return (cx, near_bottom), (cx, near_top)
    if direction == "up":
        return (cx, near_top), (cx, near_bottom)
    if direction == "right":  # content to the right comes into view: finger moves left
        return (near_right, cy), (near_left, cy)
    if direction == "left":
        return (near_left, cy), (near_right, cy)
    raise BadInputError(f"unknown scroll direction {direction!r}", fix="use one of up, down, left, right")


def _same_place(screen: Screen | None, node: Node) -> Node | None:
    """The node at the same structural path on a newer screen (ids can shift when windows come and go)."""
    if screen is None:
        return None
    return next((candidate for candidate in screen.nodes if candidate.path == node.path), None)


def _with_note(result: ActionResult, note: str) -> ActionResult:
    return replace(result, note=f"{result.note}; {note}" if result.note else note)


def _centre(bounds: Bounds) -> tuple[int, int]:
    left, top, right, bottom = bounds
    return (left + right) // 2, (top + bottom) // 2


def _window_bounds(screen: Screen, node: Node) -> Bounds | None:
    for root_id in screen.roots:
        root = screen.get(root_id)
        if root is not None and root.window == node.window:
            return root.bounds
    return None


def _clip(bounds: Bounds | None, window: Bounds | None, size: tuple[int, int] | None) -> Bounds | None:
    """Intersect with the node's window and the display; None when nothing is left to touch."""
    if bounds is None:
        return None
    left, top, right, bottom = bounds
    limits = [window] if window is not None else []
    if size is not None:
        limits.append((0, 0, size[0], size[1]))
    for l2, t2, r2, b2 in limits:
        left, top, right, bottom = max(left, l2), max(top, t2), min(right, r2), min(bottom, b2)
    if right - left < 1 or bottom - top < 1:
        return None
    return left, top, right, bottom


def _describe(node: Node) -> str:
    label = node.label
    return f"node {node.id} ({node.short_cls or 'node'}{f' {label!r}' if label else ''})"


def _check_package(app: str) -> str:
    if not isinstance(app, str) or not _PACKAGE.fullmatch(app):
        raise BadInputError(
            f"{app!r} is not an Android package name",
            fix="pass the package, e.g. com.android.settings (`adb shell pm list packages` lists them)",
        )
    return app


# ---- the one place foreign exceptions become ours -------------------------------------------------
@contextmanager
def _device_errors(action: str) -> Iterator[None]:
    try:
        yield
    except Exception as error:  # noqa: BLE001 - classified below; unknown types are re-raised untouched
        mapped = map_exception(error, action)
        if mapped is None:
            raise
        raise mapped from error


def map_exception(error: BaseException, action: str) -> DeviceError | ElementNotFound | None:
    """Our error for a uiautomator2 / adbutils / requests / socket exception, or None when it is none
    of those (a bug: let it surface unchanged)."""
    if isinstance(error, (DeviceError, ElementNotFound)):
        return None
    types = _foreign_types()
    text = " ".join(str(error).split()) or type(error).__name__
    message = f"could not {action}: {type(error).__name__}: {text}"
    if types.element_missing and isinstance(error, types.element_missing):
        return ElementNotFound(message)
    if isinstance(error, types.timeouts):
        return DeviceTimeout(message, fix="check the phone is awake and connected (`autodroid doctor`), then retry")
    for kinds, fix in types.device_fixes:
        if isinstance(error, kinds):
            return DeviceError(message, fix=fix or _adb_fix(text))
    return None


class _ForeignTypes:
    def __init__(self) -> None:
        self.element_missing: tuple[type, ...] = ()
        self.timeouts: tuple[type, ...] = (TimeoutError,)
        self.device_fixes: list[tuple[tuple[type, ...], str]] = []


def _foreign_types() -> _ForeignTypes:
    """Exception classes by what they mean for us, from whichever of the libraries are installed
    (built on each error, not cached: an import that failed once may work later)."""
    found = _ForeignTypes()
    try:
        from uiautomator2 import exceptions as u2e

        found.element_missing = (u2e.UiObjectNotFoundError, u2e.XPathElementNotFoundError)
        found.timeouts += (u2e.HTTPTimeoutError,)
        found.device_fixes += [
            ((u2e.InjectPermissionError,), "allow input injection: on MIUI enable 'USB debugging (Security "
             "settings)' in Developer options, then retry"),
            ((u2e.AccessibilityServiceAlreadyRegisteredError,), "another UI automation tool holds the phone "
             "(Appium, another uiautomator2 client): stop it, or reboot the phone"),
            ((u2e.InputIMEError, u2e.AdbBroadcastError), "typing needs uiautomator2's AdbKeyboard input method: "
             "allow its installation on the phone, or install it with `python -m uiautomator2 init`"),
            ((u2e.SessionBrokenError,), "the app quit or crashed: start it again"),
            ((u2e.ConnectError,), "check `adb devices` lists the phone as 'device'; for wireless debugging run "
             "`adb connect HOST:PORT` again (docs/termux.md)"),
            ((u2e.BaseException,), "restart the uiautomator server: run `autodroid doctor`, then retry"),
        ]
    except ImportError:
        pass
    try:
        import adbutils

        found.timeouts += (adbutils.AdbTimeout,)
        found.device_fixes.append(((adbutils.AdbError,), ""))
    except ImportError:
        pass
    try:
        import requests

        found.timeouts += (requests.Timeout,)
        found.device_fixes.append(((requests.RequestException,), ""))
    except ImportError:
        pass
    found.device_fixes.append(((ConnectionError, OSError), ""))
    return found


def _adb_fix(text: str) -> str:
    lowered = text.lower()
    if "unauthorized" in lowered:
        return "unlock the phone and accept the 'Allow USB debugging?' prompt, then retry"
    if "offline" in lowered:
        return "reconnect: `adb reconnect` (USB) or `adb connect HOST:PORT` (wireless), then retry"
    if "more than one" in lowered:
        return "name the phone: --device u2:SERIAL (serials from `adb devices`) or set ANDROID_SERIAL"
    if "can't find any" in lowered or "not found" in lowered or "no devices" in lowered:
        return ("connect a phone with USB debugging on, or pair wireless debugging and `adb connect HOST:PORT`; "
                "check with `adb devices`")
    if "adb server" in lowered:
        return ("start adb with `adb start-server` (install it if missing: Termux `pkg install android-tools`, "
                "Debian/Ubuntu `apt install adb`)")
    if "no adb exe" in lowered:
        return "install adb (Termux: `pkg install android-tools`; Debian/Ubuntu: `apt install adb`)"
    return "check the connection with `adb devices` and `autodroid doctor`, then retry"


# ---- opening ------------------------------------------------------------------------------------
def parse_serial(arg: str) -> str | None:
    """The serial from a spec argument: '' means $ANDROID_SERIAL, else the only attached phone."""
    serial = arg.strip()
    if not serial:
        return os.environ.get("ANDROID_SERIAL") or None
    if not _SERIAL.fullmatch(serial):
        raise BadInputError(
            f"{arg!r} is not an adb serial or HOST:PORT",
            fix="use u2:SERIAL from `adb devices`, u2:192.168.1.20:5555, or u2:127.0.0.1:PORT (Termux)",
        )
    return serial


def connect(serial: str | None) -> Any:
    """Connect with the real library; starts (and pushes, first time) the on-device server."""
    try:
        import uiautomator2
    except ImportError as error:
        raise BadInputError(
            f"the u2: device needs uiautomator2, which could not be imported ({error})", fix=INSTALL_FIX
        ) from None
    where = serial or "the only attached phone"
    with _device_errors(f"connect to {where}"):
        return uiautomator2.connect(serial)


def open_u2(arg: str, **options: Any) -> U2Device:
    """Open ``u2:<arg>``: a serial, ``ip:port``, ``127.0.0.1:<port>`` (Termux), or '' for $ANDROID_SERIAL."""
    serial = parse_serial(arg)
    return U2Device(connect(serial), spec=f"u2:{serial or ''}", **options)
