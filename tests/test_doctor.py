"""`autodroid doctor`: real checks of this machine (no phone, no adb here), fake `adb` executables for
the device states, and the recorded uiautomator2 fake for the phone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from autodroid.cli.main import cli
from autodroid.device import u2 as u2_module
from autodroid.doctor import (
    Check, check_devices, check_llama_cpp, check_model, check_python, check_ram, list_adb_devices, run_doctor,
)
from net_helpers import free_port, listening
from u2_fake import RecordedU2, read_dump, u2_dumps_dir

NO_DEVICE_WORDS = ("no device", "USB debugging", "adb connect 127.0.0.1:PORT")


def fake_adb(folder: Path, devices_output: str, exit_code: int = 0) -> Path:
    """An `adb` executable that answers `adb devices` with canned output (starts no server). Uses only
    shell builtins: the tests run it with PATH holding nothing but this folder."""
    assert "'" not in devices_output
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "adb"
    script.write_text(f"#!/bin/sh\nprintf '%s' '{devices_output}'\nexit {exit_code}\n")
    script.chmod(0o755)
    return script


def test_doctor_here_reports_no_device_with_the_fix_and_fails(tmp_path):
    """The real command in a real process, PATH without adb: what a user without a phone sees. It checks
    the adb uiautomator2 would use (adbutils' bundled copy where its wheel has one), and an adb server it
    had to start (on a private port here) is gone afterwards."""
    port = free_port()
    env = {**os.environ, "PATH": str(tmp_path), "ANDROID_SERIAL": "", "ANDROID_ADB_SERVER_PORT": str(port)}
    env.pop("ADBUTILS_ADB_PATH", None)
    done = subprocess.run([sys.executable, "-c", "from autodroid.cli.main import cli; cli()", "doctor"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    devices = next(i for i, line in enumerate(lines) if " devices: " in line)
    assert lines[devices].startswith(("✗ devices: no device", "FAIL devices: no device"))
    assert lines[devices + 1].strip().startswith("fix: ") and all(w in lines[devices + 1] for w in NO_DEVICE_WORDS[1:])
    origin = subprocess.run([sys.executable, "-c", "from autodroid.device.u2 import adb_executable as a; print(a()[1])"],
                            env=env, capture_output=True, text=True, timeout=60).stdout.strip()
    bundled = origin == "bundled with adbutils"
    adb_line = next(line for line in lines if " adb: " in line)
    if bundled:
        assert adb_line.startswith(("✓ adb:", "OK   adb:")) and "bundled with adbutils; not on PATH" in adb_line
        assert any(" adb server: started for these checks and stopped again" in line for line in lines)
    else:
        assert adb_line.startswith(("✗ adb:", "FAIL adb:")) and "not on PATH" in adb_line
    assert not listening(port), "doctor left an adb server running"
    assert any(line.startswith(("✓ python:", "OK   python:")) for line in lines)
    assert "required check(s) failed" in lines[-1]


def test_no_device_flag_skips_the_phone(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    report = run_doctor(check_device=False)
    assert {c.name for c in report.checks}.isdisjoint({"adb", "devices", "test dump"})


@pytest.mark.parametrize("output,detail,fix_words", [
    ("List of devices attached\n\n", "no device: `adb devices` lists none", "USB debugging"),
    ("* daemon not running; starting now at tcp:5037\n* daemon started successfully\nList of devices attached\n\n",
     "no device", "adb connect"),
    ("List of devices attached\nR58M12ABCDE\tunauthorized\n\n", "no usable device: R58M12ABCDE (unauthorized)",
     "Allow USB debugging"),
    ("List of devices attached\n127.0.0.1:37123\toffline\n\n", "no usable device", "adb reconnect"),
    ("List of devices attached\nR58M12ABCDE\tdevice\nemulator-5554\tdevice\n\n", "several devices", "--device u2:SERIAL"),
])
def test_device_states_seen_through_a_real_adb_executable(tmp_path, monkeypatch, output, detail, fix_words):
    monkeypatch.setenv("PATH", str(fake_adb(tmp_path / "bin", output).parent))
    monkeypatch.delenv("ANDROID_SERIAL", raising=False)
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 1
    report = run_doctor()
    devices = report.by_name("devices")
    assert not devices.ok and devices.detail.startswith(detail) and fix_words in devices.fix
    assert report.by_name("adb").ok
    assert report.by_name("test dump").skipped


def test_adb_that_fails_or_hangs_is_reported(tmp_path):
    broken = fake_adb(tmp_path, "error: protocol fault\n", exit_code=1)
    check, chosen = check_devices(str(broken), None, subprocess.run)
    assert not check.ok and "protocol fault" in check.detail and "adb kill-server" in check.fix and chosen is None

    def hangs(*args, **kwargs):
        raise subprocess.TimeoutExpired(args[0], kwargs.get("timeout"))

    check, _ = check_devices("adb", None, hangs)
    assert not check.ok and "did not answer" in check.detail


def test_named_device_must_be_listed(tmp_path):
    adb = fake_adb(tmp_path, "List of devices attached\nR58M12ABCDE\tdevice\n\n")
    check, chosen = check_devices(str(adb), "emulator-5554", subprocess.run)
    assert not check.ok and "no device emulator-5554" in check.detail and chosen is None
    check, chosen = check_devices(str(adb), "R58M12ABCDE", subprocess.run)
    assert check.ok and chosen == "R58M12ABCDE"


@pytest.mark.skipif(u2_dumps_dir() is None, reason="needs ../shared/u2_dumps")
def test_ready_phone_gets_a_server_check_and_a_test_dump_then_the_server_stops(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(fake_adb(tmp_path, "List of devices attached\n127.0.0.1:37123\tdevice\n\n").parent))
    monkeypatch.delenv("ANDROID_SERIAL", raising=False)
    phones = []

    def connect(serial):  # only the real uiautomator2 connect is replaced; the registry and U2Device are real
        phones.append((serial, RecordedU2(read_dump("u2nav_bilibili_2.xml"))))
        return phones[-1][1]

    monkeypatch.setattr(u2_module, "connect", connect)
    result = CliRunner().invoke(cli, ["doctor", "--json"])
    report = json.loads(result.output)
    checks = {c["name"]: c for c in report["checks"]}
    assert checks["devices"]["ok"] and checks["devices"]["detail"] == "127.0.0.1:37123 ready"
    assert checks["uiautomator2 server"]["ok"]
    assert checks["test dump"]["ok"] and "tv.danmaku.bili" in checks["test dump"]["detail"]
    assert checks["test dump"]["detail"].startswith("201 nodes")
    assert result.exit_code == (0 if report["ok"] else 1)
    (serial, phone), = phones
    assert serial == "127.0.0.1:37123" and phone.server_running is False


def test_unreachable_server_is_a_failed_check_with_the_fix(tmp_path, monkeypatch):
    from autodroid.errors import DeviceError

    def refuse(spec):
        raise DeviceError("could not connect to X: ConnectError: device X not online", fix="check `adb devices`")

    from autodroid.doctor import check_u2

    server, dump = check_u2("X", refuse)
    assert not server.ok and server.fix == "check `adb devices`" and dump.skipped


def test_python_version():
    assert check_python((3, 11, 7)).ok
    old = check_python((3, 9, 18))
    assert not old.ok and old.detail == "Python 3.9.18" and "3.10" in old.fix


def test_llama_cpp_missing_is_found_without_importing_it():
    missing = check_llama_cpp(lambda name: None)
    assert not missing.ok and "autodroid-agent[llm]" in missing.fix and "cmake clang" in missing.fix
    assert check_llama_cpp(lambda name: object()).ok


def test_ram_against_the_models_need(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:        3891232 kB\nMemFree:          201232 kB\nMemAvailable:    1536000 kB\n")
    assert check_ram(1024, meminfo).ok
    low = check_ram(2048, meminfo)
    assert not low.ok and low.detail.startswith("1500 MB available") and "smaller model" in low.fix
    old_kernel = tmp_path / "old"
    old_kernel.write_text("MemFree: 102400 kB\nBuffers: 102400 kB\nCached: 409600 kB\n")
    assert "600 MB available" in check_ram(None, old_kernel).detail
    absent = check_ram(2048, tmp_path / "missing")
    assert absent.ok and not absent.required


def test_model_registry_missing_is_a_clear_check(monkeypatch):
    monkeypatch.setitem(sys.modules, "autodroid.planner.registry", None)
    checks, need = check_model(None)
    assert [c.name for c in checks] == ["model"] and not checks[0].ok and need is None
    assert checks[0].detail.startswith("model registry not available")


def test_unknown_model_and_corrupt_model_file(tmp_path):
    pytest.importorskip("autodroid.planner.registry")
    checks, _ = check_model("no-such-model")
    assert not checks[0].ok and "no-such-model" in checks[0].detail and checks[0].fix
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"NOTGGUF" * 10)
    checks, _ = check_model(str(junk))
    by_name = {c.name: c for c in checks}
    assert by_name["model"].ok and not by_name["model file"].ok
    assert "not a GGUF" in by_name["model file"].detail


def test_adb_devices_parsing():
    text = ("* daemon not running; starting now at tcp:5037\n* daemon started successfully\n"
            "List of devices attached\nR58M12ABCDE\tdevice usb:1-1 product:x model:SM_G991B\n"
            "192.168.1.20:5555\toffline\n\n")
    assert [(d.serial, d.state) for d in list_adb_devices(text)] == [("R58M12ABCDE", "device"),
                                                                    ("192.168.1.20:5555", "offline")]


def test_failed_check_counts_only_when_required_and_run():
    assert Check("x", False, "d").failed
    assert not Check("x", False, "d", required=False).failed
    assert not Check("x", False, "d", skipped=True).failed
