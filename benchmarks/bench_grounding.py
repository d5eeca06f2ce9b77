"""Interpreter + runtime overhead per device action on a real ~230 / ~690-node screen, no-op device.

The doc is written by the doc writer from the dump itself (one state), the script taps 40 of its
elements; the device returns the dump's screen and does nothing. Per action this measures: the walker,
screen recognition, grounding (scored selectors), the policy decision, the trace entry and the
bookkeeping around the device call. Two cases:
- same: the device returns the same Screen object every time (signature and selector index cached);
- fresh: a new Screen object after every action, as a real phone's dump would be (its signature and
  selector index are rebuilt; parsing the dump's XML is the device's cost and is not counted).
Goal: median <= 2 ms per action.

    python benchmarks/bench_grounding.py [dump.xml ...]
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time
from pathlib import Path

from autodroid.device.base import ActionResult
from autodroid.explorer.docwriter import build_doc
from autodroid.paths import shared_dir
from autodroid.runtime import run_on_device
from autodroid.runtime.policy import Policy
from autodroid.ui.screen import Screen
from autodroid.ui.u2xml import parse_u2_xml

DUMPS = ("u2nav_bilibili_1.xml", "avitoparse_avito_1.xml", "ad2_chrome_1.xml")  # 227, 323, 688 nodes
ACTIONS = 40
ROUNDS = 30


class NoOpDevice:
    spec = "noop"

    def __init__(self, screen: Screen, fresh: bool):
        self._screen, self.fresh = screen, fresh

    def screen(self) -> Screen:
        return self._screen

    def _nothing(self, *args) -> ActionResult:
        if self.fresh:  # each action leaves a new dump: same content, no cached signature or index
            self._screen = dataclasses.replace(self._screen, _by_id={})
        return ActionResult(False, "")

    tap = long_tap = set_text = scroll = _nothing

    def back(self) -> ActionResult:
        return ActionResult(False, "")

    def app_start(self, app: str) -> ActionResult:
        return ActionResult(False, "")

    def current_app(self) -> str:
        return self._screen.package

    def close(self) -> None:
        pass


def measure(path: Path) -> list[str]:
    screen = parse_u2_xml(path.read_bytes())
    doc = build_doc(path.stem, screen.package, {"s0": screen}, [], "s0")
    tappable = [e.name for e in doc.elements.values() if e.type in ("button", "checkbox", "text")]
    script = "".join(f"{tappable[i % len(tappable)]}.tap()\n" for i in range(ACTIONS))
    allow = Policy(default={"normal": "allow", "sensitive": "allow"})
    lines = [f"{path.name}: {len(screen)} nodes ({len(screen.app_nodes())} in the app window), doc with {len(doc.elements)} elements, "
             f"script of {ACTIONS} taps"]
    for fresh in (False, True):
        device = NoOpDevice(screen, fresh)
        report = run_on_device(script, doc, device, policy=allow)  # warm up, and check it really works
        assert report.ok, report.error_text
        assert len(report.actions) == ACTIONS
        per_action = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            run_on_device(script, doc, device, policy=allow)
            per_action.append((time.perf_counter() - started) / ACTIONS * 1000)
        median = statistics.median(per_action)
        lines.append(f"  {'fresh screen' if fresh else 'same screen '}: per action median {median:.3f} ms, "
                     f"min {min(per_action):.3f} ms, max {max(per_action):.3f} ms "
                     f"({'meets' if median <= 2.0 else 'MISSES'} the 2 ms goal)")
    return lines


def main(argv: list[str]) -> int:
    if argv:
        paths = [Path(a) for a in argv]
    else:
        shared = shared_dir()
        if shared is None:
            print("needs ../shared/u2_dumps (real uiautomator dumps), or pass dump files")
            return 1
        paths = [shared / "u2_dumps" / name for name in DUMPS]
    for path in paths:
        print("\n".join(measure(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
