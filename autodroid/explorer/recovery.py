"""How much of a recorded DroidTask exploration log an explored graph recovered.

A log screen is recovered when some graph state has exactly its State text. A log transition (record i's
action on State[i], leading to State[i+1]) is recovered when the graph has an edge from State[i] to
State[i+1] with the same action on the same element (the recorded id, or a node inside it for taps and
scrolls, as the replay device resolves them) and, for typing, the same text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from autodroid.droidtask import load_records, parse_state
from autodroid.explorer.graph import Graph

_ACTION_NAMES = {"touch": "tap", "input_text": "set_text", "scroll": "scroll", "navigate_back": "back"}

LogTransition = tuple  # (state text, action, choice, text, next state text)


@dataclass
class Recovery:
    app: str
    screens: int
    screens_found: int
    transitions: int
    transitions_found: int
    missing_screens: list[int] = field(default_factory=list)  # log record index of a missing screen
    missing_transitions: list[int] = field(default_factory=list)  # log record index of the missing action

    @property
    def screen_share(self) -> float:
        return self.screens_found / self.screens if self.screens else 1.0

    @property
    def transition_share(self) -> float:
        return self.transitions_found / self.transitions if self.transitions else 1.0


def log_transitions(folder: Path) -> list[tuple[int, LogTransition]]:
    records = load_records(Path(folder) / "log.yaml")
    found: dict[LogTransition, int] = {}
    for record, following in zip(records, records[1:]):
        if record.action == "finish":
            continue
        key = (record.state, record.action, record.choice, record.text if record.action == "input_text" else None,
               following.state)
        found.setdefault(key, record.index)
    return [(index, key) for key, index in found.items()]


def _targets(state: str, node_id: int | None) -> set[int | None]:
    """Ids an action on node_id may have been recorded under: the node and its ancestors."""
    if node_id is None:
        return {None}
    screen = parse_state(state)
    node = screen.get(node_id)
    if node is None:
        return {node_id}
    return {node_id, *(ancestor.id for ancestor in screen.ancestors(node))}


def measure_recovery(folder: str | Path, graph: Graph) -> Recovery:
    folder = Path(folder)
    records = load_records(folder / "log.yaml")
    raw_to_id = {state.raw: state.id for state in graph.states.values()}
    first_index: dict[str, int] = {}
    for record in records:
        first_index.setdefault(record.state, record.index)
    missing_screens = sorted(index for state, index in first_index.items() if state not in raw_to_id)

    edges: dict[tuple[str, str, str], list] = {}
    for edge in graph.transitions():
        edges.setdefault((edge.from_id, edge.action, edge.to_id), []).append(edge)
    transitions = log_transitions(folder)
    missing = []
    for index, (state, action, choice, text, following) in transitions:
        source, target = raw_to_id.get(state), raw_to_id.get(following)
        candidates = edges.get((source, _ACTION_NAMES[action], target), []) if source and target else []
        ok = False
        for edge in candidates:
            node_id = edge.node.get("id") if isinstance(edge.node, dict) else None
            if action == "navigate_back":
                ok = True
            elif action == "input_text":
                ok = node_id == choice and edge.text == text
            else:
                ok = choice in _targets(state, node_id)
            if ok:
                break
        if not ok:
            missing.append(index)
    return Recovery(folder.name, len(first_index), len(first_index) - len(missing_screens), len(transitions),
                    len(transitions) - len(missing), missing_screens, sorted(missing))
