"""Aggregates of an accuracy results document: per agent and app, overall, ours / baseline ratios on the
tasks both ran, and the published anchors to quote beside our numbers."""

from __future__ import annotations

import statistics
from collections import defaultdict

PUBLISHED = (
    {"system": "AutoDroid-V2 + fine-tuned Llama-3.1-8B", "success": 0.544},
    {"system": "AutoDroid-V2 + GPT-4o", "success": 0.671},
    {"system": "AutoDroid (v1) + GPT-4", "success": 0.615},
)
PUBLISHED_NOTE = ("published: DroidTask, 158 tasks on 13 apps, lenient rule (every gold action appears, order "
                  "ignored, scrolls skipped); ours: the 9 apps / 97 tasks we have (4 apps are held out)")


def _mean(values) -> float:
    values = list(values)
    return round(statistics.fmean(values), 4) if values else 0.0


def _median(values) -> float:
    values = list(values)
    return round(statistics.median(values), 4) if values else 0.0


def aggregate(rows: list[dict]) -> dict:
    n = len(rows)
    success = [bool(r.get("success")) for r in rows]
    actions = sum(r.get("counted_actions", 0) for r in rows)
    return {
        "tasks": n,
        "success": sum(success),
        "success_rate": round(sum(success) / n, 6) if n else 0.0,
        "published": sum(r["lenient"] for r in rows),
        "published_rate": round(sum(r["lenient"] for r in rows) / n, 6) if n else 0.0,
        # precision over the agent's actions (micro): gold-matching actions / device actions, all tasks together
        "precision": round(sum(r.get("gold_matching", 0) for r in rows) / actions, 4) if actions else None,
        "side_effects_total": sum(r.get("side_effects", 0) for r in rows),
        "side_effects_mean": _mean(r.get("side_effects", 0) for r in rows),
        "tasks_with_side_effects": sum(r.get("side_effects", 0) > 0 for r in rows),
        "counted_actions_mean": _mean(r.get("counted_actions", 0) for r in rows),
        "published_only_by_noops": sum(bool(r["lenient"]) and not r.get("success") and r.get("noop_matches", 0) > 0
                                       for r in rows),
        "failures": failure_breakdown(rows),
        "lenient": sum(r["lenient"] for r in rows),
        "strict": sum(r["strict"] for r in rows),
        "lenient_rate": round(sum(r["lenient"] for r in rows) / n, 6) if n else 0.0,
        "strict_rate": round(sum(r["strict"] for r in rows) / n, 6) if n else 0.0,
        "gold_actions_matched": round(sum(r["matched"] for r in rows) / max(1, sum(r["gold"] for r in rows)), 4),
        "ceiling_tasks": sum(r["ceiling_named"] == r["gold"] for r in rows),
        "prompt_tokens_mean": _mean(r["prompt_tokens"] for r in rows),
        "uncached_prompt_tokens_mean": _mean(r["prompt_tokens"] - r["cached_prompt_tokens"] for r in rows),
        "generated_tokens_mean": _mean(r["generated_tokens"] for r in rows),
        "llm_seconds_mean": _mean(r["llm_seconds"] for r in rows),
        "llm_seconds_median": _median(r["llm_seconds"] for r in rows),
        "prefix_seconds_total": round(sum(r.get("prefix_seconds", 0.0) for r in rows), 2),
        "llm_seconds_with_prefix_mean": _mean(r["llm_seconds"] + r.get("prefix_seconds", 0.0) for r in rows),
        "model_calls_mean": _mean(r["model_calls"] for r in rows),
        "raw_model_calls_mean": _mean(r.get("raw_model_calls", 0) for r in rows),
        "evaluated_tokens_mean": _mean(r.get("evaluated_tokens", 0) for r in rows),
        "repairs_total": sum(r["repairs"] for r in rows),
        "tasks_with_repairs": sum(r["repairs"] > 0 for r in rows),
        "device_actions_mean": _mean(r["device_actions"] for r in rows),
        "unexplored_mean": _mean(r["unexplored"] for r in rows),
        "device_seconds_mean": _mean(r["device_seconds"] for r in rows),
        "wall_seconds_mean": _mean(r["wall_seconds"] for r in rows),
        "wall_seconds_total": round(sum(r["wall_seconds"] for r in rows), 2),
        "errors": sum(r["error"] is not None for r in rows),
        "crashes": sum(bool(r["error"]) and r["error"].startswith("crash:") for r in rows),
    }


def failure_kind(row: dict) -> str | None:
    """Why a task failed ``success`` (None: it succeeded), first cause that applies:
    - "doc ceiling": the doc cannot name every gold action (no doc-driven script can do it);
    - "not offered": a gold action's API was never among the lines the agent could choose from (ours,
      candidates: the planner's choice lines; recorded per task when the agent keeps them);
    - "runtime/navigation": the agent ended in a runtime error (element not found, navigation failed,
      a crash) or its actions that would have done a gold action were replay no-ops;
    - "wrong choice": everything else (the gold actions were reachable, the agent did other things)."""
    if row.get("success"):
        return None
    if row.get("ceiling_named", 0) < row.get("gold", 0):
        return "doc ceiling"
    if row.get("gold_offered") is False and (row["agent"] == "ours" or row["agent"].startswith("candidates-")):
        return "not offered"
    error = row.get("error") or ""
    if row.get("noop_matches", 0) > 0 or any(word in error for word in (
            "NavigationFailed", "ElementNotFound", "AmbiguousElement", "NoSuchItem", "crash", "Unexplored")):
        return "runtime/navigation"
    return "wrong choice"


FAILURE_KINDS = ("doc ceiling", "not offered", "runtime/navigation", "wrong choice")


def failure_breakdown(rows: list[dict]) -> dict[str, int]:
    counts = {kind: 0 for kind in FAILURE_KINDS}
    for row in rows:
        kind = row.get("failure") or failure_kind(row)
        if kind is not None:
            counts[kind] = counts.get(kind, 0) + 1
    return counts


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def compare(ours: list[dict], baseline: list[dict]) -> dict | None:
    """ours / baseline on the tasks both agents ran."""
    keys = {(r["app"], r["file"]) for r in ours} & {(r["app"], r["file"]) for r in baseline}
    if not keys:
        return None
    a = aggregate([r for r in ours if (r["app"], r["file"]) in keys])
    b = aggregate([r for r in baseline if (r["app"], r["file"]) in keys])
    return {
        "tasks": len(keys),
        "ours": a,
        "baseline": b,
        "success": _ratio(a["success_rate"], b["success_rate"]),
        "success_lenient": _ratio(a["lenient_rate"], b["lenient_rate"]),
        "success_strict": _ratio(a["strict_rate"], b["strict_rate"]),
        "prompt_tokens": _ratio(a["prompt_tokens_mean"], b["prompt_tokens_mean"]),
        "uncached_prompt_tokens": _ratio(a["uncached_prompt_tokens_mean"], b["uncached_prompt_tokens_mean"]),
        "model_calls": _ratio(a["model_calls_mean"], b["model_calls_mean"]),
        "raw_model_calls": _ratio(a["raw_model_calls_mean"], b["raw_model_calls_mean"]),
        "evaluated_tokens": _ratio(a["evaluated_tokens_mean"], b["evaluated_tokens_mean"]),
        "llm_seconds": _ratio(a["llm_seconds_mean"], b["llm_seconds_mean"]),
        "llm_seconds_with_prefix": _ratio(a["llm_seconds_with_prefix_mean"], b["llm_seconds_with_prefix_mean"]),
    }


def summarize(document: dict) -> dict:
    rows_by_agent: dict[str, list[dict]] = defaultdict(list)
    for row in document.get("tasks", []):
        rows_by_agent[row["agent"]].append(row)
    agents = {}
    for agent, rows in rows_by_agent.items():
        by_app: dict[str, list[dict]] = defaultdict(list)
        for row in rows:
            by_app[row["app"]].append(row)
        agents[agent] = {"overall": aggregate(rows), "apps": {app: aggregate(r) for app, r in sorted(by_app.items())}}
    summary = {"agents": agents, "published": list(PUBLISHED), "published_note": PUBLISHED_NOTE}
    folds = document.get("folds")
    if folds:
        summary["folds"] = fold_tables(rows_by_agent, folds["members"])
    if "ours" in rows_by_agent and "baseline" in rows_by_agent:
        summary["ours_vs_baseline"] = compare(rows_by_agent["ours"], rows_by_agent["baseline"])
    return summary


MEAN_KEYS = ("success_rate", "strict_rate", "published_rate", "precision", "side_effects_mean",
             "llm_seconds_mean", "uncached_prompt_tokens_mean", "model_calls_mean")


def fold_tables(rows_by_agent: dict[str, list[dict]], members: list[list[str]]) -> dict:
    """Per fold and agent the aggregate over the fold's apps; ``mean``: the unweighted mean over the folds
    an agent ran (each fold counts once, whatever its number of tasks)."""
    per_fold = []
    for index, apps in enumerate(members):
        agents = {agent: aggregate([r for r in rows if r["app"] in apps])
                  for agent, rows in rows_by_agent.items() if any(r["app"] in apps for r in rows)}
        per_fold.append({"fold": index, "apps": list(apps), "agents": agents})
    mean = {}
    for agent in rows_by_agent:
        ran = [f["agents"][agent] for f in per_fold if agent in f["agents"]]
        mean[agent] = {"folds": len(ran), **{key: round(statistics.fmean(values), 6) if values else None
                                             for key in MEAN_KEYS
                                             for values in [[x[key] for x in ran if x[key] is not None]]}}
    return {"n": len(members), "per_fold": per_fold, "mean": mean}
