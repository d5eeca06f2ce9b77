"""The replay device passes the shared device contract on recorded DroidTask apps."""

from __future__ import annotations

import pytest

from autodroid.device import open_device
from device_contract import CONTRACT_CHECKS
from tests.conftest import SHARED, needs_shared


@needs_shared
@pytest.mark.parametrize("spec", ["clock?log", "filemanager", "notes?tasks=task1.yaml"])
@pytest.mark.parametrize("check", CONTRACT_CHECKS, ids=lambda check: check.__name__)
def test_replay_device_contract(check, spec):
    check(lambda: open_device(f"replay:{SHARED / 'droidtask' / spec}"))
