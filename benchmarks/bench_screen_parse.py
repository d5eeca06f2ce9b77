"""Parse time of real uiautomator dumps (target: a ~700-node dump well under 50 ms).

Run: python benchmarks/bench_screen_parse.py [--repeats 50]
Prints median/min/max per dump; also times rendering, signature and one XPath query.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from autodroid.paths import shared_dir  # noqa: E402
from autodroid.ui.u2xml import parse_u2_xml  # noqa: E402

DUMPS = ("ad2_chrome_1.xml", "avitoparse_avito_1.xml", "u2nav_bilibili_1.xml", "llt_maps_6.xml")


def timed(fn, repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    shared = shared_dir()
    if shared is None:
        print("skipped: ../shared/u2_dumps is absent (the real dumps are test data, not shipped)")
        return 0
    print(f"{'dump':28} {'nodes':>5} {'parse ms (median, min-max)':>28} {'html+signature ms':>18} {'xpath ms':>9}")
    for name in DUMPS:
        raw = (shared / "u2_dumps" / name).read_bytes()
        screen = parse_u2_xml(raw)
        parse = timed(lambda: parse_u2_xml(raw), args.repeats)

        def render():
            fresh = parse_u2_xml(raw)
            fresh.html()
            fresh.signature

        render_ms = [r - p for r, p in zip(timed(render, args.repeats), parse)]
        xpath = timed(lambda: parse_u2_xml(raw).xpath("//*[@clickable='true']"), args.repeats)
        print(f"{name:28} {len(screen):5} {statistics.median(parse):10.2f} ({min(parse):.2f}-{max(parse):.2f})"
              f"{'':8} {statistics.median(render_ms):12.2f} {statistics.median(xpath) - statistics.median(parse):9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
