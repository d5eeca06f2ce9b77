"""The home screen the device shows after leaving an app with back: one icon per simulated app."""

from __future__ import annotations

from typing import Callable, Sequence

from autodroid.device.sim.app import Page, SimApp
from autodroid.device.sim.chrome import CONTENT, WIDTH
from autodroid.device.sim.widgets import Rect, View, layout, text_view

LAUNCHER_PACKAGE = "com.android.launcher3"
_CELL_W, _CELL_H = WIDTH // 4, 330


class HomePage(Page):
    kind = "launcher.home"

    def build(self) -> list[View | None]:
        launcher: Launcher = self.app  # type: ignore[assignment]
        icons = []
        for i, (name, label) in enumerate(launcher.entries):
            column, row = i % 4, i // 4
            left, top = column * _CELL_W, CONTENT.top + 147 + row * _CELL_H
            icon = text_view(label, Rect(left, top, left + _CELL_W, top + _CELL_H),
                             on_tap=lambda name=name: launcher.launch(name))
            icon.desc = label
            icon.long_clickable = True
            icons.append(icon)
        workspace = layout("android.view.ViewGroup", CONTENT, *icons, rid="workspace")
        return [layout("FrameLayout", CONTENT, workspace, rid="launcher")]


class Launcher(SimApp):
    name = "launcher"
    package = LAUNCHER_PACKAGE
    label = "Home"

    def __init__(self, entries: Sequence[tuple[str, str]], launch: Callable[[str], None]):
        self.entries = list(entries)  # (sim app name, icon label)
        self.launch = launch
        super().__init__()

    def seed(self) -> None:
        pass

    def root_page(self) -> Page:
        return HomePage(self)
