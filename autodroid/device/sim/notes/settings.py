"""Notes settings: checkboxes, a switch, font size and theme dialogs; the FAQ text for the About screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import (
    BODY, CONTENT, VIEW_GROUP, ScrollState, checkbox_row, scroll_list, section_label, toolbar, value_row,
)
from autodroid.device.sim.notes.data import FONT_SIZES, THEMES
from autodroid.device.sim.pages import ChoiceDialog
from autodroid.device.sim.widgets import View, layout, switch

if TYPE_CHECKING:
    from autodroid.device.sim.notes import NotesApp


class SettingsPage(Page):
    kind = "notes.settings"
    app: "NotesApp"

    def __init__(self, app: "NotesApp"):
        super().__init__(app)
        self.scroll = ScrollState()

    def build(self) -> list[View | None]:
        data = self.app.data
        items = [
            section_label("Appearance", "settings_appearance_label"),
            value_row("Theme", THEMES[data.theme], self._theme, "settings_theme"),
            value_row("Font size", FONT_SIZES[data.font_size], self._font_size, "settings_font_size"),
            section_label("Notes list", "settings_list_label"),
            checkbox_row("Show word count", data.show_word_count, self._toggle("show_word_count"),
                         "settings_show_word_count"),
            checkbox_row("Show note preview", data.show_preview, self._toggle("show_preview"),
                         "settings_show_preview"),
            section_label("Editing", "settings_editing_label"),
            checkbox_row("Use monospaced font", data.monospace, self._toggle("monospace"), "settings_monospace"),
            checkbox_row("Autosave notes", data.autosave, self._toggle("autosave"), "settings_autosave"),
            (158, lambda rect: layout("RelativeLayout", rect, switch(
                "Confirm before deleting", rect.inset(42, 21), data.confirm_delete,
                self._toggle("confirm_delete"), rid="settings_confirm_delete"), rid="settings_confirm_delete_holder")),
        ]
        bar = toolbar("Settings", rid="settings_toolbar", up=self.close)
        body = scroll_list("android.widget.ScrollView", "settings_nested_scrollview", BODY, items, self.scroll,
                           holder_rid="settings_holder")
        return [layout(VIEW_GROUP, CONTENT, bar, body, rid="settings_coordinator")]

    def _toggle(self, name: str):
        def toggle() -> None:
            setattr(self.app.data, name, not getattr(self.app.data, name))
        return toggle

    def _theme(self) -> None:
        self.app.push(ChoiceDialog(self.app, "notes.theme_dialog", "Theme", THEMES, self.app.data.theme,
                                   lambda i: setattr(self.app.data, "theme", i)))

    def _font_size(self) -> None:
        self.app.push(ChoiceDialog(self.app, "notes.font_size_dialog", "Font size", FONT_SIZES,
                                   self.app.data.font_size, lambda i: setattr(self.app.data, "font_size", i)))


FAQ = (
    ("How do I sort notes?", "Open the menu, choose Sort by, pick a field and an order, then tap OK."),
    ("Can deleted notes be restored?", "No. Turn on Confirm before deleting in Settings to be asked first."),
    ("How do I search?", "Tap the search icon and type: the list shows matching titles and texts."),
    ("Why is my note not saved?", "Tap Save, or turn on Autosave notes in Settings."),
)
