"""Where a benchmark ran: CPUs, platform, Python, load average, and the code version (git commit)."""

from __future__ import annotations

import os
import platform
import subprocess

from autodroid import paths


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def code_version() -> str | None:
    """``<commit>`` or ``<commit>+dirty`` of the checkout the package runs from; None outside git."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=paths.PROJECT_DIR,
                                capture_output=True, text=True, timeout=5)
        if commit.returncode != 0:
            return None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "autodroid",
                                "interpreter"], cwd=paths.PROJECT_DIR, capture_output=True, text=True, timeout=5)
        return commit.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return None


def machine() -> dict:
    return {"cpus": cpus(), "platform": platform.platform(), "python": platform.python_version(),
            "load_average_at_start": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
            "code": code_version()}
