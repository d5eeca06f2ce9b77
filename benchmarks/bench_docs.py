"""How well the docs written from the DroidTask exploration logs cover each app (issue 3's measures).

Run: python benchmarks/bench_docs.py
(b) reference: share of reference_doc.json elements our doc also names (on the reference's own state);
(c) gold: share of gold-task action elements (scrolls skipped) our doc names: the ceiling on success;
(d) size of the rendered doc in tokens (estimate, 3.6 chars/token) next to the reference's.
Docs come from log.yaml only (never from the task demonstrations).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from autodroid.bench.dataset import discover_apps  # noqa: E402
from autodroid.explorer.coverage import doc_tokens, gold_coverage, reference_coverage, reference_tokens  # noqa: E402
from autodroid.explorer.fromlog import doc_from_log  # noqa: E402
from autodroid.paths import shared_dir  # noqa: E402


def main() -> int:
    shared = shared_dir()
    if shared is None:
        print("skipped: ../shared/droidtask is absent")
        return 0
    print(f"{'app':14} {'screens':>7} {'APIs':>5} {'(c) gold':>14} {'(b) reference':>15} {'(d) tokens ours/ref':>20}")
    totals = [0, 0, 0, 0]
    started = time.perf_counter()
    for folder in discover_apps(shared / "droidtask"):
        doc = doc_from_log(folder)
        gold, reference = gold_coverage(doc, folder), reference_coverage(doc, folder)
        totals = [totals[0] + gold.covered, totals[1] + gold.total, totals[2] + reference.covered,
                  totals[3] + reference.total]
        print(f"{folder.name:14} {len(doc.screens):7} {len(doc.elements):5} "
              f"{gold.covered:5}/{gold.total:<3} {gold.share:5.0%} {reference.covered:5}/{reference.total:<3} "
              f"{reference.share:5.0%} {doc_tokens(doc):9} / {reference_tokens(folder)}")
        for miss in gold.misses:
            print(f"{'':16}gold miss: {miss}")
    print(f"{'all':14} {'':13} {totals[0]:5}/{totals[1]:<3} {totals[0] / totals[1]:5.0%} "
          f"{totals[2]:5}/{totals[3]:<3} {totals[2] / totals[3]:5.0%}   ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
