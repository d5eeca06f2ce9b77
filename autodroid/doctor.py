"""`autodroid doctor`: check the user's setup, one result per check, each failure with its fix.

Checks are data (``Check``); ``run_doctor`` collects them and the CLI prints them. Probes that touch the
system (``find_adb``, ``run``, ``open_device``, the meminfo path) are parameters, so tests can give a fake
``adb`` or phone while the default path uses the real ones. Nothing here imports uiautomator2 or
llama_cpp: their presence is checked with ``importlib.util.find_spec`` and the phone is reached through
the ``u2:`` device.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from autodroid.errors import AutodroidError

MIN_PYTHON = (3, 10)
ADB_TIMEOUT_S = 20
FALLBACK_RAM_MB = 1024  # when the model's need is unknown
TERMUX_GUIDE = "docs/termux.md"
EDGE_GUIDE = "docs/edge-box.md"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True  # a failed required check makes the doctor exit non-zero
    skipped: bool = False  # not run because an earlier check failed or it does not apply

    @property
    def failed(self) -> bool:
        return self.required and not self.ok and not self.skipped


@dataclass(frozen=True)
class DoctorReport:
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return not any(check.failed for check in self.checks)

    def by_name(self, name: str) -> Check:
        return next(check for check in self.checks if check.name == name)

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "checks": [asdict(check) for check in self.checks]}


@dataclass(frozen=True)
class AdbDevice:
    serial: str
    state: str  # device, unauthorized, offline, ...


def run_doctor(
    *,
    model: str | None = None,
    device: str | None = None,
    check_device: bool = True,
    verify_model: bool = False,
    find_adb: Callable[[], tuple[str | None, str]] | None = None,
    run: Callable[..., subprocess.CompletedProcess] = subprocess.run,
    find_spec: Callable[[str], Any] = importlib.util.find_spec,
    open_device: Callable[[str], Any] | None = None,
    meminfo: Path = Path("/proc/meminfo"),
    version_info: Sequence[int] = sys.version_info,
) -> DoctorReport:
    """Run every check. ``device``: ``u2:SERIAL`` or a bare serial (default: $ANDROID_SERIAL, else the
    only attached phone); ``check_device=False`` skips the phone checks (offline sim/replay use)."""
    checks = [check_python(version_info), check_llama_cpp(find_spec)]
    model_checks, need_mb = check_model(model, verify=verify_model)
    checks += model_checks
    checks.append(check_ram(need_mb, meminfo))
    if check_device:
        checks += check_phone(device, find_adb=find_adb, run=run, find_spec=find_spec, open_device=open_device)
    return DoctorReport(tuple(checks))


# ---- python and the model ------------------------------------------------------------------------
def check_python(version_info: Sequence[int]) -> Check:
    found = ".".join(str(part) for part in tuple(version_info)[:3])
    ok = tuple(version_info)[:2] >= MIN_PYTHON
    return Check("python", ok, f"Python {found}", "" if ok else
                 "install Python 3.10 or newer (Termux: `pkg install python`), then reinstall autodroid")


def check_llama_cpp(find_spec: Callable[[str], Any]) -> Check:
    if find_spec("llama_cpp") is not None:
        return Check("llama-cpp-python", True, "llama_cpp is importable")
    return Check(
        "llama-cpp-python", False, "llama_cpp is not installed",
        "pip install 'autodroid-agent[llm]' (or: pip install llama-cpp-python==0.3.36); on Termux it builds from "
        f"source and needs `pkg install cmake clang` first ({TERMUX_GUIDE})",
    )


def check_model(name: str | None, *, verify: bool = False) -> tuple[list[Check], int | None]:
    """The model's packages or file, and its checksum. Returns the checks and the RAM it needs (MB)."""
    try:
        registry = importlib.import_module("autodroid.planner.registry")
    except ImportError as error:
        return [Check("model", False, f"model registry not available ({error})",
                      "update autodroid: this install has no autodroid.planner.registry")], None
    try:
        spec = registry.resolve(name)
    except AutodroidError as error:
        return [Check("model", False, error.message, error.fix)], None
    need_mb = _ram_need_mb(spec)
    source = spec.source
    if isinstance(source, registry.ServerSource):
        return [Check("model", True, f"{spec.name}: served by {source.describe()} (not checked here)",
                      required=False)], None
    if isinstance(source, (registry.ChunkSource, registry.PackagedFileSource)):
        state = registry.package_state(source)
        if not state.ok:
            problems = [f"missing {', '.join(state.missing)}" if state.missing else "",
                        f"wrong version {', '.join(state.wrong)}" if state.wrong else ""]
            names = list(state.missing) + [w.split("==")[0] for w in state.wrong]
            return [Check("model", False, f"{spec.name}: " + "; ".join(p for p in problems if p),
                          registry.install_command(source, names))], need_mb
    checks = [Check("model", True, f"{spec.name} ({source.describe()})")]
    checks.append(_check_model_file(registry, spec, verify))
    return checks, need_mb


def _check_model_file(registry: Any, spec: Any, verify: bool) -> Check:
    source = spec.source
    if isinstance(source, registry.ChunkSource) and not spec.assembled_path.is_file() and not verify:
        size_mb = (spec.size or 0) // 2**20
        return Check("model file", True,
                     f"not assembled yet: the first run builds {spec.assembled_path} ({size_mb} MB) and checks "
                     "its SHA-256 (or run `autodroid doctor --verify-model` now)", required=False)
    try:
        if verify:
            result = registry.verify_model(spec)
            return Check("model file", True, f"{result.path}: {result.message}")
        path = registry.model_file(spec)
    except AutodroidError as error:
        return Check("model file", False, error.message, error.fix)
    pinned = "SHA-256 checked" if spec.sha256 else "no checksum pinned; GGUF header checked"
    return Check("model file", True, f"{path} ({pinned})")


def _ram_need_mb(spec: Any) -> int | None:
    if getattr(spec, "min_ram_mb", None):
        return int(spec.min_ram_mb)
    if getattr(spec, "size", None):
        return int(spec.size * 1.25) // 2**20 + 256  # weights plus context and runtime
    return None


def check_ram(need_mb: int | None, meminfo: Path) -> Check:
    available = read_available_mb(meminfo)
    if available is None:
        return Check("free RAM", True, f"cannot read {meminfo} (not Linux/Android?); not checked", required=False)
    need = need_mb or FALLBACK_RAM_MB
    what = f"{available} MB available, the model needs about {need} MB"
    if need_mb is None:
        what += " (need unknown; assumed)"
    if available >= need:
        return Check("free RAM", True, what)
    return Check("free RAM", False, what,
                 "close other apps, pick a smaller model, or serve one from another machine "
                 f"(`--model http://HOST:PORT`; see {TERMUX_GUIDE} for model choice by RAM)")


def read_available_mb(meminfo: Path) -> int | None:
    try:
        text = meminfo.read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = {}
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            fields[key.strip()] = int(parts[0])
    kb = fields.get("MemAvailable")
    if kb is None and "MemFree" in fields:  # kernels before 3.14
        kb = fields["MemFree"] + fields.get("Cached", 0) + fields.get("Buffers", 0)
    return None if kb is None else kb // 1024


# ---- the phone -------------------------------------------------------------------------------------
NO_DEVICE_FIX = (
    "connect a phone with USB debugging on and accept its prompt (`adb devices` must list it as 'device'); "
    f"over the network: `adb connect HOST:PORT` ({EDGE_GUIDE}); in Termux on the phone: pair wireless "
    f"debugging, then `adb connect 127.0.0.1:PORT` ({TERMUX_GUIDE})"
)


def check_phone(
    device: str | None,
    *,
    find_adb: Callable[[], tuple[str | None, str]] | None,
    run: Callable[..., subprocess.CompletedProcess],
    find_spec: Callable[[str], Any],
    open_device: Callable[[str], Any] | None,
) -> list[Check]:
    """The adb checked is the one uiautomator2 will use (adbutils' choice, which may be its bundled copy);
    an adb server these checks had to start is stopped again at the end."""
    from autodroid.device import u2

    was_running = u2.adb_server_running()
    checks = _check_phone(device, find_adb or u2.adb_executable, run, find_spec, open_device)
    if not was_running and u2.adb_server_running():
        stopped = u2.stop_adb_server()
        checks.append(Check("adb server", stopped, "started for these checks and stopped again" if stopped else
                            "started for these checks and still running", "" if stopped else "run `adb kill-server`",
                            required=False))
    return checks


def _check_phone(device, find_adb, run, find_spec, open_device) -> list[Check]:
    checks = []
    adb, origin = find_adb()
    if adb:
        where = "" if origin == "PATH" else f" ({origin}{'; not on PATH' if origin.startswith('bundled') else ''})"
        checks.append(Check("adb", True, f"adb at {adb}{where}"))
        devices_check, chosen = check_devices(adb, _wanted_serial(device), run)
    else:
        checks.append(Check("adb", False, "no adb: not on PATH, and adbutils brings none for this machine",
                            "install adb: Termux `pkg install android-tools`; Debian/Ubuntu `apt install adb`; "
                            "others: Android SDK platform-tools"))
        devices_check, chosen = Check("devices", False, "no device: adb is not installed", NO_DEVICE_FIX), None
    checks.append(devices_check)

    if find_spec("uiautomator2") is None:
        checks.append(Check("uiautomator2", False, "uiautomator2 is not installed", "pip install 'autodroid-agent[device]'"))
        return checks + _skipped("uiautomator2 is not installed")
    checks.append(Check("uiautomator2", True, "uiautomator2 is importable"))
    if chosen is None:
        return checks + _skipped("no device")
    return checks + check_u2(chosen, open_device)


def _wanted_serial(device: str | None) -> str | None:
    if device:
        kind, sep, arg = device.partition(":")
        if sep and kind == "u2":
            return arg or os.environ.get("ANDROID_SERIAL") or None
        return device
    return os.environ.get("ANDROID_SERIAL") or None


def list_adb_devices(output: str) -> list[AdbDevice]:
    """Parse `adb devices`: skip the header and daemon notes (lines starting with '*')."""
    found = []
    for line in output.splitlines():
        line = line.strip()
        if not line or line.startswith(("*", "List of devices")):
            continue
        parts = line.split()
        if len(parts) >= 2:
            found.append(AdbDevice(parts[0], parts[1]))
    return found


def check_devices(adb: str, wanted: str | None, run: Callable[..., subprocess.CompletedProcess]) -> tuple[Check, str | None]:
    try:
        done = run([adb, "devices"], capture_output=True, text=True, timeout=ADB_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return Check("devices", False, f"`adb devices` did not answer in {ADB_TIMEOUT_S} s",
                     "restart adb: `adb kill-server && adb start-server`"), None
    except OSError as error:
        return Check("devices", False, f"cannot run {adb}: {error}", "reinstall adb"), None
    if done.returncode != 0:
        text = " ".join((done.stderr or done.stdout or "").split())[:200]
        return Check("devices", False, f"`adb devices` failed: {text}",
                     "restart adb: `adb kill-server && adb start-server`"), None
    devices = list_adb_devices(done.stdout)
    listing = ", ".join(f"{d.serial} ({d.state})" for d in devices)
    if wanted is not None:
        match = next((d for d in devices if d.serial == wanted), None)
        if match is None:
            return Check("devices", False, f"no device {wanted} (adb lists: {listing or 'none'})", NO_DEVICE_FIX), None
        devices = [match]
    ready = [d for d in devices if d.state == "device"]
    if not devices:
        return Check("devices", False, "no device: `adb devices` lists none", NO_DEVICE_FIX), None
    if not ready:
        states = {d.state for d in devices}
        if "unauthorized" in states:
            fix = "unlock the phone and accept 'Allow USB debugging?' (tick 'Always allow'), then run doctor again"
        elif "offline" in states:
            fix = "reconnect: replug USB or `adb reconnect`; for network adb `adb connect HOST:PORT` again"
        else:
            fix = NO_DEVICE_FIX
        return Check("devices", False, f"no usable device: {listing}", fix), None
    if len(ready) > 1:
        return Check("devices", False, f"several devices: {listing}",
                     "choose one: `autodroid doctor --device u2:SERIAL` (or set ANDROID_SERIAL)"), None
    return Check("devices", True, f"{ready[0].serial} ready" + (f" (also: {listing})" if len(devices) > 1 else "")), \
        ready[0].serial


def check_u2(serial: str, open_device: Callable[[str], Any] | None) -> list[Check]:
    """Start the uiautomator2 server on the phone, take one dump, stop the server again."""
    if open_device is None:
        from autodroid.device.registry import open_device
    try:
        device = open_device(f"u2:{serial}")
    except AutodroidError as error:
        return [Check("uiautomator2 server", False, f"{serial}: {error.message}", error.fix),
                Check("test dump", False, "not taken: no uiautomator2 server", skipped=True)]
    checks = [Check("uiautomator2 server", True, f"running on {serial}")]
    try:
        screen = device.screen()
        app = screen.package or "unknown app"
        size = f"{screen.size[0]}x{screen.size[1]}" if screen.size else "unknown size"
        if len(screen) == 0:
            checks.append(Check("test dump", False, f"empty hierarchy ({app})",
                                "unlock the phone and open any app, then run doctor again"))
        else:
            checks.append(Check("test dump", True, f"{len(screen)} nodes, {app}, {size}"))
    except AutodroidError as error:
        checks.append(Check("test dump", False, error.message, error.fix))
    finally:
        device.close()
    return checks


def _skipped(reason: str) -> list[Check]:
    return [Check("uiautomator2 server", False, f"not checked: {reason}", skipped=True),
            Check("test dump", False, f"not taken: {reason}", skipped=True)]
