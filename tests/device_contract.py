"""Checks every Device kind must pass (u2 through the recorded fake, sim, replay).

Each check takes ``make_device``: a zero-argument callable returning a fresh, open device showing a
screen with at least one tappable node. Use from a test module like this:

    from device_contract import CONTRACT_CHECKS

    @pytest.mark.parametrize("check", CONTRACT_CHECKS, ids=lambda check: check.__name__)
    def test_device_contract(check):
        check(lambda: open_device("sim:notes"))
"""

from __future__ import annotations

import dataclasses
from typing import Callable

import pytest

from autodroid.device.base import ActionResult, Device
from autodroid.errors import BadInputError, ElementNotFound, UnexploredTransition
from autodroid.ui.screen import Node, Screen

MakeDevice = Callable[[], Device]


def _opened(make_device: MakeDevice) -> Device:
    device = make_device()
    assert isinstance(device, Device), f"{type(device).__name__} does not implement the Device protocol"
    return device


def _tappable(screen: Screen) -> Node:
    # Recorded DroidTask screens carry no bounds; every other kind must give tappable nodes an area.
    candidates = [n for n in screen.app_nodes() if n.clickable and (n.bounds is None if screen.source == "droidtask"
                                                                   else n.area > 0)]
    assert candidates, "the contract needs a screen with at least one clickable node in the app window"
    return candidates[0]


def has_spec(make_device: MakeDevice) -> None:
    device = _opened(make_device)
    try:
        assert isinstance(device.spec, str) and ":" in device.spec, f"spec {device.spec!r} is not kind:arg"
    finally:
        device.close()


def screen_returns_nodes(make_device: MakeDevice) -> None:
    device = _opened(make_device)
    try:
        screen = device.screen()
        assert isinstance(screen, Screen)
        assert len(screen) > 0 and all(isinstance(node, Node) for node in screen)
        assert screen.app_nodes(), "no node belongs to the app window"
        for node in screen:
            assert screen.node(node.id) is node
    finally:
        device.close()


def unknown_node_raises_element_not_found(make_device: MakeDevice) -> None:
    device = _opened(make_device)
    try:
        screen = device.screen()
        real = _tappable(screen)
        ghost = dataclasses.replace(real, id=max(node.id for node in screen) + 1000)
        with pytest.raises(ElementNotFound):
            device.tap(ghost)
        altered = dataclasses.replace(real, text=real.text + " (not on this screen)")
        with pytest.raises(ElementNotFound):
            device.tap(altered)
    finally:
        device.close()


def tap_returns_action_result(make_device: MakeDevice) -> None:
    device = _opened(make_device)
    try:
        node = _tappable(device.screen())
        try:
            result = device.tap(node)
        except UnexploredTransition:
            return  # a recorded device may lack this outcome; that is an allowed, explicit answer
        assert isinstance(result, ActionResult) and isinstance(result.changed, bool)
    finally:
        device.close()


def scroll_rejects_unknown_direction(make_device: MakeDevice) -> None:
    device = _opened(make_device)
    try:
        node = _tappable(device.screen())
        with pytest.raises(BadInputError):
            device.scroll(node, "sideways")  # type: ignore[arg-type]
    finally:
        device.close()


def back_returns_action_result(make_device: MakeDevice) -> None:
    device = _opened(make_device)
    try:
        device.screen()
        try:
            result = device.back()
        except UnexploredTransition:
            return
        assert isinstance(result, ActionResult) and isinstance(result.changed, bool)
    finally:
        device.close()


def current_app_is_str(make_device: MakeDevice) -> None:
    device = _opened(make_device)
    try:
        app = device.current_app()
        assert isinstance(app, str) and app, f"current_app() returned {app!r}"
    finally:
        device.close()


def close_is_idempotent(make_device: MakeDevice) -> None:
    device = _opened(make_device)
    device.screen()
    device.close()
    device.close()


CONTRACT_CHECKS = (
    has_spec,
    screen_returns_nodes,
    unknown_node_raises_element_not_found,
    tap_returns_action_result,
    scroll_rejects_unknown_direction,
    back_returns_action_result,
    current_app_is_str,
    close_is_idempotent,
)
