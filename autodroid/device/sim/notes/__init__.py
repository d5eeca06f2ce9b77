"""``sim:notes``: a notes app (modelled on Fossify Notes) with a scrolling list, search, editor, sort,
settings, about and FAQ screens, and confirmation dialogs."""

from __future__ import annotations

from autodroid.device.sim.app import Page, SimApp
from autodroid.device.sim.notes.data import Note, NotesData
from autodroid.device.sim.notes.editor import ViewPage
from autodroid.device.sim.notes.list_page import ListPage
from autodroid.device.sim.about import AboutPage
from autodroid.device.sim.notes.settings import FAQ, SettingsPage
from autodroid.device.sim.pages import ConfirmDialog, MenuPopup, TextInputDialog


class NotesApp(SimApp):
    name = "notes"
    package = "org.autodroid.notes"
    label = "Notes"

    def seed(self) -> None:
        self.data = NotesData.seeded()

    def root_page(self) -> Page:
        return ListPage(self)

    # operations shared by several screens
    def open_note(self, note: Note) -> None:
        self.push(ViewPage(self, note))

    def open_settings(self) -> None:
        self.push(SettingsPage(self))

    def open_about(self) -> None:
        self.push(AboutPage(self, FAQ))

    def note_menu(self, note: Note) -> None:
        self.push(MenuPopup(self, "notes.note_menu", [
            ("Open", lambda: self.open_note(note)),
            ("Rename", lambda: self.rename(note)),
            ("Delete", lambda: self.request_delete(note)),
        ]))

    def rename(self, note: Note) -> None:
        def apply(text: str) -> str | None:
            if not text.strip():
                return "The title cannot be empty"
            if text.strip() != note.title:
                self.data.update(note, title=text.strip())
            return None

        self.push(TextInputDialog(self, "notes.rename_dialog", "Rename note", note.title, apply,
                                  rid="rename_note_input", hint="Title"))

    def request_delete(self, note: Note) -> None:
        if self.data.confirm_delete:
            self.push(ConfirmDialog(self, "notes.delete_dialog", f"Delete the note \u201c{note.title}\u201d?",
                                    "Delete", lambda: self._delete(note)))
        else:
            self._delete(note)

    def _delete(self, note: Note) -> None:
        self.data.delete(note)
        self.pop_to(ListPage)
