"""The u2: device path uses the adb uiautomator2 uses, fails at once on a serial adb does not list, and
stops an adb server it had to start (here on a private port, with the real adbutils and adb)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

pytest.importorskip("adbutils", reason="needs adbutils (pip install 'autodroid-agent[device]')")

from autodroid.device import u2 as u2_module  # noqa: E402
from net_helpers import free_port, listening  # noqa: E402
from u2_fake import SKIP_NO_DUMPS, u2_dumps_dir  # noqa: E402


@pytest.fixture
def private_adb_env(tmp_path):
    env = {**os.environ, "ANDROID_ADB_SERVER_PORT": str(free_port()), "ANDROID_SERIAL": ""}
    env.pop("ADBUTILS_ADB_PATH", None)
    found = subprocess.run([sys.executable, "-c", "from autodroid.device.u2 import adb_executable as a; print(a()[0])"],
                           env=env, capture_output=True, text=True, timeout=60).stdout.strip()
    if found in ("", "None"):
        pytest.skip("no adb here: not on PATH and adbutils has no bundled copy for this machine")
    return env


def test_unlisted_serial_fails_fast_and_the_started_adb_server_is_stopped(private_adb_env):
    port = int(private_adb_env["ANDROID_ADB_SERVER_PORT"])
    script = textwrap.dedent("""
        import time
        from autodroid.device import open_device
        from autodroid.errors import DeviceError
        started = time.monotonic()
        try:
            open_device("u2:R58NOTTHERE")
        except DeviceError as error:
            print(round(time.monotonic() - started, 1), "|", error.one_line())
    """)
    assert not listening(port)
    done = subprocess.run([sys.executable, "-c", script], env=private_adb_env, capture_output=True, text=True,
                          timeout=120)
    seconds, _, line = done.stdout.strip().partition(" | ")
    assert "adb does not list it (adb lists: none)" in line, done.stdout + done.stderr
    assert "adb devices" in line
    assert float(seconds) < 8, f"took {seconds} s (uiautomator2 alone waits 10 s for the device)"
    assert not listening(port), "the adb server started for the connect is still running"


def test_adb_executable_names_where_it_comes_from(private_adb_env, tmp_path):
    fake = tmp_path / "adb"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    env = {**private_adb_env, "ADBUTILS_ADB_PATH": str(fake)}
    out = subprocess.run([sys.executable, "-c", "from autodroid.device.u2 import adb_executable as a; print(a())"],
                         env=env, capture_output=True, text=True, timeout=60).stdout.strip()
    assert out == repr((str(fake), "ADBUTILS_ADB_PATH"))


@pytest.mark.skipif(u2_dumps_dir() is None, reason=SKIP_NO_DUMPS)
def test_close_stops_the_adb_server_only_when_connecting_started_it(monkeypatch):
    from u2_fake import RecordedU2, read_dump

    stopped = []
    monkeypatch.setattr(u2_module, "stop_adb_server", lambda: stopped.append(time.monotonic()) or True)
    monkeypatch.setattr(u2_module, "connect", lambda serial: RecordedU2(read_dump("llt_maps_5.xml")))
    for running_before, expected in ((True, 0), (False, 1)):
        stopped.clear()
        monkeypatch.setattr(u2_module, "adb_server_running", lambda: running_before)
        device = u2_module.open_u2("emulator-5554")
        assert device.stop_adb_server_on_close is (not running_before)
        device.close()
        assert len(stopped) == expected
