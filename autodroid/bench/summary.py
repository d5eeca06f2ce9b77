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
    return {
        "tasks": n,
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
    if "ours" in rows_by_agent and "baseline" in rows_by_agent:
        summary["ours_vs_baseline"] = compare(rows_by_agent["ours"], rows_by_agent["baseline"])
    return summary
