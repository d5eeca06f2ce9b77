"""A recorded-transport stand-in for a uiautomator2 ``Device``: the few calls autodroid's u2 adapter
makes, with the same names and parameters as uiautomator2 3.x, serving real hierarchy dumps.

Anything else fails loudly (AssertionError naming the call), so the adapter cannot quietly start using
a uiautomator2 feature that no test covers. ``test_u2_static`` keeps this list and the adapter's calls
in step, and checks the parameter names against the installed uiautomator2.

Scripting a phone:
    fake = RecordedU2(dump_text)                  # the phone shows this
    fake.on("click", next_text)                   # after the next click, it shows next_text
    fake.on("swipe", moving_1, moving_2, rest)    # an animation: one frame per dump, the last one stays
    fake.fail("click", SomeUiautomator2Error())   # the next click raises this
Every call lands in ``fake.calls`` as (name, args, kwargs).

Return values have the shapes the real library returns (ShellResponse, a dict with package/activity/pid,
a PIL image, True from swipe/press, None from click); ``tests/test_u2_stub.py`` records the real
uiautomator2's answers through a stubbed adb transport (tests/u2_stubphone.py) and checks the fake
against them. Typing follows the real send_keys: with the AdbKeyboard IME installed on the phone it
switches to it; without it (``ime_installed=False``) it pastes through the clipboard and leaves the
keyboard alone.
"""

from __future__ import annotations

import re
from collections import namedtuple
from pathlib import Path
from typing import Any

from autodroid.paths import shared_dir

# The uiautomator2 calls implemented here; the adapter's U2_CALLS must be the same set.
FAKE_CALLS = frozenset({
    "dump_hierarchy", "click", "long_click", "swipe", "send_keys", "press", "app_start", "app_stop",
    "app_current", "screenshot", "set_input_ime", "stop_uiautomator", "shell",
})
SERVER_KILL = ["pkill", "-f", "com.wetest.uia2.Main"]
SKIP_NO_DUMPS = "needs ../shared/u2_dumps (real uiautomator dumps); absent in a fresh clone"
_PACKAGE_ATTRIBUTE = re.compile(r'package="([^"]+)"')
_NOT_APPS = ("com.android.systemui", "inputmethod")
try:  # the real type when uiautomator2 is installed, else one with the same fields
    from uiautomator2.abstract import ShellResponse
except ImportError:  # pragma: no cover - the test extra installs uiautomator2
    ShellResponse = namedtuple("ShellResponse", ["output", "exit_code"])


def u2_dumps_dir() -> Path | None:
    shared = shared_dir()
    folder = shared / "u2_dumps" if shared is not None else None
    return folder if folder is not None and folder.is_dir() else None


def dump_names() -> list[str]:
    folder = u2_dumps_dir()
    return sorted(path.name for path in folder.glob("*.xml")) if folder is not None else []


def read_dump(name: str) -> str:
    folder = u2_dumps_dir()
    assert folder is not None, "../shared/u2_dumps is absent: callers must skip first"
    return (folder / name).read_text(encoding="utf-8")


class FakeClock:
    """Monotonic time that moves only when slept on or when the fake phone works."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0, f"negative sleep {seconds}"
        self.slept.append(seconds)
        self.now += seconds


def _screenshot():
    """What uiautomator2's screenshot() returns: a PIL image (decoded from the server's JPEG)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 8), (12, 34, 56)).save(buffer, format="JPEG")
    buffer.seek(0)
    return Image.open(buffer)


class RecordedU2:
    def __init__(self, hierarchy: str, *, package: str | None = None, clock: FakeClock | None = None,
                 dump_cost_s: float = 0.05, installed: frozenset[str] | None = None, ime_installed: bool = True):
        self.hierarchy = hierarchy
        self.installed = installed  # None: every package starts; else others stay in the background
        self.package = package or _app_package(hierarchy)
        self.clock = clock or FakeClock()
        self.dump_cost_s = dump_cost_s
        self.pending: list[str] = []  # frames the next dumps will show, in order
        self.reactions: dict[str, list[tuple[str, ...]]] = {}
        self.failures: dict[str, list[BaseException]] = {}
        self.calls: list[tuple[str, tuple, dict]] = []
        self.server_running = True
        self.ime_installed = ime_installed  # uiautomator2's AdbKeyboard is on the phone
        self.ime_enabled = False
        self.clipboard = ""
        self.typed: list[str] = []

    # ---- scripting (not uiautomator2 API) ----------------------------------------------------------
    def on(self, call: str, *frames: str) -> "RecordedU2":
        assert call in FAKE_CALLS, f"{call!r} is not a call the fake implements"
        self.reactions.setdefault(call, []).append(frames)
        return self

    def fail(self, call: str, error: BaseException) -> "RecordedU2":
        assert call in FAKE_CALLS, f"{call!r} is not a call the fake implements"
        self.failures.setdefault(call, []).append(error)
        return self

    def calls_named(self, name: str) -> list[tuple[tuple, dict]]:
        return [(args, kwargs) for call, args, kwargs in self.calls if call == name]

    def actions(self) -> list[str]:
        return [name for name, _, _ in self.calls if name not in ("dump_hierarchy", "app_current")]

    # ---- uiautomator2 Device API (same names and parameters as uiautomator2 3.x) ---------------------
    def dump_hierarchy(self, compressed=False, pretty=False, max_depth=None, root_in_active=None) -> str:
        self._enter("dump_hierarchy", compressed=compressed, pretty=pretty, max_depth=max_depth,
                    root_in_active=root_in_active)
        self.clock.now += self.dump_cost_s
        if self.pending:
            self.hierarchy = self.pending.pop(0)
        return self.hierarchy

    def click(self, x, y):
        self._enter("click", x, y)
        self._react("click")

    def long_click(self, x, y, duration: float = 0.5):
        self._enter("long_click", x, y, duration)
        self._react("long_click")

    def swipe(self, fx, fy, tx, ty, duration=None, steps=None):
        self._enter("swipe", fx, fy, tx, ty, duration, steps=steps)
        self._react("swipe")
        return True

    def send_keys(self, text: str, clear: bool = False):
        self._enter("send_keys", text, clear=clear)
        assert isinstance(text, str), f"send_keys got {type(text).__name__}"
        if self.ime_installed:
            self.ime_enabled = True  # uiautomator2 switches to its AdbKeyboard to type
        else:
            self.clipboard = text  # uiautomator2 pastes through the clipboard
        self.typed.append(text)
        self._react("send_keys")

    def press(self, key, meta=None):
        self._enter("press", key, meta=meta)
        self._react("press")
        return True

    def app_start(self, package_name: str, activity=None, wait=False, stop=False, use_monkey=False):
        self._enter("app_start", package_name, activity=activity, wait=wait, stop=stop, use_monkey=use_monkey)
        if self.installed is None or package_name in self.installed:
            self.package = package_name
        self._react("app_start")

    def app_stop(self, package_name: str):
        self._enter("app_stop", package_name)
        self._react("app_stop")

    def app_current(self):
        self._enter("app_current")
        return {"package": self.package, "activity": f"{self.package}.MainActivity", "pid": 0}

    def screenshot(self, filename=None, format="pillow", display_id=None):  # noqa: A002
        self._enter("screenshot", filename, format=format, display_id=display_id)
        assert filename is None and format == "pillow", "the adapter saves the image itself"
        return _screenshot()

    def set_input_ime(self, enable: bool = True):
        self._enter("set_input_ime", enable)
        self.ime_enabled = bool(enable)

    def stop_uiautomator(self, wait=True):
        self._enter("stop_uiautomator", wait=wait)
        self.server_running = False

    def shell(self, cmdargs, timeout=60):
        self._enter("shell", cmdargs, timeout=timeout)
        assert list(cmdargs) == SERVER_KILL, f"unexpected shell command {cmdargs!r}; the fake knows only {SERVER_KILL}"
        self.server_running = False
        return ShellResponse("", 0)

    # ---- everything else fails loudly --------------------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        raise AssertionError(
            f"uiautomator2 call {name!r} is not implemented by the recorded fake (tests/u2_fake.py); "
            f"the u2 adapter may only use: {', '.join(sorted(FAKE_CALLS))}"
        )

    def _enter(self, name: str, *args, **kwargs) -> None:
        self.calls.append((name, args, kwargs))
        queued = self.failures.get(name)
        if queued:
            raise queued.pop(0)

    def _react(self, name: str) -> None:
        queued = self.reactions.get(name)
        if queued:
            self.pending.extend(queued.pop(0))


def _app_package(hierarchy: str) -> str:
    for package in _PACKAGE_ATTRIBUTE.findall(hierarchy):
        if not any(marker in package for marker in _NOT_APPS):
            return package
    return ""


def fake_device(name: str = "llt_maps_5.xml", **fake_options):
    """A U2Device over a RecordedU2 showing the named real dump, on a fake clock. Returns (device, fake)."""
    from autodroid.device.u2 import U2Device

    fake = RecordedU2(read_dump(name), **fake_options)
    device = U2Device(fake, spec="u2:fake-" + name, clock=fake.clock, sleep=fake.clock.sleep)
    return device, fake
