"""Pick a planner variant the honest way: for each leave-apps-out fold, the variant with the best mean score
on the OTHER folds is chosen, and its score on the held-out fold is what gets reported.

Input: one `autodroid bench accuracy --folds N` results folder per variant (same agent, same tasks).

    python benchmarks/select_under_folds.py --agent ours --score success \\
        lexical=/tmp/run_a word-lists=/tmp/run_b [--markdown OUT.md]

Prints, per fold: every variant's score there, the variant the other folds pick, and its held-out score;
then the mean of the held-out scores (the number to report) and the variant every fold's pick agrees on,
if any (the one to ship). Ties on the other folds go to the first variant listed (list the older code
first), or, with ``--sim NAME=SIM_RESULTS`` for every variant, to the one passing more tasks of the sim set
(`autodroid bench sim`): other apps than every fold's, so the held-out fold still plays no part in the pick.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path


def fold_rates(folder: Path, agent: str, score: str) -> dict[int, tuple[int, int]]:
    """fold -> (tasks with ``score`` true, tasks) for ``agent`` in a results folder."""
    data = json.loads((Path(folder) / "accuracy.json").read_text(encoding="utf-8"))
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row in data["tasks"]:
        if row["agent"] != agent or row.get("fold") is None:
            continue
        counts[row["fold"]][0] += bool(row.get(score))
        counts[row["fold"]][1] += 1
    if not counts:
        raise SystemExit(f"{folder}: no {agent} rows with a fold (run the bench with --folds N)")
    return {fold: (hit, total) for fold, (hit, total) in counts.items()}


def sim_passes(folder: Path, agent: str) -> int:
    """How many sim tasks ``agent`` passed in an `autodroid bench sim` results folder."""
    rows = [json.loads(line) for line in (Path(folder) / "results.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    if not any(row.get("agent") == agent for row in rows):
        raise SystemExit(f"{folder}: no {agent} rows (run `autodroid bench sim --agents {agent}`)")
    return sum(1 for row in rows if row.get("agent") == agent and row.get("pass"))


def select(rates: dict[str, dict[int, tuple[int, int]]], sim: dict[str, int] | None = None) -> list[dict]:
    """Per fold: the variant with the best mean rate over the other folds (ties: more ``sim`` passes, then
    the first listed), and its held-out rate."""
    folds = sorted({f for r in rates.values() for f in r})
    rows = []
    for fold in folds:
        def others(variant: str) -> float:
            shares = [h / t for f, (h, t) in rates[variant].items() if f != fold and t]
            return sum(shares) / len(shares) if shares else 0.0

        pick = max(rates, key=lambda v: (others(v), (sim or {}).get(v, 0), -list(rates).index(v)))
        hit, total = rates[pick].get(fold, (0, 0))
        rows.append({"fold": fold, "pick": pick, "held_out": hit / total if total else 0.0,
                     "scores": {v: rates[v].get(fold, (0, 0)) for v in rates}})
    return rows


def render(rows: list[dict], score: str) -> str:
    variants = list(rows[0]["scores"])
    lines = [f"| fold | {' | '.join(variants)} | picked on the other folds | held-out {score} |",
             "|---|" + "---|" * (len(variants) + 2)]
    for row in rows:
        cells = [f"{h}/{t}" for h, t in row["scores"].values()]
        lines.append(f"| {row['fold']} | {' | '.join(cells)} | {row['pick']} | {row['held_out']:.1%} |")
    mean = sum(r["held_out"] for r in rows) / len(rows)
    picks = {r["pick"] for r in rows}
    lines.append(f"\nmean held-out {score}: {mean:.1%}; "
                 + (f"every fold picks {picks.pop()}" if len(picks) == 1 else f"folds disagree: {sorted(picks)}"))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("variants", nargs="+", help="NAME=RESULTS_FOLDER, one per variant")
    parser.add_argument("--agent", default="ours")
    parser.add_argument("--score", default="success", help="success | strict | published")
    parser.add_argument("--markdown", type=Path, default=None)
    parser.add_argument("--sim", nargs="*", default=[], help="NAME=SIM_RESULTS_FOLDER per variant: breaks ties")
    args = parser.parse_args(argv)
    rates = {}
    for item in args.variants:
        name, _, folder = item.partition("=")
        if not folder:
            print(f"bad variant {item!r}: write NAME=RESULTS_FOLDER", file=sys.stderr)
            return 2
        rates[name] = fold_rates(Path(folder), args.agent, args.score)
    sim = {}
    for item in args.sim:
        name, _, folder = item.partition("=")
        if name not in rates or not folder:
            print(f"bad --sim {item!r}: write NAME=SIM_RESULTS_FOLDER for a variant named above", file=sys.stderr)
            return 2
        sim[name] = sim_passes(Path(folder), args.agent)
    if sim and set(sim) != set(rates):
        print(f"--sim needs every variant or none; missing: {', '.join(sorted(set(rates) - set(sim)))}",
              file=sys.stderr)
        return 2
    text = render(select(rates, sim or None), args.score)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
