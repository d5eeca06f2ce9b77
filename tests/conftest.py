"""Shared fixtures. Tests that read ../shared skip with a clear reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from autodroid.paths import shared_dir

SHARED = shared_dir()
SKIP_NO_SHARED = "needs ../shared (DroidTask recordings and u2 dumps); absent in a fresh clone, present in CI"
DROIDTASK_APPS = ("applauncher", "camera", "clock", "filemanager", "firefox", "gallery", "music", "notes",
                  "voicerecorder")

needs_shared = pytest.mark.skipif(SHARED is None, reason=SKIP_NO_SHARED)


@pytest.fixture(scope="session")
def shared() -> Path:
    if SHARED is None:
        pytest.skip(SKIP_NO_SHARED)
    return SHARED


@pytest.fixture(scope="session")
def u2_dumps(shared: Path) -> Path:
    return shared / "u2_dumps"


@pytest.fixture(scope="session")
def droidtask(shared: Path) -> Path:
    return shared / "droidtask"
