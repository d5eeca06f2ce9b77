"""The run trace: one JSON object per step, kept in memory and appended to a JSONL file.

Each line is written with one ``os.write`` on a file opened with ``O_APPEND``, so a crash never leaves
half a line, and a reader (or a second run) appending to the same file never interleaves inside a line.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from autodroid.errors import BadInputError
from autodroid.textsafe import clean


class Trace:
    def __init__(self, path: str | Path | None = None):
        self.entries: list[dict[str, Any]] = []
        self.path = Path(path) if path is not None else None
        self._fd: int | None = None
        self._started = time.monotonic()
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            except OSError as error:
                raise BadInputError(f"cannot write the trace file {clean(str(self.path))}: "
                                    f"{error.strerror or type(error).__name__}",
                                    fix="pass --trace a file in a folder you can write to") from None

    def add(self, event: str, **fields: Any) -> dict[str, Any]:
        entry = {"seq": len(self.entries), "t": round(time.monotonic() - self._started, 6), "event": event, **fields}
        self.entries.append(entry)
        if self._fd is not None:
            line = json.dumps(entry, ensure_ascii=False, default=str) + "\n"
            os.write(self._fd, line.encode("utf-8", "backslashreplace"))
        return entry

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "Trace":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def load_trace(path: str | Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def summarize(entries: list[dict[str, Any]]) -> str:
    """A readable account of a run: one line per device action (script steps, navigation hops, scrolls
    while searching), policy decisions that were not a plain allow, and how the run ended."""
    lines: list[str] = []
    for entry in entries:
        event = entry["event"]
        if event == "device":
            where = _screen_name(entry.get("screen_before"))
            after = _screen_name(entry.get("screen_after"))
            node = f" {entry['node']}" if entry.get("node") else ""
            args = ", ".join(repr(a) for a in entry.get("args") or [])
            status = "ok" if entry.get("ok") else f"FAILED: {entry.get('error')}"
            api = entry.get("api") or ""
            why = {"script": "", "navigation": "nav ", "search": "search ", "list": "list "}.get(entry.get("role"), "")
            lines.append(clean(f"  {why}{api}.{entry['action']}({args}){node}  [{where} -> {after}] {status}"
                               .replace(" .", " ")))
        elif event == "policy" and entry["decision"]["verdict"] != "allow":
            decision = entry["decision"]
            because = f" [{decision['why']}]" if decision.get("why") and decision["why"] != decision["reason"] else ""
            lines.append(clean(f"  policy: {entry.get('api') or 'back'} {entry['action']} -> {decision['verdict']} "
                               f"by {decision['source']}{': ' + decision['reason'] if decision['reason'] else ''}"
                               f"{because}"
                               f"{' (confirmed)' if entry.get('confirmed') else ''}"
                               f"{' (refused)' if entry.get('refused') else ''}"))
        elif event == "print":
            lines.append(f"  print: {clean(entry.get('text'))}")
    end = next((e for e in reversed(entries) if e["event"] == "run_end"), None)
    actions = sum(1 for e in entries if e["event"] == "device" and e.get("ok"))
    hops = sum(1 for e in entries if e["event"] == "device" and e.get("role") == "navigation" and e.get("ok"))
    if end is None:
        head = f"run did not finish ({actions} device actions)"
    elif end.get("ok"):
        head = f"ok: {actions} device actions ({hops} navigation), {end.get('elapsed_s', 0):.2f}s"
    else:
        first = str(end.get("error") or "").split("\n")[0] if end.get("error") else ""
        head = f"FAILED after {actions} device actions ({hops} navigation): {clean(first)}"
    return "\n".join([head, *lines])


def _screen_name(recognition: dict | None) -> str:
    if not recognition:
        return "?"
    screens = recognition.get("screens") or []
    return "/".join(screens[:2]) if screens else f"unknown:{recognition.get('signature', '')[:8]}"
