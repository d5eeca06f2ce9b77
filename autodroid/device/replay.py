"""The ``replay:`` device: drives a recorded DroidTask app from its folder.

Spec: ``replay:<folder>`` (log plus all task demonstrations), ``replay:<folder>?log`` (exploration log
only), ``replay:<folder>?tasks=task3.yaml,task5.yaml`` (log plus those demonstrations).

The action of record i (on State[i]) leads to State[i+1] of the same file. An action that was never
recorded raises ``UnexploredTransition`` and leaves the screen unchanged. ``back()`` without a recorded
outcome returns to the previous screen of this session. When the same screen and action were recorded
with different outcomes, the choice is deterministic and reported in ``ActionResult.note``: outcomes
from task demonstrations win over the log's (they are the targeted recordings); among those, continue
the file the previous transition came from (when several recordings continue, the one that also matches
the transitions before it), else take the outcome seen most often, else the first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from autodroid.device.base import ActionResult, DeviceBase
from autodroid.droidtask import Record, check_app_folder, load_records, parse_state, task_files
from autodroid.errors import BadInputError, ElementNotFound, UnexploredTransition
from autodroid.ui.screen import Node, Screen

ActionKey = tuple  # (action, node id or None, text or None)


@dataclass(frozen=True)
class Outcome:
    next_state: str
    file: str
    index: int  # index of the record that took the action


class ReplayDevice(DeviceBase):
    def __init__(self, folder: str | Path, *, files: list[str] | None = None, log_only: bool = False):
        self.folder = check_app_folder(Path(folder))
        self.app = self.folder.name
        names = ["log.yaml"]
        if not log_only:
            available = {path.name for path in task_files(self.folder)}
            wanted = files if files is not None else sorted(available, key=_task_number)
            unknown = [name for name in wanted if name not in available]
            if unknown:
                raise BadInputError(f"{self.folder} has no {', '.join(unknown)}",
                                    fix=f"pick from {', '.join(sorted(available, key=_task_number))}")
            names += wanted
        self.files = names
        self.spec = f"replay:{self.folder}" + ("?log" if log_only else "")
        self.records: dict[str, list[Record]] = {name: load_records(self.folder / name) for name in names}
        self._outcomes: dict[tuple[str, ActionKey], list[Outcome]] = defaultdict(list)
        for name, records in self.records.items():
            for record, following in zip(records, records[1:]):
                if record.action == "finish":
                    continue
                key = (record.state, _key(record.action, record.choice, record.text))
                self._outcomes[key].append(Outcome(following.state, name, record.index))
        self.start_state = self.records["log.yaml"][0].state
        self.reset()

    # --- session state -------------------------------------------------------------------------
    def reset(self) -> None:
        self._state = self.start_state
        self._history: list[str] = []
        self._last: set[tuple[str, int]] = set()  # (file, record index) of the transition just taken
        self._trail: list[set[tuple[str, int]]] = []  # the _last sets before it, most recent first
        self.last_alternatives = 1  # distinct recorded outcomes of the last followed action (explorer hint)

    @property
    def state(self) -> str:
        return self._state

    def screen(self) -> Screen:
        return parse_state(self._state)

    def current_app(self) -> str:
        return self.app

    def app_start(self, app: str) -> ActionResult:
        if app not in (self.app, ""):
            raise BadInputError(f"replay device of {self.app!r} cannot start {app!r}",
                                fix=f"open replay:<folder of {app}> instead")
        changed = self._state != self.start_state
        self.reset()
        return ActionResult(changed, "restarted at the recording's first screen")

    # --- actions -------------------------------------------------------------------------------
    def tap(self, node: Node) -> ActionResult:
        screen = self._check_node(node)
        for target in _tap_targets(screen, node):
            if self._recorded(("touch", target.id, None)):
                return self._follow(("touch", target.id, None), f"tap on {_describe(node)}")
        raise self._unexplored(f"tap on {_describe(node)}")

    def long_tap(self, node: Node) -> ActionResult:
        self._check_node(node)
        raise self._unexplored(f"long tap on {_describe(node)}")  # DroidTask records no long taps

    def set_text(self, node: Node, text: str) -> ActionResult:
        self._check_node(node)
        exact = ("input_text", node.id, text)
        if self._recorded(exact):
            return self._follow(exact, f"type {text!r} into {_describe(node)}")
        typed = sorted({key[1][2] for key in self._outcomes if key[0] == self._state
                        and key[1][0] == "input_text" and key[1][1] == node.id})
        hint = f"; recorded texts for this field: {', '.join(map(repr, typed))}" if typed else ""
        raise self._unexplored(f"type {text!r} into {_describe(node)}{hint}")

    def scroll(self, node: Node, direction: str = "down") -> ActionResult:
        self.check_direction(direction)
        screen = self._check_node(node)
        if direction == "down":
            for target in [node, *screen.ancestors(node)]:
                if self._recorded(("scroll", target.id, None)):
                    return self._follow(("scroll", target.id, None), f"scroll {_describe(node)} down")
        raise self._unexplored(f"scroll {direction} on {_describe(node)}")

    def back(self) -> ActionResult:
        key = ("navigate_back", None, None)
        if self._recorded(key):
            return self._follow(key, "back (recorded)")
        if self._history:
            previous = self._history.pop()
            self._state, self._last, self._trail = previous, set(), []
            self.last_alternatives = 1
            return ActionResult(True, "back: no recorded outcome, returned to the previous screen")
        raise self._unexplored("back on the first screen of the session")

    def close(self) -> None:
        self._history = []

    def suggested_texts(self, node: Node) -> list[str]:
        """Texts recorded as typed into ``node`` on the current screen (explorer hint; may be empty)."""
        return sorted({key[1][2] for key in self._outcomes if key[0] == self._state
                       and key[1][0] == "input_text" and key[1][1] == node.id})

    # --- internals -----------------------------------------------------------------------------
    def _check_node(self, node: Node) -> Screen:
        screen = self.screen()
        if screen.get(node.id) != node:
            raise ElementNotFound(f"node {_describe(node)} is not on the current replay screen",
                                  fix="take a fresh screen() and act on one of its nodes")
        return screen

    def _recorded(self, action: ActionKey) -> bool:
        return (self._state, action) in self._outcomes

    def _follow(self, action: ActionKey, what: str) -> ActionResult:
        outcomes = self._outcomes[(self._state, action)]
        chosen, note = _choose(outcomes, self._last, self._trail)
        self.last_alternatives = len({o.next_state for o in outcomes})
        self._history.append(self._state)
        changed = chosen.next_state != self._state
        # Every recording that agrees with the chosen outcome is a trajectory we may be continuing.
        self._state = chosen.next_state
        self._trail = [self._last, *self._trail][:_TRAIL]
        self._last = {(o.file, o.index) for o in outcomes if o.next_state == chosen.next_state}
        return ActionResult(changed, f"{what}: {note}" if note else "")

    def _unexplored(self, what: str) -> UnexploredTransition:
        recordings = "log only" if len(self.files) == 1 else f"log + {len(self.files) - 1} demonstrations"
        return UnexploredTransition(f"{what} was never recorded in {self.app} ({recordings}); "
                                    "the screen is unchanged")


def _key(action: str, choice: int | None, text: str | None) -> ActionKey:
    return (action, choice, text if action == "input_text" else None)


_TRAIL = 8  # how many earlier transitions may break a tie between recordings the session continues


def _choose(outcomes: list[Outcome], last: set[tuple[str, int]],
            trail: list[set[tuple[str, int]]] = ()) -> tuple[Outcome, str]:
    distinct = {o.next_state for o in outcomes}
    if len(distinct) == 1:
        return outcomes[0], ""
    pool = _prefer_tasks(outcomes)
    continuing = [o for o in pool if (o.file, o.index - 1) in last]
    for depth, earlier in enumerate(trail, start=2):  # same recent step: prefer the longer shared history
        if len({o.next_state for o in continuing}) <= 1:
            break
        longer = [o for o in continuing if (o.file, o.index - depth) in earlier]
        if not longer:
            break
        continuing = longer
    if continuing:
        return continuing[0], f"{len(distinct)} recorded outcomes; continued {continuing[0].file}"
    counts: dict[str, int] = defaultdict(int)
    for outcome in pool:
        counts[outcome.next_state] += 1
    best = max(counts.values())
    chosen = next(o for o in pool if counts[o.next_state] == best)
    return chosen, f"{len(distinct)} recorded outcomes; chose the one from {chosen.file} record {chosen.index}"


def _prefer_tasks(outcomes: list[Outcome]) -> list[Outcome]:
    return [o for o in outcomes if o.file != "log.yaml"] or outcomes


def _tap_targets(screen: Screen, node: Node) -> list[Node]:
    """A tap lands on the node, else bubbles to its nearest clickable ancestor, as on a phone."""
    targets = [node]
    if not node.clickable:
        targets += [a for a in screen.ancestors(node) if a.clickable][:1]
    return targets


def _describe(node: Node) -> str:
    label = node.text or node.desc or node.rid
    return f"<{node.tag} id={node.id}{' ' + repr(label) if label else ''}>"


def _task_number(name: str) -> int:
    digits = "".join(ch for ch in name if ch.isdigit())
    return int(digits) if digits else 0


def open_replay(arg: str) -> ReplayDevice:
    path, _, query = arg.partition("?")
    if not path:
        raise BadInputError("replay spec needs a folder", fix="use replay:<DroidTask app folder>[?log]")
    if query in ("", "all"):
        return ReplayDevice(path)
    if query == "log":
        return ReplayDevice(path, log_only=True)
    if query.startswith("tasks="):
        return ReplayDevice(path, files=[name for name in query[6:].split(",") if name])
    raise BadInputError(f"unknown replay option {query!r}", fix="use ?log or ?tasks=task1.yaml,task2.yaml")
