"""Tasks on the simulated apps, checked on the sim's final state (``benchmarks/sim_tasks.yaml``).

Each task has a user sentence, a ``check`` (a list of declarative predicates over a snapshot of the app's
data model after the agent ran: which notes exist, the sort order, settings, alarms, timers, ...; never
over the actions taken) and a ``reference`` script on the shipped doc's APIs, used only to prove that the
task is doable and that its check passes.

The snapshot (``snapshot(device, app)``) names things the way the app shows them: times as "07:30"
(24-hour), days as "Mon".."Sun", dialog choices by their label ("Dark", "125%", "15 minutes").

Predicates (a check passes when every one holds):

- ``equals: {path: value, ...}``: the value at a dotted path (``settings.theme``, ``sort.field``)
- ``has: {collection: where}``: some item of a list matches (``has: {notes: {title: Dentist}}``)
- ``lacks: {collection: where}``: no item matches
- ``count: {collection: n}``: the list has n items (``n`` may be ``{at_least: 1}``)
- ``unchanged: [path, ...]``: the value is the same as on a freshly opened sim

Values match as follows: strings ignoring case and extra spaces; bools and numbers exactly; lists as
multisets of such values (order ignored); ``{contains: text}``, ``{not: value}``, ``{any_of: [..]}``,
``{at_least: n}`` and ``{at_most: n}`` are operators. A ``where`` is a mapping of item field -> value
(a bare value for lists of strings, such as ``cities``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autodroid.errors import BadInputError

SIM_APPS = ("notes", "clock")
PREDICATES = ("equals", "has", "lacks", "count", "unchanged")
OPERATORS = ("contains", "not", "any_of", "at_least", "at_most")
DEFAULT_TASKS = Path(__file__).resolve().parents[2] / "benchmarks" / "sim_tasks.yaml"


class CheckError(BadInputError):
    """A task's check is malformed (unknown predicate, path, field or operator)."""

    default_fix = f"use the predicates {', '.join(PREDICATES)} on paths of the app's snapshot (see simtasks.py)"


# ------------------------------------------------------------------------------------------ snapshots

def _notes_snapshot(app) -> dict:
    from autodroid.device.sim.notes.data import FONT_SIZES, SORT_FIELDS, SORT_ORDERS, THEMES
    from autodroid.device.sim.notes.list_page import ListPage

    data = app.data
    root = app.stack[0] if app.stack else None
    searching = isinstance(root, ListPage) and root.searching
    return {
        "notes": [{"title": n.title, "body": n.body} for n in data.notes],
        "sort": {"field": SORT_FIELDS[data.sort_field], "order": SORT_ORDERS[int(data.sort_descending)]},
        "settings": {
            "theme": THEMES[data.theme], "font_size": FONT_SIZES[data.font_size],
            "show_word_count": data.show_word_count, "show_preview": data.show_preview,
            "monospace": data.monospace, "autosave": data.autosave, "confirm_delete": data.confirm_delete,
        },
        "search": {"open": searching, "query": root.query if searching else ""},
    }


def _clock_snapshot(app) -> dict:
    from autodroid.device.sim.clock.data import ALARM_SORTS, DAY_NAMES, REMINDER_DURATIONS, SNOOZE_TIMES, SOUNDS

    data = app.data
    return {
        "alarms": [{"time": f"{a.hour:02d}:{a.minute:02d}", "days": [DAY_NAMES[d] for d in sorted(a.days)],
                    "label": a.label, "enabled": a.enabled, "vibrate": a.vibrate, "sound": SOUNDS[a.sound]}
                   for a in data.alarms],
        "timers": [{"seconds": t.seconds, "label": t.label, "running": t.running} for t in data.timers],
        "cities": list(data.cities),
        "stopwatch": {"running": data.stopwatch_running, "laps": len(data.laps), "started": data.stopwatch > 0},
        "alarm_sort": ALARM_SORTS[data.alarm_sort],
        "settings": {
            "use_24h": data.use_24h, "sunday_first": data.sunday_first, "prevent_sleep": data.prevent_sleep,
            "show_seconds": data.show_seconds, "increase_volume": data.increase_volume,
            "same_snooze": data.same_snooze, "snooze": SNOOZE_TIMES[data.snooze],
            "alarm_max_reminder": REMINDER_DURATIONS[data.alarm_max_reminder],
            "timer_max_reminder": REMINDER_DURATIONS[data.timer_max_reminder], "timer_vibrate": data.timer_vibrate,
        },
    }


_SNAPSHOTS = {"notes": _notes_snapshot, "clock": _clock_snapshot}


def snapshot(device, app: str) -> dict:
    """The final state of ``app`` on a sim device, as plain JSON-able data (read only)."""
    if app not in _SNAPSHOTS:
        raise BadInputError(f"no state snapshot for sim app {app!r}", fix=f"use one of {', '.join(SIM_APPS)}")
    apps = getattr(device, "apps", None)
    if not apps or app not in apps:
        raise BadInputError(f"{getattr(device, 'spec', device)!r} is not a sim device with app {app!r}",
                            fix=f"open it with open_device('sim:{app}')")
    return copy.deepcopy(_SNAPSHOTS[app](apps[app]))


_FRESH: dict[str, dict] = {}


def fresh_snapshot(app: str) -> dict:
    """The snapshot of a freshly opened ``sim:<app>`` (cached; a copy each call)."""
    if app not in _FRESH:
        from autodroid.device.sim import open_sim

        device = open_sim(app)
        try:
            _FRESH[app] = snapshot(device, app)
        finally:
            device.close()
    return copy.deepcopy(_FRESH[app])


# ------------------------------------------------------------------------------------------ matching

def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _is_operator(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and next(iter(value)) in OPERATORS


def matches(actual: Any, expected: Any) -> bool:
    """Whether ``actual`` (from a snapshot) matches ``expected`` (from a check)."""
    if _is_operator(expected):
        (op, arg), = expected.items()
        if op == "not":
            return not matches(actual, arg)
        if op == "any_of":
            return any(matches(actual, a) for a in arg)
        if op == "contains":
            if isinstance(actual, list):
                return any(matches(a, arg) for a in actual)
            return isinstance(actual, str) and _norm(arg) in _norm(actual)
        if isinstance(actual, bool) or not isinstance(actual, (int, float)):
            return False
        return actual >= arg if op == "at_least" else actual <= arg
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(actual, bool) and actual is expected
    if isinstance(expected, (int, float)):
        return isinstance(actual, (int, float)) and actual == expected
    if isinstance(expected, str):
        return isinstance(actual, str) and _norm(actual) == _norm(expected)
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return False
        left = list(actual)
        for want in expected:
            hit = next((i for i, got in enumerate(left) if matches(got, want)), None)
            if hit is None:
                return False
            left.pop(hit)
        return True
    if expected is None:
        return actual is None
    raise CheckError(f"cannot compare with {expected!r}", fix="expect a string, number, bool, list or an operator")


def _show(value: Any) -> str:
    if _is_operator(value):
        (op, arg), = value.items()
        return f"{op} {arg!r}"
    return repr(value)


def _resolve(state: dict, path: str) -> Any:
    node: Any = state
    for part in str(path).split("."):
        if not isinstance(node, dict) or part not in node:
            raise CheckError(f"no {path!r} in the app's state",
                             fix=f"use a path of the snapshot: {', '.join(sorted(_paths(state)))}")
        node = node[part]
    return node


def _paths(state: dict, prefix: str = "") -> list[str]:
    out = []
    for key, value in state.items():
        path = f"{prefix}{key}"
        out.append(path)
        if isinstance(value, dict):
            out.extend(_paths(value, path + "."))
    return out


def _item_matches(item: Any, where: Any) -> bool:
    if isinstance(item, dict):
        return all(matches(item.get(name), want) for name, want in where.items())
    return matches(item, where)


def _describe_where(where: Any) -> str:
    if isinstance(where, dict) and not _is_operator(where):
        return "{" + ", ".join(f"{k}: {_show(v)}" for k, v in where.items()) + "}"
    return _show(where)


def _nearest(items: list, where: Any, limit: int = 3) -> str:
    if not items:
        return "the list is empty"
    if not isinstance(where, dict) or _is_operator(where):
        return "items: " + ", ".join(repr(i) for i in items[:8]) + (" ..." if len(items) > 8 else "")
    scored = sorted(items, key=lambda i: -sum(matches(i.get(k), v) for k, v in where.items()))
    shown = [{k: item.get(k) for k in where} for item in scored[:limit]]
    return "nearest: " + "; ".join(repr(s) for s in shown)


# ------------------------------------------------------------------------------------------ checks

@dataclass
class CheckResult:
    ok: bool
    failures: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return "; ".join(self.failures)


def _collection(state: dict, path: str) -> list:
    value = _resolve(state, path)
    if not isinstance(value, list):
        raise CheckError(f"{path!r} is not a list in the app's state", fix="use has/lacks/count on a list")
    return value


def validate_check(check: Any, app: str) -> None:
    """Raise ``CheckError`` unless ``check`` is a list of known predicates on existing paths and fields."""
    state = fresh_snapshot(app)
    if not isinstance(check, list) or not check:
        raise CheckError("a check is a non-empty list of predicates", fix="write check: [{equals: {...}}, ...]")
    for predicate in check:
        if not isinstance(predicate, dict) or len(predicate) != 1:
            raise CheckError(f"a predicate is a mapping with one key, got {predicate!r}")
        (name, arg), = predicate.items()
        if name not in PREDICATES:
            raise CheckError(f"unknown predicate {name!r}", fix=f"use one of: {', '.join(PREDICATES)}")
        if name == "unchanged":
            if not isinstance(arg, list):
                raise CheckError("unchanged takes a list of paths")
            for path in arg:
                _resolve(state, path)
            continue
        if not isinstance(arg, dict) or not arg:
            raise CheckError(f"{name} takes a mapping, got {arg!r}")
        for path, want in arg.items():
            if name == "equals":
                _check_value(want, name, path)
                _resolve(state, path)
                continue
            items = _collection(state, path)
            if name == "count":
                if not (isinstance(want, int) and not isinstance(want, bool)) and not _is_operator(want):
                    raise CheckError(f"count of {path!r} must be an int or {{at_least|at_most: n}}, got {want!r}")
                continue
            sample = items[0] if items else None
            if isinstance(sample, dict):
                if not isinstance(want, dict) or _is_operator(want) or not want:
                    raise CheckError(f"{name} on {path!r} takes a mapping of item fields, got {want!r}")
                unknown = [k for k in want if k not in sample]
                if unknown:
                    raise CheckError(f"{path!r} items have no field {unknown[0]!r}",
                                     fix=f"use fields {', '.join(sample)}")
                for value in want.values():
                    _check_value(value, name, path)
            else:
                _check_value(want, name, path)


def _check_value(value: Any, predicate: str, path: str) -> None:
    if isinstance(value, dict):
        if not _is_operator(value):
            raise CheckError(f"unknown operator in {predicate} {path!r}: {value!r}",
                             fix=f"use one of: {', '.join(OPERATORS)}")
        (op, arg), = value.items()
        if op in ("not",):
            _check_value(arg, predicate, path)
        elif op == "any_of" and not isinstance(arg, list):
            raise CheckError(f"any_of takes a list, got {arg!r}")
        elif op in ("at_least", "at_most") and (isinstance(arg, bool) or not isinstance(arg, (int, float))):
            raise CheckError(f"{op} takes a number, got {arg!r}")
        elif op == "contains" and not isinstance(arg, (str, int, float)):
            raise CheckError(f"contains takes a string, got {arg!r}")


def evaluate(check: list, state: dict, app: str | None = None) -> CheckResult:
    """Evaluate ``check`` on a snapshot; every failing predicate gives one reason."""
    failures: list[str] = []
    for predicate in check:
        if not isinstance(predicate, dict) or len(predicate) != 1:
            raise CheckError(f"a predicate is a mapping with one key, got {predicate!r}")
        (name, arg), = predicate.items()
        if name not in PREDICATES:
            raise CheckError(f"unknown predicate {name!r}", fix=f"use one of: {', '.join(PREDICATES)}")
        if name == "unchanged":
            if app is None:
                raise CheckError("unchanged needs the app name", fix="call evaluate(check, state, app)")
            fresh = fresh_snapshot(app)
            for path in arg:
                before, after = _resolve(fresh, path), _resolve(state, path)
                if before != after:
                    failures.append(f"{path} changed: {before!r} -> {after!r}")
            continue
        for path, want in arg.items():
            if name == "equals":
                got = _resolve(state, path)
                if not matches(got, want):
                    failures.append(f"{path} is {got!r}, expected {_show(want)}")
                continue
            items = _collection(state, path)
            if name == "count":
                if not matches(len(items), want):
                    failures.append(f"{path} has {len(items)} items, expected {_show(want)}")
            elif name == "has":
                if not any(_item_matches(item, want) for item in items):
                    failures.append(f"no item of {path} matches {_describe_where(want)} ({_nearest(items, want)})")
            elif name == "lacks":
                found = [item for item in items if _item_matches(item, want)]
                if found:
                    failures.append(f"{path} still has an item matching {_describe_where(want)}: {found[0]!r}")
    return CheckResult(not failures, failures)


def check_device(check: list, device, app: str) -> CheckResult:
    return evaluate(check, snapshot(device, app), app)


# ------------------------------------------------------------------------------------------ task file

@dataclass(frozen=True)
class SimTask:
    id: str
    app: str
    task: str
    check: list
    reference: str
    tags: tuple[str, ...] = ()

    @property
    def device(self) -> str:
        return f"sim:{self.app}"


def load_tasks(path: Path | str | None = None, *, apps: list[str] | None = None) -> list[SimTask]:
    """Read and validate the task file: unique ids, known apps, a sentence, a valid check and a reference
    script per task."""
    import yaml

    path = Path(path) if path is not None else DEFAULT_TASKS
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BadInputError(f"cannot read {path}: {error.strerror}", fix="pass an existing task file") from error
    entries = raw.get("tasks") if isinstance(raw, dict) else None
    if not isinstance(entries, list) or not entries:
        raise BadInputError(f"{path} has no tasks list", fix="write `tasks: [{id, app, task, check, reference}]`")
    tasks: list[SimTask] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        where = f"{path.name} task {number}"
        if not isinstance(entry, dict):
            raise BadInputError(f"{where} is not a mapping")
        missing = [k for k in ("id", "app", "task", "check", "reference") if not entry.get(k)]
        if missing:
            raise BadInputError(f"{where} ({entry.get('id', '?')}) lacks {', '.join(missing)}")
        unknown = set(entry) - {"id", "app", "task", "check", "reference", "tags"}
        if unknown:
            raise BadInputError(f"{where} ({entry['id']}) has unknown keys {sorted(unknown)}")
        task_id = str(entry["id"])
        if task_id in seen:
            raise BadInputError(f"duplicate task id {task_id!r} in {path}", fix="give every task its own id")
        seen.add(task_id)
        if entry["app"] not in SIM_APPS:
            raise BadInputError(f"{task_id}: unknown app {entry['app']!r}", fix=f"use one of {', '.join(SIM_APPS)}")
        try:
            validate_check(entry["check"], entry["app"])
        except CheckError as error:
            raise CheckError(f"{task_id}: {error.message}", fix=error.fix) from error
        tasks.append(SimTask(task_id, entry["app"], " ".join(str(entry["task"]).split()), entry["check"],
                             str(entry["reference"]).strip() + "\n", tuple(entry.get("tags") or ())))
    if apps:
        tasks = [t for t in tasks if t.app in apps]
    return tasks
