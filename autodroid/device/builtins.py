"""Registers the built-in device kinds. Each opener imports its module only when used."""

from __future__ import annotations

from autodroid.device.registry import register


def _open_sim(arg: str):
    from autodroid.device.sim import open_sim

    return open_sim(arg)


def _open_replay(arg: str):
    from autodroid.device.replay import open_replay

    return open_replay(arg)


def _open_u2(arg: str):
    from autodroid.device.u2 import open_u2

    return open_u2(arg)


register("sim", _open_sim, "sim:<app> a built-in simulated app (notes, clock, calendar, contacts)")
register("replay", _open_replay, "replay:<folder>[?log] a recorded DroidTask app; ?log = exploration log only")
register("u2", _open_u2, "u2:<serial|ip:port> a real phone over adb (pip install 'autodroid-agent[device]')")
