"""Runtime errors that refine the core ones (so callers can still catch ``ElementNotFound``)."""

from __future__ import annotations

from autodroid.errors import ElementNotFound


class AmbiguousElement(ElementNotFound):
    """Several live nodes fit an element's selectors equally well; the runtime refuses to pick one."""

    default_fix = "make the doc's selectors for this element more specific (or use a list item's match())"

    def __init__(self, message: str, *, candidates: tuple[str, ...] = (), fix: str | None = None):
        super().__init__(message, fix=fix)
        self.candidates = candidates


class NavigationFailed(ElementNotFound):
    """The runtime could not reach the element's screen through the doc's navigation graph."""

    default_fix = "use an element of the current screen, or explore the app further so the path is known"


class UnsavedEdit(NavigationFailed):
    """The script typed into a form and has not saved it; navigating away would save or discard the text,
    a decision only the script may make."""

    default_fix = ("tap the form's own Save/OK element first to keep the text, or call back() to leave it "
                   "explicitly; then use the element on the other screen")


class UnnamedItem(NavigationFailed):
    """A sensitive action (send, delete...) would act on a list item the script never picked: the runtime
    opened that item's screen itself, through the row the crawl happened to record, to reach the element."""

    default_fix = "pick the item the task means first (its list's select() or match()), then the action"
