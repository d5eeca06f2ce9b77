"""A sim app's settings screen: its rows in one scrolling list under a "Settings" toolbar. A row toggles a
boolean of the app's data (``toggle``) or opens a radio dialog that sets an index of it (``choose``)."""

from __future__ import annotations

from autodroid.device.sim.app import Page, SimApp
from autodroid.device.sim.chrome import BODY, CONTENT, VIEW_GROUP, ScrollState, scroll_list, toolbar
from autodroid.device.sim.pages import ChoiceDialog
from autodroid.device.sim.widgets import View, layout


class SettingsScreen(Page):
    def __init__(self, app: SimApp):
        super().__init__(app)
        self.scroll = ScrollState()

    def rows(self) -> list:
        """The rows, top to bottom (``chrome`` rows: section labels, checkbox and value rows)."""
        raise NotImplementedError

    def build(self) -> list[View | None]:
        items = self.rows()
        bar = toolbar("Settings", rid="settings_toolbar", up=self.close)
        body = scroll_list("android.widget.ScrollView", "settings_nested_scrollview", BODY, items, self.scroll,
                           holder_rid="settings_holder")
        return [layout(VIEW_GROUP, CONTENT, bar, body, rid="settings_coordinator")]

    def toggle(self, name: str):
        """A callback flipping the data's boolean ``name``."""
        def flip() -> None:
            setattr(self.app.data, name, not getattr(self.app.data, name))
        return flip

    def choose(self, name: str, kind: str, options: tuple[str, ...], title: str | None = None):
        """A callback opening a radio dialog (screen ``kind``) that sets the data's index ``name``."""
        def open_dialog() -> None:
            self.app.push(ChoiceDialog(self.app, kind, title, options, getattr(self.app.data, name),
                                       lambda index: setattr(self.app.data, name, index)))
        return open_dialog
