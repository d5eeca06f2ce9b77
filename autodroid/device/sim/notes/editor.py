"""Opening a note (read view) and writing one (editor with save and a discard confirmation)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import BODY, CONTENT, VIEW_GROUP, Action, toolbar
from autodroid.device.sim.notes.data import FONT_SIZES, Note, format_time, word_count_text
from autodroid.device.sim.pages import ConfirmDialog, MenuPopup
from autodroid.device.sim.widgets import Rect, View, edit_text, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.notes import NotesApp


def _font_scale(app: "NotesApp") -> float:
    return int(FONT_SIZES[app.data.font_size].rstrip("%")) / 100


class ViewPage(Page):
    kind = "notes.view"
    app: "NotesApp"

    def __init__(self, app: "NotesApp", note: Note):
        super().__init__(app)
        self.note = note

    def build(self) -> list[View | None]:
        note, data = self.note, self.app.data
        bar = toolbar(note.title, rid="note_toolbar", up=self.close, overflow=self._menu, actions=[
            Action("Edit", "edit_note", lambda: self.app.push(EditorPage(self.app, note))),
            Action("Delete", "delete_note", lambda: self.app.request_delete(note)),
        ])
        scale = _font_scale(self.app)
        per_line = max(8, int(34 / scale))
        lines = max(1, -(-len(note.body) // per_line))
        line_height = int(63 * scale)
        text_height = min(lines * line_height, BODY.height - 300)
        y = BODY.top + 42
        body = [text_view(note.body, Rect(63, y, 1017, y + text_height), rid="note_body_text")]
        y += text_height + 42
        if data.show_word_count:
            body.append(text_view(word_count_text(note.words), Rect(63, y, 1017, y + 63), rid="note_word_count"))
            y += 84
        body.append(text_view(f"Modified {format_time(note.modified)}", Rect(63, y, 1017, y + 63),
                              rid="note_modified"))
        scroll = layout("ScrollView", BODY, layout("LinearLayout", BODY, *body, rid="note_holder"),
                        rid="note_scroll")
        return [layout(VIEW_GROUP, CONTENT, bar, scroll, rid="note_coordinator")]

    def _menu(self) -> None:
        self.app.push(MenuPopup(self.app, "notes.view_menu", [
            ("Rename", lambda: self.app.rename(self.note)),
            ("Delete", lambda: self.app.request_delete(self.note)),
        ]))


class EditorPage(Page):
    """A new note (``note`` None) or an existing one. Save stores it and closes the editor."""

    kind = "notes.editor"
    app: "NotesApp"

    def __init__(self, app: "NotesApp", note: Note | None):
        super().__init__(app)
        self.note = note
        self.title = note.title if note else ""
        self.body = note.body if note else ""
        self.error = ""
        self.focus = "note_title_input" if note is None else ""

    @property
    def dirty(self) -> bool:
        original = (self.note.title, self.note.body) if self.note else ("", "")
        return (self.title, self.body) != original

    def build(self) -> list[View | None]:
        bar = toolbar("New note" if self.note is None else "Edit note", rid="editor_toolbar", up=self._up,
                      actions=[Action("Save", "save_note", self._save)])
        title = edit_text(self.title, Rect(63, BODY.top + 42, 1017, BODY.top + 189), self._set_title,
                          rid="note_title_input", hint="Title")
        bottom = BODY.bottom - (147 if self.app.data.show_word_count else 42)
        body = edit_text(self.body, Rect(63, BODY.top + 231, 1017, bottom), self._set_body,
                         rid="note_body_input", hint="Start typing your note")
        extra = []
        if self.error:
            extra.append(text_view(self.error, Rect(63, BODY.top + 189, 1017, BODY.top + 231), rid="editor_error"))
        if self.app.data.show_word_count:
            words = len(f"{self.title} {self.body}".split())
            extra.append(text_view(word_count_text(words), Rect(63, bottom + 21, 1017, bottom + 105),
                                   rid="editor_word_count"))
        return [layout(VIEW_GROUP, CONTENT, bar, title, body, *extra, rid="editor_coordinator")]

    def _set_title(self, text: str) -> None:
        self.title, self.error = text, ""

    def _set_body(self, text: str) -> None:
        self.body, self.error = text, ""

    def _save(self) -> None:
        if not self.title.strip() and not self.body.strip():
            self.error = "An empty note cannot be saved"
            return
        title = self.title.strip() or "Untitled"
        if self.note is None:
            self.app.data.add(title, self.body)
        elif self.dirty:
            self.app.data.update(self.note, title=title, body=self.body)
        self.close()

    def _up(self) -> None:
        if not self.on_back():
            self.close()

    def on_back(self) -> bool:
        if not self.dirty:
            return False
        if self.app.data.autosave:
            self._save()
            if self.error:  # nothing worth saving: leave quietly
                self.close()
            return True
        self.app.push(ConfirmDialog(self.app, "notes.discard_dialog", "Discard your changes to this note?",
                                    "Discard", self.close, cancel="Keep editing"))
        return True
