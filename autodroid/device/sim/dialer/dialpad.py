"""The dialpad (a number field, 0-9 * # keys, backspace, the call button) and the in-call screen (mute,
speaker, hold, an in-call dialpad, end call)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import CONTENT, VIEW_GROUP, toolbar
from autodroid.device.sim.dialer.data import TYPED_CHARACTERS, Call, dial_digits
from autodroid.device.sim.widgets import Rect, View, edit_text, image_button, image_view, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.dialer import DialerApp

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")
KEY_W, KEY_H = 300, 190


def key_grid(rect: Rect, on_key: Callable[[str], None], *, rid: str) -> View:
    """The twelve keys, four rows of three centred in ``rect``, as a grid whose cells are alike (a digit in
    a clickable holder)."""
    left0 = rect.left + (rect.width - 3 * KEY_W) // 2
    keys = []
    for i, key in enumerate(KEYS):
        row, column = divmod(i, 3)
        cell = Rect(left0 + column * KEY_W, rect.top + row * KEY_H, left0 + (column + 1) * KEY_W,
                    rect.top + (row + 1) * KEY_H)
        digit = text_view(key, Rect(cell.left + 90, cell.top + 40, cell.right - 90, cell.top + 150),
                          rid="dialpad_key_digit")
        keys.append(layout("RelativeLayout", cell, digit, rid="dialpad_key_holder", clickable=True,
                           focusable=True, on_tap=lambda key=key: on_key(key)))
    return layout("GridView", rect, *keys, rid=rid)


class DialpadPage(Page):
    kind = "dialer.dialpad"
    app: "DialerApp"

    def __init__(self, app: "DialerApp"):
        super().__init__(app)
        self.number = ""
        self.focus = "dialpad_input"

    def build(self) -> list[View | None]:
        bar = toolbar("", rid="dialpad_toolbar", up=self.close)
        field_top = 1010
        views: list[View | None] = [bar]
        views.append(layout("RelativeLayout", Rect(0, field_top, 1080, field_top + 168),
                            edit_text(self.number, Rect(168, field_top + 10, 870, field_top + 158), self._type,
                                      rid="dialpad_input", hint="Enter a number"),
                            image_button("Backspace", Rect(891, field_top + 21, 1017, field_top + 147), self._backspace,
                                         rid="dialpad_backspace", on_long_tap=self._clear_all),
                            rid="dialpad_input_holder"))
        grid_top = field_top + 189
        views.append(key_grid(Rect(0, grid_top, 1080, grid_top + 4 * KEY_H), self._key,
                              rid="dialpad_grid"))
        call_top = grid_top + 4 * KEY_H + 21
        views.append(image_button("Call", Rect(466, call_top, 614, call_top + 147), self._call,
                                  rid="dialpad_call_button"))
        return [layout(VIEW_GROUP, CONTENT, *views, rid="dialpad_coordinator")]

    def _type(self, text: str) -> None:
        self.number = "".join(char for char in text if char in TYPED_CHARACTERS)

    def _key(self, key: str) -> None:
        self.number += key

    def _backspace(self) -> None:
        self.number = self.number[:-1]

    def _clear_all(self) -> None:
        self.number = ""

    def _call(self) -> None:
        if dial_digits(self.number):
            self.app.call_number(self.number)


class CallPage(Page):
    """An outgoing call. The toggles change the call's record; ending it (or leaving) closes the screen."""

    kind = "dialer.call"
    app: "DialerApp"

    def __init__(self, app: "DialerApp", call: Call):
        super().__init__(app)
        self.call = call
        self.keypad = False

    def build(self) -> list[View | None]:
        call, top = self.call, CONTENT.top
        status = "On hold" if call.on_hold else "Calling\u2026"
        views: list[View | None] = [
            image_view(Rect(414, top + 147, 666, top + 399), rid="caller_avatar"),
            text_view(call.name or call.number, Rect(63, top + 441, 1017, top + 546), rid="caller_name_label"),
            text_view(call.number if call.name else "", Rect(63, top + 556, 1017, top + 619), rid="caller_number"),
            text_view(status, Rect(63, top + 640, 1017, top + 703), rid="call_status_label"),
        ]
        if self.keypad:
            views.append(text_view(call.tones, Rect(63, top + 735, 1017, top + 819), rid="call_dialpad_input"))
            views.append(key_grid(Rect(0, top + 840, 1080, top + 840 + 4 * KEY_H), self._tone,
                                  rid="call_dialpad_grid"))
        toggles_top = top + 1659
        for i, (desc, rid, checked, handler) in enumerate((
                ("Mute", "call_toggle_microphone", call.muted, self._mute),
                ("Speaker", "call_toggle_speaker", call.speaker, self._speaker),
                ("Hold", "call_toggle_hold", call.on_hold, self._hold),
                ("Dialpad", "call_dialpad", self.keypad, self._keypad))):
            views.append(View("android.widget.ImageView", Rect(42 + 249 * i, toggles_top, 291 + 249 * i,
                                                               toggles_top + 168),
                              rid=rid, desc=desc, checkable=True, checked=checked, clickable=True, focusable=True,
                              on_tap=handler))
        views.append(image_button("End call", Rect(466, toggles_top + 210, 614, toggles_top + 357), self.end,
                                  rid="call_end"))
        return [layout(VIEW_GROUP, CONTENT, *views, rid="call_holder")]

    def _mute(self) -> None:
        self.call.muted = not self.call.muted

    def _speaker(self) -> None:
        self.call.speaker = not self.call.speaker

    def _hold(self) -> None:
        self.call.on_hold = not self.call.on_hold

    def _keypad(self) -> None:
        self.keypad = not self.keypad

    def _tone(self, key: str) -> None:
        self.call.tones += key

    def end(self) -> None:
        self.call.ended = True
        self.close()

    def on_back(self) -> bool:
        if self.keypad:
            self.keypad = False
        else:
            self.end()
        return True
