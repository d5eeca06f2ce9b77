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
- **strict**: the gold actions (scrolls skipped) appear in order, the agent reported no error, and no
  action up to and including the last gold action was an unexplored transition (so every gold action
  was really performed on the recorded app).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from autodroid.bench.recording import RecordedAction
from autodroid.droidtask import GoldElement, GoldTask, load_records, node_matches

GOLD_KINDS = {"touch": "tap", "input_text": "set_text"}
ISSUED_ERRORS = (None, "UnexploredTransition")  # actions the agent issued on a node of the live screen


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
    lenient: bool
    strict: bool
    matched: int  # gold actions found anywhere
    total: int  # gold actions (scrolls skipped)
    in_order: int  # length of the in-order match
    unexplored_before_last: int  # unexplored transitions up to the last gold action of the in-order match
    missing: list[str] = field(default_factory=list)


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


def score(gold: list[GoldAction], actions: list[RecordedAction], *, error: str | None = None) -> Score:
    found = [any(matches(g, a) for a in actions) for g in gold]
    missing = [g.describe() for g, ok in zip(gold, found) if not ok]
    # In-order: greedy earliest match of each gold action after the previous one.
    position, in_order, last_at = 0, 0, -1
    for g in gold:
        at = next((i for i in range(position, len(actions)) if matches(g, actions[i])), None)
        if at is None:
            break
        in_order += 1
        last_at, position = at, at + 1
    unexplored = sum(1 for a in actions[: last_at + 1] if a.error == "UnexploredTransition")
    lenient = all(found)
    strict = in_order == len(gold) and error is None and unexplored == 0
    return Score(lenient, strict, sum(found), len(gold), in_order, unexplored, missing)
