"""A real phone driven through uiautomator2 3.x (the only module that imports uiautomator2).

Everything here talks to a small set of uiautomator2 calls on one object (see ``U2_CALLS``); tests swap
that object for a recorded fake (tests/u2_fake.py) and check the adapter uses nothing else.

Foreign exceptions (uiautomator2, adbutils, requests, sockets) become autodroid errors in one place,
``_device_errors``: broken or unreachable device -> ``DeviceError``, no answer in time -> ``DeviceTimeout``.
``ElementNotFound`` is decided before acting: a node must be on the latest screen read from this device.

Every call on the phone runs under a deadline we choose (``U2Timeouts``): uiautomator2 itself waits up to
300 s for a JSON-RPC answer, adbutils up to 600 s on a socket, and its recovery from a dead server polls
for 10 s before restarting it. A call past its deadline raises ``DeviceTimeout`` naming the call; the
stuck library call is left to end in a daemon thread. close() ends the server process first, then
closes the stream without uiautomator2's 10 s /ping wait.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
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
# uiautomator2 cuts the tree at depth 50 by default (WebViews and nested lists go deeper); we ask for more
# and say so when even that was reached
DUMP_MAX_DEPTH = 120
CONNECT_TIMEOUT_S = 60.0
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class U2Timeouts:
    """Seconds each kind of call may take before it fails with ``DeviceTimeout``."""

    dump_s: float = 20.0  # dump_hierarchy (uiautomator2 retries an empty dump 3 times, 1 s apart)
    action_s: float = 10.0  # click, long_click, swipe, press
    type_s: float = 20.0  # send_keys: clear + paste or IME switch and broadcast
    app_s: float = 20.0  # app_start, app_stop
    query_s: float = 10.0  # app_current
    screenshot_s: float = 20.0
    close_step_s: float = 3.0  # each step of close(): keyboard, server kill, stream close

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if not (isinstance(value, (int, float)) and value > 0):
                raise BadInputError(f"U2Timeouts.{name} must be a positive number of seconds, got {value!r}")


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
        timeouts: U2Timeouts = U2Timeouts(),
    ):
        self._u2 = u2
        self.timeouts = timeouts
        self.dump_cut = False  # the latest dump reached DUMP_MAX_DEPTH: deeper nodes are missing
        self.stop_adb_server_on_close = False  # set by open_u2 when connecting started the adb server
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
        xml = self._call("dump the screen hierarchy", self.timeouts.dump_s,
                         lambda: self._u2.dump_hierarchy(max_depth=DUMP_MAX_DEPTH))
        try:
            screen = parse_u2_xml(xml)
        except ScreenParseError as error:
            raise DeviceError(
                f"the phone returned an unreadable hierarchy dump: {error.message}",
                fix="retry; if it persists, run `autodroid doctor` to check the phone and its uiautomator server",
            ) from None
        if len(screen) == 0:
            # uiautomator2 already retried 3 times, then returned an empty <hierarchy/> instead of failing
            raise DeviceError(
                f"{self.spec} returned an empty screen hierarchy (3 tries): the screen is off or locked, or the "
                "app shows a secure window",
                fix="wake and unlock the phone, open the app, then retry (`autodroid screen --device "
                f"{self.spec}` shows what the phone reports)",
            )
        depth = max(_depth(node) for node in screen.nodes)
        self.dump_cut = depth >= DUMP_MAX_DEPTH - 1
        if self.dump_cut:
            log.warning("%s: hierarchy reached depth %d; nodes deeper than %d are not in the dump",
                        self.spec, depth, DUMP_MAX_DEPTH)
        self._latest = screen
        return screen

    def current_app(self) -> str:
        self._check_open()
        info = self._call("read the foreground app", self.timeouts.query_s, lambda: self._u2.app_current())
        return str((info or {}).get("package", ""))

    # ---- actions -------------------------------------------------------------------------------
    def tap(self, node: Node) -> ActionResult:
        x, y = _centre(self._visible_bounds(node))
        self._call(f"tap {_describe(node)}", self.timeouts.action_s, lambda: self._u2.click(x, y))
        return self._after_action()

    def long_tap(self, node: Node) -> ActionResult:
        x, y = _centre(self._visible_bounds(node))
        self._call(f"long-tap {_describe(node)}", self.timeouts.action_s, lambda: self._u2.long_click(x, y, LONG_TAP_S))
        return self._after_action()

    def set_text(self, node: Node, text: str) -> ActionResult:
        """Focus the field with a tap, clear it, then type. uiautomator2 types through its AdbKeyboard input
        method when that is installed on the phone, else it pastes through the clipboard (both carry any
        Unicode text; `adb shell input text` would not). The paste leaves the text on the clipboard."""
        if not isinstance(text, str):
            raise BadInputError(f"set_text needs a string, got {type(text).__name__}")
        before = self._latest
        x, y = _centre(self._visible_bounds(node))
        self._call(f"focus {_describe(node)}", self.timeouts.action_s, lambda: self._u2.click(x, y))
        self._wait_settled(self._settle)
        self._typed = True
        self._call(f"type into {_describe(node)}", self.timeouts.type_s, lambda: self._u2.send_keys(text, clear=True))
        result = self._after_action(before=before)
        field = _same_place(self._latest, node)
        if field is not None and not node.password and field.text != text:
            return _with_note(result, f"field shows {field.text!r} after typing")
        return result

    def scroll(self, node: Node, direction: Direction = "down") -> ActionResult:
        """Swipe inside the node. ``down`` reveals content below: the finger moves up."""
        self.check_direction(direction)
        start, end = swipe_points(self._visible_bounds(node), direction)
        self._call(f"scroll {_describe(node)} {direction}", self.timeouts.action_s,
                   lambda: self._u2.swipe(start[0], start[1], end[0], end[1], SWIPE_S))
        return self._after_action()

    def back(self) -> ActionResult:
        self._check_open()
        if self._latest is None:
            self._read_screen()
        self._call("press back", self.timeouts.action_s, lambda: self._u2.press("back"))
        return self._after_action()

    def app_start(self, app: str) -> ActionResult:
        """Start an app by package name (launcher intent); waits longer than other actions to settle."""
        package = _check_package(app)
        self._check_open()
        if self._latest is None:
            self._read_screen()
        self._call(f"start {package}", self.timeouts.app_s, lambda: self._u2.app_start(package))
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
        self._call(f"stop {package}", self.timeouts.app_s, lambda: self._u2.app_stop(package))
        return self._after_action()

    def screenshot(self, path: str | os.PathLike) -> Path:
        """Save a PNG of the screen (for traces). Written atomically."""
        self._check_open()
        target = Path(path)
        image = self._call("take a screenshot", self.timeouts.screenshot_s, lambda: self._u2.screenshot())
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        atomic_write_bytes(target, buffer.getvalue())
        return target

    def close(self) -> None:
        """Give the keyboard back and stop the on-device server (it listens without authentication).
        The server process is killed first, so its adb stream ends and uiautomator2 closes it at once
        (stop_uiautomator's default waits up to 10 s polling /ping, and 3 s more for a live stream).
        Each step has its own deadline. Safe to call twice; a phone that is already gone is not an error."""
        if self._closed:
            return
        self._closed = True
        limit = self.timeouts.close_step_s
        steps: list[tuple[str, Callable[[], object]]] = []
        if self._typed:
            steps.append(("restore the keyboard", lambda: self._u2.set_input_ime(False)))
        steps.append(("end the server process",
                      lambda: self._u2.shell(list(SERVER_KILL_COMMAND), timeout=max(1, int(limit)))))
        steps.append(("close the uiautomator server stream", lambda: self._u2.stop_uiautomator(wait=False)))
        for what, step in steps:
            try:
                self._call(what, limit, step)
            except DeviceError:
                pass
        if self.stop_adb_server_on_close:
            stop_adb_server()

    # ---- internals ------------------------------------------------------------------------------
    def _call(self, what: str, timeout_s: float, call: Callable[[], Any]) -> Any:
        """Run one uiautomator2 call with a deadline; its exceptions become ours (``_device_errors``)."""
        with _device_errors(what):
            return call_with_deadline(call, timeout_s, what=what, spec=self.spec)

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


def call_with_deadline(call: Callable[[], Any], timeout_s: float, *, what: str, spec: str) -> Any:
    """``call()`` in a daemon thread; ``DeviceTimeout`` naming ``what`` when it has not returned after
    ``timeout_s`` (the thread is left to finish or fail on its own: Python cannot stop it)."""
    box: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            box["value"] = call()
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread below
            box["error"] = error
        finally:
            done.set()

    threading.Thread(target=work, name=f"u2 {what}"[:60], daemon=True).start()
    if not done.wait(timeout_s):
        raise DeviceTimeout(
            f"could not {what}: {spec} did not answer within {timeout_s:g} s",
            fix="check the phone is awake, unlocked and connected (`autodroid doctor`); if it hangs again, "
                "restart the uiautomator server by reconnecting (`adb reconnect`) and retry",
        )
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _depth(node: Node) -> int:
    return node.path.count("/") + 1 if node.path else 0


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


_NETWORK_SERIAL = re.compile(r"^[^:]+:\d+$")


def _check_listed(serial: str | None) -> None:
    """A USB serial that adb does not list fails now, not after uiautomator2's 10 s wait-for-device.
    (host:port serials are left to uiautomator2, which runs `adb connect` for them.)"""
    if serial is None or _NETWORK_SERIAL.match(serial):
        return
    with _device_errors(f"connect to {serial}"):
        import adbutils

        listed = call_with_deadline(lambda: adbutils.adb.list(), 30, what="list adb devices", spec=f"u2:{serial}")
    states = {item.serial: item.state for item in listed}
    if states.get(serial) == "device":
        return
    shown = ", ".join(f"{s} ({state})" for s, state in states.items()) or "none"
    if serial in states:
        raise DeviceError(f"could not connect to {serial}: adb lists it as {states[serial]}",
                          fix=_adb_fix(states[serial]))
    raise DeviceError(f"could not connect to {serial}: adb does not list it (adb lists: {shown})",
                      fix=_adb_fix("not found"))


def connect(serial: str | None) -> Any:
    """Connect with the real library; starts (and pushes, first time) the on-device server."""
    try:
        import uiautomator2
    except ImportError as error:
        raise BadInputError(
            f"the u2: device needs uiautomator2, which could not be imported ({error})", fix=INSTALL_FIX
        ) from None
    where = serial or "the only attached phone"
    _check_listed(serial)
    with _device_errors(f"connect to {where}"):
        # pushes the server jar the first time and waits for the server (uiautomator2: up to 30 s)
        return call_with_deadline(lambda: uiautomator2.connect(serial), CONNECT_TIMEOUT_S,
                                  what=f"connect to {where}", spec=f"u2:{serial or ''}")


def open_u2(arg: str, **options: Any) -> U2Device:
    """Open ``u2:<arg>``: a serial, ``ip:port``, ``127.0.0.1:<port>`` (Termux), or '' for $ANDROID_SERIAL.
    An adb server that connecting had to start is stopped again on failure or on close()."""
    serial = parse_serial(arg)
    was_running = adb_server_running()
    try:
        device = U2Device(connect(serial), spec=f"u2:{serial or ''}", **options)
    except BaseException:
        if not was_running:
            stop_adb_server()
        raise
    device.stop_adb_server_on_close = not was_running
    return device


# ---- adb: the same executable and server uiautomator2 uses -------------------------------------------
ADB_KILL_TIMEOUT_S = 10


def adb_executable() -> tuple[str | None, str]:
    """The adb that uiautomator2 will run, and where it comes from: adbutils takes $ADBUTILS_ADB_PATH, else
    `adb` on PATH, else the copy bundled in its wheel (x86-64 and macOS wheels carry one). Without
    adbutils installed: `adb` on PATH. (None, "") when there is none."""
    try:
        import adbutils
    except ImportError:
        found = shutil.which("adb")
        return (found, "PATH") if found else (None, "")
    try:
        path = adbutils.adb_path()
    except adbutils.AdbError:
        return None, ""
    if os.environ.get("ADBUTILS_ADB_PATH"):
        return path, "ADBUTILS_ADB_PATH"
    if Path(path).parent == Path(adbutils.__file__).parent / "binaries":
        return path, "bundled with adbutils"
    return path, "PATH"


def adb_server_address() -> tuple[str, int]:
    """Where adb clients (and adbutils) look for the adb server: $ANDROID_ADB_SERVER_HOST/PORT, else 127.0.0.1:5037."""
    host = os.environ.get("ANDROID_ADB_SERVER_HOST") or "127.0.0.1"
    try:
        port = int(os.environ.get("ANDROID_ADB_SERVER_PORT") or 5037)
    except ValueError:
        port = 5037
    return host, port


def adb_server_running() -> bool:
    try:
        with socket.create_connection(adb_server_address(), timeout=0.3):
            return True
    except OSError:
        return False


def stop_adb_server() -> bool:
    """`adb kill-server` with the adb uiautomator2 uses; True when a server was running and is gone."""
    if not adb_server_running():
        return False
    adb, _ = adb_executable()
    if adb is None:
        return False
    try:
        subprocess.run([adb, "kill-server"], capture_output=True, timeout=ADB_KILL_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    deadline = time.monotonic() + 3
    while adb_server_running() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not adb_server_running()
