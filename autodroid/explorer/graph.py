"""The explored UI transition graph: an append-only JSONL store and its loader.

``<out>/graph.jsonl`` holds one JSON object per line, written and fsynced one line at a time, so a
``kill -9`` loses at most the line being written (the loader ignores a truncated last line, and the
writer cuts it off before appending again). Line types:

- ``meta``: ``{"type": "meta", "app", "device", "started", "config"}``; first line, and one per resume
  with ``"resumed": true``;
- ``state``: ``{"type": "state", "id": "s<N>", "signature", "raw", "source", "step"}`` plus ``key`` (the
  identity hash: sha1 of the State text for DroidTask screens, of package + rendered HTML otherwise),
  ``package``, ``outside`` (another app's screen, e.g. the launcher after back left the app; never
  explored) and, where the device suggested texts for its inputs, ``suggested_texts`` {node id: [text]};
- ``edge``: ``{"type": "edge", "from", "action", "node", "text", "direction", "to", "result", "note",
  "step"}`` plus ``purpose``: why the action was taken: explore (first try here), navigate (on the way to
  a state), probe (retrying an action whose outcome depends on history), recover (getting back into the
  app), restart. Every device action is an edge, so a transition seen again while navigating is counted
  again. Optional: ``alternatives`` (distinct outcomes the device says were recorded for this action),
  ``job``/``job_done`` (the planned route it belongs to), ``reset`` (restart edges: true = a fresh start,
  false = a relaunch keeping the app's data), ``device_error`` (the device failed; not a fact about the app);
- ``giveup``: ``{"type": "giveup", "state" | "job", "reason", "step"}``: the crawler stopped trying to get
  back to a state (or to finish a probe).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from autodroid.errors import BadInputError
from autodroid.ui.screen import Node, Screen

ACTIONS = ("tap", "long_tap", "set_text", "scroll", "back", "restart")
RESULTS = ("changed", "unchanged", "unexplored", "error", "skipped_destructive")
GRAPH_FILE = "graph.jsonl"
_STATE_FIELDS = {"type", "id", "signature", "raw", "source", "step", "key", "package", "outside"}
_EDGE_FIELDS = {"type", "from", "action", "node", "text", "direction", "to", "result", "note", "step", "purpose",
                "alternatives"}


@dataclass
class State:
    id: str
    signature: str
    raw: str
    source: str
    step: int
    key: str = ""
    package: str = ""
    outside: bool = False
    extra: dict = field(default_factory=dict)  # fields this reader does not know (e.g. suggested_texts)

    @cached_property
    def screen(self) -> Screen:
        """The state's screen, parsed from ``raw`` on first use."""
        from autodroid.ui.load import parse_screen

        screen = parse_screen(self.raw)
        if self.source and screen.source != self.source:
            import dataclasses

            screen = dataclasses.replace(screen, source=self.source)
        return screen


@dataclass
class Edge:
    from_id: str | None  # "from" in the file
    action: str
    to_id: str | None  # "to" in the file; None when the action failed or was not taken
    result: str
    node: dict | None = None
    text: str | None = None
    direction: str | None = None
    note: str = ""
    step: int = 0
    purpose: str = "explore"
    alternatives: int = 1  # distinct outcomes the device reported for this action (replay hint)
    line: int = 0  # line number in graph.jsonl
    extra: dict = field(default_factory=dict)  # other fields (probe, probe_done, ...)

    @property
    def source(self) -> str | None:  # alias of from_id
        return self.from_id

    @property
    def target(self) -> str | None:  # alias of to_id
        return self.to_id

    @property
    def is_transition(self) -> bool:
        return self.to_id is not None and self.action != "restart"


@dataclass
class Graph:
    path: Path
    metas: list[dict] = field(default_factory=list)
    states: dict[str, State] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    giveups: list[dict] = field(default_factory=list)
    truncated_tail: bool = False  # the last line was cut off (a crash mid-write) and was ignored

    @property
    def meta(self) -> dict:
        return self.metas[0] if self.metas else {}

    def transitions(self) -> list[Edge]:
        """Edges that led somewhere (UI actions only; restarts excluded)."""
        return [edge for edge in self.edges if edge.is_transition]

    @property
    def start_state(self) -> str | None:
        """The state the app starts on: where the first restart landed, else the first state."""
        for edge in self.edges:
            if edge.action == "restart" and edge.to_id:
                return edge.to_id
        return next(iter(self.states), None)

    def app_states(self) -> dict[str, State]:
        """The app's own states: without the screens of other apps (the launcher after back left the app)."""
        return {state_id: state for state_id, state in self.states.items() if not state.outside}

    def out_edges(self, state_id: str) -> list[Edge]:
        return [edge for edge in self.edges if edge.from_id == state_id and edge.action != "restart"]

    def screens(self) -> dict[str, list[str]]:
        """State ids grouped by structural screen signature, in discovery order."""
        groups: dict[str, list[str]] = {}
        for state in self.states.values():
            groups.setdefault(state.signature, []).append(state.id)
        return groups


def node_record(node: Node) -> dict:
    return {"id": node.id, "path": node.path, "rid": node.rid, "resource_id": node.resource_id,
            "text": node.text, "desc": node.desc, "cls": node.cls, "tag": node.tag}


def graph_path(location: str | os.PathLike) -> Path:
    """Accepts the graph file itself or the folder holding graph.jsonl."""
    path = Path(location)
    return path / GRAPH_FILE if path.is_dir() else path


def load_graph(location: str | os.PathLike) -> Graph:
    path = graph_path(location)
    if not path.is_file():
        raise BadInputError(f"no explored graph at {path}",
                            fix="run `autodroid explore --device SPEC` first, or pass the explore folder")
    graph = Graph(path=path)
    for number, record, truncated in _read_lines(path):
        if truncated:
            graph.truncated_tail = True
            break
        _add(graph, record, number, path)
    return graph


def _read_lines(path: Path) -> Iterator[tuple[int, dict, bool]]:
    data = path.read_bytes()
    lines = data.split(b"\n")
    complete = data.endswith(b"\n")
    last = len(lines) - 1 if complete else len(lines)  # with a trailing newline the final piece is empty
    for index in range(last):
        raw = lines[index]
        number = index + 1
        is_last = index == last - 1
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            if is_last and not complete:  # cut off mid-write by a crash: ignore it
                yield number, {}, True
                return
            raise BadInputError(f"{path}:{number}: corrupt graph line ({error})",
                                fix="delete that line (or restore the file); the rest of the graph is kept") from None
        if not isinstance(record, dict) or "type" not in record:
            raise BadInputError(f"{path}:{number}: a graph line must be a JSON object with a `type`",
                                fix="delete that line (or restore the file)")
        yield number, record, False


def _add(graph: Graph, record: dict, number: int, path: Path) -> None:
    kind = record["type"]
    try:
        if kind == "meta":
            graph.metas.append(record)
        elif kind == "state":
            state = State(id=str(record["id"]), signature=str(record["signature"]), raw=str(record["raw"]),
                          source=str(record.get("source", "")), step=int(record.get("step", 0)),
                          key=str(record.get("key", "")), package=str(record.get("package", "")),
                          outside=bool(record.get("outside", False)),
                          extra={k: v for k, v in record.items() if k not in _STATE_FIELDS})
            if state.id in graph.states:
                raise BadInputError(f"{path}:{number}: state {state.id} is defined twice",
                                    fix="delete the repeated state line")
            graph.states[state.id] = state
        elif kind == "edge":
            action, result = record["action"], record["result"]
            if action not in ACTIONS:
                raise BadInputError(f"{path}:{number}: unknown edge action {action!r}",
                                    fix=f"use one of {', '.join(ACTIONS)}")
            if result not in RESULTS:
                raise BadInputError(f"{path}:{number}: unknown edge result {result!r}",
                                    fix=f"use one of {', '.join(RESULTS)}")
            edge = Edge(from_id=record.get("from"), action=action, to_id=record.get("to"), result=result,
                        node=record.get("node"), text=record.get("text"), direction=record.get("direction"),
                        note=str(record.get("note", "")), step=int(record.get("step", 0)),
                        purpose=str(record.get("purpose", "explore")),
                        alternatives=int(record.get("alternatives", 1)), line=number,
                        extra={k: v for k, v in record.items() if k not in _EDGE_FIELDS})
            for end in (edge.from_id, edge.to_id):
                if end is not None and end not in graph.states:
                    raise BadInputError(f"{path}:{number}: edge refers to unknown state {end!r}",
                                        fix="the state line must come before the edges that use it")
            graph.edges.append(edge)
        elif kind == "giveup":
            graph.giveups.append({**record, "line": number})
        # other types are ignored: later versions may add lines that older readers can skip
    except KeyError as error:
        raise BadInputError(f"{path}:{number}: {kind} line lacks the field {error.args[0]!r}",
                            fix="delete that line (or restore the file)") from None
    except (TypeError, ValueError) as error:
        raise BadInputError(f"{path}:{number}: bad {kind} line ({error})",
                            fix="delete that line (or restore the file)") from None


class GraphWriter:
    """Appends graph lines, each flushed and fsynced before the next action is taken."""

    def __init__(self, path: Path, *, durable: bool = True):
        self.path = path
        self.durable = durable
        path.parent.mkdir(parents=True, exist_ok=True)
        _cut_partial_tail(path)
        self._handle = open(path, "ab")

    def write(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        self._handle.write(line.encode("utf-8"))
        self._handle.flush()
        if self.durable:
            getattr(os, "fdatasync", os.fsync)(self._handle.fileno())

    def close(self) -> None:
        if not self._handle.closed:
            self._handle.close()

    def __enter__(self) -> "GraphWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _cut_partial_tail(path: Path) -> None:
    """Drop a last line that a crash cut off mid-write, so appending does not glue onto it."""
    if not path.is_file():
        return
    data = path.read_bytes()
    if not data or data.endswith(b"\n"):
        return
    keep = data.rfind(b"\n") + 1
    try:
        json.loads(data[keep:].decode("utf-8"))
        complete = True  # only the newline was lost: keep the record, as the loader does
    except (UnicodeDecodeError, json.JSONDecodeError):
        complete = False
    with open(path, "r+b") as handle:
        if complete:
            handle.seek(0, os.SEEK_END)
            handle.write(b"\n")
        else:
            handle.truncate(keep)
        handle.flush()
        os.fsync(handle.fileno())
