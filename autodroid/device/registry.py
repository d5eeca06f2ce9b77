"""Device specs as strings (``sim:<app>``, ``replay:<folder>``, ``u2:<serial>``) resolved by a registry.

Built-in kinds register through the same ``register`` call as anything added later; a duplicate kind is
an error.
"""

from __future__ import annotations

from typing import Callable

from autodroid.device.base import Device
from autodroid.errors import BadInputError

Opener = Callable[[str], Device]
_OPENERS: dict[str, Opener] = {}
_DESCRIPTIONS: dict[str, str] = {}


def register(kind: str, opener: Opener, description: str) -> None:
    if kind in _OPENERS:
        raise ValueError(f"device kind {kind!r} is already registered")
    _OPENERS[kind] = opener
    _DESCRIPTIONS[kind] = description


def _ensure_builtins() -> None:
    if _OPENERS:
        return
    from autodroid.device import builtins  # noqa: F401  (registers sim, replay, u2)


def kinds() -> dict[str, str]:
    _ensure_builtins()
    return dict(_DESCRIPTIONS)


def open_device(spec: str) -> Device:
    """Open a device from its spec string, e.g. ``sim:notes`` or ``replay:../shared/droidtask/clock``."""
    _ensure_builtins()
    kind, sep, arg = spec.partition(":")
    if not sep or kind not in _OPENERS:
        known = ", ".join(_DESCRIPTIONS[k].split(" ", 1)[0] for k in _OPENERS)
        raise BadInputError(f"unknown device spec {spec!r}", fix=f"use one of {known}")
    return _OPENERS[kind](arg)
