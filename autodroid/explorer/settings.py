"""Crawl settings with per-device-kind defaults, the stats a crawl reports, and state identity."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from autodroid.ui.screen import Screen

DETERMINISTIC_KINDS = ("replay", "sim")  # devices whose behaviour is a function of the actions since reset


@dataclass
class CrawlConfig:
    app: str
    budget_steps: int = 1000  # device actions in the whole graph, resumed runs included
    budget_seconds: float = 1800.0  # wall time of this run
    allow_destructive: bool = False
    destructive_words: tuple[str, ...] | None = None  # None: safety.DESTRUCTIVE_WORDS
    per_screen_limit: int = 2  # states of one screen on which the same element action is tried; 0 = no limit
    sample_text: str = "test"
    scroll_directions: tuple[str, ...] = ("down", "up")
    tap_inherited: bool = False  # also tap labelled children of clickable containers
    probe_depth: int = 2  # how many earlier transitions a history-dependent outcome may depend on
    restart_cost: int = 3  # in actions, when choosing between walking and restarting
    durable: bool = True  # fsync every line (a crash of the machine, not only the process, loses nothing)

    @classmethod
    def for_device(cls, device, app: str, **overrides) -> "CrawlConfig":
        """Defaults by device kind. Recorded (replay) devices act instantly and touch nothing real: no
        per-screen limit, destructive actions allowed (the recorded ones are part of the app's graph), only
        the recorded scroll direction, cheap restarts, and a large step budget (most tries are unrecorded
        and fail at once)."""
        kind = device_kind(device)
        base = cls(app=app)
        if kind == "replay":
            base.per_screen_limit, base.allow_destructive = 0, True
            base.scroll_directions, base.restart_cost, base.budget_steps = ("down",), 1, 20000
        elif kind == "sim":
            base.restart_cost = 1
        for name, value in overrides.items():
            if value is not None:
                setattr(base, name, value)
        return base


@dataclass
class CrawlStats:
    app: str
    graph_path: Path
    steps: int = 0  # device actions in the graph (all runs)
    run_steps: int = 0  # device actions taken by this run (the replay that restores a resumed device excluded)
    states: int = 0
    screens: int = 0
    edges: int = 0
    transitions: int = 0
    unexplored: int = 0
    skipped_destructive: int = 0
    errors: int = 0
    elapsed: float = 0.0
    budget_steps: int = 0
    budget_seconds: float = 0.0
    stopped: str = ""  # complete | step budget | time budget | device error | interrupted
    message: str = ""
    resumed: bool = False

    def line(self) -> str:
        return (f"{self.steps} steps, {self.states} states, {self.screens} screens, {self.edges} edges "
                f"({self.transitions} transitions, {self.unexplored} unexplored, "
                f"{self.skipped_destructive} skipped as destructive), {self.elapsed:.1f}s"
                + (f" [{self.stopped}]" if self.stopped else ""))


def device_kind(device) -> str:
    return str(getattr(device, "spec", "")).partition(":")[0]


def state_identity(screen: Screen) -> str:
    """Recorded (DroidTask) screens are identified by their exact State text; live screens by their
    package and rendered HTML (app window, informative nodes), which drops bounds and other volatile
    details."""
    if screen.source == "droidtask":
        basis = screen.raw
    else:
        basis = screen.package + "\n" + screen.html()
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()


def default_app_name(device) -> str:
    """The app a device shows: the sim app's name, the replay folder's name, else the foreground package."""
    for attribute in ("home_app", "app"):
        value = getattr(device, attribute, None)
        if isinstance(value, str) and value:
            return value
    return device.current_app()
