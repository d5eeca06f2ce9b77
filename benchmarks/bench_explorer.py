"""Explorer coverage: recorded-graph recovery on the DroidTask apps, page/element reach on the sim apps.

DroidTask (replay:<app>?log, the exploration log only): share of the log's distinct screens and distinct
transitions found in the crawled graph (goal 100%), with the steps and seconds the crawl took (fsync per
line, as in real use).

Sim apps, default settings and budget: share of page kinds (the sim's ground-truth ``screen_kind``) and of
actionable elements (page kind, tag, resource id, description, text for unnamed ones) seen, out of those a
reference crawl sees (destructive actions allowed, per-screen limit 4, a 20,000-step budget) together with
the default crawl (the launcher is not counted); also how many screen reads (about one per step) the
default crawl took to see its last new page kind.

    python benchmarks/bench_explorer.py [--json results.json] [--no-reference] [app ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from autodroid.device.registry import open_device
from autodroid.explorer import crawl, load_graph
from autodroid.explorer.recovery import measure_recovery
from autodroid.paths import shared_dir

DROIDTASK_APPS = ("applauncher", "camera", "clock", "filemanager", "firefox", "gallery", "music", "notes",
                  "voicerecorder")
SIM_APPS = ("notes", "clock")


class Spy:
    """Records the page kind and actionable elements of every screen the crawler reads from a sim device."""

    def __init__(self, device):
        self.device = device
        self.kinds: dict[str, int] = {}  # kind -> screen reads before it was first seen
        self.elements: set[tuple] = set()
        self.reads = 0

    def __getattr__(self, name):
        return getattr(self.device, name)

    def screen(self):
        screen = self.device.screen()
        kind = self.device.screen_kind()
        self.reads += 1
        if not kind.startswith(f"{self.device.home_app}."):
            return screen  # the launcher, after back left the app: not one of the app's pages
        self.kinds.setdefault(kind, self.reads)
        for node in screen.app_nodes():
            if node.actionable and node.enabled:
                self.elements.add((kind, node.tag, node.rid, node.desc, "" if node.rid or node.desc else node.text))
        return screen


def bench_droidtask(apps, work: Path) -> list[dict]:
    droidtask = shared_dir() / "droidtask"
    rows = []
    for app in apps:
        out = work / "droidtask" / app
        started = time.perf_counter()
        stats = crawl(open_device(f"replay:{droidtask / app}?log"), out)
        seconds = time.perf_counter() - started
        recovery = measure_recovery(droidtask / app, load_graph(out))
        rows.append({"app": app, "screens": recovery.screens, "screens_found": recovery.screens_found,
                     "transitions": recovery.transitions, "transitions_found": recovery.transitions_found,
                     "steps": stats.steps, "edges": stats.edges, "seconds": round(seconds, 2),
                     "stopped": stats.stopped, "missing_transitions": recovery.missing_transitions})
    return rows


def bench_sim(apps, work: Path, reference: bool) -> list[dict]:
    rows = []
    for app in apps:
        spy = Spy(open_device(f"sim:{app}"))
        started = time.perf_counter()
        stats = crawl(spy, work / "sim" / app)
        seconds = time.perf_counter() - started
        kinds, elements = set(spy.kinds), set(spy.elements)
        ref_steps = None
        if reference:
            ref = Spy(open_device(f"sim:{app}"))
            ref_stats = crawl(ref, work / "sim-reference" / app, budget_steps=20000, allow_destructive=True,
                              per_screen_limit=4, durable=False)
            kinds |= set(ref.kinds)
            elements |= ref.elements
            ref_steps = ref_stats.steps
        rows.append({"app": app, "kinds": len(kinds), "kinds_found": len(spy.kinds),
                     "missing_kinds": sorted(kinds - set(spy.kinds)), "elements": len(elements),
                     "elements_found": len(spy.elements), "states": stats.states, "screens": stats.screens,
                     "steps": stats.steps, "seconds": round(seconds, 2), "stopped": stats.stopped,
                     "last_new_kind_at_read": max(spy.kinds.values()), "reference_steps": ref_steps})
    return rows


def _share(found: int, total: int) -> str:
    return f"{found}/{total} ({100 * found / total:.0f}%)" if total else "-"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("apps", nargs="*", help="DroidTask or sim app names (default: all)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--no-reference", action="store_true", help="sim: skip the reference crawl (faster)")
    args = parser.parse_args(argv)
    droidtask_apps = [a for a in args.apps if a in DROIDTASK_APPS] if args.apps else list(DROIDTASK_APPS)
    sim_apps = [a.removeprefix("sim:") for a in args.apps if a.startswith("sim:")] if args.apps else list(SIM_APPS)
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench_explorer_") as tmp:
        work = Path(tmp)
        if droidtask_apps:
            if shared_dir() is None:
                print("DroidTask: skipped (needs ../shared/droidtask)")
            else:
                rows = results["droidtask"] = bench_droidtask(droidtask_apps, work)
                print("DroidTask exploration logs (replay:<app>?log), recovered by the crawler")
                print(f"{'app':<14}{'screens':>14}{'transitions':>16}{'steps':>8}{'edges':>8}{'seconds':>9}")
                for r in rows:
                    print(f"{r['app']:<14}{_share(r['screens_found'], r['screens']):>14}"
                          f"{_share(r['transitions_found'], r['transitions']):>16}{r['steps']:>8}{r['edges']:>8}"
                          f"{r['seconds']:>9.2f}")
                total = lambda key: sum(r[key] for r in rows)  # noqa: E731
                print(f"{'all':<14}{_share(total('screens_found'), total('screens')):>14}"
                      f"{_share(total('transitions_found'), total('transitions')):>16}{total('steps'):>8}"
                      f"{total('edges'):>8}{sum(r['seconds'] for r in rows):>9.2f}")
        if sim_apps:
            rows = results["sim"] = bench_sim(sim_apps, work, not args.no_reference)
            print("\nSim apps, default settings and budget (denominator: default + reference crawl)"
                  if not args.no_reference else "\nSim apps, default settings and budget (denominator: default crawl)")
            print(f"{'app':<8}{'page kinds':>14}{'elements':>16}{'states':>8}{'screens':>9}{'steps':>7}"
                  f"{'all kinds by':>14}{'seconds':>9}  missing")
            for r in rows:
                print(f"{r['app']:<8}{_share(r['kinds_found'], r['kinds']):>14}"
                      f"{_share(r['elements_found'], r['elements']):>16}{r['states']:>8}{r['screens']:>9}"
                      f"{r['steps']:>7}{r['last_new_kind_at_read']:>14}{r['seconds']:>9.2f}  "
                      f"{', '.join(r['missing_kinds']) or '-'}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
