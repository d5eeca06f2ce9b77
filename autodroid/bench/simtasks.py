"""Tasks on the simulated apps, checked on the sim's final state (``benchmarks/sim_tasks.yaml``).

Each task has a user sentence, a ``check`` (a list of declarative predicates over a snapshot of the app's
data model after the agent ran: which notes exist, the sort order, settings, alarms, timers, ...; never
over the actions taken) and a ``reference`` script on the shipped doc's APIs, used only to prove that the
task is doable and that its check passes.

The snapshot (``snapshot(device, app)``) names things the way the app shows them: times as "07:30"
(24-hour), days as "Mon".."Sun", dates as "Mar 6", dialog choices by their label ("Dark", "125%", "15 minutes").

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

``side_effects`` lists what changed outside the paths a check looks at (a stray note, alarm or toggled
setting); the runner reports passes without side effects as ``strict``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from autodroid.errors import BadInputError

SIM_APPS = ("notes", "clock", "calendar", "contacts", "dialer", "messages", "todo", "settings")
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
        "stopwatch": {"running": data.stopwatch_running, "laps": len(data.laps)},
        "alarm_sort": ALARM_SORTS[data.alarm_sort],
        "settings": {
            "use_24h": data.use_24h, "sunday_first": data.sunday_first, "prevent_sleep": data.prevent_sleep,
            "show_seconds": data.show_seconds, "increase_volume": data.increase_volume,
            "same_snooze": data.same_snooze, "snooze": SNOOZE_TIMES[data.snooze],
            "alarm_max_reminder": REMINDER_DURATIONS[data.alarm_max_reminder],
            "timer_max_reminder": REMINDER_DURATIONS[data.timer_max_reminder], "timer_vibrate": data.timer_vibrate,
        },
    }


def _calendar_snapshot(app) -> dict:
    from autodroid.device.sim.calendar.data import (
        DURATIONS, FONT_SIZES, REMINDERS, REPETITIONS, VIEW_TYPES, WEEK_STARTS,
    )
    from autodroid.device.sim.calendar.main_page import MainPage

    data = app.data
    root = app.stack[0] if app.stack else None
    searching = isinstance(root, MainPage) and root.searching
    return {
        "events": [{"title": e.title, "location": e.location, "description": e.description,
                    "date": f"{e.day:%b} {e.day.day}", "all_day": e.all_day,
                    "time": "" if e.start is None else f"{e.start // 60:02d}:{e.start % 60:02d}",
                    "reminder": REMINDERS[e.reminder], "repeat": REPETITIONS[e.repeat]} for e in data.events],
        "view": VIEW_TYPES[data.view],
        "settings": {
            "use_24h": data.use_24h, "week_start": WEEK_STARTS[data.week_start],
            "show_week_numbers": data.show_week_numbers, "vibrate": data.vibrate,
            "dim_past_events": data.dim_past_events, "default_reminder": REMINDERS[data.default_reminder],
            "default_duration": DURATIONS[data.default_duration], "font_size": FONT_SIZES[data.font_size],
        },
        "search": {"open": searching, "query": root.query if searching else ""},
    }


def _contacts_snapshot(app) -> dict:
    from autodroid.device.sim.contacts.data import (
        CONTACT_CLICK, FONT_SIZES, PHONE_TYPES, SORT_FIELDS, SORT_ORDERS,
    )
    from autodroid.device.sim.contacts.main import MainPage

    data = app.data
    root = app.stack[0] if app.stack else None
    searching = isinstance(root, MainPage) and root.searching
    return {
        "contacts": [{"name": c.name(), "first": c.first, "surname": c.surname, "phone": c.phone,
                      "phone_type": PHONE_TYPES[c.phone_type], "email": c.email, "company": c.company,
                      "favorite": c.favorite} for c in data.contacts],
        "calls": [name for name, _ in data.calls],  # who was called, in order
        "sort": {"field": SORT_FIELDS[data.sort_field], "order": SORT_ORDERS[int(data.sort_descending)]},
        "settings": {
            "font_size": FONT_SIZES[data.font_size],
            "show_thumbnails": data.show_thumbnails, "show_phone_numbers": data.show_phone_numbers,
            "surname_first": data.surname_first, "only_with_phones": data.only_with_phones,
            "contact_click": CONTACT_CLICK[data.contact_click], "call_confirmation": data.call_confirmation,
            "skip_delete_confirmation": data.skip_delete_confirmation,
        },
        "search": {"open": searching, "query": root.query if searching else ""},
    }


def _dialer_caller(data, number: str) -> str:
    contact = data.contact_for(number)
    return contact.name() if contact else number  # first name first, whatever the display setting


def _dialer_snapshot(app) -> dict:
    from autodroid.device.sim.dialer.data import CALL_TYPES, DEFAULT_TABS, FONT_SIZES, TABS, dial_digits
    from autodroid.device.sim.dialer.dialpad import CallPage, DialpadPage
    from autodroid.device.sim.dialer.main import MainPage

    data = app.data
    root = app.stack[0] if app.stack else None
    searching = isinstance(root, MainPage) and root.searching
    return {
        "contacts": [{"name": c.name(), "number": c.number, "digits": dial_digits(c.number), "favorite": c.favorite}
                     for c in data.contacts],
        # every call placed from the app, in order, with what was switched on during it
        "calls": [{"name": c.name, "number": c.number, "digits": dial_digits(c.number), "muted": c.muted,
                   "speaker": c.speaker, "on_hold": c.on_hold, "tones": c.tones} for c in data.calls],
        "call_log": [{"name": _dialer_caller(data, e.number), "number": e.number, "digits": dial_digits(e.number),
                      "type": CALL_TYPES[e.type], "time": e.when} for e in data.call_log],
        "blocked": [{"number": number, "digits": dial_digits(number)} for number in data.blocked],
        "settings": {
            "font_size": FONT_SIZES[data.font_size], "default_tab": DEFAULT_TABS[data.default_tab],
            "open_dialpad": data.open_dialpad,
            "surname_first": data.surname_first, "group_calls": data.group_calls,
            "call_confirmation": data.call_confirmation, "disable_proximity": data.disable_proximity,
            "dialpad_beeps": data.dialpad_beeps, "dialpad_vibration": data.dialpad_vibration,
        },
        "search": {"open": searching, "query": root.query if searching else ""},
        # what is showing (not data): the main screen's tab, an open dialpad, a call on screen
        "screen": {"tab": TABS[root.tab] if isinstance(root, MainPage) else "",
                   "dialpad_open": any(isinstance(p, DialpadPage) for p in app.stack),
                   "in_call": any(isinstance(p, CallPage) for p in app.stack)},
    }


def _messages_snapshot(app) -> dict:
    from autodroid.device.sim.messages.data import FONT_SIZES, KEEP_MESSAGES, LOCK_SCREEN
    from autodroid.device.sim.messages.main import MainPage

    data = app.data
    root = app.stack[0] if app.stack else None
    searching = isinstance(root, MainPage) and root.searching
    conversations = []
    for c in data.conversations:
        sent = [m.text for m in c.messages if m.outgoing]
        conversations.append({
            "title": data.title(c), "number": c.number, "read": c.read, "pinned": c.pinned, "archived": c.archived,
            "sent": sent, "received": [m.text for m in c.messages if not m.outgoing],
            "last_sent": sent[-1] if sent else "", "last_message": c.last.text if c.last else "",
            "messages": len(c.messages),
        })
    return {
        "conversations": conversations,  # in the order they were created, not as listed
        "contacts": [{"name": c.name, "number": c.number} for c in data.contacts],
        "blocked": list(data.blocked),
        "settings": {
            "font_size": FONT_SIZES[data.font_size], "show_character_counter": data.show_character_counter,
            "send_on_enter": data.send_on_enter,
            "delivery_reports": data.delivery_reports, "lock_screen": LOCK_SCREEN[data.lock_screen],
            "keep_messages": KEEP_MESSAGES[data.keep_messages],
        },
        "search": {"open": searching, "query": root.query if searching else ""},
    }


def _todo_snapshot(app) -> dict:
    from autodroid.device.sim.todo.data import (
        DEFAULT_DUES, PRIORITIES, REMINDERS, SORT_FIELDS, SORT_ORDERS, THEMES, WEEK_STARTS,
    )
    from autodroid.device.sim.todo.main import MainPage

    data = app.data
    root = app.stack[0] if app.stack else None
    searching = isinstance(root, MainPage) and root.searching
    return {
        "tasks": [{"title": t.title, "list": data.list_name(t.list_id), "done": t.done,
                   "due": "" if t.due is None else f"{t.due:%b} {t.due.day}", "priority": PRIORITIES[t.priority],
                   "notes": t.notes, "reminder": REMINDERS[t.reminder]} for t in data.tasks],
        "lists": [item.name for item in data.lists],
        "sort": {"field": SORT_FIELDS[data.sort_field], "order": SORT_ORDERS[int(data.sort_descending)]},
        "settings": {
            "theme": THEMES[data.theme], "show_notes": data.show_notes, "show_completed": data.show_completed,
            "default_list": data.list_name(data.default_list_id()),
            "default_priority": PRIORITIES[data.default_priority], "default_due": DEFAULT_DUES[data.default_due],
            "week_start": WEEK_STARTS[data.week_start], "confirm_delete": data.confirm_delete,
            "completion_sound": data.completion_sound,
        },
        "search": {"open": searching, "query": root.query if searching else ""},
        # what is showing (not data): the list or filter (All tasks, Today) of the task list screen
        "screen": {"list": root.view_name() if isinstance(root, MainPage) else ""},
    }


def _settings_snapshot(app) -> dict:
    from autodroid.device.sim.settings.data import (
        APP_BATTERY, BRIGHTNESS, BROWSERS, FONT_SIZES, LOCK_SCREEN, RINGTONES, SCREEN_TIMEOUTS, SMS_APPS, TIME_ZONES,
        VOLUMES,
    )
    from autodroid.device.sim.settings.main import SearchPage

    data = app.data
    search = next((p for p in app.stack if isinstance(p, SearchPage)), None)
    connected = data.connected if data.wifi else ""
    return {
        "network": {"wifi": data.wifi, "connected": connected, "airplane_mode": data.airplane_mode,
                    "mobile_data": data.mobile_data, "data_saver": data.data_saver, "hotspot": data.hotspot,
                    "hotspot_name": data.hotspot_name, "hotspot_password": data.hotspot_password},
        # every network the phone knows: the ones in range and the saved ones
        "networks": [{"name": n.name, "saved": n.saved, "in_range": n.in_range, "secured": n.secured,
                      "password": n.password, "auto_connect": n.auto_connect}
                     for n in data.networks],
        "bluetooth": {"enabled": data.bluetooth},
        # paired devices and the ones nearby that are not paired
        "devices": [{"name": d.name, "type": d.type, "paired": d.paired, "connected": d.connected,
                     "media_audio": d.media_audio} for d in data.devices],
        "apps": [{"name": a.name, "system": a.system, "enabled": a.enabled, "running": a.running,
                  "notifications": a.notifications, "battery": APP_BATTERY[a.battery], "data_mb": a.data_mb,
                  "cache_mb": a.cache_mb} for a in data.apps],
        "default_apps": {"browser": BROWSERS[data.browser], "sms": SMS_APPS[data.sms_app]},
        "notifications": {"lock_screen": LOCK_SCREEN[data.lock_screen], "history": data.notification_history,
                          "dots": data.notification_dots},
        "battery": {"saver": data.battery_saver, "percentage": data.battery_percentage},
        "display": {"brightness": BRIGHTNESS[data.brightness], "adaptive_brightness": data.adaptive_brightness,
                    "dark_theme": data.dark_theme, "night_light": data.night_light,
                    "screen_timeout": SCREEN_TIMEOUTS[data.screen_timeout], "font_size": FONT_SIZES[data.font_size],
                    "auto_rotate": data.auto_rotate},
        "sound": {"media_volume": VOLUMES[data.media_volume], "ring_volume": VOLUMES[data.ring_volume],
                  "alarm_volume": VOLUMES[data.alarm_volume], "ringtone": RINGTONES[data.ringtone],
                  "do_not_disturb": data.do_not_disturb, "vibrate_for_calls": data.vibrate_for_calls},
        "security": {"find_my_device": data.find_my_device, "show_passwords": data.show_passwords},
        "location": {"enabled": data.location, "wifi_scanning": data.wifi_scanning,
                     "bluetooth_scanning": data.bluetooth_scanning},
        "accessibility": {"bold_text": data.bold_text, "color_inversion": data.color_inversion,
                          "extra_dim": data.extra_dim, "remove_animations": data.remove_animations},
        "system": {"languages": list(data.languages), "auto_time": data.auto_time,
                   "auto_time_zone": data.auto_time_zone, "time_zone": TIME_ZONES[data.time_zone],
                   # the clock as shown: the locale's 12-hour format unless "Use locale default" is off
                   "locale_time_format": data.locale_time_format, "use_24h": data.effective_24h()},
        "about": {"device_name": data.device_name},
        "search": {"open": search is not None, "query": search.query if search else ""},
    }


_SNAPSHOTS = {"notes": _notes_snapshot, "clock": _clock_snapshot, "calendar": _calendar_snapshot,
              "contacts": _contacts_snapshot, "dialer": _dialer_snapshot,
              "messages": _messages_snapshot, "todo": _todo_snapshot, "settings": _settings_snapshot}


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
            if sample is None and isinstance(want, dict) and not _is_operator(want):
                # a list empty on a fresh sim (the calls placed): its item fields cannot be checked here
                for value in want.values():
                    _check_value(value, name, path)
            elif isinstance(sample, dict):
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


# Transient screen state, not data: leaving the search box open (or sim:dialer on another tab, sim:todo on another
# list) is no side effect.
NOT_DATA = frozenset({"search", "screen"})


def touched_paths(check: list) -> set[str]:
    """The snapshot paths a check looks at (``unchanged`` paths are not touched: they must stay)."""
    paths: set[str] = set()
    for predicate in check:
        (name, arg), = predicate.items()
        if name != "unchanged":
            paths.update(str(p) for p in arg)
    return paths


def side_effects(state: dict, fresh: dict, check: list) -> list[str]:
    """Changes from the fresh sim outside what the check looks at (a note nobody asked for, a setting
    toggled on the way, a stray alarm): the paths where the final state differs, with before -> after."""
    touched = touched_paths(check)
    found: list[str] = []

    def walk(before: dict, after: dict, prefix: str) -> None:
        for key, old in before.items():
            path = f"{prefix}{key}"
            if path in NOT_DATA or any(path == t or path.startswith(t + ".") for t in touched):
                continue
            new = after.get(key)
            if isinstance(old, dict) and isinstance(new, dict):
                walk(old, new, path + ".")
                continue
            if old != new:
                found.append(f"{path}: {_change(old, new)}")

    walk(fresh, state, "")
    return found


def _change(old: Any, new: Any) -> str:
    if isinstance(old, list) and isinstance(new, list) and old and isinstance(old[0], dict):
        added = [item for item in new if item not in old]
        removed = [item for item in old if item not in new]
        parts = []
        if removed:
            parts.append(f"{len(removed)} changed or removed (first {removed[0]!r})")
        if added:
            parts.append(f"{len(added)} new or changed (first {added[0]!r})")
        return f"{len(old)} -> {len(new)} items, " + ", ".join(parts)
    return f"{old!r} -> {new!r}"


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


# ------------------------------------------------------------------------------------------ runner

AGENT_NAMES = ("reference", "candidates-1", "candidates-3", "candidates-all", "ours")
DEFAULT_AGENTS = AGENT_NAMES
RESULTS = "results.jsonl"


class _RecordingDevice:
    """A device that passes everything through and writes down each action on the way (the same record
    for every agent, whatever its internals)."""

    def __init__(self, device):
        self._device = device
        self.actions: list[dict] = []

    def __getattr__(self, name: str):
        return getattr(self._device, name)

    def _log(self, action: str, node, call, *args):
        entry = {"action": action, "screen": self._kind()}
        if node is not None:
            entry["target"] = (getattr(node, "text", "") or getattr(node, "desc", "")
                               or getattr(node, "resource_id", "") or getattr(node, "cls", ""))
        if args:
            entry["args"] = list(args)
        try:
            result = call()
        except Exception as error:
            entry["error"] = type(error).__name__
            self.actions.append(entry)
            raise
        entry["changed"] = bool(getattr(result, "changed", False))
        self.actions.append(entry)
        return result

    def _kind(self) -> str:
        try:
            return self._device.screen_kind()
        except Exception:
            return "?"

    def tap(self, node):
        return self._log("tap", node, lambda: self._device.tap(node))

    def long_tap(self, node):
        return self._log("long_tap", node, lambda: self._device.long_tap(node))

    def set_text(self, node, text):
        return self._log("set_text", node, lambda: self._device.set_text(node, text), text)

    def scroll(self, node, direction="down"):
        return self._log("scroll", node, lambda: self._device.scroll(node, direction), direction)

    def back(self):
        return self._log("back", None, self._device.back)

    def app_start(self, app):
        return self._log("app_start", None, lambda: self._device.app_start(app), app)


@dataclass
class _Run:
    """What one agent did on one task (before the check)."""

    scripts: list[str] = field(default_factory=list)
    error: str | None = None
    model_calls: int = 0
    prompt_tokens: int = 0
    llm_seconds: float = 0.0
    notes: dict = field(default_factory=dict)


def _run_reference(task: SimTask, doc, device, model) -> _Run:
    from autodroid.runtime import run_on_device

    report = run_on_device(task.reference, doc, device, auto_yes=True)
    return _Run(scripts=[task.reference.strip()], error=None if report.ok else " ".join(report.error_text.split()))


def _run_ours(task: SimTask, doc, device, model) -> _Run:
    """``autodroid run --yes`` without the terminal: the CLI's planner defaults (PlanConfig(), the stored
    examples, 2 repairs); sensitive actions confirmed, as a person saying "yes" would."""
    from autodroid.agent import run_task

    result = run_task(task.task, doc, device, model, repairs=2, auto_yes=True, examples="auto")
    plans = result.plans
    return _Run(scripts=list(result.scripts), error=result.error, model_calls=len(plans),
                prompt_tokens=sum(p.prompt_tokens for p in plans),
                llm_seconds=sum(p.prefill_seconds + p.decode_seconds for p in plans),
                notes={"plans": [{"script": p.script, "raw": p.raw, "problems": list(p.problems),
                                  "changes": list(p.changes), "candidates": list(p.candidates[:10])}
                                 for p in plans],
                       "attempt_errors": [a.error_type for a in result.attempts if not a.ok]})


def _candidates_k(name: str) -> int | None:
    tail = name.split("-", 1)[1]
    return None if tail == "all" else int(tail)


def _run_candidates(k: int | None):
    """The benchmark's no-model agent (``autodroid.bench.candidates``) when present, else the planner's own
    candidate lines (``Planner.choices`` over ``Planner.candidates``), the first k run as the script."""
    def run(task: SimTask, doc, device, model) -> _Run:
        try:
            from autodroid.bench.candidates import CandidatesAgent
        except ImportError:
            CandidatesAgent = None
        if CandidatesAgent is not None:
            outcome = CandidatesAgent(k=k)(task.task, doc, device, None)
            return _Run(scripts=list(outcome.scripts), error=outcome.error, notes=dict(outcome.notes))
        from autodroid.agent import run_task
        from autodroid.planner.planner import Plan, Planner

        from autodroid.planner.grammar_for_doc import has_text_slot

        planner = Planner(None, doc)
        lines = [line for line in planner.choices(task.task, [c.name for c in planner.candidates(task.task)])
                 if not has_text_slot(line)]  # a free text slot needs a model to fill it
        script = "\n".join(lines if k is None else lines[:k])

        class Fixed:
            config = planner.config

            def plan(self, text, *, repair=None, attempt=1):
                return Plan(task=text, app=doc.app, script=script, raw=script, candidates=tuple(lines), examples=(),
                            changes=(), problems=() if script else ("no candidate line",), model="none",
                            prompt_tokens=0, cached_prefix_tokens=0, generated_tokens=0, prefill_seconds=0.0,
                            decode_seconds=0.0, plan_seconds=0.0, finish_reason="stop", attempt=attempt)

        result = run_task(task.task, doc, device, None, planner=Fixed(), repairs=0, auto_yes=True)
        return _Run(scripts=[script] if script else [], error=result.error, notes={"offered_lines": len(lines)})
    return run


def _agent(name: str):
    if name == "reference":
        return _run_reference
    if name == "ours":
        return _run_ours
    if name.startswith("candidates-"):
        try:
            k = _candidates_k(name)
        except ValueError:
            k = 0
        if k is None or k >= 1:
            return _run_candidates(k)
    raise BadInputError(f"unknown agent {name!r}", fix=f"use --agents from {', '.join(AGENT_NAMES)} "
                                                     "(candidates-K for any K >= 1)")


def run_one(task: SimTask, agent: str, model=None, *, doc=None) -> dict:
    """Run ``agent`` on ``task`` on a fresh sim device, then check the final state. One JSON-able record."""
    import time

    from autodroid.appdoc import load_doc
    from autodroid.device import open_device
    from autodroid.errors import AutodroidError

    run_agent = _agent(agent)
    doc = doc or load_doc(task.app)
    started = time.perf_counter()
    with open_device(task.device) as real:
        if doc.package and real.current_app() != doc.package:
            real.app_start(doc.package)
        device = _RecordingDevice(real)
        try:
            run = run_agent(task, doc, device, model)
        except AutodroidError as error:
            run = _Run(error=f"{type(error).__name__}: {error.one_line()}")
        except Exception as error:  # a crash is this agent's failure on this task, the run goes on
            run = _Run(error=f"crash {type(error).__name__}: {error}")
        seconds = time.perf_counter() - started
        final = snapshot(real, task.app)
    result = evaluate(task.check, final, task.app)
    effects = side_effects(final, fresh_snapshot(task.app), task.check)
    record = {
        "agent": agent, "id": task.id, "app": task.app, "task": task.task, "pass": result.ok,
        "strict": result.ok and not effects, "reason": result.reason, "side_effects": effects,
        "error": run.error, "scripts": run.scripts, "actions": device.actions,
        "seconds": round(seconds, 3), "model_calls": run.model_calls, "prompt_tokens": run.prompt_tokens,
        "llm_seconds": round(run.llm_seconds, 3),
    }
    if not result.ok:
        record["final_state"] = _relevant(final, task.check)
    if run.notes:
        record["notes"] = run.notes
    return record


def _relevant(state: dict, check: list) -> dict:
    """The parts of the final state the check looked at (for reading a failure)."""
    out: dict = {}
    for predicate in check:
        (_, arg), = predicate.items()
        for path in (arg if isinstance(arg, list) else list(arg)):
            try:
                out[path] = _resolve(state, path)
            except CheckError:
                pass
    return out


def read_results(folder: Path) -> list[dict]:
    import json

    path = Path(folder) / RESULTS
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def summarize(records: list[dict], tasks: list[SimTask] | None = None) -> dict:
    """Per agent: passes per app and in total, how often the agent reported success, and how often it
    reported success on a state that fails the check."""
    order = {t.id: i for i, t in enumerate(tasks or [])}
    agents: dict[str, dict] = {}
    for record in sorted(records, key=lambda r: order.get(r["id"], 0)):
        entry = agents.setdefault(record["agent"], {"apps": {}, "total": _zero()})
        for bucket in (entry["apps"].setdefault(record["app"], _zero()), entry["total"]):
            bucket["tasks"] += 1
            bucket["pass"] += bool(record["pass"])
            bucket["strict"] += bool(record.get("strict"))
            bucket["no_error"] += record["error"] is None
            bucket["no_error_but_wrong"] += record["error"] is None and not record["pass"]
            bucket["seconds"] += record["seconds"]
            bucket["llm_seconds"] += record.get("llm_seconds", 0.0)
    for entry in agents.values():
        for bucket in (*entry["apps"].values(), entry["total"]):
            n = bucket["tasks"] or 1
            bucket["rate"] = round(bucket["pass"] / n, 6)
            bucket["strict_rate"] = round(bucket["strict"] / n, 6)
            bucket["seconds_mean"] = round(bucket.pop("seconds") / n, 3)
            bucket["llm_seconds_mean"] = round(bucket.pop("llm_seconds") / n, 3)
    return {"agents": agents}


def _zero() -> dict:
    return {"tasks": 0, "pass": 0, "strict": 0, "no_error": 0, "no_error_but_wrong": 0, "seconds": 0.0, "llm_seconds": 0.0}


def summary_markdown(summary: dict, meta: dict) -> str:
    apps = sorted({app for entry in summary["agents"].values() for app in entry["apps"]})
    lines = [f"# Sim tasks by final state ({meta.get('tasks', '?')} tasks)", "",
             f"Command: `{meta.get('command', '')}`  ", f"Model: {meta.get('model') or '(none)'}; code: "
             f"{meta.get('code_version')}; task file: {meta.get('task_file')} (sha256 "
             f"{' '.join(h[:12] for h in meta.get('task_sha256', '').split())})"
             f"; {meta.get('date', '')}", "",
             "A task passes when its check holds on the sim's final state. `strict`: it passes and nothing outside "
             "what the check looks at changed (no stray note, alarm, timer or setting). `no error`: the agent itself "
             "reported success; `wrong but no error`: it did, and the check failed.", "",
             "| agent | " + " | ".join(apps) + " | total | strict | no error | wrong but no error | s / task "
             "| LLM s / task |",
             "|---|" + "---|" * (len(apps) + 6)]
    for name, entry in summary["agents"].items():
        cells = []
        for app in apps:
            b = entry["apps"].get(app)
            cells.append(f"{b['pass']}/{b['tasks']} ({b['rate']:.0%})" if b else "")
        t = entry["total"]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | **{t['pass']}/{t['tasks']} ({t['rate']:.1%})** | "
                     f"{t['strict']}/{t['tasks']} ({t['strict_rate']:.1%}) | {t['no_error']} | {t['no_error_but_wrong']} | {t['seconds_mean']:.2f} | "
                     f"{t['llm_seconds_mean']:.2f} |")
    return "\n".join(lines) + "\n"


def per_task_markdown(records: list[dict], tasks: list[SimTask]) -> str:
    agents = list(dict.fromkeys(r["agent"] for r in records))
    got = {(r["agent"], r["id"]): r for r in records}
    lines = ["| task | app | " + " | ".join(agents) + " |", "|---|---|" + "---|" * len(agents)]
    for task in tasks:
        marks = []
        for agent in agents:
            r = got.get((agent, task.id))
            marks.append("" if r is None else ("FAIL" if not r["pass"] else
                                               "pass" if r.get("strict", True) else "pass, side effects"))
        lines.append(f"| {task.id} | {task.app} | " + " | ".join(marks) + " |")
    return "\n".join(lines) + "\n"


def _shown_path(path: Path) -> str:
    """The task file relative to the checkout when it lies inside, else as given."""
    root = DEFAULT_TASKS.parents[1]
    full = Path(path).resolve()
    return str(full.relative_to(root)) if full.is_relative_to(root) else str(path)


def run_sim_bench(out: Path, *, agents: list[str] | None = None, model_name: str | None = None,
                  tasks_path: Path | Sequence[Path] | None = None, apps: list[str] | None = None,
                  limit: int | None = None,
                  fresh: bool = False, command: str = "", progress=None) -> dict:
    """Run each agent on each task (fresh sim per task), append one record per (agent, task) to
    ``OUT/results.jsonl`` (resuming: pairs already there are skipped unless ``fresh``), and write
    ``summary.md`` / ``summary.json``. Returns the summary."""
    import datetime
    import hashlib
    import json

    from autodroid.appdoc import load_doc
    from autodroid.bench.machine import code_version, machine

    agents = list(agents or DEFAULT_AGENTS)
    for name in agents:
        _agent(name)  # unknown names fail before anything runs
    if isinstance(tasks_path, (str, Path)):
        tasks_path = [tasks_path]
    task_files = [Path(path) for path in tasks_path] if tasks_path else [DEFAULT_TASKS]
    tasks = [task for path in task_files for task in load_tasks(path, apps=apps)]
    repeated = sorted({t.id for t in tasks if sum(1 for other in tasks if other.id == t.id) > 1})
    if repeated:
        raise BadInputError(f"task ids in more than one task file: {', '.join(repeated)}",
                            fix="give every task its own id across the files passed with --tasks")
    if limit is not None:
        per_app: dict[str, int] = {}
        kept = []
        for task in tasks:
            per_app[task.app] = per_app.get(task.app, 0) + 1
            if per_app[task.app] <= limit:
                kept.append(task)
        tasks = kept
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    results = out / RESULTS
    if fresh and results.exists():
        results.unlink()
    done = {(r["agent"], r["id"]) for r in read_results(out)}
    model = None
    model_label = None
    say = progress or (lambda text: None)
    try:
        docs = {app: load_doc(app) for app in {t.app for t in tasks}}
        for name in agents:
            todo = [t for t in tasks if (name, t.id) not in done]
            if todo and name == "ours" and model is None:
                from autodroid.planner import load_model

                model = load_model(model_name)
                model_label = getattr(model, "name", model_name)
            for task in todo:
                record = run_one(task, name, model, doc=docs[task.app])
                with results.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                say(f"{name} {task.id}: {'pass' if record['pass'] else 'FAIL ' + record['reason'][:120]}")
    finally:
        if model is not None:
            model.close()
    wanted = {t.id for t in tasks}
    records = [r for r in read_results(out) if r["id"] in wanted]
    summary = summarize(records, tasks)
    meta = {"command": command, "model": None, "code_version": code_version(), "tasks": len(tasks),
            "task_file": ", ".join(_shown_path(path) for path in task_files),
            "task_sha256": " ".join(hashlib.sha256(path.read_bytes()).hexdigest() for path in task_files),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine()}
    if any(r["agent"] == "ours" for r in records):
        meta["model"] = model_label or model_name or "(default)"
    summary["meta"] = meta
    (out / "summary.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "summary.md").write_text(summary_markdown(summary, meta) + "\n## Per task\n\n"
                                    + per_task_markdown(records, tasks), encoding="utf-8")
    return summary
