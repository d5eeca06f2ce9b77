"""`open_device("u2:...")` (what `autodroid explore/run --device u2:...` call) reaches a working U2Device."""

from __future__ import annotations

import sys

import pytest

from autodroid.device import open_device
from autodroid.device import u2 as u2_module
from autodroid.device.u2 import INSTALL_FIX, U2Device
from autodroid.errors import BadInputError
from u2_fake import SKIP_NO_DUMPS, RecordedU2, read_dump, u2_dumps_dir


@pytest.fixture
def connected(monkeypatch):
    """Replace only the real connect: record the serial asked for and hand back a recorded phone."""
    if u2_dumps_dir() is None:
        pytest.skip(SKIP_NO_DUMPS)
    asked = []

    def connect(serial):
        asked.append(serial)
        return RecordedU2(read_dump("u2nav_bilibili_3.xml"))

    monkeypatch.setattr(u2_module, "connect", connect)
    return asked


@pytest.mark.parametrize("spec,serial", [
    ("u2:R58M12ABCDE", "R58M12ABCDE"),
    ("u2:192.168.1.20:5555", "192.168.1.20:5555"),
    ("u2:127.0.0.1:37123", "127.0.0.1:37123"),
    ("u2:emulator-5554", "emulator-5554"),
])
def test_open_device_by_serial_gives_a_working_u2_device(connected, spec, serial):
    with open_device(spec) as device:
        assert isinstance(device, U2Device) and device.spec == spec
        screen = device.screen()
        assert screen.package == "tv.danmaku.bili"
        node = next(n for n in screen.app_nodes() if n.clickable and n.area > 0)
        assert device.tap(node).changed is False
    assert connected == [serial]


def test_empty_serial_uses_android_serial(connected, monkeypatch):
    monkeypatch.setenv("ANDROID_SERIAL", "0123456789ABCDEF")
    assert open_device("u2:").spec == "u2:0123456789ABCDEF"
    monkeypatch.delenv("ANDROID_SERIAL")
    assert open_device("u2:").spec == "u2:"
    assert connected == ["0123456789ABCDEF", None]


@pytest.mark.parametrize("bad", ["R58 M12", "host:5555;reboot", "$(id)", "a/b"])
def test_malformed_serial_is_bad_input(bad, monkeypatch):
    monkeypatch.setattr(u2_module, "connect", lambda serial: pytest.fail("must not connect"))
    with pytest.raises(BadInputError, match="not an adb serial"):
        open_device(f"u2:{bad}")


def test_missing_device_extra_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "uiautomator2", None)  # makes `import uiautomator2` fail
    with pytest.raises(BadInputError) as caught:
        open_device("u2:emulator-5554")
    assert caught.value.fix == INSTALL_FIX == "pip install 'autodroid-agent[device]'"
    assert "uiautomator2" in caught.value.message
