"""What the Settings screens share: a page of preference rows under a titled toolbar (one RecyclerView, as in
AOSP Settings), the radio, text and confirmation dialogs the rows open, and the rows themselves beyond
``chrome``'s: an info row (a label over a value nobody taps), a level row (a slider's step down / step up), a
message, an embedded list of data rows (networks, devices, languages), a row of action buttons and the header
naming a page's subject (a network, a device, an app)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import BODY, CONTENT, RECYCLER, VIEW_GROUP, Item, ScrollState, scroll_list, toolbar
from autodroid.device.sim.pages import ChoiceDialog, ConfirmDialog, TextInputDialog
from autodroid.device.sim.widgets import Handler, Rect, View, button, image_button, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.settings import SettingsApp

DATA_ROW = 168


class PrefPage(Page):
    """A settings screen: toolbar with the page title and an up arrow over its rows in one scrolling list. The
    list comes first in the view tree, the app bar after it (a CoordinatorLayout that declares its content
    first), so a dump lists a page's settings before its Navigate up."""

    title = ""
    app: "SettingsApp"

    def __init__(self, app: "SettingsApp"):
        super().__init__(app)
        self.scroll = ScrollState()

    def rows(self) -> list[Item]:
        raise NotImplementedError

    def build(self) -> list[View | None]:
        bar = toolbar(self.title, rid="action_bar", up=self.close)
        body = scroll_list(RECYCLER, "recycler_view", BODY, self.rows(), self.scroll)
        return [layout(VIEW_GROUP, CONTENT, body, bar, rid="settings_main_pane")]

    # ---------------------------------------------------------------- dialogs the rows open
    def choose(self, name: str, page: str, title: str, options: Sequence[str], *, target=None) -> Handler:
        """A callback opening a radio dialog (screen ``settings.<page>``) that sets the index ``name`` of
        ``target`` (the app's data by default)."""
        def open_dialog() -> None:
            owner = target if target is not None else self.app.data
            self.app.push(ChoiceDialog(self.app, f"settings.{page}", title, options, getattr(owner, name),
                                       lambda index: setattr(owner, name, index), rid=f"{page}_radio_group"))
        return open_dialog

    def toggle(self, name: str, *, target=None) -> Handler:
        def flip() -> None:
            owner = target if target is not None else self.app.data
            setattr(owner, name, not getattr(owner, name))
        return flip

    def ask_text(self, page: str, title: str, current: str, on_ok: Callable[[str], str | None], *,
                 hint: str = "", ok: str = "OK", password: bool = False) -> Handler:
        def open_dialog() -> None:
            self.app.push(TextInputDialog(self.app, f"settings.{page}", title, current, on_ok, rid=f"{page}_edit",
                                          hint=hint, ok=ok, password=password))
        return open_dialog

    def confirm(self, page: str, title: str, message: str, confirm: str, on_confirm: Handler) -> Handler:
        def open_dialog() -> None:
            self.app.push(ConfirmDialog(self.app, f"settings.{page}", message, confirm, on_confirm, title=title))
        return open_dialog


def info_row(label: str, value: str, rid: str) -> Item:
    """A label over its value, read only (Model, Android version, IP address)."""
    def build(rect: Rect) -> View:
        return layout("RelativeLayout", rect,
                      text_view(label, Rect(rect.left + 63, rect.top + 30, rect.right - 63, rect.top + 96),
                                rid=f"{rid}_label"),
                      text_view(value, Rect(rect.left + 63, rect.top + 99, rect.right - 63, rect.top + 160), rid=rid),
                      rid=f"{rid}_holder")
    return 190, build


def level_row(label: str, levels: Sequence[str], owner, name: str, rid: str) -> Item:
    """A level set with two buttons (a slider's step down and step up): the label, the level it is at, and
    Decrease / Increase buttons that move it one step (disabled at the ends)."""
    index = getattr(owner, name)

    def step(delta: int) -> Handler:
        return lambda: setattr(owner, name, max(0, min(len(levels) - 1, getattr(owner, name) + delta)))

    def build(rect: Rect) -> View:
        down = image_button(f"Decrease {label.lower()}", Rect(rect.right - 315, rect.top + 32, rect.right - 189,
                                                              rect.top + 158), step(-1), rid=f"{rid}_decrease")
        up = image_button(f"Increase {label.lower()}", Rect(rect.right - 168, rect.top + 32, rect.right - 42,
                                                            rect.top + 158), step(1), rid=f"{rid}_increase")
        down.enabled, up.enabled = index > 0, index < len(levels) - 1
        return layout("RelativeLayout", rect,
                      text_view(label, Rect(rect.left + 63, rect.top + 30, rect.right - 336, rect.top + 96),
                                rid=f"{rid}_label"),
                      text_view(levels[index], Rect(rect.left + 63, rect.top + 99, rect.right - 336, rect.top + 160),
                                rid=rid),
                      down, up, rid=f"{rid}_holder")
    return 190, build


def message_row(text: str, rid: str) -> Item:
    lines = max(1, (len(text) + 39) // 40)
    return 63 * lines + 84, lambda rect: text_view(text, rect.inset(63, 42), rid=rid)


def data_list(rid: str, rows: Sequence[Callable[[Rect], View]], *, row_height: int = DATA_ROW) -> Item:
    """A list of data rows (networks, devices) shown whole inside a settings page."""
    height = row_height * len(rows)

    def build(rect: Rect) -> View:
        return layout(RECYCLER, rect, *(make(rect.band(row_height * i, row_height)) for i, make in enumerate(rows)),
                      rid=rid)
    return height, build


def two_line_row(title: str, summary: str, on_tap: Handler | None, *, rid: str, title_rid: str,
                 summary_rid: str) -> Callable[[Rect], View]:
    """A data row: title over summary (every row has both, so the rows keep one shape)."""
    def build(rect: Rect) -> View:
        views = [text_view(title, Rect(rect.left + 63, rect.top + 24, rect.right - 63, rect.top + 96), rid=title_rid),
                 text_view(summary, Rect(rect.left + 63, rect.top + 99, rect.right - 63, rect.top + 150),
                           rid=summary_rid)]
        tappable = on_tap is not None
        return layout("LinearLayout", rect, *views, rid=rid, clickable=tappable, focusable=tappable, on_tap=on_tap)
    return build


def button_bar(*specs: tuple[str, str, bool, Handler]) -> Item:
    """A row of action buttons (Forget, Connect...): (text, rid, enabled, handler) each."""
    def build(rect: Rect) -> View:
        width = (rect.width - 42) // len(specs)
        views = []
        for i, (text, rid, enabled, handler) in enumerate(specs):
            left = rect.left + 21 + width * i
            views.append(button(text, Rect(left + 21, rect.top + 21, left + width - 21, rect.bottom - 21), handler,
                                rid=rid, enabled=enabled))
        return layout("LinearLayout", rect, *views, rid="action_buttons")
    return 189, build


def entity_header(prefix: str, title: str, summary: str, *, edit: tuple[str, str, Handler] | None = None) -> Item:
    """The page's subject (a network, a device, an app) over a status line (ids ``<prefix>_title`` and
    ``<prefix>_summary``); ``edit`` adds a pencil button (description, resource id, handler) beside the name."""
    def build(rect: Rect) -> View:
        right = 210 if edit else 63
        views = [text_view(title, Rect(rect.left + 63, rect.top + 42, rect.right - right, rect.top + 147),
                           rid=f"{prefix}_title"),
                 text_view(summary, Rect(rect.left + 63, rect.top + 150, rect.right - right, rect.top + 210),
                           rid=f"{prefix}_summary")]
        if edit:
            desc, rid, handler = edit
            views.append(image_button(desc, Rect(rect.right - 189, rect.top + 63, rect.right - 63, rect.top + 189),
                                      handler, rid=rid))
        return layout("LinearLayout", rect, *views, rid=f"{prefix}_header")
    return 252, build
