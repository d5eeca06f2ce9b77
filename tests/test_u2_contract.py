"""The u2 device passes the shared device contract, driven through the recorded uiautomator2 fake."""

from __future__ import annotations

import pytest

from device_contract import CONTRACT_CHECKS
from u2_fake import SKIP_NO_DUMPS, fake_device, u2_dumps_dir

pytestmark = pytest.mark.skipif(u2_dumps_dir() is None, reason=SKIP_NO_DUMPS)

# A plain single-window dump, a multi-window uiautomator2 dump (status bar + app + nav bar, Chinese)
# and a dialog-only dump: the contract must hold on each shape.
CONTRACT_DUMPS = ("llt_maps_5.xml", "u2nav_bilibili_3.xml", "llt_maps_6.xml")


@pytest.mark.parametrize("dump", CONTRACT_DUMPS)
@pytest.mark.parametrize("check", CONTRACT_CHECKS, ids=lambda check: check.__name__)
def test_u2_device_contract(check, dump):
    check(lambda: fake_device(dump)[0])
