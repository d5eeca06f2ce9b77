"""Text that came from a script, a model, a screen or a file, made safe to echo on a terminal or in a log.

``clean`` escapes what a terminal or a reader would act on instead of showing: C0 and C1 control
characters (ESC starts terminal escape sequences: window titles, cursor moves, hyperlinks), line and
paragraph separators (U+2028/U+2029 and newlines: they would forge a line of their own), bidirectional
overrides and isolates (they reorder what is shown), and lone surrogates (not encodable: they would
crash the print). Everything else, accents and CJK included, passes unchanged.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: object, *, keep_newlines: bool = False) -> str:
    """``text`` as one printable line (or several, with ``keep_newlines``), unsafe characters escaped."""
    text = text if isinstance(text, str) else str(text)
    if keep_newlines:
        return "\n".join(_UNSAFE.sub(_escape, line) for line in text.split("\n"))
    return _UNSAFE.sub(_escape, text)


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None
