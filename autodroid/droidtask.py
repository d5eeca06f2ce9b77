"""Reading DroidTask-format app folders: record files, gold tasks, and matching gold elements to screens.

A folder holds ``log.yaml`` (exploration), ``task<N>.yaml`` (human demonstrations) and ``tasks.json``
(task text and gold steps). Transitions are consecutive records of one file; ``state_str`` is corrupt
and never used.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from autodroid.errors import BadInputError
from autodroid.safeyaml import safe_yaml_load
from autodroid.ui.droidtask_html import parse_droidtask_html
from autodroid.ui.screen import Node, Screen

ACTIONS = ("touch", "input_text", "scroll", "navigate_back")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Record:
    state: str  # the screen the action is taken on (full State text identifies the screen)
    action: str  # touch | input_text | scroll | navigate_back | finish
    choice: int | None  # node id on ``state``; None for back and finish
    text: str | None  # typed text for input_text
    file: str  # record file name, e.g. "log.yaml"
    index: int


@dataclass(frozen=True)
class GoldElement:
    tag: str
    id: int
    resource_id: str
    alt: str
    text: str


@dataclass(frozen=True)
class GoldStep:
    action: str  # touch | input_text | scroll (the record's action names)
    element: GoldElement
    text: str | None = None


@dataclass(frozen=True)
class GoldTask:
    app: str
    file: str  # "task3.yaml"
    task: str
    steps: tuple[GoldStep, ...]


MAX_RECORD_BYTES = 200_000_000


def _read_text(path: Path, what: str, fix: str, max_bytes: int = MAX_RECORD_BYTES) -> str:
    """A recording's file as UTF-8 text, or one BadInputError naming the problem."""
    try:
        if path.stat().st_size > max_bytes:
            raise BadInputError(f"{path} is larger than {max_bytes:,} bytes", fix=fix)
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadInputError(f"no {what} at {path}", fix=fix) from None
    except OSError as error:
        raise BadInputError(f"cannot read {path}: {error.strerror or error}", fix=fix) from None
    if b"\x00" in data:
        raise BadInputError(f"{path} is a binary file, not a {what}", fix=fix)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInputError(f"{path} is not UTF-8 text (byte {error.start})", fix=fix) from None


def load_records(path: Path) -> list[Record]:
    fix = "pass a DroidTask app folder with its log.yaml, or restore the file from the recording"
    text = _read_text(path, "record file", fix)
    data = safe_yaml_load(text, str(path), max_bytes=MAX_RECORD_BYTES, invalid="malformed YAML")
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise BadInputError(f"{path} has no `records` list", fix="pass a DroidTask record file")
    if not data["records"]:
        raise BadInputError(f"{path} has no records (`records: []`)", fix="pass a recording with at least one record")
    records = []
    for index, raw in enumerate(data["records"]):
        if not isinstance(raw, dict) or not isinstance(raw.get("State"), str):
            raise BadInputError(f"{path}: record {index} has no State", fix="restore the file from the recording")
        choice = raw.get("Choice")
        action = raw.get("Action")
        if choice in (-1, "-1"):
            action, choice = "finish", None
        elif action not in ACTIONS:
            raise BadInputError(f"{path}: record {index} has unknown Action {action!r}",
                                fix=f"use one of {', '.join(ACTIONS)}")
        elif action == "navigate_back":
            choice = None
        else:
            try:
                choice = int(choice)
            except (TypeError, ValueError):
                raise BadInputError(f"{path}: record {index} has a bad Choice {choice!r}",
                                    fix="restore the file from the recording") from None
        records.append(Record(raw["State"], action, choice, raw.get("Input"), path.name, index))
    return records


def task_files(folder: Path) -> list[Path]:
    def number(path: Path) -> int:
        digits = re.findall(r"\d+", path.stem)
        return int(digits[0]) if digits else 0

    return sorted(folder.glob("task*.yaml"), key=number)


def check_app_folder(folder: Path) -> Path:
    folder = Path(folder)
    if not folder.is_dir():
        raise BadInputError(f"no app folder at {folder}", fix="pass a DroidTask app folder, e.g. ../shared/droidtask/clock")
    if not (folder / "log.yaml").is_file():
        raise BadInputError(f"{folder} has no log.yaml", fix="pass a DroidTask app folder (with log.yaml)")
    return folder


def _element_from_html(html: str) -> GoldElement:
    try:
        screen = parse_droidtask_html(html)
    except Exception:
        raise BadInputError(f"unreadable gold element {html[:80]!r}", fix="correct tasks.json") from None
    node = screen.nodes[0]
    return GoldElement(node.cls, node.id, node.rid, node.desc, node.text)


_ACTION_TYPES = {"click": "touch", "input_text": "input_text", "scroll": "scroll"}
_SET_TEXT_ARG = re.compile(r",\s*'((?:[^'\\]|\\.)*)'\)\s*$", re.S)


def load_gold_tasks(folder: Path) -> list[GoldTask]:
    folder = check_app_folder(folder)
    path = folder / "tasks.json"
    if not path.exists():
        return []
    try:
        data = json.loads(_read_text(path, "tasks.json", "restore tasks.json"))
    except (json.JSONDecodeError, RecursionError) as error:
        raise BadInputError(f"malformed JSON in {path}: {str(error)[:120]}", fix="restore tasks.json") from None
    if not isinstance(data, dict):
        raise BadInputError(f"{path} holds {type(data).__name__ if data is not None else 'null'}, not an object of "
                            f"tasks", fix='restore tasks.json: {"task1.yaml": {"task": ..., "solution": [...]}}')
    tasks = []
    for file, entry in sorted(data.items(), key=lambda item: int(re.sub(r"\D", "", item[0])[:18] or 0)):
        if not isinstance(entry, dict) or not isinstance(entry.get("solution", []), list) or \
                not all(isinstance(step, dict) for step in entry.get("solution", [])):
            raise BadInputError(f"{path}: {file[:60]} is not a task with a `solution` list of steps",
                                fix="restore tasks.json")
        steps = []
        for step in entry.get("solution", []):
            action = _ACTION_TYPES.get(step.get("action_type"))
            if action is None:
                raise BadInputError(f"{path}: {file} has unknown action_type {step.get('action_type')!r}",
                                    fix="use click, input_text or scroll")
            text = None
            if action == "input_text":
                match = _SET_TEXT_ARG.search(step["action"])
                text = match.group(1) if match else ""
            steps.append(GoldStep(action, _element_from_html(step["action_element"]), text))
        tasks.append(GoldTask(folder.name, file, entry.get("task", ""), tuple(steps)))
    return tasks


def node_matches(node: Node, element: GoldElement) -> bool:
    return (node.id == element.id and node.rid == element.resource_id and node.desc == element.alt
            and node.text == element.text)


def find_gold_node(screen: Screen, element: GoldElement) -> Node | None:
    """The node of ``screen`` the gold element names (id together with resource id, alt and text)."""
    node = screen.get(element.id)
    if node is not None and node_matches(node, element):
        return node
    return None


@lru_cache(maxsize=4096)
def parse_state(state: str) -> Screen:
    """Parse a State once; screens are immutable so the same object is shared."""
    return parse_droidtask_html(state)
