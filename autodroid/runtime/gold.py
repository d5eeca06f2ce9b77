"""DroidTask gold tasks as droidscript scripts, generated from ``tasks.json`` and an app doc, and checked
on the replay device.

For each gold step, the gold node is found on the demonstration's own screen for that step; the doc
element (or list row / option / item field) that grounds to exactly that node gives the script line:
``api.tap()``, ``api.set_text("...")``, ``api.scroll("down")``, ``lst.select("option")``,
``lst.match("label").tap()`` or ``lst.match("label").field.tap()``.

The *target-only* variant drops the steps whose only role is navigation (a tap whose documented effect
is the screen of the next step's element, or a scroll that only reveals the next step's element), so
the runtime's auto-navigation has to find the way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from autodroid.appdoc import AppDoc, Element, NavEdge
from autodroid.device.base import ActionResult, DeviceBase
from autodroid.droidtask import GoldStep, GoldTask, find_gold_node, load_records, node_matches, parse_state
from autodroid.errors import AutodroidError
from autodroid.runtime.grounding import ground
from autodroid.runtime.lists import list_rows, tap_target
from autodroid.runtime.navigation import is_navigation_hop
from autodroid.runtime.recognition import Recognizer
from autodroid.runtime.screenindex import index_of
from autodroid.ui.screen import Node, Screen


@dataclass(frozen=True)
class StepLine:
    step: int
    line: str  # the script line
    api: str  # the element's API name
    screen: str  # doc screen the step happens on ("" if not recognised)
    role: str = "target"  # target | navigation
    leads_to: str | None = None  # documented effect of the step (screen), if any


@dataclass
class GoldScript:
    task: GoldTask
    lines: list[StepLine] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why a step has no script line

    @property
    def complete(self) -> bool:
        return not self.problems and len(self.lines) == len(self.task.steps)

    def full(self) -> str:
        return "\n".join(s.line for s in self.lines) + "\n"

    def targets_only(self) -> str:
        return "\n".join(s.line for s in self.lines if s.role == "target") + "\n"

    @property
    def target_steps(self) -> list[int]:
        return [s.step for s in self.lines if s.role == "target"]


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _is_within(screen: Screen, node: Node, ancestor: Node) -> bool:
    return node.id == ancestor.id or any(a.id == ancestor.id for a in screen.ancestors(node))


def _elements_for(doc: AppDoc, screens: tuple[str, ...]) -> list[Element]:
    on = [e for e in doc.elements.values() if any(s in e.screens for s in screens)]
    return sorted(on, key=lambda e: (e.screen not in screens, e.name))


def map_step(doc: AppDoc, recognizer: Recognizer, screen: Screen, step: GoldStep, number: int) -> StepLine | str:
    """The script line for one gold step on ``screen``, or a string saying why there is none."""
    node = find_gold_node(screen, step.element)
    if node is None:
        return f"step {number}: gold node {step.element.id} is not on its recorded screen"
    rec = recognizer.recognize(screen)
    candidates = rec.candidates
    pools = [_elements_for(doc, candidates)] if candidates else []
    pools.append(sorted(doc.elements.values(), key=lambda e: e.name))
    for pool in pools:
        found = _map_in(doc, screen, node, step, number, pool, candidates[0] if candidates else "")
        if found is not None:
            return found
    return (f"step {number}: no doc element grounds to gold node {_show(node)} on "
            f"{rec.describe()} (action {step.action})")


def _map_in(doc: AppDoc, screen: Screen, node: Node, step: GoldStep, number: int, pool: list[Element],
            here: str) -> StepLine | str | None:
    problems = []
    for element in pool:
        if element.type != "list":
            continue
        try:
            container = ground(screen, element).node
        except AutodroidError:
            continue
        if node.id == container.id and step.action == "scroll":
            return StepLine(number, f"{element.name}.scroll(\"down\")", element.name, here)
        if not _is_within(screen, node, container) or node.id == container.id:
            continue
        for row in list_rows(screen, container, element):
            if not _is_within(screen, node, row.node):
                continue
            if step.action != "touch":
                problems.append(f"step {number}: {step.action} inside a row of {element.name}")
                continue
            for spec in element.item_fields:
                if index_of(screen).select(spec.selector, within=row.node) == [node] and \
                        tap_target(screen, row.node).id != node.id:
                    return StepLine(number, f"{element.name}.match({_quote(row.label)}).{spec.name}.tap()",
                                    element.name, here)
            if tap_target(screen, row.node).id != node.id:
                problems.append(f"step {number}: gold node {_show(node)} is inside row {row.label!r} of "
                                f"{element.name} but is not the row's tap target")
                continue
            if not row.label:
                problems.append(f"step {number}: row of {element.name} has no label to match")
                continue
            rows = list_rows(screen, container, element)
            if sum(1 for r in rows if r.key[0] == row.key[0]) > 1:  # look-alike labels: by position
                position = [r.node.id for r in rows].index(row.node.id)
                return StepLine(number, f"{element.name}[{position}].tap()", element.name, here)
            if any(o.casefold() == row.label.casefold() for o in element.options):
                option = next(o for o in element.options if o.casefold() == row.label.casefold())
                leads = next((e.to for e in doc.navigation if e.element == element.name and e.action == "select"
                              and e.option == option), None)
                return StepLine(number, f"{element.name}.select({_quote(option)})", element.name, here,
                                leads_to=leads)
            return StepLine(number, f"{element.name}.match({_quote(row.label)}).tap()", element.name, here)
    for element in pool:
        if element.type == "list":
            continue
        try:
            grounded = ground(screen, element).node
        except AutodroidError:
            continue
        if grounded.id != node.id:
            continue
        if step.action == "touch":
            if element.type == "scrollable":
                problems.append(f"step {number}: tap on {element.name}, a scrollable (no tap() in the language)")
                continue
            return StepLine(number, f"{element.name}.tap()", element.name, here, leads_to=element.leads_to)
        if step.action == "input_text":
            if element.type != "input":
                problems.append(f"step {number}: set_text on {element.name}, a {element.type}")
                continue
            return StepLine(number, f"{element.name}.set_text({_quote(step.text or '')})", element.name, here)
        if element.type not in ("scrollable", "list"):
            problems.append(f"step {number}: scroll on {element.name}, a {element.type}")
            continue
        return StepLine(number, f"{element.name}.scroll(\"down\")", element.name, here, leads_to=None)
    return problems[0] if problems else None


def _show(node: Node) -> str:
    label = node.text or node.desc or node.rid
    return f"<{node.tag} id={node.id}{' ' + repr(label[:30]) if label else ''}>"


def gold_script(doc: AppDoc, folder: Path, task: GoldTask, recognizer: Recognizer | None = None) -> GoldScript:
    recognizer = recognizer or Recognizer(doc)
    records = load_records(Path(folder) / task.file)
    result = GoldScript(task)
    for number, step in enumerate(task.steps):
        if number >= len(records):
            result.problems.append(f"step {number}: the demonstration has no record for it")
            break
        mapped = map_step(doc, recognizer, parse_state(records[number].state), step, number)
        if isinstance(mapped, str):
            result.problems.append(mapped)
        else:
            result.lines.append(mapped)
    _mark_navigation(doc, result)
    return result


def _mark_navigation(doc: AppDoc, script: GoldScript) -> None:
    lines = script.lines
    for i, current in enumerate(lines[:-1]):
        following = lines[i + 1]
        if following.step != current.step + 1:
            continue
        nxt = doc.elements[following.api]
        verb = current.line.rsplit(".", 1)[-1]
        needed = current.screen not in nxt.screens  # the next element was not reachable without this step
        if needed and current.leads_to and current.leads_to != current.screen and current.leads_to in nxt.screens \
                and (verb == "tap()" or ".select(" in current.line) and ".match(" not in current.line \
                and _is_hop(doc, current):
            lines[i] = StepLine(current.step, current.line, current.api, current.screen, "navigation",
                                current.leads_to)
        elif verb == 'scroll("down")' and current.screen and current.screen in nxt.screens:  # it only revealed
            lines[i] = StepLine(current.step, current.line, current.api, current.screen, "navigation")


def _is_hop(doc: AppDoc, line: StepLine) -> bool:
    """Whether auto-navigation may take this step by itself: not a Save/OK/Delete/Send (issue 13); such a
    step stays in the target-only script, as a model must write it."""
    option = None
    if ".select(" in line.line:
        option = json.loads(line.line.split(".select(", 1)[1].rsplit(")", 1)[0])
    action = "select" if option is not None else "tap"
    return is_navigation_hop(NavEdge(line.screen, action, line.leads_to or "", line.api, option), doc)


# ---------------------------------------------------------------------------------------------------
# Checking what the device received


@dataclass(frozen=True)
class Received:
    action: str  # touch | input_text | scroll | navigate_back | long_touch | app_start
    node: Node | None
    text: str | None = None


class RecordingDevice(DeviceBase):
    """Wraps a device and records every action it receives (in DroidTask action names)."""

    def __init__(self, inner):
        self.inner = inner
        self.spec = getattr(inner, "spec", "recording")
        self.received: list[Received] = []

    def screen(self):
        return self.inner.screen()

    def current_app(self) -> str:
        return self.inner.current_app()

    def tap(self, node: Node) -> ActionResult:
        self.received.append(Received("touch", node))
        return self.inner.tap(node)

    def long_tap(self, node: Node) -> ActionResult:
        self.received.append(Received("long_touch", node))
        return self.inner.long_tap(node)

    def set_text(self, node: Node, text: str) -> ActionResult:
        self.received.append(Received("input_text", node, text))
        return self.inner.set_text(node, text)

    def scroll(self, node: Node, direction: str = "down") -> ActionResult:
        self.received.append(Received("scroll", node, direction))
        return self.inner.scroll(node, direction)

    def back(self) -> ActionResult:
        self.received.append(Received("navigate_back", None))
        return self.inner.back()

    def app_start(self, app: str) -> ActionResult:
        self.received.append(Received("app_start", None, app))
        return self.inner.app_start(app)

    def close(self) -> None:
        self.inner.close()


def _same(received: Received, step: GoldStep, strict: bool) -> bool:
    if received.action != step.action or received.node is None:
        return False
    if step.action == "input_text" and received.text != step.text:
        return False
    if strict:
        return node_matches(received.node, step.element)
    e, n = step.element, received.node
    return (n.rid, n.desc, n.text) == (e.resource_id, e.alt, e.text)


def performed_exactly(received: list[Received], steps: tuple[GoldStep, ...]) -> str:
    """'' when the device received exactly the gold actions in order; else what differs."""
    acts = [r for r in received if r.action != "app_start"]
    for i, step in enumerate(steps):
        if i >= len(acts):
            return f"only {len(acts)} of {len(steps)} gold actions were performed"
        if not _same(acts[i], step, strict=True):
            return f"action {i} was {acts[i].action} on {_show(acts[i].node) if acts[i].node else '-'}, " \
                   f"gold is {step.action} on id {step.element.id} {step.element.text or step.element.alt!r}"
    if len(acts) > len(steps):
        return f"{len(acts) - len(steps)} extra actions after the gold ones"
    return ""


def performed_in_order(received: list[Received], steps: list[GoldStep]) -> str:
    """'' when the gold ``steps`` appear in order among the received actions (same action on a node with
    the same resource id, description and text; other actions may come between them)."""
    position = 0
    for number, step in enumerate(steps):
        while position < len(received) and not _same(received[position], step, strict=False):
            position += 1
        if position == len(received):
            return f"target {number} ({step.action} on {step.element.text or step.element.alt or step.element.resource_id!r}) " \
                   "was not performed in order"
        position += 1
    return ""


# ---------------------------------------------------------------------------------------------------
# Evaluating an app: both script variants of every replayable gold task on the replay device


@dataclass
class TaskOutcome:
    file: str
    generated: bool
    full_ok: bool = False
    target_ok: bool = False
    targets: int = 0  # steps kept in the target-only script
    dropped: int = 0  # navigation steps left to auto-navigation in the target-only script
    why: str = ""  # first failure (generation, full run or target run)


@dataclass
class AppOutcome:
    app: str
    tasks: list[TaskOutcome] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.tasks)

    def count(self, attribute: str) -> int:
        return sum(1 for t in self.tasks if getattr(t, attribute))


def replayable_tasks(droidtask: Path) -> set[tuple[str, str]]:
    """(app, task file) of the gold tasks ``replay_status.tsv`` says replay from the log's start screen."""
    import csv

    with open(Path(droidtask) / "replay_status.tsv", encoding="utf-8") as handle:
        return {(row["app"], row["task_file"]) for row in csv.DictReader(handle, delimiter="\t")
                if row["replayable_from_log_start"] == "yes"}


def evaluate_app(folder: Path, doc: AppDoc, only: set[str] | None = None) -> AppOutcome:
    """Generate and run both script variants of the app's gold tasks (those named in ``only``, or all)."""
    from autodroid.device.replay import ReplayDevice
    from autodroid.droidtask import load_gold_tasks
    from autodroid.runtime.policy import Policy
    from autodroid.runtime.run import run_on_device

    allow_all = Policy(default={"normal": "allow", "sensitive": "allow"}, origin="gold tasks: allow all")
    recognizer = Recognizer(doc)
    outcome = AppOutcome(Path(folder).name)
    for task in load_gold_tasks(Path(folder)):
        if only is not None and task.file not in only:
            continue
        script = gold_script(doc, folder, task, recognizer)
        if not script.complete:
            outcome.tasks.append(TaskOutcome(task.file, False, why="; ".join(script.problems)))
            continue
        result = TaskOutcome(task.file, True, targets=len(script.target_steps),
                             dropped=len(task.steps) - len(script.target_steps))
        device = RecordingDevice(ReplayDevice(folder, files=[task.file]))
        report = run_on_device(script.full(), doc, device, policy=allow_all)
        why = performed_exactly(device.received, task.steps) if report.ok else report.error_text
        result.full_ok = not why
        result.why = f"full: {why}" if why else ""
        device = RecordingDevice(ReplayDevice(folder, files=[task.file]))
        report = run_on_device(script.targets_only(), doc, device, policy=allow_all)
        kept = [task.steps[i] for i in script.target_steps]
        why = performed_in_order(device.received, kept) if report.ok else report.error_text
        result.target_ok = not why
        if why and not result.why:
            result.why = f"target-only: {why}"
        outcome.tasks.append(result)
    return outcome


def format_table(outcomes: list[AppOutcome]) -> str:
    rows = [("app", "tasks", "scripted", "full ok", "full share", "target-only ok", "target share",
             "nav steps dropped")]
    total = [0, 0, 0, 0, 0]
    for o in outcomes:
        gen, full, target = o.count("generated"), o.count("full_ok"), o.count("target_ok")
        dropped = sum(t.dropped for t in o.tasks)
        rows.append((o.app, str(o.total), str(gen), str(full), f"{full / o.total:.0%}" if o.total else "-",
                     str(target), f"{target / o.total:.0%}" if o.total else "-", str(dropped)))
        for i, value in enumerate((o.total, gen, full, target, dropped)):
            total[i] += value
    rows.append(("all", str(total[0]), str(total[1]), str(total[2]),
                 f"{total[2] / total[0]:.0%}" if total[0] else "-", str(total[3]),
                 f"{total[3] / total[0]:.0%}" if total[0] else "-", str(total[4])))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in rows)
