"""The narrow ``Device`` protocol every device implements (sim, replay, u2), and what an action returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

from autodroid.ui.screen import Node, Screen

Direction = Literal["up", "down", "left", "right"]
DIRECTIONS: tuple[str, ...] = ("up", "down", "left", "right")


@dataclass(frozen=True)
class ActionResult:
    """What happened after an action.

    ``changed`` is False when the screen stayed the same. ``note`` carries a device-specific remark,
    for example which of several recorded outcomes a replay device chose.
    """

    changed: bool
    note: str = ""


@runtime_checkable
class Device(Protocol):
    """A phone (or a stand-in for one). Nodes passed in come from this device's latest ``screen()``.

    Errors: ``DeviceError`` (broken/unreachable: retry or reconnect), ``ElementNotFound`` (the node is
    not on the current screen), ``UnexploredTransition`` (a recorded device has no outcome for this
    action; the screen is unchanged).
    """

    spec: str

    def screen(self) -> Screen: ...

    def tap(self, node: Node) -> ActionResult: ...

    def long_tap(self, node: Node) -> ActionResult: ...

    def set_text(self, node: Node, text: str) -> ActionResult: ...

    def scroll(self, node: Node, direction: Direction = "down") -> ActionResult: ...

    def back(self) -> ActionResult: ...

    def app_start(self, app: str) -> ActionResult: ...

    def current_app(self) -> str: ...

    def close(self) -> None: ...


class DeviceBase:
    """Shared plumbing: context manager and a ``reset`` default. Subclasses implement the protocol."""

    spec: str = ""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:  # pragma: no cover - overridden where there is something to release
        pass

    def check_direction(self, direction: str) -> None:
        if direction not in DIRECTIONS:
            from autodroid.errors import BadInputError

            raise BadInputError(
                f"unknown scroll direction {direction!r}", fix=f"use one of {', '.join(DIRECTIONS)}"
            )
