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
