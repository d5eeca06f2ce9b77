"""The skeleton of a simulated app: a back stack of pages (screens, dialogs, menus) over app state."""

from __future__ import annotations

from autodroid.device.sim.chrome import activity, overlay
from autodroid.device.sim.widgets import View, walk


class Page:
    """One screen, dialog or menu of an app. ``kind`` names it for tests and explorer checks
    ("notes.list", "notes.sort_dialog"); ``overlay`` pages draw as a box over a dimmed layer."""

    kind = "page"
    overlay = False

    def __init__(self, app: "SimApp"):
        self.app = app
        self.focus = ""  # short resource id of the focused text field, if any

    def build(self) -> list[View | None]:
        """Views inside android:id/content (or the box of an overlay page, as a one-item list)."""
        raise NotImplementedError

    def on_back(self) -> bool:
        """Handle the back key without leaving this page; return False to let the app pop it."""
        return False

    # helpers for handlers
    def close(self) -> None:
        self.app.remove(self)


class SimApp:
    """A stateful app. Subclasses set ``name``, ``package``, ``label`` and implement ``seed`` and
    ``root_page``. ``reset`` restores the fixed initial data; ``restart`` keeps data, reopens at the root."""

    name = ""
    package = ""
    label = ""

    def __init__(self):
        self.stack: list[Page] = []
        self.reset()

    def seed(self) -> None:
        raise NotImplementedError

    def root_page(self) -> Page:
        raise NotImplementedError

    def reset(self) -> None:
        self.seed()
        self.restart()

    def restart(self) -> None:
        self.stack = [self.root_page()]

    @property
    def top(self) -> Page:
        return self.stack[-1]

    def push(self, page: Page) -> None:
        self.stack.append(page)

    def remove(self, page: Page) -> None:
        if page in self.stack and len(self.stack) > 1:
            self.stack.remove(page)

    def pop_to(self, page_type: type) -> None:
        """Close pages above the nearest page of ``page_type``."""
        while len(self.stack) > 1 and not isinstance(self.top, page_type):
            self.stack.pop()

    def back(self) -> bool:
        """Handle the back key; False means the root page was showing and the app should be left."""
        if self.top.on_back():
            return True
        if len(self.stack) > 1:
            self.stack.pop()
            return True
        return False

    def tick(self) -> None:
        """One unit of simulated time passed (called after every effective action)."""

    def build(self) -> View:
        page = self.top
        views = page.build()
        root = overlay(views[0]) if page.overlay else activity(*views)
        for view, _ in walk(root):
            if view.editable:
                view.focused = bool(page.focus) and view.rid == page.focus
        return root
