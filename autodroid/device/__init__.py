"""Devices: the ``Device`` protocol, offline devices (sim, replay) and the real phone (u2)."""

from autodroid.device.base import ActionResult, Device, DIRECTIONS
from autodroid.device.registry import open_device

__all__ = ["ActionResult", "Device", "DIRECTIONS", "open_device"]
