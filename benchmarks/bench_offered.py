"""How often the planner OFFERS the right lines, with no model: per DroidTask task, the gold target steps
written as script lines (``autodroid.runtime.gold``, navigation steps left out: the runtime navigates) are
compared with the candidate lines the planner lists for the model (``Planner.choices``).

- ``offered``: every gold target line is among the choice lines (the model could write the task);
- ``recall``: share of gold target lines offered, over all tasks;
- ``rank``: median position of an offered gold line (0 = first);
- ``lines``: median number of choice lines per task.

Reported per leave-apps-out fold (``autodroid.bench.folds``) so retrieval knobs can be picked on the
other folds. No model, no device: a full run takes seconds.

    python benchmarks/bench_offered.py [--dataset DIR] [--folds 3] [--k 15] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from autodroid.bench.dataset import app_doc, default_dataset, discover_apps
from autodroid.droidtask import load_gold_tasks
from autodroid.planner.planner import PlanConfig, Planner
from autodroid.runtime.gold import gold_script


def fold_of(app: str, folds: int) -> int:
    try:
        from autodroid.bench.folds import fold_of as shared_fold_of
    except ImportError:  # before the benchmark suite has folds
        import hashlib

        return int(hashlib.sha256(app.encode()).hexdigest(), 16) % folds
    return shared_fold_of(app, folds)


def app_rows(folder: Path, config: PlanConfig) -> list[dict]:
    doc = app_doc(folder).doc
    planner = Planner(model=None, doc=doc, config=config)
    rows = []
    for task in load_gold_tasks(folder):
        gold = gold_script(doc, folder, task)
        targets = [s.line for s in gold.lines if s.role == "target"]
        ranked = [c.name for c in planner.candidates(task.task)]
        choices = planner.choices(task.task, ranked)
        positions = [choices.index(t) if t in choices else None for t in targets]
        rows.append({"app": folder.name, "task": task.file, "targets": len(targets), "complete": gold.complete,
                     "offered_lines": sum(p is not None for p in positions), "positions": positions,
                     "choices": len(choices), "all_offered": bool(targets) and None not in positions})
    return rows


def summarise(rows: list[dict]) -> dict:
    targets = sum(r["targets"] for r in rows)
    offered = sum(r["offered_lines"] for r in rows)
    positions = [p for r in rows for p in r["positions"] if p is not None]
    return {"tasks": len(rows), "offered": sum(r["all_offered"] for r in rows),
            "recall": round(offered / targets, 3) if targets else 0.0,
            "rank": statistics.median(positions) if positions else None,
            "lines": statistics.median(r["choices"] for r in rows) if rows else 0}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=None)
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--k", type=int, default=PlanConfig.k)
    parser.add_argument("--ranking", default=PlanConfig.ranking)
    parser.add_argument("--json", type=Path, default=None, help="write every task's row here")
    args = parser.parse_args(argv)
    dataset = args.dataset or default_dataset()
    if dataset is None:
        print("no dataset: pass --dataset or put ../shared/droidtask beside the checkout", file=sys.stderr)
        return 2
    config = PlanConfig(k=args.k, ranking=args.ranking)
    rows = [row for folder in discover_apps(dataset) for row in app_rows(folder, config)]
    print("| fold | apps | tasks | all gold lines offered | line recall | median rank | median lines |")
    print("|---|---|---|---|---|---|---|")
    means = []
    for fold in range(args.folds):
        fold_rows = [r for r in rows if fold_of(r["app"], args.folds) == fold]
        s = summarise(fold_rows)
        apps = sorted({r["app"] for r in fold_rows})
        share = s["offered"] / s["tasks"] if s["tasks"] else 0.0
        means.append(share)
        print(f"| {fold} | {', '.join(apps)} | {s['tasks']} | {s['offered']} ({share:.0%}) | {s['recall']} "
              f"| {s['rank']} | {s['lines']} |")
    s = summarise(rows)
    print(f"| all | | {s['tasks']} | {s['offered']} (fold mean {sum(means) / len(means):.0%}) | {s['recall']} "
          f"| {s['rank']} | {s['lines']} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
