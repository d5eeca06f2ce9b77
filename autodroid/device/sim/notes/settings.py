"""Notes settings: checkboxes, a switch, font size and theme dialogs; the FAQ text for the About screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.chrome import checkbox_row, section_label, value_row
from autodroid.device.sim.notes.data import FONT_SIZES, THEMES
from autodroid.device.sim.settings_page import SettingsScreen
from autodroid.device.sim.widgets import layout, switch

if TYPE_CHECKING:
    from autodroid.device.sim.notes import NotesApp


class SettingsPage(SettingsScreen):
    kind = "notes.settings"
    app: "NotesApp"

    def rows(self) -> list:
        data = self.app.data
        return [
            section_label("Appearance", "settings_appearance_label"),
            value_row("Theme", THEMES[data.theme], self.choose("theme", "notes.theme_dialog", THEMES, "Theme"),
                      "settings_theme"),
            value_row("Font size", FONT_SIZES[data.font_size],
                      self.choose("font_size", "notes.font_size_dialog", FONT_SIZES, "Font size"), "settings_font_size"),
            section_label("Notes list", "settings_list_label"),
            checkbox_row("Show word count", data.show_word_count, self.toggle("show_word_count"),
                         "settings_show_word_count"),
            checkbox_row("Show note preview", data.show_preview, self.toggle("show_preview"),
                         "settings_show_preview"),
            section_label("Editing", "settings_editing_label"),
            checkbox_row("Use monospaced font", data.monospace, self.toggle("monospace"), "settings_monospace"),
            checkbox_row("Autosave notes", data.autosave, self.toggle("autosave"), "settings_autosave"),
            (158, lambda rect: layout("RelativeLayout", rect, switch(
                "Confirm before deleting", rect.inset(42, 21), data.confirm_delete,
                self.toggle("confirm_delete"), rid="settings_confirm_delete"), rid="settings_confirm_delete_holder")),
        ]


FAQ = (
    ("How do I sort notes?", "Open the menu, choose Sort by, pick a field and an order, then tap OK."),
    ("Can deleted notes be restored?", "No. Turn on Confirm before deleting in Settings to be asked first."),
    ("How do I search?", "Tap the search icon and type: the list shows matching titles and texts."),
    ("Why is my note not saved?", "Tap Save, or turn on Autosave notes in Settings."),
)
