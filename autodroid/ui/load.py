"""Load a screen from a file: uiautomator XML dump or a DroidTask State string, detected by content."""

from __future__ import annotations

from pathlib import Path

from autodroid.errors import BadInputError, ScreenParseError
from autodroid.ui.droidtask_html import parse_droidtask_html
from autodroid.ui.screen import Screen
from autodroid.ui.u2xml import parse_u2_xml


def parse_screen(text: str | bytes) -> Screen:
    head = (text[:200].decode("utf-8", "replace") if isinstance(text, bytes) else text[:200]).lstrip()
    if head.startswith("<?xml") or head.startswith("<hierarchy"):
        return parse_u2_xml(text)
    if head.startswith("<"):
        return parse_droidtask_html(text.decode("utf-8") if isinstance(text, bytes) else text)
    raise ScreenParseError("not a screen: expected uiautomator XML or DroidTask State HTML")


def load_screen(path: str | Path) -> Screen:
    file = Path(path)
    if not file.is_file():
        raise BadInputError(f"no screen file at {file}", fix="pass the path of a hierarchy dump (.xml)")
    return parse_screen(file.read_bytes())
