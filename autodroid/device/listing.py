"""What devices can be used here: built-in sim apps, DroidTask replay folders, phones adb sees."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from autodroid.paths import shared_dir


def replay_folders(dataset: Path | None = None) -> list[Path]:
    root = dataset or (shared_dir() / "droidtask" if shared_dir() else None)
    if root is None or not root.is_dir():
        return []
    return sorted(folder for folder in root.iterdir() if (folder / "log.yaml").is_file())


def adb_serials() -> list[str]:
    adb = shutil.which("adb")
    if adb is None:
        return []
    try:
        out = subprocess.run([adb, "devices"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [line.split()[0] for line in out.splitlines()[1:] if line.strip().endswith("device")]


def list_devices() -> list[tuple[str, str]]:
    from autodroid.device.sim import sim_apps

    rows = [(f"sim:{app}", "built-in simulated app") for app in sim_apps()]
    for folder in replay_folders():
        tasks = len(list(folder.glob("task*.yaml")))
        rows.append((f"replay:{folder}", f"recorded DroidTask app, {tasks} task demonstrations"))
    rows += [(f"u2:{serial}", "phone seen by adb") for serial in adb_serials()]
    return rows
