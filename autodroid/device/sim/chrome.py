"""Screen geometry and the composite widgets every simulated app shares: activity decor, toolbar, FAB,
dialog box, popup menu, radio group, scrolling lists and settings rows. Geometry is a 1080x2340 portrait
phone (density 2.625: a 56 dp toolbar is 147 px) with a 66 px status bar and a 126 px navigation bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from autodroid.device.sim.widgets import (
    Handler, Rect, View, button, checkbox, image_button, image_view, layout, radio, switch, text_view,
)

WIDTH, HEIGHT = 1080, 2340
SCREEN = Rect(0, 0, WIDTH, HEIGHT)
STATUS_BOTTOM = 66
NAV_TOP = 2214
CONTENT = Rect(0, STATUS_BOTTOM, WIDTH, NAV_TOP)
TOOLBAR_HEIGHT = 147
BODY = Rect(0, STATUS_BOTTOM + TOOLBAR_HEIGHT, WIDTH, NAV_TOP)
ICON = 126  # width of a toolbar action button
FAB_SIZE = 147
MARGIN = 42
RECYCLER = "androidx.recyclerview.widget.RecyclerView"
VIEW_GROUP = "android.view.ViewGroup"
TAB_BAR = Rect(0, NAV_TOP - 147, WIDTH, NAV_TOP)  # a bottom tab bar, and the body above it
TAB_BODY = Rect(0, BODY.top, WIDTH, TAB_BAR.top)


def activity(*content: View | None) -> View:
    """The decor a full-screen activity window has in a dump, with ``content`` inside android:id/content."""
    return layout(
        "FrameLayout", SCREEN,
        layout("LinearLayout", SCREEN,
               layout("FrameLayout", CONTENT, *content, rid="android:id/content")),
        View("android.view.View", Rect(0, 0, WIDTH, STATUS_BOTTOM), rid="android:id/statusBarBackground"),
        View("android.view.View", Rect(0, NAV_TOP, WIDTH, HEIGHT), rid="android:id/navigationBarBackground"),
    )


def overlay(box: View) -> View:
    """A dialog or popup window: the box over a dimmed full-screen layer (the activity below is hidden,
    as in a one-window ``uiautomator dump``)."""
    return layout("FrameLayout", SCREEN, box)


@dataclass(frozen=True)
class Action:
    desc: str
    rid: str
    on_tap: Handler


def toolbar(title: str, *, rid: str = "main_toolbar", up: Handler | None = None,
            actions: Sequence[Action] = (), overflow: Handler | None = None,
            title_view: Callable[[Rect], View] | None = None) -> View:
    """A Material toolbar: optional up arrow, title (or a custom view such as a search field), actions."""
    bar = Rect(0, STATUS_BOTTOM, WIDTH, STATUS_BOTTOM + TOOLBAR_HEIGHT)
    children: list[View] = []
    left = 0
    if up is not None:
        children.append(image_button("Navigate up", Rect(0, bar.top, ICON + 21, bar.bottom), up))
        left = ICON + 21
    right = WIDTH - (ICON if overflow is not None else 0) - ICON * len(actions)
    title_rect = Rect(left + MARGIN, bar.top, right, bar.bottom)
    if title_view is not None:
        children.append(title_view(title_rect))
    else:
        children.append(text_view(title, title_rect.inset(0, 36)))
    menu = [image_button(action.desc, Rect(right + ICON * i, bar.top, right + ICON * (i + 1), bar.bottom),
                         action.on_tap, rid=action.rid) for i, action in enumerate(actions)]
    if overflow is not None:
        more = image_button("More options", Rect(WIDTH - ICON, bar.top, WIDTH, bar.bottom), overflow)
        more.cls = "android.widget.ImageView"  # the overflow button is an ImageView in real dumps
        menu.append(more)
    if menu:
        children.append(layout("androidx.appcompat.widget.LinearLayoutCompat",
                               Rect(right, bar.top, WIDTH, bar.bottom), *menu))
    return layout(VIEW_GROUP, bar, *children, rid=rid)


def tab_bar(names: Sequence[str], selected: int, on_switch: Callable[[int], None], *, icon_inset: int) -> View:
    """A bottom bar of equal-width tabs, each an icon over its name (the tab's content description)."""
    width = WIDTH // len(names)
    tabs = []
    for i, name in enumerate(names):
        rect = Rect(i * width, TAB_BAR.top, (i + 1) * width, TAB_BAR.bottom)
        tab = layout("LinearLayout", rect,
                     image_view(Rect(rect.left + icon_inset, rect.top + 18, rect.right - icon_inset, rect.top + 81),
                                rid="tab_item_icon"),
                     text_view(name, Rect(rect.left, rect.top + 84, rect.right, rect.bottom - 12),
                               rid="tab_item_label"),
                     rid="tab_item_holder", clickable=True, focusable=True, selected=i == selected,
                     on_tap=lambda i=i: on_switch(i))
        tab.desc = name
        tabs.append(tab)
    return layout("HorizontalScrollView", TAB_BAR, layout("LinearLayout", TAB_BAR, *tabs), rid="main_tabs_holder")


def fab(desc: str, rid: str, on_tap: Handler, *, bottom: int = NAV_TOP - MARGIN) -> View:
    return image_button(desc, Rect(WIDTH - MARGIN - FAB_SIZE, bottom - FAB_SIZE, WIDTH - MARGIN, bottom),
                        on_tap, rid=rid)


# ---------------------------------------------------------------- dialogs

DIALOG = Rect(66, 0, WIDTH - 66, 0)  # horizontal extent; the height depends on the content
TITLE_HEIGHT = 147
BUTTONS_HEIGHT = 158
OPTION_HEIGHT = 147


@dataclass(frozen=True)
class DialogButton:
    text: str
    on_tap: Handler
    role: str = "positive"  # positive -> android:id/button1, negative -> button2, neutral -> button3


_BUTTON_IDS = {"positive": "android:id/button1", "negative": "android:id/button2", "neutral": "android:id/button3"}


def dialog_box(title: str | None, body_height: int, body: Callable[[Rect], list[View]],
               buttons: Sequence[DialogButton] = ()) -> View:
    """An AlertDialog box centred on the screen: title, custom body, right-aligned buttons."""
    total = (TITLE_HEIGHT if title else 42) + body_height + (BUTTONS_HEIGHT if buttons else 42)
    top = (HEIGHT - total) // 2
    box = Rect(DIALOG.left, top, DIALOG.right, top + total)
    y = top
    panels: list[View] = []
    if title:
        head = Rect(box.left, y, box.right, y + TITLE_HEIGHT)
        panels.append(layout("LinearLayout", head, text_view(title, head.inset(63, 42), rid="alertTitle"),
                             rid="topPanel"))
        y += TITLE_HEIGHT
    else:
        y += 42
    custom = Rect(box.left, y, box.right, y + body_height)
    panels.append(layout("FrameLayout", custom, layout("FrameLayout", custom, *body(custom), rid="custom"),
                         rid="customPanel"))
    y += body_height
    if buttons:
        panel = Rect(box.left, y, box.right, y + BUTTONS_HEIGHT)
        views, right = [], box.right - 21
        for spec in reversed(buttons):  # the positive button sits rightmost
            width = max(200, 36 * len(spec.text) + 84)
            views.append(button(spec.text, Rect(right - width, y + 21, right, y + 137), spec.on_tap,
                                rid=_BUTTON_IDS[spec.role]))
            right -= width + 21
        views.reverse()
        panels.append(layout("ScrollView", panel, layout("LinearLayout", panel, *views), rid="buttonPanel"))
    parent = layout("androidx.appcompat.widget.LinearLayoutCompat", box, *panels, rid="parentPanel")
    return layout("FrameLayout", box, layout("FrameLayout", box, parent, rid="android:id/content"))


def message_body(message: str, *, rid: str = "android:id/message") -> tuple[int, Callable[[Rect], list[View]]]:
    lines = max(1, (len(message) + 33) // 34)
    height = 63 * lines + 42
    return height, lambda rect: [text_view(message, rect.inset(63, 0).band(0, 63 * lines), rid=rid)]


def radio_group(rect: Rect, options: Sequence[str], selected: int, on_select: Callable[[int], None], *,
                rid: str = "dialog_radio_group") -> View:
    rows = [radio(option, rect.inset(42).band(OPTION_HEIGHT * i, OPTION_HEIGHT), i == selected,
                  (lambda i=i: on_select(i))) for i, option in enumerate(options)]
    return layout("RadioGroup", rect, *rows, rid=rid)


def popup_menu(items: Sequence[tuple[str, Handler]], *, top: int = STATUS_BOTTOM + 21) -> View:
    """An overflow menu anchored under the toolbar's right edge."""
    row = 147
    box = Rect(WIDTH - 21 - 588, top, WIDTH - 21, top + row * len(items))
    rows = []
    for i, (title, handler) in enumerate(items):
        rect = box.band(row * i, row)
        rows.append(layout("LinearLayout", rect, text_view(title, rect.inset(63, 42), rid="title"),
                           clickable=True, focusable=True, on_tap=handler))
    return layout("FrameLayout", box, layout("ListView", box, *rows))


# ---------------------------------------------------------------- scrolling lists

@dataclass
class ScrollState:
    """First visible item of a scrolling list; scrolling moves by a page of fully visible items."""

    offset: int = 0


Item = tuple[int, Callable[[Rect], View]]  # height, builder placing the item at a rect


def _fit(heights: Sequence[int], start: int, space: int) -> int:
    count, used = 0, 0
    for height in heights[start:]:
        if used + height > space:
            break
        used += height
        count += 1
    return count


def scroll_list(cls: str, rid: str, rect: Rect, items: Sequence[Item], state: ScrollState, *,
                holder_rid: str | None = None) -> View:
    """A list that shows only the items fully inside ``rect``. ``holder_rid`` wraps them in a
    LinearLayout (ScrollView style); without it they are direct children (RecyclerView style)."""
    heights = [height for height, _ in items]
    last_start = len(items)
    while last_start > 0 and _fit(heights, last_start - 1, rect.height) == len(items) - last_start + 1:
        last_start -= 1
    state.offset = max(0, min(state.offset, last_start))
    shown = _fit(heights, state.offset, rect.height)
    views, y = [], rect.top
    for height, build in items[state.offset: state.offset + shown]:
        views.append(build(Rect(rect.left, y, rect.right, y + height)))
        y += height

    def on_scroll(direction: str) -> None:
        if direction == "down":
            state.offset = min(last_start, state.offset + max(shown, 1))
        elif direction == "up":
            state.offset = max(0, state.offset - max(shown, 1))

    scrollable = last_start > 0
    if holder_rid is not None:
        views = [layout("LinearLayout", Rect(rect.left, rect.top, rect.right, max(y, rect.top)), *views,
                        rid=holder_rid)]
    return layout(cls, rect, *views, rid=rid, scrollable=scrollable, focusable=scrollable,
                  on_scroll=on_scroll if scrollable else None)


# ---------------------------------------------------------------- settings rows

def section_label(text: str, rid: str) -> Item:
    return 110, lambda rect: text_view(text.upper(), rect.inset(63, 30), rid=rid)


def checkbox_row(text: str, checked: bool, on_toggle: Handler, rid: str, *, enabled: bool = True) -> Item:
    return 158, lambda rect: layout(
        "RelativeLayout", rect, checkbox(text, rect.inset(42, 21), checked, on_toggle, rid=rid, enabled=enabled),
        rid=f"{rid}_holder")


def switch_row(text: str, checked: bool, on_toggle: Handler, rid: str, *, summary: str = "",
               enabled: bool = True) -> Item:
    """A switch preference: the Switch carries the title; an optional summary line sits under it."""
    def build(rect: Rect) -> View:
        views = [switch(text, Rect(rect.left + 42, rect.top + 21, rect.right - 42, rect.top + 137), checked,
                        on_toggle, rid=rid, enabled=enabled)]
        if summary:
            views.append(text_view(summary, Rect(rect.left + 63, rect.top + 137, rect.right - 126, rect.top + 195),
                                   rid=f"{rid}_summary"))
        return layout("RelativeLayout", rect, *views, rid=f"{rid}_holder")
    return (210 if summary else 158), build


def value_row(label: str, value: str, on_tap: Handler, rid: str, *, enabled: bool = True) -> Item:
    def build(rect: Rect) -> View:
        return layout("RelativeLayout", rect,
                      text_view(label, Rect(rect.left + 63, rect.top + 30, rect.right - 63, rect.top + 96),
                                rid=f"{rid}_label"),
                      text_view(value, Rect(rect.left + 63, rect.top + 99, rect.right - 63, rect.top + 160), rid=rid),
                      rid=f"{rid}_holder", clickable=enabled, focusable=enabled, enabled=enabled,
                      on_tap=on_tap if enabled else None)
    return 190, build


def link_row(text: str, on_tap: Handler, rid: str) -> Item:
    return 158, lambda rect: layout("RelativeLayout", rect, text_view(text, rect.inset(63, 45), rid=rid),
                                    rid=f"{rid}_holder", clickable=True, focusable=True, on_tap=on_tap)


def plain_row(text: str, rid: str, height: int = 126) -> Item:
    return height, lambda rect: text_view(text, rect.inset(63, 21), rid=rid)
