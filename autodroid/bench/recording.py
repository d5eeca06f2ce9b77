"""A device wrapper that records every action with the node and the screen it was taken on.

Scoring needs what the agent asked the device to do, on which screen, whether the device could do it,
and how long the device took. ``RecordingDevice`` forwards everything to the wrapped device (any attribute
it does not define, such as a replay device's ``state``, passes through). It reads the screen before each
action to record it: free on replay and sim devices, one extra dump per action on a phone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from autodroid.device.base import ActionResult
from autodroid.errors import AutodroidError
from autodroid.ui.screen import Node, Screen


@dataclass(frozen=True)
class RecordedAction:
    kind: str  # tap | long_tap | set_text | scroll | back | app_start
    state: str  # the screen the action was taken on (replay: the State text; else the raw dump)
    node: Node | None
    targets: tuple[Node, ...]  # nodes the action may land on: the node, and for a tap its clickable ancestor
    text: str | None = None  # typed text (set_text), direction (scroll) or package (app_start)
    error: str | None = None  # class name of the error the device raised, e.g. "UnexploredTransition"
    message: str = ""
    seconds: float = 0.0

    def describe(self) -> str:
        if self.node is None:
            call = f"{self.kind}()"
        elif self.kind == "set_text":
            call = f"set_text({_label(self.node)}, {self.text!r})"
        else:
            call = f"{self.kind}({_label(self.node)})"
        return f"{call} -> {self.error}" if self.error else call


def _label(node: Node) -> str:
    label = node.text or node.desc or node.rid
    return f"<{node.tag} id={node.id}{' ' + repr(label) if label else ''}>"


def tap_targets(screen: Screen, node: Node) -> tuple[Node, ...]:
    """A tap lands on the node, else on its nearest clickable ancestor (as on a phone)."""
    if node.clickable or node.checkable or node.editable:
        return (node,)
    for ancestor in screen.ancestors(node):
        if ancestor.clickable:
            return (node, ancestor)
    return (node,)


class RecordingDevice:
    """Wraps a device; ``actions`` lists every action in order, failed ones included."""

    def __init__(self, inner):
        self.inner = inner
        self.actions: list[RecordedAction] = []
        self.device_seconds = 0.0  # time spent inside the wrapped device (actions and screen reads)
        self.screen_reads = 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    @property
    def spec(self) -> str:
        return self.inner.spec

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # --- reading -------------------------------------------------------------------------------
    def screen(self) -> Screen:
        started = time.perf_counter()
        try:
            return self.inner.screen()
        finally:
            self.device_seconds += time.perf_counter() - started
            self.screen_reads += 1

    def current_app(self) -> str:
        return self.inner.current_app()

    def close(self) -> None:
        self.inner.close()

    # --- actions -------------------------------------------------------------------------------
    def tap(self, node: Node) -> ActionResult:
        return self._act("tap", node, None, lambda: self.inner.tap(node))

    def long_tap(self, node: Node) -> ActionResult:
        return self._act("long_tap", node, None, lambda: self.inner.long_tap(node))

    def set_text(self, node: Node, text: str) -> ActionResult:
        return self._act("set_text", node, text, lambda: self.inner.set_text(node, text))

    def scroll(self, node: Node, direction: str = "down") -> ActionResult:
        return self._act("scroll", node, direction, lambda: self.inner.scroll(node, direction))

    def back(self) -> ActionResult:
        return self._act("back", None, None, self.inner.back)

    def app_start(self, app: str) -> ActionResult:
        return self._act("app_start", None, app, lambda: self.inner.app_start(app))

    def _act(self, kind: str, node: Node | None, text: str | None, call) -> ActionResult:
        started = time.perf_counter()
        screen = self.inner.screen()
        state = getattr(self.inner, "state", None)
        if not isinstance(state, str):
            state = screen.raw
        targets = tap_targets(screen, node) if kind == "tap" and node is not None and screen.get(node.id) == node \
            else ((node,) if node is not None else ())
        error = message = None
        try:
            result = call()
            message = result.note
            return result
        except AutodroidError as exc:
            error, message = type(exc).__name__, exc.message
            raise
        finally:
            seconds = time.perf_counter() - started
            self.device_seconds += seconds
            self.actions.append(RecordedAction(kind, state, node, targets, text, error, message or "", seconds))
