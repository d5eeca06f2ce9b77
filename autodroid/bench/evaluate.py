"""Scoring a run against a DroidTask gold task.

A gold action is (kind, the gold node on the screen of the demonstration where it was performed, and for
set_text the text). A recorded action matches it when the kinds agree (touch = tap, input_text = set_text),
the texts agree after case and space normalisation, and the action landed on the gold node: either the
same screen (State text) and node id, or a node with the gold element's id, resource id, alt and text
(the element as the published evaluation compares it, which also accepts the same widget on another
recording of the screen).

- **lenient** (the published rule): every gold action appears somewhere among the actions the agent
  issued, order ignored, scrolls skipped. An action the replay device had no recording for
  (UnexploredTransition) still counts as issued: on a phone it would have been performed.
- **success** (the headline): every gold action is matched by an action that really happened (the device
  performed it: not an UnexploredTransition no-op of the replay, not a failed action) on a screen
  recognised as the gold step's screen (the same State text, or the same structural signature: the same
  screen recorded with other content), order ignored. On the gold step's own State the node id decides;
  on another recording of that screen the node must carry the gold element's id, resource id, alt and text.
- **strict**: success with the gold actions in gold order, and no agent error.
- **precision**: gold-matching actions / all device actions the agent caused (app restarts and
  scrolls excluded: the gold set skips scrolls, and neither changes the app); each gold action is credited to one action at most, so repeating a gold tap does not help.
- **side_effects**: state-changing actions that really happened and match no gold action: typing, taps
  on checkable widgets, and taps on widgets whose label is a confirm or an irreversible verb (the
  privilege policy's words: ok, save, delete, send, ...). Navigation taps, scrolls and back are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from functools import lru_cache

from autodroid.bench.recording import RecordedAction
from autodroid.droidtask import GoldElement, GoldTask, load_records, node_matches, parse_state

GOLD_KINDS = {"touch": "tap", "input_text": "set_text"}
ISSUED_ERRORS = (None, "UnexploredTransition")  # actions the agent issued on a node of the live screen
NOT_COUNTED = ("app_start", "scroll")  # restarts and scrolls (the gold set skips scrolls) are not counted
# Labels of taps that change the app's data or reach out (a confirm, or the privilege policy's verbs).
STATE_CHANGING_WORDS = frozenset(
    "ok save done apply yes confirm delete remove uninstall install send call pay buy purchase grant share "
    "erase reset wipe clear rename move copy".split())
_LABEL_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class GoldAction:
    kind: str  # tap | set_text
    element: GoldElement
    state: str | None  # State text of the demonstration record the action was taken on
    text: str | None
    step: int  # index among the task's gold steps

    def describe(self) -> str:
        e = self.element
        label = e.text or e.alt or e.resource_id
        what = f"<{e.tag} id={e.id}{' ' + repr(label) if label else ''}>"
        return f"set_text({what}, {self.text!r})" if self.kind == "set_text" else f"tap({what})"


@dataclass
class Score:
    lenient: bool  # the published rule
    strict: bool  # success in gold order, no agent error
    matched: int  # gold actions found anywhere (published rule)
    total: int  # gold actions (scrolls skipped)
    in_order: int  # length of the in-order match (really performed, on the gold screen)
    unexplored_before_last: int  # unexplored transitions up to the last gold action of the in-order match
    missing: list[str] = field(default_factory=list)  # gold actions not really performed on their screen
    success: bool = False  # every gold action really performed on its screen, order ignored
    done: int = 0  # gold actions really performed on their screen
    actions: int = 0  # device actions the agent caused (app restarts excluded)
    gold_matching: int = 0  # of those, actions credited to a gold action (one action per gold action)
    side_effects: int = 0  # state-changing actions that really happened and match no gold action
    noop_matches: int = 0  # gold actions not really performed that the published rule matched through a no-op

    @property
    def precision(self) -> float | None:
        return round(self.gold_matching / self.actions, 4) if self.actions else None


def gold_actions(task: GoldTask, folder: Path) -> list[GoldAction]:
    """The task's gold actions without scrolls, each with the demonstration screen it was taken on."""
    records = load_records(Path(folder) / task.file)
    actions = []
    for index, step in enumerate(task.steps):
        kind = GOLD_KINDS.get(step.action)
        if kind is None:
            continue  # scroll: skipped by the published rule
        state = records[index].state if index < len(records) else None
        actions.append(GoldAction(kind, step.element, state, step.text if kind == "set_text" else None, index))
    return actions


def norm_text(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def matches(gold: GoldAction, action: RecordedAction) -> bool:
    if action.kind != gold.kind or action.error not in ISSUED_ERRORS:
        return False
    if gold.kind == "set_text" and norm_text(action.text) != norm_text(gold.text):
        return False
    for node in action.targets:
        if gold.state is not None and action.state == gold.state and node.id == gold.element.id:
            return True
        if node_matches(node, gold.element):
            return True
    return False


@lru_cache(maxsize=4096)
def _signature(state: str) -> str | None:
    try:
        return parse_state(state).signature
    except Exception:  # not a DroidTask State (a raw dump of another device): no signature to compare
        return None


class Screens:
    """Decides whether the screen an action was taken on is the gold step's screen. Without a doc: the
    same State text or the same structural signature. With the app's doc (built from the exploration log
    only) also: both recognised as the same doc screen by the runtime's recogniser, or the gold node is a
    widget the doc documents on both screens under one API (a toolbar's "More options" on two tabs: the
    demonstration may start on another tab than the recording's first screen)."""

    def __init__(self, doc=None):
        self.doc = doc
        self._recognizer = None
        self._screens: dict[str, tuple[str, ...]] = {}
        self._names: dict[tuple[str, int], str | None] = {}

    def _recognise(self, state: str) -> tuple[str, ...]:
        if state not in self._screens:
            if self._recognizer is None:
                from autodroid.runtime.recognition import Recognizer

                self._recognizer = Recognizer(self.doc)
            try:
                self._screens[state] = self._recognizer.recognize(parse_state(state)).candidates
            except Exception:
                self._screens[state] = ()
        return self._screens[state]

    def same(self, state: str, gold_state: str) -> bool:
        if state == gold_state:
            return True
        signature = _signature(state)
        if signature is not None and signature == _signature(gold_state):
            return True
        if self.doc is None:
            return False
        mine, theirs = self._recognise(state), self._recognise(gold_state)
        return bool(mine) and bool(theirs) and mine[0] == theirs[0]

    def api_of(self, state: str, node_id: int) -> str | None:
        """The doc API naming node ``node_id`` of ``state`` (None: the doc cannot name it)."""
        key = (state, node_id)
        if key not in self._names:
            from autodroid.explorer.coverage import element_names_node

            screen = parse_state(state)
            node = screen.get(node_id)
            self._names[key] = element_names_node(self.doc, screen, node) if node is not None else None
        return self._names[key]

    def same_widget(self, state: str, node_id: int, gold_state: str, gold_id: int) -> bool:
        if self.doc is None:
            return False
        api = self.api_of(gold_state, gold_id)
        if api is None or api != self.api_of(state, node_id):
            return False
        element = self.doc.elements.get(api)
        here = self._recognise(state)
        return element is not None and bool(here) and here[0] in element.screens


_NO_DOC = Screens()


def same_screen(state: str, gold_state: str, screens: Screens | None = None) -> bool:
    """Whether ``state`` is recognised as the gold step's screen (see ``Screens``)."""
    return (screens or _NO_DOC).same(state, gold_state)


def performed(gold: GoldAction, action: RecordedAction, screens: Screens | None = None) -> bool:
    """``action`` really did ``gold``: the device performed it (no error: not an unexplored no-op), the
    kinds and texts agree, and it landed on the gold node on a screen recognised as the gold step's."""
    if action.kind != gold.kind or action.error is not None:
        return False
    if gold.kind == "set_text" and norm_text(action.text) != norm_text(gold.text):
        return False
    if gold.state is None:  # no demonstration screen for this step (never in the shared data)
        return any(node_matches(node, gold.element) for node in action.targets)
    if action.state == gold.state:
        return any(node.id == gold.element.id for node in action.targets)
    hits = [node for node in action.targets if node_matches(node, gold.element)]
    if not hits:
        return False
    screens = screens or _NO_DOC
    if screens.same(action.state, gold.state):
        return True
    return any(screens.same_widget(action.state, node.id, gold.state, gold.element.id) for node in hits)


def state_changing(action: RecordedAction) -> bool:
    """Typing, long taps, taps on checkable widgets or on widgets labelled with a confirm or irreversible
    verb. Navigation taps, scrolls, back and restarts are not."""
    if action.kind == "set_text" or action.kind == "long_tap":
        return True
    if action.kind != "tap":
        return False
    for node in action.targets:
        if node.checkable:
            return True
        label = " ".join(x for x in (node.text, node.desc, (node.rid or "").replace("_", " ")) if x).lower()
        if STATE_CHANGING_WORDS & set(_LABEL_WORD.findall(label)):
            return True
    return False


def score(gold: list[GoldAction], actions: list[RecordedAction], *, error: str | None = None,
          screens: Screens | None = None) -> Score:
    """Every score of one task. ``screens``: a ``Screens`` holding the app's doc (recognises a screen
    recorded with other content); without it only the State text and the structural signature count."""
    found = [any(matches(g, a) for a in actions) for g in gold]
    performed_by = {(gi, ai): performed(g, a, screens) for gi, g in enumerate(gold) for ai, a in enumerate(actions)}
    done = [any(performed_by[gi, ai] for ai in range(len(actions))) for gi in range(len(gold))]
    missing = [g.describe() for g, ok in zip(gold, done) if not ok]
    # In-order: greedy earliest real performance of each gold action after the previous one.
    position, in_order, last_at = 0, 0, -1
    for gi, g in enumerate(gold):
        at = next((i for i in range(position, len(actions)) if performed_by[gi, i]), None)
        if at is None:
            break
        in_order += 1
        last_at, position = at, at + 1
    unexplored = sum(1 for a in actions[: last_at + 1] if a.error == "UnexploredTransition")
    success = all(done)
    strict = success and in_order == len(gold) and error is None
    counted = [ai for ai, a in enumerate(actions) if a.kind not in NOT_COUNTED]
    credited: set[int] = set()  # gold actions already credited to an action
    gold_matching = side_effects = 0
    for ai in counted:
        hit = next((gi for gi in range(len(gold)) if gi not in credited and performed_by[gi, ai]), None)
        if hit is not None:
            credited.add(hit)
            gold_matching += 1
        elif actions[ai].error is None and state_changing(actions[ai]) \
                and not any(performed_by[gi, ai] for gi in range(len(gold))):
            side_effects += 1
    noop_matches = sum(1 for g, d in zip(gold, done)  # matched by the published rule through a no-op only
                       if not d and any(a.error == "UnexploredTransition" and matches(g, a) for a in actions))
    return Score(all(found), strict, sum(found), len(gold), in_order, unexplored, missing, success=success,
                 done=sum(done), actions=len(counted), gold_matching=gold_matching, side_effects=side_effects,
                 noop_matches=noop_matches)


def action_log(actions: list[RecordedAction], gold: list[GoldAction], doc=None,
               screens: Screens | None = None) -> list[dict]:
    """One entry per device action, for auditing a row: the action kind, the doc API that names its node
    on that screen and the doc screen it was taken on (when the doc can say), the device's error, whether
    it was a replay no-op, which gold action (index) it really performed, and whether it counts as a side
    effect. Typed texts are kept under ``text`` (dataset text: the published copy drops them)."""
    screens = screens if screens is not None else Screens(doc)
    out = []
    for action in actions:
        entry: dict = {"kind": action.kind}
        if doc is not None and action.node is not None:
            try:
                entry["api"] = screens.api_of(action.state, action.node.id)
                recognised = screens._recognise(action.state)
                entry["screen"] = recognised[0] if recognised else None
            except Exception:  # not a DroidTask State: no API or screen to name
                entry["api"] = entry["screen"] = None
        if action.text is not None and action.kind == "set_text":
            entry["text"] = action.text
        if action.error:
            entry["error"] = action.error
        entry["noop"] = action.error == "UnexploredTransition"
        entry["gold"] = next((i for i, g in enumerate(gold) if performed(g, action, screens)), None)
        entry["side_effect"] = entry["gold"] is None and action.error is None and state_changing(action)
        out.append(entry)
    return out
