"""``sim:`` devices: built-in stateful simulated apps that render real uiautomator XML.

``open_sim("notes")`` (or ``open_device("sim:notes")``) returns a ``SimDevice`` showing that app; every
simulated app is installed on it, so ``app_start("clock")`` and the launcher reach the others.
"""

from __future__ import annotations

from typing import Callable

from autodroid.device.sim.app import SimApp
from autodroid.device.sim.device import SimDevice
from autodroid.errors import BadInputError


def _notes() -> SimApp:
    from autodroid.device.sim.notes import NotesApp

    return NotesApp()


def _clock() -> SimApp:
    from autodroid.device.sim.clock import ClockApp

    return ClockApp()


_APPS: dict[str, Callable[[], SimApp]] = {"notes": _notes, "clock": _clock}


def sim_apps() -> list[str]:
    """Names of the built-in simulated apps, for ``sim:<name>`` specs."""
    return list(_APPS)


def open_sim(app: str) -> SimDevice:
    name = app.strip()
    if name not in _APPS:
        raise BadInputError(f"unknown simulated app {app!r}",
                            fix=f"use one of: {', '.join(f'sim:{n}' for n in _APPS)}")
    return SimDevice(name, {key: make() for key, make in _APPS.items()})


__all__ = ["SimDevice", "open_sim", "sim_apps"]
