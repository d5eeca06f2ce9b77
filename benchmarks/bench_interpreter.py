"""DroidScript walker overhead per device action, with a host that does nothing. Prints medians.

    python benchmarks/bench_interpreter.py
    python benchmarks/bench_interpreter.py --repeats 21 --json

This is the interpreter's share only (parse, static check, walk, budget counting, result checks);
grounding a name on a real screen is the runtime's share and is measured with it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

try:
    import droidscript  # noqa: F401
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "interpreter"))

from droidscript import Budgets, ItemRef, run_script  # noqa: E402
from droidscript.parse import parse_script  # noqa: E402
from droidscript.tables import Tables  # noqa: E402
from droidscript.walker import Walker  # noqa: E402

N_ELEMENTS = 300  # API names in the table (a big app doc)
N_ITEMS = 50


class NoOpHost:
    def __init__(self):
        self.apis = {f"screen{i // 20}__button_{i}": "button" for i in range(N_ELEMENTS)}
        self.apis.update({"main__notes": "list", "main__title_input": "input", "dialog__order": "list"})

    def api_names(self):
        return self.apis

    def list_options(self, name):
        return ["Ascending", "Descending"] if name == "dialog__order" else []

    def item_fields(self, list_name):
        return ["delete_button"] if list_name == "main__notes" else []

    def act(self, name, method, args, item=None, field=None):
        return "" if method == "get_text" else None

    def list_items(self, name):
        return (ItemRef(name, i, i, f"note {i}") for i in range(N_ITEMS))

    def back(self):
        return None


STRAIGHT = "\n".join(
    [f"screen{i // 20}__button_{i}.tap()" for i in range(0, 200, 7)]
    + ['main__title_input.set_text("hello")', 'dialog__order.select("Descending")', "back()"]
)
LOOP = (
    "for item in main__notes:\n"
    '    if item.get_text() != "nothing":\n'
    "        item.delete_button.tap()\n"
)
MATCH = 'main__notes.match("note 42").tap()\n'


def _median_us(fn: Callable[[], int], repeats: int) -> float:
    """Median microseconds per action over ``repeats`` runs; ``fn`` returns how many actions it did."""
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        actions = fn()
        samples.append((time.perf_counter() - started) / actions * 1e6)
    return statistics.median(samples)


def measure(repeats: int) -> dict[str, float]:
    host = NoOpHost()
    budgets = Budgets(max_actions=10_000, max_reads=10_000)
    out: dict[str, float] = {}

    def whole(src: str, **kw) -> Callable[[], int]:
        return lambda: len(run_script(src, host, budgets=budgets, **kw).actions)

    def walk_only(src: str) -> Callable[[], int]:
        tables = Tables.from_host(host)
        tree, source = parse_script(src, budgets)
        return lambda: len(Walker(host, tables, source, budgets, None).run(tree).actions)

    events: list[dict] = []
    out["straight_line_run_script_us_per_action"] = _median_us(whole(STRAIGHT), repeats)
    out["straight_line_walk_only_us_per_action"] = _median_us(walk_only(STRAIGHT), repeats)
    out["straight_line_with_events_us_per_action"] = _median_us(whole(STRAIGHT, on_event=events.append), repeats)
    out["loop_over_list_run_script_us_per_action"] = _median_us(whole(LOOP), repeats)
    out["match_50_items_run_script_us_per_action"] = _median_us(whole(MATCH), repeats)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)
    results = measure(args.repeats)
    if args.json:
        print(json.dumps({"repeats": args.repeats, "api_names": N_ELEMENTS, "medians": results}, indent=2))
    else:
        print(f"droidscript walker overhead, no-op host, {N_ELEMENTS} API names, median of {args.repeats} runs")
        for name, value in results.items():
            print(f"  {name:45s} {value:8.1f} us")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
