"""A tiny view framework for the simulated apps: a tree of ``View`` objects with bounds and handlers.

Apps build a fresh tree for every screen from their state; the renderer turns it into uiautomator XML and
the device dispatches actions back to the ``View`` the acted node came from. Handlers are plain callables
that mutate app state; they never return anything (the device compares renderings to tell what changed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, NamedTuple

Handler = Callable[[], None]
TextHandler = Callable[[str], None]
ScrollHandler = Callable[[str], None]  # direction: "up" / "down" / "left" / "right"


class Rect(NamedTuple):
    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    def inset(self, dx: int, dy: int = 0) -> "Rect":
        return Rect(self.left + dx, self.top + dy, self.right - dx, self.bottom - dy)

    def band(self, top: int, height: int) -> "Rect":
        """A full-width horizontal band of this rect, ``top`` pixels below its top edge."""
        return Rect(self.left, self.top + top, self.right, self.top + top + height)

    def cols(self, *widths: int) -> list["Rect"]:
        """Split into columns; a width of 0 takes what the fixed widths leave."""
        flexible = self.width - sum(widths)
        rects, x = [], self.left
        for width in widths:
            width = width or flexible
            rects.append(Rect(x, self.top, x + width, self.bottom))
            x += width
        return rects

    def right_part(self, width: int) -> "Rect":
        return Rect(self.right - width, self.top, self.right, self.bottom)

    def uiautomator(self) -> str:
        return f"[{self.left},{self.top}][{self.right},{self.bottom}]"


@dataclass
class View:
    cls: str
    rect: Rect
    rid: str = ""  # short id ("note_title") or a full framework id ("android:id/content")
    text: str = ""
    desc: str = ""
    children: list["View"] = field(default_factory=list)
    clickable: bool = False
    long_clickable: bool = False
    checkable: bool = False
    checked: bool = False
    focusable: bool = False
    focused: bool = False
    scrollable: bool = False
    enabled: bool = True
    password: bool = False
    selected: bool = False
    on_tap: Handler | None = None
    on_long_tap: Handler | None = None
    on_text: TextHandler | None = None
    on_scroll: ScrollHandler | None = None

    @property
    def editable(self) -> bool:
        return self.on_text is not None

    def add(self, *views: "View | None") -> "View":
        self.children.extend(view for view in views if view is not None)
        return self


W = "android.widget."


def layout(cls: str, rect: Rect, *children: View | None, rid: str = "", **flags) -> View:
    """A container (FrameLayout, LinearLayout, RelativeLayout, ViewGroup ...)."""
    name = cls if "." in cls else W + cls
    return View(name, rect, rid=rid, **flags).add(*children)


def text_view(text: str, rect: Rect, *, rid: str = "", on_tap: Handler | None = None, **flags) -> View:
    tappable = on_tap is not None
    return View(W + "TextView", rect, rid=rid, text=text, on_tap=on_tap, clickable=tappable,
                focusable=tappable, **flags)


def image_view(rect: Rect, *, rid: str = "", desc: str = "") -> View:
    return View(W + "ImageView", rect, rid=rid, desc=desc)


def button(text: str, rect: Rect, on_tap: Handler | None, *, rid: str = "", enabled: bool = True) -> View:
    return View(W + "Button", rect, rid=rid, text=text, on_tap=on_tap, clickable=True, focusable=True,
                enabled=enabled)


def image_button(desc: str, rect: Rect, on_tap: Handler | None, *, rid: str = "",
                 on_long_tap: Handler | None = None) -> View:
    return View(W + "ImageButton", rect, rid=rid, desc=desc, on_tap=on_tap, clickable=True, focusable=True,
                on_long_tap=on_long_tap, long_clickable=on_long_tap is not None)


def edit_text(text: str, rect: Rect, on_text: TextHandler, *, rid: str, hint: str = "",
              focused: bool = False, password: bool = False) -> View:
    # uiautomator shows the hint as the text of an empty EditText; the password flag hides nothing here.
    return View(W + "EditText", rect, rid=rid, text=text or hint, on_text=on_text, clickable=True,
                focusable=True, focused=focused, long_clickable=True, password=password)


def _compound(cls: str, text: str, rect: Rect, checked: bool, on_tap: Handler | None, rid: str,
              enabled: bool) -> View:
    return View(W + cls, rect, rid=rid, text=text, checkable=True, checked=checked, clickable=True,
                focusable=True, on_tap=on_tap, enabled=enabled)


def checkbox(text: str, rect: Rect, checked: bool, on_tap: Handler | None, *, rid: str = "",
             enabled: bool = True) -> View:
    return _compound("CheckBox", text, rect, checked, on_tap, rid, enabled)


def switch(text: str, rect: Rect, checked: bool, on_tap: Handler | None, *, rid: str = "",
           enabled: bool = True) -> View:
    return _compound("Switch", text, rect, checked, on_tap, rid, enabled)


def radio(text: str, rect: Rect, checked: bool, on_tap: Handler | None, *, rid: str = "") -> View:
    return _compound("RadioButton", text, rect, checked, on_tap, rid, True)


def walk(root: View):
    """Preorder walk yielding ``(view, parent_index)``; indices are preorder positions."""
    stack: list[tuple[View, int | None]] = [(root, None)]
    index = 0
    while stack:
        view, parent = stack.pop()
        yield view, parent
        stack.extend((child, index) for child in reversed(view.children))
        index += 1
