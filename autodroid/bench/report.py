"""The report of a results folder: ``report.html`` (self-contained, inline SVG charts) and ``summary.md``,
built from whichever of ``accuracy.json`` and ``latency.json`` the folder holds."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from autodroid.bench.summary import PUBLISHED, PUBLISHED_NOTE, summarize
from autodroid.bench.svg import grouped_bars, stacked_bars
from autodroid.fileio import atomic_write_text

AGENT_LABELS = {"ours": "ours (one script)", "baseline": "step-wise baseline", "oracle": "oracle (gold scripts)",
                "oracle-targets": "oracle (gold target steps)"}


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def _factor(ratio: float | None) -> str:
    """ours / baseline as 'x0.05 (20x fewer)'."""
    if ratio is None:
        return "–"
    if ratio == 0:
        return "x0"
    return f"x{ratio:.3g} ({1 / ratio:.3g}x fewer)" if ratio < 1 else f"x{ratio:.3g}"


def load(folder: Path, name: str) -> dict | None:
    path = Path(folder) / name
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------- markdown


def accuracy_markdown(doc: dict) -> list[str]:
    summary = doc.get("summary") or summarize(doc)
    agents = summary["agents"]
    model = doc["model"] if doc["model"] != "none" else "no model"
    lines = [f"## Accuracy on DroidTask replay ({model})", ""]
    limits = {a: n for a, n in (doc.get("limits") or {}).items() if n}
    lines.append(f"Dataset `{doc['dataset']}`, {len(doc['apps'])} apps"
                 + "".join(f"; {a}: first {n} tasks per app" for a, n in sorted(limits.items())) + ".")
    lines += ["", "**success** (headline): every gold action really performed (no replay no-op) on a screen "
              "recognised as the gold step's screen, order ignored; **strict**: success in gold order, no agent "
              "error; **published**: the papers' lenient rule (gold actions anywhere, no-ops count); "
              "**precision**: gold-matching actions / device actions; **side effects**: state-changing actions "
              "outside the gold set.", ""]
    lines += ["| agent | tasks | success | strict | published (lenient) | precision | side effects (tasks) | "
              "published only by no-ops | uncached prompt tok/task | model calls/task | LLM s/task | repairs | errors |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, entry in agents.items():
        o = entry["overall"]
        lines.append(f"| {AGENT_LABELS.get(name, name)} | {o['tasks']} | **{_pct(o.get('success_rate'))}** "
                     f"({o.get('success', '–')}) | {_pct(o['strict_rate'])} ({o['strict']}) "
                     f"| {_pct(o['lenient_rate'])} ({o['lenient']}) | {_num(o.get('precision'), 2)} "
                     f"| {o.get('side_effects_total', '–')} ({o.get('tasks_with_side_effects', '–')}) "
                     f"| {o.get('published_only_by_noops', '–')} "
                     f"| {_num(o['uncached_prompt_tokens_mean'], 0)} | {_num(o['model_calls_mean'], 2)} "
                     f"| {_num(o['llm_seconds_mean'], 2)} | {o['repairs_total']} | {o['errors']} |")
    for anchor in PUBLISHED:
        lines.append(f"| *published* {anchor['system']} | 158 | | | {_pct(anchor['success'])} | | | | | | | | |")
    lines += ["", f"*{PUBLISHED_NOTE}.*", ""]
    lines += _fold_markdown(summary)
    lines += _failure_markdown(agents)
    lines += ["| app | tasks | doc covers gold actions | tasks within the doc's reach |"
              + "".join(f" {name} success | {name} strict |" for name in agents),
              "|---|---|---|---|" + "---|---|" * len(agents)]
    for app, info in sorted(doc["apps"].items()):
        rows = [entry["apps"].get(app) for entry in agents.values()]
        ran = max((r for r in rows if r), key=lambda r: r["tasks"], default=None)  # the agent that ran most
        if ran is None:
            continue
        reach = f"{ran['ceiling_tasks']}/{ran['tasks']}"
        cells = "".join(f" {_pct(r.get('success_rate')) if r else '–'} | {_pct(r['strict_rate']) if r else '–'} |"
                        for r in rows)
        lines.append(f"| {app} | {info['tasks']} | {_pct(info['gold_coverage'])} | {reach} |{cells}")
    versus = summary.get("ours_vs_baseline")
    if versus:
        lines += ["", f"### Ours / step-wise baseline (same model, same {versus['tasks']} tasks)", "",
                  "| | ours | baseline | ours / baseline |", "|---|---|---|---|",
                  f"| success | {_pct(versus['ours'].get('success_rate'))} | "
                  f"{_pct(versus['baseline'].get('success_rate'))} | {_num(versus.get('success'), 2)} |",
                  f"| published (lenient) | {_pct(versus['ours']['lenient_rate'])} | "
                  f"{_pct(versus['baseline']['lenient_rate'])} | {_num(versus['success_lenient'], 2)} |",
                  f"| success (strict) | {_pct(versus['ours']['strict_rate'])} | "
                  f"{_pct(versus['baseline']['strict_rate'])} | {_num(versus['success_strict'], 2)} |",
                  f"| prompt tokens / task | {_num(versus['ours']['prompt_tokens_mean'], 0)} | "
                  f"{_num(versus['baseline']['prompt_tokens_mean'], 0)} | {_factor(versus['prompt_tokens'])} |",
                  f"| uncached prompt tokens / task | {_num(versus['ours']['uncached_prompt_tokens_mean'], 0)} | "
                  f"{_num(versus['baseline']['uncached_prompt_tokens_mean'], 0)} | "
                  f"{_factor(versus['uncached_prompt_tokens'])} |",
                  f"| prompt tokens evaluated / task (all calls, KV-cached tokens excluded) | "
                  f"{_num(versus['ours'].get('evaluated_tokens_mean'), 0)} | "
                  f"{_num(versus['baseline'].get('evaluated_tokens_mean'), 0)} | "
                  f"{_factor(versus.get('evaluated_tokens'))} |",
                  f"| model calls / task (ours: scripts written) | {_num(versus['ours']['model_calls_mean'], 2)} | "
                  f"{_num(versus['baseline']['model_calls_mean'], 2)} | {_factor(versus['model_calls'])} |",
                  f"| completion calls / task (ours: one per script line, sharing the KV cache) | "
                  f"{_num(versus['ours'].get('raw_model_calls_mean'), 2)} | "
                  f"{_num(versus['baseline'].get('raw_model_calls_mean'), 2)} | "
                  f"{_factor(versus.get('raw_model_calls'))} |",
                  f"| LLM seconds / task | {_num(versus['ours']['llm_seconds_mean'], 2)} | "
                  f"{_num(versus['baseline']['llm_seconds_mean'], 2)} | {_factor(versus['llm_seconds'])} |",
                  f"| LLM seconds / task including the one-off doc prefix (paid by each app's first task) | "
                  f"{_num(versus['ours']['llm_seconds_with_prefix_mean'], 2)} | "
                  f"{_num(versus['baseline']['llm_seconds_with_prefix_mean'], 2)} | "
                  f"{_factor(versus.get('llm_seconds_with_prefix'))} |"]
    lines += _provenance(doc)
    return lines


def _fold_markdown(summary: dict) -> list[str]:
    folds = summary.get("folds")
    if not folds:
        return []
    lines = ["", f"### Leave-apps-out folds ({folds['n']} folds, apps by a hash of their name)", ""]
    for fold in folds["per_fold"]:
        lines += [f"**fold {fold['fold']}**: {', '.join(fold['apps'])}", ""]
        if not fold["agents"]:
            lines += ["(not run)", ""]
            continue
        lines += ["| agent | tasks | success | strict | published | precision | side effects | LLM s/task |",
                  "|---|---|---|---|---|---|---|---|"]
        for name, o in fold["agents"].items():
            lines.append(f"| {AGENT_LABELS.get(name, name)} | {o['tasks']} | {_pct(o['success_rate'])} ({o['success']}) "
                         f"| {_pct(o['strict_rate'])} ({o['strict']}) | {_pct(o['published_rate'])} ({o['published']}) "
                         f"| {_num(o['precision'], 2)} | {o['side_effects_total']} | {_num(o['llm_seconds_mean'], 2)} |")
        lines.append("")
    lines += ["**mean over folds** (each fold counts once)", "",
              "| agent | folds | success | strict | published | precision | side effects/task | LLM s/task |",
              "|---|---|---|---|---|---|---|---|"]
    for name, m in folds["mean"].items():
        lines.append(f"| {AGENT_LABELS.get(name, name)} | {m['folds']} | **{_pct(m['success_rate'])}** "
                     f"| {_pct(m['strict_rate'])} | {_pct(m['published_rate'])} | {_num(m['precision'], 2)} "
                     f"| {_num(m['side_effects_mean'], 2)} | {_num(m['llm_seconds_mean'], 2)} |")
    return lines + [""]


def _failure_markdown(agents: dict) -> list[str]:
    from autodroid.bench.summary import FAILURE_KINDS

    if not any("failures" in e["overall"] for e in agents.values()):
        return []
    lines = ["", "### Why tasks failed `success`", "",
             "doc ceiling: the doc cannot name a gold action; not offered: a gold target line was not among the "
             "planner's choice lines (ours and candidates only); runtime/navigation: an element not found, "
             "navigation failed, a crash, or the gold action was a replay no-op; wrong choice: the rest.", "",
             "| agent | " + " | ".join(FAILURE_KINDS) + " |", "|---|" + "---|" * len(FAILURE_KINDS)]
    for name, entry in agents.items():
        f = entry["overall"].get("failures") or {}
        lines.append(f"| {AGENT_LABELS.get(name, name)} | " + " | ".join(str(f.get(k, 0)) for k in FAILURE_KINDS) + " |")
    return lines + [""]


def _provenance(doc: dict) -> list[str]:
    """The commands that made these results (a results folder can collect several runs) and where."""
    commands = [c for c in doc.get("commands") or [doc.get("command")] if c]
    machines = doc.get("machines") or ([doc["machine"]] if doc.get("machine") else [])
    lines = []
    if commands:
        lines += ["", "Commands (in order):" if len(commands) > 1 else "Command:", ""]
        for i, command in enumerate(commands):
            m = machines[i] if i < len(machines) else {}
            where = ""
            if m:
                where = (f" ({m.get('cpus')} CPUs" + (f", code {m['code']}" if m.get("code") else "")
                         + (f", load average {m['load_average_at_start']} at start"
                            if m.get("load_average_at_start") is not None else "") + ")")
            lines.append(f"- `{command}`{where}")
    m = machines[-1] if machines else {}
    if m:
        lines += ["", f"Machine: {m.get('cpus')} CPUs, {m.get('platform')}, Python {m.get('python')}."]
    return lines


def _stat(metric: dict | None, digits: int = 2, scale: float = 1.0) -> str:
    if not metric:
        return "–"
    return (f"{metric['median'] * scale:.{digits}f} (min {metric['min'] * scale:.{digits}f}, "
            f"max {metric['max'] * scale:.{digits}f}, n={metric['n']})")


LATENCY_ROWS = (
    ("model load", "model_load_s", "s", 2, 1.0),
    ("prefill", "prefill_tok_s", "tok/s", 1, 1.0),
    ("decode", "decode_tok_s", "tok/s", 1, 1.0),
    ("prefix KV compute (once per doc version)", "prefix_compute_s", "s", 2, 1.0),
    ("time to script, cold (no KV file, fresh model object)", "script_cold_s", "s", 2, 1.0),
    ("time to script, warm (KV file on disk, fresh model object)", "script_warm_s", "s", 2, 1.0),
    ("time to script, hot (prefix in memory)", "script_hot_s", "s", 2, 1.0),
    ("interpreter + grounding per action (DroidTask replay screens, oracle scripts)", "interpreter_s_per_action",
     "ms", 3, 1000.0),
    ("interpreter + grounding per action (688-node real dump, fresh screen per action)",
     "grounding_large_dump_s_per_action", "ms", 3, 1000.0),
    ("parse a 688-node uiautomator dump", "parse_large_dump_s", "ms", 2, 1000.0),
    ("replay device per action", "replay_device_s_per_action", "ms", 3, 1000.0),
    ("sim device per action", "sim_device_s_per_action", "ms", 3, 1000.0),
    ("end to end per task (warm: fresh model object, KV file on disk; replay device)", "end_to_end_s", "s", 2, 1.0),
)


def latency_markdown(doc: dict) -> list[str]:
    metrics = doc.get("metrics", {})
    lines = [f"## Latency ({doc['model']}, {doc.get('machine', {}).get('cpus', '?')} CPU cores)", "",
             f"Medians over {doc.get('repeats')} repeats (min, max, number of samples).", "",
             "| what | unit | median (min, max, n) |", "|---|---|---|"]
    for label, key, unit, digits, scale in LATENCY_ROWS:
        if key in metrics:
            lines.append(f"| {label} | {unit} | {_stat(metrics[key], digits, scale)} |")
    floor = doc.get("floor")
    if floor:
        lines += ["", "| physical floor per task | value |", "|---|---|",
                  f"| uncached prompt tokens (median) | {_num(floor['uncached_prompt_tokens'], 0)} |",
                  f"| generated tokens (median) | {_num(floor['generated_tokens'], 0)} |",
                  f"| floor = uncached / prefill rate + generated / decode rate | {_num(floor['floor_s'], 2)} s |",
                  f"| measured warm time to script | {_num(floor['warm_s'], 2)} s |",
                  f"| warm / floor | **{_num(floor['ratio'], 2)}** |"]
        if floor.get("cold_over_warm") is not None:
            lines.append(f"| cold / warm | **{_num(floor['cold_over_warm'], 1)}** |")
    memory = doc.get("memory")
    if memory:
        lines += ["", f"Peak RSS (VmHWM) {_num(memory.get('peak_rss_mb'), 0)} MB; after loading the model "
                      f"{_num(memory.get('rss_after_load_mb'), 0)} MB "
                      f"(anonymous {_num(memory.get('anon_after_load_mb'), 0)}"
                      f" MB, file-backed {_num(memory.get('file_after_load_mb'), 0)} MB)."]
    lines += _provenance(doc)
    return lines


# ------------------------------------------------------------------------------------- HTML


def accuracy_charts(doc: dict) -> list[str]:
    summary = doc.get("summary") or summarize(doc)
    agents = summary["agents"]
    apps = sorted({app for entry in agents.values() for app in entry["apps"]})
    labels = [AGENT_LABELS.get(name, name) for name in agents]
    charts = []
    overall = [entry["overall"] for entry in agents.values()]
    folds = summary.get("folds")
    which = "mean over folds" if folds else "all tasks"
    rates = ({name: folds["mean"][name] for name in agents if name in folds["mean"]} if folds
             else {name: entry["overall"] for name, entry in agents.items()})
    charts.append(grouped_bars(
        f"Success, strict, precision per agent ({which}; {doc['model']})",
        [AGENT_LABELS.get(n, n) for n in rates],
        {"success": [r.get("success_rate") for r in rates.values()],
         "strict": [r.get("strict_rate") for r in rates.values()],
         "precision": [r.get("precision") for r in rates.values()],
         "published (lenient)": [r.get("published_rate") for r in rates.values()]},
        max_value=1.0, references=[(p["system"] + " (published rule)", p["success"]) for p in PUBLISHED]))
    charts.append(grouped_bars(f"Success per app ({doc['model']})", apps + ["all"],
                               {label: [entry["apps"].get(a, {}).get("success_rate") for a in apps]
                                + [entry["overall"].get("success_rate")]
                                for label, entry in zip(labels, agents.values())}, max_value=1.0))
    rows = [(label, [(kind, float(count)) for kind, count in (o.get("failures") or {}).items() if count])
            for label, o in zip(labels, overall)]
    if any(segments for _, segments in rows):
        charts.append(stacked_bars("Why tasks failed success (tasks)", rows, unit="tasks"))
    versus = summary.get("ours_vs_baseline")
    if versus:
        o, b = versus["ours"], versus["baseline"]
        for title, key, fmt in (("Prompt tokens per task", "prompt_tokens_mean", lambda v: f"{v:,.0f}"),
                                ("Model calls per task", "model_calls_mean", lambda v: f"{v:.2f}"),
                                ("LLM seconds per task", "llm_seconds_mean", lambda v: f"{v:.2f} s"),
                                ("Success (lenient)", "lenient_rate", lambda v: f"{v:.0%}")):
            charts.append(grouped_bars(f"Ours vs step-wise baseline: {title} ({versus['tasks']} tasks)", [""],
                                       {"ours": [o[key]], "baseline": [b[key]]}, fmt=fmt, width=620))
    return charts


def latency_charts(doc: dict) -> list[str]:
    b = doc.get("breakdown") or {}
    rows = [(label, [(k, v) for k, v in b[key].items() if v > 0]) for label, key in
            (("cold time to script", "script_cold"), ("warm time to script", "script_warm"),
             ("hot time to script", "script_hot"), ("end to end per task", "end_to_end")) if b.get(key)]
    return [stacked_bars(f"Latency breakdown, medians ({doc['model']})", rows)] if rows else []


def _markdown_to_html(lines: list[str]) -> str:
    """Just enough markdown for our own summary: headings, tables, paragraphs."""
    out, table = [], []

    def flush() -> None:
        if table:
            rows = [r for r in table if not set(r.replace("|", "").strip()) <= {"-"}]
            html = ["<table>"]
            for i, row in enumerate(rows):
                cells = [c.strip() for c in row.strip().strip("|").split("|")]
                tag = "th" if i == 0 else "td"
                html.append("<tr>" + "".join(f"<{tag}>{_inline(c)}</{tag}>" for c in cells) + "</tr>")
            html.append("</table>")
            out.append("\n".join(html))
            table.clear()

    for line in lines:
        if line.startswith("|"):
            table.append(line)
            continue
        flush()
        if line.startswith("### "):
            out.append(f"<h3>{_inline(line[4:])}</h3>")
        elif line.startswith("## "):
            out.append(f"<h2>{_inline(line[3:])}</h2>")
        elif line.startswith("# "):
            out.append(f"<h1>{_inline(line[2:])}</h1>")
        elif line.strip():
            out.append(f"<p>{_inline(line)}</p>")
    flush()
    return "\n".join(out)


def _inline(text: str) -> str:
    import re

    text = escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"`(.+?)`", r"<code>\1</code>", text)
    return re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)


STYLE = """body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;color:#222;padding:0 1em}
table{border-collapse:collapse;margin:.6em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;text-align:left}
th{background:#f2f2f2}code{font-size:12px;background:#f5f5f5;padding:1px 3px}svg{display:block;margin:1em 0}"""


def write_report(folder: Path) -> tuple[Path, Path]:
    """(report.html, summary.md) for the results in ``folder``."""
    folder = Path(folder)
    accuracy, latency = load(folder, "accuracy.json"), load(folder, "latency.json")
    lines = ["# autodroid benchmark results", ""]
    charts: list[str] = []
    if accuracy:
        lines += accuracy_markdown(accuracy) + [""]
        charts += accuracy_charts(accuracy)
    if latency:
        lines += latency_markdown(latency) + [""]
        charts += latency_charts(latency)
    if not accuracy and not latency:
        lines.append("No results in this folder yet: run `autodroid bench accuracy` or `autodroid bench latency`.")
    md_path, html_path = folder / "summary.md", folder / "report.html"
    atomic_write_text(md_path, "\n".join(lines).rstrip() + "\n")
    html = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
            "<title>autodroid benchmark results</title>", f"<style>{STYLE}</style></head><body>",
            _markdown_to_html(lines), "<h2>Charts</h2>", *charts, "</body></html>"]
    atomic_write_text(html_path, "\n".join(html) + "\n")
    return html_path, md_path


# ------------------------------------------------------------------------------------- publishing

# Per-task fields that hold no text from the dataset (task sentences, screen labels, scripts naming
# recorded widgets stay in the run folder; DroidTask data must not be redistributed).
PUBLIC_TASK_FIELDS = ("agent", "app", "file", "lenient", "strict", "matched", "gold", "in_order", "ceiling_named",
                      "prompt_tokens", "cached_prompt_tokens", "generated_tokens", "llm_seconds", "prefill_seconds",
                      "decode_seconds", "prefix_seconds", "model_calls", "raw_model_calls", "evaluated_tokens",
                      "raw_llm_seconds", "repairs", "device_actions", "unexplored", "device_seconds", "wall_seconds",
                      "doc_version", "success", "done", "counted_actions", "gold_matching", "precision", "side_effects",
                      "noop_matches", "fold", "gold_offered", "failure")
_STRING = None


def redact_script(script: str) -> str:
    """A script with its string arguments replaced by "<text>": the API names and methods stay (they are
    the doc's names), the texts (task strings, on-screen labels) go."""
    import re

    global _STRING
    if _STRING is None:
        _STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')
    return _STRING.sub('"<text>"', script)


def public_action(entry: dict) -> dict:
    """One ``action_log`` entry without typed text."""
    return {k: v for k, v in entry.items() if k != "text"}


def error_kind(error: str | None) -> str | None:
    """The category of an error line, without its details: 'NavigationFailed', 'stuck', 'crash: KeyError'..."""
    if not error:
        return None
    import re

    head = error.split(":", 1)[0].strip()
    if head in ("crash", "model", "oracle"):
        rest = error.split(":", 2)
        return f"{head}: {rest[1].strip()}" if head == "crash" and len(rest) > 1 else head
    if error.startswith("the script is invalid"):
        return "PlanError"
    if re.match(r"line \d+: no item of ", error):
        return "NoSuchItem"
    if head.startswith("stuck") or head.startswith("unparseable") or head.startswith("no element"):
        return head.split()[0]
    found = re.search(r"\(([A-Z][A-Za-z]+(?:Error|Failed|Found|Element|Transition|Exceeded|Refused|Item))\)", error)
    if found:
        return found.group(1)
    found = re.match(r"([A-Z][A-Za-z]+(?:Error|Failed|Found|Element|Transition|Exceeded|Refused|Item))\b", error)
    if found:
        return found.group(1)
    return "other"


def public_accuracy(document: dict) -> dict:
    """``document`` without dataset text: numbers, app and task file names, error kinds."""
    public = {k: v for k, v in document.items() if k != "tasks"}
    public["tasks"] = [{**{k: row.get(k) for k in PUBLIC_TASK_FIELDS}, "error": error_kind(row.get("error")),
                        "scripts": [redact_script(s) for s in row.get("scripts", [])],
                        "action_log": [public_action(e) for e in row.get("action_log", [])]}
                       for row in document.get("tasks", [])]
    public["redacted"] = ("task texts, string arguments of scripts, typed texts, screen text and error details are "
                          "only in the run folder's accuracy.json; API names, action kinds, doc screens, scores "
                          "and the code version are kept")
    return public


def public_latency(document: dict) -> dict:
    public = dict(document)
    public["per_task"] = [{k: v for k, v in row.items() if k != "script"} for row in document.get("per_task", [])]
    return public


def _rows_one_per_line(document: dict, key: str) -> str:
    """Indented JSON with each row of ``document[key]`` on one line (small, readable diffs)."""
    marker = "\u0000rows\u0000"
    text = json.dumps({**document, key: marker}, indent=1)
    rows = ",\n  ".join(json.dumps(row, separators=(", ", ": ")) for row in document[key])
    return text.replace(json.dumps(marker), "[\n  " + rows + "\n ]" if rows else "[]") + "\n"


def publish(run_dir: Path, dest: Path) -> list[Path]:
    """Copy a run's results without dataset text to ``dest`` (e.g. benchmarks/results/<name>) and build
    its report there."""
    run_dir, dest = Path(run_dir), Path(dest)
    written = []
    accuracy, latency = load(run_dir, "accuracy.json"), load(run_dir, "latency.json")
    if not accuracy and not latency:
        from autodroid.errors import BadInputError

        raise BadInputError(f"{run_dir} holds no accuracy.json or latency.json",
                            fix="pass the --out folder of an `autodroid bench` run")
    dest.mkdir(parents=True, exist_ok=True)
    if accuracy:
        atomic_write_text(dest / "accuracy.json", _rows_one_per_line(public_accuracy(accuracy), "tasks"))
        written.append(dest / "accuracy.json")
    if latency:
        atomic_write_text(dest / "latency.json", json.dumps(public_latency(latency), indent=1) + "\n")
        written.append(dest / "latency.json")
    written += list(write_report(dest))
    return written
