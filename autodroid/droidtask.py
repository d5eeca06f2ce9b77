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


def load_records(path: Path) -> list[Record]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError:
        raise BadInputError(f"no record file at {path}", fix="pass a DroidTask app folder with log.yaml") from None
    except yaml.YAMLError as error:
        raise BadInputError(f"malformed YAML in {path}: {error}".splitlines()[0],
                            fix="restore the file from the recording") from None
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise BadInputError(f"{path} has no `records` list", fix="pass a DroidTask record file")
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
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except json.JSONDecodeError as error:
        raise BadInputError(f"malformed JSON in {path}: {error}", fix="restore tasks.json") from None
    tasks = []
    for file, entry in sorted(data.items(), key=lambda item: int(re.sub(r"\D", "", item[0]) or 0)):
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
