"""U2Device over the real uiautomator2 + adbutils libraries, with only the phone stubbed (a fake adb
server and uiautomator2 server on local sockets: tests/u2_stubphone.py): close() is fast, a hung call
fails within its deadline with a typed error, empty and deep dumps are handled, typing behaves as the
real library does, and the recorded fake (tests/u2_fake.py) returns the same shapes as the real calls."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("uiautomator2", reason="needs uiautomator2 (pip install 'autodroid-agent[device]')")

from autodroid.device.u2 import DUMP_MAX_DEPTH, U2Device, U2Timeouts  # noqa: E402
from autodroid.errors import DeviceError, DeviceTimeout  # noqa: E402
from u2_fake import FAKE_CALLS, SKIP_NO_DUMPS, RecordedU2, read_dump, u2_dumps_dir  # noqa: E402
from u2_stubphone import ADB_KEYBOARD, EMPTY_DUMP, LATIN_IME, SERVER_KILL, StubPhone  # noqa: E402

pytestmark = pytest.mark.skipif(u2_dumps_dir() is None, reason=SKIP_NO_DUMPS)
DUMP = "papt_devicemanager_1.xml"  # has an editable field


@pytest.fixture
def phone():
    stub = StubPhone(read_dump(DUMP), package="com.example.devicemanager")
    yield stub
    stub.close()


def open_device(phone: StubPhone, **timeouts) -> U2Device:
    return U2Device(phone.u2(), spec=f"u2:{phone.serial}", timeouts=U2Timeouts(**timeouts))


def test_the_real_library_connects_through_the_stub(phone):
    device = open_device(phone)
    assert phone.server_running
    assert phone.shell_commands[0] == "toybox md5sum /data/local/tmp/u2.jar"  # jar already there: no push
    screen = device.screen()
    assert len(screen) > 0 and device.current_app() == "com.example.devicemanager"
    method, params = phone.rpc_calls[-1]
    assert method == "dumpWindowHierarchy" and params == [False, DUMP_MAX_DEPTH]
    device.close()


def test_close_kills_the_server_first_and_takes_under_a_second(phone):
    device = open_device(phone)
    device.screen()
    started = time.monotonic()
    device.close()
    elapsed = time.monotonic() - started
    assert elapsed < 1.0, f"close took {elapsed:.2f} s"
    assert not phone.server_running
    assert phone.shell_commands[-1] == SERVER_KILL


def test_uiautomator2s_own_stop_would_stall_while_the_server_lives(phone):
    """Why close() kills first: with the server alive, stop_uiautomator() polls /ping for 10 s (shortened
    here by killing the server from another thread after 1.5 s)."""
    import threading

    u2 = phone.u2()
    threading.Timer(1.5, lambda: phone._stop_server()).start()
    started = time.monotonic()
    u2.stop_uiautomator()
    assert time.monotonic() - started >= 1.4


def test_a_hung_dump_fails_within_its_deadline_with_a_typed_error(phone):
    device = open_device(phone, dump_s=1.0, close_step_s=0.5)
    device.screen()
    phone.hang.add("dumpWindowHierarchy")
    started = time.monotonic()
    with pytest.raises(DeviceTimeout) as caught:
        device.screen()
    elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 2.0, elapsed
    assert "could not dump the screen hierarchy" in caught.value.message and "1 s" in caught.value.message
    assert "autodroid doctor" in caught.value.fix
    started = time.monotonic()
    device.close()  # still quick: the kill goes over adb, not the hung server
    assert time.monotonic() - started < 1.0 and not phone.server_running


def test_a_hung_tap_names_the_call(phone):
    device = open_device(phone, action_s=0.5)
    node = next(n for n in device.screen().app_nodes() if n.clickable and n.area > 0)
    phone.hang.add("click")
    with pytest.raises(DeviceTimeout, match=r"could not tap node \d+ .*within 0.5 s"):
        device.tap(node)
    device.close()


def test_an_empty_dump_after_the_librarys_retries_is_a_device_error(phone):
    device = open_device(phone)
    phone.hierarchy = EMPTY_DUMP  # screen off: uiautomator2 retries 3 times (1 s apart), then returns this
    with pytest.raises(DeviceError, match="empty screen hierarchy") as caught:
        device.screen()
    assert "unlock" in caught.value.fix
    assert phone.rpc_methods().count("dumpWindowHierarchy") == 3
    device.close()


def test_a_dump_that_reaches_the_depth_limit_is_flagged(phone):
    device = open_device(phone)
    deep = '<node index="0" class="android.widget.FrameLayout" package="com.example.devicemanager" ' \
           'bounds="[0,0][1080,1920]">'
    phone.hierarchy = ("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">"
                       + deep * (DUMP_MAX_DEPTH + 1) + "</node>" * (DUMP_MAX_DEPTH + 1) + "</hierarchy>")
    device.screen()
    assert device.dump_cut is True
    phone.hierarchy = read_dump(DUMP)
    device.screen()
    assert device.dump_cut is False
    device.close()


def test_typing_without_the_adb_keyboard_pastes_and_leaves_the_keyboard(phone):
    device = open_device(phone)
    field = next(n for n in device.screen() if n.editable)
    device.set_text(field, "héllo 好")
    assert phone.typed == ["héllo 好"] and phone.clipboard == "héllo 好"
    assert "pasteClipboard" in phone.rpc_methods() and phone.ime == LATIN_IME
    device.close()
    assert phone.ime == LATIN_IME


def test_typing_with_the_adb_keyboard_switches_to_it_and_close_gives_it_back():
    phone = StubPhone(read_dump(DUMP), package="com.example.devicemanager", ime_installed=True)
    try:
        device = open_device(phone)
        field = next(n for n in device.screen() if n.editable)
        device.set_text(field, "héllo")
        assert phone.typed == ["héllo"] and phone.ime == ADB_KEYBOARD
        device.close()
        assert phone.ime == LATIN_IME and not phone.server_running
    finally:
        phone.close()


# ---- the recorded fake answers like the real library ---------------------------------------------------
def _shape(value):
    if isinstance(value, dict):
        return ("dict", sorted(value))
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return (type(value).__name__, value._fields)
    try:
        from PIL import Image

        if isinstance(value, Image.Image):
            return "PIL image"
    except ImportError:  # pragma: no cover
        pass
    return type(value).__name__


CALLS = [
    ("dump_hierarchy", (), {"max_depth": DUMP_MAX_DEPTH}),
    ("click", (540, 960), {}),
    ("long_click", (540, 960, 0.8), {}),
    ("swipe", (540, 1500, 540, 500, 0.3), {}),
    ("press", ("back",), {}),
    ("send_keys", ("hi",), {"clear": True}),
    ("app_start", ("com.example.other",), {}),
    ("app_current", (), {}),
    ("app_stop", ("com.example.other",), {}),
    ("screenshot", (), {}),
    ("set_input_ime", (False,), {}),
    ("shell", (SERVER_KILL.split(),), {"timeout": 3}),
    ("stop_uiautomator", (), {"wait": False}),
]


def test_the_fake_returns_what_the_real_library_returns(phone):
    real = phone.u2()
    fake = RecordedU2(read_dump(DUMP), package="com.example.devicemanager")
    assert {name for name, _, _ in CALLS} == set(FAKE_CALLS)
    for name, args, kwargs in CALLS:
        if name == "stop_uiautomator":
            phone._stop_server()
        got_real = getattr(real, name)(*args, **kwargs)
        got_fake = getattr(fake, name)(*args, **kwargs)
        assert _shape(got_fake) == _shape(got_real), f"{name}: fake {got_fake!r} vs real {got_real!r}"
        if name == "app_current":
            assert got_real == {"package": "com.example.other", "activity": "com.example.other.MainActivity",
                                "pid": 0}
            assert got_fake["package"] == "com.example.other"
