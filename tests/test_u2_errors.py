"""uiautomator2 / adbutils / requests / socket exceptions become autodroid errors in one place."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap

import pytest

u2e = pytest.importorskip("uiautomator2.exceptions", reason="needs uiautomator2 (pip install 'autodroid-agent[device]')")
adbutils = pytest.importorskip("adbutils")
requests = pytest.importorskip("requests")

from autodroid.device.u2 import map_exception  # noqa: E402
from autodroid.errors import DeviceError, DeviceTimeout, ElementNotFound  # noqa: E402
from u2_fake import SKIP_NO_DUMPS, fake_device, u2_dumps_dir  # noqa: E402

CASES = [
    # (foreign exception, our type, words the fix must contain)
    (u2e.ConnectError("device emulator-5554 not online"), DeviceError, "adb devices"),
    (u2e.HTTPError("HTTP request failed: 500"), DeviceError, "autodroid doctor"),
    (u2e.HTTPTimeoutError("HTTP request timeout"), DeviceTimeout, "awake"),
    (u2e.UiAutomationNotConnectedError("UiAutomation not connected"), DeviceError, "uiautomator server"),
    (u2e.HierarchyEmptyError("dump hierarchy is empty"), DeviceError, "uiautomator server"),
    (u2e.RPCUnknownError("Unknown RPC error: -32001 x"), DeviceError, "uiautomator server"),
    (u2e.InjectPermissionError("INJECT_EVENTS permission"), DeviceError, "Security settings"),
    (u2e.AccessibilityServiceAlreadyRegisteredError("already registered"), DeviceError, "another UI automation"),
    (u2e.InputIMEError("install AdbKeyboard ime failed"), DeviceError, "AdbKeyboard"),
    (u2e.SessionBrokenError("app quit"), DeviceError, "start it again"),
    (u2e.UiObjectNotFoundError(-32002, "not found", {}), ElementNotFound, "scroll"),
    (adbutils.AdbError("device 'R58M1234' not found"), DeviceError, "adb devices"),
    (adbutils.AdbError("device offline"), DeviceError, "adb reconnect"),
    (adbutils.AdbError("device unauthorized. This adb server's $ADB_VENDOR_KEYS"), DeviceError, "Allow USB debugging"),
    (adbutils.AdbError("more than one device/emulator, please specify the serial number"), DeviceError, "ANDROID_SERIAL"),
    (adbutils.AdbError("No adb exe could be found. Install adb on your system"), DeviceError, "android-tools"),
    (adbutils.AdbTimeout("adb read timeout"), DeviceTimeout, "retry"),
    (requests.ConnectionError("Connection aborted"), DeviceError, "adb devices"),
    (requests.ReadTimeout("read timed out"), DeviceTimeout, "retry"),
    (ConnectionResetError(104, "Connection reset by peer"), DeviceError, "adb devices"),
    (socket.timeout("timed out"), DeviceTimeout, "retry"),
]


@pytest.mark.parametrize("error,expected,fix_words", CASES, ids=lambda v: type(v).__name__ if isinstance(v, BaseException) else None)
def test_foreign_exception_maps_to_our_type(error, expected, fix_words):
    mapped = map_exception(error, "tap node 3")
    assert type(mapped) is expected
    assert mapped.message.startswith("could not tap node 3: " + type(error).__name__)
    assert fix_words in mapped.fix


@pytest.mark.parametrize("error", [ValueError("bad"), KeyError("k"), AssertionError("fake says no"),
                                   DeviceError("already ours")])
def test_bugs_and_our_own_errors_are_left_alone(error):
    assert map_exception(error, "tap") is None


@pytest.mark.skipif(u2_dumps_dir() is None, reason=SKIP_NO_DUMPS)
@pytest.mark.parametrize("call,action,error,expected", [
    ("click", "tap", u2e.HTTPTimeoutError("HTTP request timeout"), DeviceTimeout),
    ("swipe", "scroll", adbutils.AdbError("device offline"), DeviceError),
    ("press", "back", requests.ConnectionError("aborted"), DeviceError),
    ("dump_hierarchy", "screen", u2e.HierarchyEmptyError("empty"), DeviceError),
    ("app_current", "current_app", u2e.DeviceError("Couldn't get focused app"), DeviceError),
])
def test_errors_raised_by_the_phone_reach_the_caller_as_ours(call, action, error, expected):
    device, fake = fake_device("llt_maps_5.xml")
    node = next(n for n in device.screen() if n.scrollable)
    fake.fail(call, error)
    with pytest.raises(expected) as caught:
        {"tap": lambda: device.tap(node), "scroll": lambda: device.scroll(node, "down"),
         "back": device.back, "screen": device.screen, "current_app": device.current_app}[action]()
    assert caught.value.__cause__ is error
    assert caught.value.fix


@pytest.mark.skipif(u2_dumps_dir() is None, reason=SKIP_NO_DUMPS)
def test_an_unimplemented_call_on_the_fake_is_not_swallowed():
    _, fake = fake_device("llt_maps_5.xml")
    with pytest.raises(AssertionError, match="'double_click' is not implemented by the recorded fake"):
        fake.double_click(1, 2)


@pytest.mark.skipif(u2_dumps_dir() is None, reason=SKIP_NO_DUMPS)
def test_close_on_a_vanished_phone_does_not_raise():
    device, fake = fake_device("llt_maps_5.xml")
    fake.fail("stop_uiautomator", adbutils.AdbError("device 'x' not found"))
    fake.fail("shell", u2e.AdbShellError("device 'x' not found"))
    device.close()
    assert [name for name in fake.actions()] == ["shell", "stop_uiautomator"]


def test_real_connect_without_adb_server_is_a_device_error(tmp_path):
    """The real uiautomator2/adbutils connect path, with an adb that cannot start a server: no phone,
    no daemon left behind, one line naming the problem and the fix."""
    fake_adb = tmp_path / "adb"
    fake_adb.write_text("#!/bin/sh\necho \"no adb server here: $*\" >&2\nexit 1\n")
    fake_adb.chmod(0o755)
    env = {**os.environ, "ADBUTILS_ADB_PATH": str(fake_adb), "ANDROID_ADB_SERVER_PORT": "1",
           "ANDROID_SERIAL": ""}
    script = textwrap.dedent("""
        from autodroid.device import open_device
        from autodroid.errors import DeviceError
        for spec in ("u2:", "u2:127.0.0.1:5555"):
            try:
                open_device(spec)
            except DeviceError as error:
                print(type(error).__name__, "|", error.one_line())
    """)
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 2, done.stdout + done.stderr
    assert lines[0].startswith("DeviceError | could not connect to the only attached phone")
    assert lines[1].startswith("DeviceError | could not connect to 127.0.0.1:5555")
    assert all("adb start-server" in line for line in lines)
