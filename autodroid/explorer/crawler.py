"""Depth-first crawl of one app on any Device into an append-only transition graph (graph.jsonl).

The loop, one device action at a time:
1. on another app's screen: press back once, then restart;
2. while a job (a planned route, see 4 and 5) is under way: take its next step;
3. on a state with an untried, allowed action: try it (typing first, back last);
4. else head for the most recently discovered state that still has untried actions: walk along trusted
   transitions, or restart and walk, or restart and repeat the exact actions that first reached it (for
   states behind history-dependent transitions); re-planned after every step;
5. when no state has untried actions: retry actions whose outcome depends on how the screen was reached
   (the device reports several recorded outcomes, or two were seen) after arriving along each different
   route of the last ``probe_depth`` transitions ("probes");
6. else the app is explored.

Every decision is a function of the graph file plus the current screen, and every device action is a
line in the file; so ``resume`` reloads the file, replays the actions since the last restart on a
deterministic device (to restore its history), and continues exactly as the interrupted run would have.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from autodroid.errors import BadInputError, DeviceError, ElementNotFound, UnexploredTransition
from autodroid.explorer.actions import Action, ActionKey, candidate_actions, edge_key, element_key, find_node
from autodroid.explorer.graph import GRAPH_FILE, GraphWriter, load_graph, node_record
from autodroid.explorer.knowledge import FINAL, RESTART, Knowledge, Step
from autodroid.explorer.progress import make_progress
from autodroid.explorer.safety import DestructiveFilter
from autodroid.explorer.settings import (DETERMINISTIC_KINDS, CrawlConfig, CrawlStats, default_app_name,
                                         device_kind, state_identity)
from autodroid.ui.screen import Screen

RESUME_REPLAY_LIMIT = 500  # on other devices (or longer tails) a resume restarts instead of replaying
NAV_RESTART_LIMIT = 4  # restarts in one navigation attempt before the target is given up
IDLE_LIMIT = 200  # actions in a row that taught nothing new before the current target is given up


class _Stop(Exception):
    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason, self.message = reason, message


@dataclass(frozen=True)
class Job:
    """A planned route: its steps (RESTART or (from, action key, expected to)), then optionally its own
    action. ``goal`` is the state the route ends on."""

    id: str
    purpose: str  # navigate | probe
    steps: tuple
    final: ActionKey | None
    goal: str


@dataclass
class _StateInfo:
    id: str
    key: str
    signature: str
    outside: bool
    texts: dict[int, list[str]] = field(default_factory=dict)
    raw: str = ""
    source: str = ""
    _screen: Screen | None = None

    @property
    def screen(self) -> Screen:
        if self._screen is None:
            from autodroid.explorer.graph import State

            self._screen = State(self.id, self.signature, self.raw, self.source, 0).screen
        return self._screen


class Crawler:
    def __init__(self, device, out_dir: str | Path, config: CrawlConfig, *, progress=None):
        self.device = device
        self.kind = device_kind(device)
        self.config = config
        self.path = Path(out_dir) / GRAPH_FILE
        self.safety = DestructiveFilter(config.destructive_words)
        self.progress = make_progress(progress)
        self.knowledge = Knowledge()
        self.by_key: dict[str, str] = {}
        self.info: dict[str, _StateInfo] = {}
        self.candidates: dict[str, list[Action]] = {}
        self.limit_tries: dict[tuple, set[tuple]] = {}  # limit key -> (state, action key) pairs tried
        self.limit_outcomes: dict[tuple, set[str]] = {}  # limit key -> signatures of the screens reached
        self.exhausted: set[str] = set()
        self.skips_done: set[str] = set()
        self.given_up: set[str] = set()  # state ids and job ids
        self.done_probes: set[str] = set()
        self.job_tail: tuple[str, int] | None = None  # (job id, steps taken) of the job under way
        self.nav_restarts = 0  # restarts since the last edge that was not navigation
        self.recover_streak = 0
        self.idle_steps = 0  # edges in a row that tried nothing new
        self.last_purpose = ""
        self.current: str | None = None
        self.start: str | None = None
        self.package = ""
        self.live: Screen | None = None
        self.stats = CrawlStats(app=config.app, graph_path=self.path, budget_steps=config.budget_steps,
                                budget_seconds=config.budget_seconds)
        self.writer: GraphWriter | None = None
        self._edges_loaded: list = []
        self._began = 0.0

    # ================================================================ run
    def run(self, *, resume: bool = False) -> CrawlStats:
        self._began = time.monotonic()
        if not resume and self.path.is_file() and self.path.stat().st_size > 0:
            raise BadInputError(f"{self.path} already holds an explored graph",
                                fix="pass --resume to continue it, or choose another --out folder")
        try:
            if resume and self.path.is_file():
                self.writer = GraphWriter(self.path, durable=self.config.durable)  # cuts a torn last line
                self._load()
                self._write_meta(resumed=True)
                self._restore_context()
            else:
                self.writer = GraphWriter(self.path, durable=self.config.durable)
                self._write_meta(resumed=False)
                self._restart("restart")
            while True:
                self._check_budgets()
                if not self._step():
                    self._finish("complete", "every reachable action was tried")
                    break
                self.progress.update(self._refresh_stats())
        except _Stop as stop:
            self._finish(stop.reason, stop.message)
        except KeyboardInterrupt:
            self._finish("interrupted", "interrupted; continue with --resume")
        finally:
            if self.writer is not None:
                self.writer.close()
            self.progress.close(self._refresh_stats())
        return self.stats

    def _finish(self, reason: str, message: str) -> None:
        self.stats.stopped, self.stats.message = reason, message

    def _check_budgets(self) -> None:
        if self.stats.steps >= self.config.budget_steps:
            raise _Stop("step budget", f"step budget of {self.config.budget_steps} actions used; "
                                       "continue with --resume and a larger --budget")
        if time.monotonic() - self._began >= self.config.budget_seconds:
            raise _Stop("time budget", f"time budget of {self.config.budget_seconds:g}s used; continue with --resume")

    def _refresh_stats(self) -> CrawlStats:
        self.stats.states = len(self.info)
        self.stats.screens = len({info.signature for info in self.info.values()})
        self.stats.elapsed = time.monotonic() - self._began
        return self.stats

    # ================================================================ one step
    def _step(self) -> bool:
        job = self._job_under_way()  # a route in progress goes on: its states are known (a surprise ends it)
        if job is not None:
            return self._job_step(job)
        cur = self.current
        if cur is None or self.info[cur].outside:
            self._recover()
            return True
        self._write_skips(cur)
        action = self._next_action(cur)
        if action is not None:
            self._act(action, "explore")
            return True
        target = self._frontier_target()
        if target is not None:
            return self._navigate_step(target)
        probe = self._next_probe()
        if probe is not None:
            return self._job_step(probe)
        return False

    def _recover(self) -> None:
        """Off the app (another app, the launcher): back once, then relaunch the app (its data kept, so
        the session goes on), then restart it afresh."""
        if self.current is None:
            self._restart("recover")
        elif self.recover_streak >= 4:
            raise _Stop("device error", f"cannot get back into {self.package or self.config.app}: "
                                        "back, relaunch and restart all leave another app in front")
        elif self.recover_streak == 0:
            self._act(Action("back"), "recover")
        elif self.recover_streak == 1:
            self._restart("recover", soft=True)
        else:
            self._restart("recover")

    # ================================================================ choosing actions
    def _actions_of(self, sid: str) -> list[Action]:
        if sid not in self.candidates:
            info = self.info[sid]
            sample = self.config.sample_text

            def texts_for(node) -> list[str]:
                return list(dict.fromkeys([sample, *info.texts.get(node.id, [])]))

            self.candidates[sid] = [] if info.outside else candidate_actions(
                info.screen, texts_for=texts_for, scroll_directions=self.config.scroll_directions,
                tap_inherited=self.config.tap_inherited)
        return self.candidates[sid]

    def _destructive_word(self, sid: str, action: Action) -> str | None:
        if self.config.allow_destructive or action.node_id is None:
            return None
        screen = self.info[sid].screen
        node = screen.get(action.node_id)
        return None if node is None else self.safety.check(screen, node)

    def _limit_key(self, sid: str, action: Action) -> tuple:
        info = self.info[sid]
        node = info.screen.get(action.node_id) if action.node_id is not None else None
        element = element_key(info.screen, node) if node is not None else ()
        return (info.signature, element, action.kind, action.text, action.direction)

    def _over_limit(self, sid: str, action: Action) -> bool:
        """The same element action (list rows alike) was tried ``per_screen_limit`` times on this screen, and
        every try led to the same screen (or nowhere): more tries would only show other content. Elements
        that share a key but lead to different screens (tabs with one resource id) stay unlimited. Back
        is exempt: one try per state, and the back edges it finds make the cheapest way home."""
        limit = self.config.per_screen_limit
        if limit <= 0 or action.kind == "back":
            return False
        key = self._limit_key(sid, action)
        return len(self.limit_tries.get(key, ())) >= limit and len(self.limit_outcomes.get(key, ())) <= 1

    def _next_action(self, sid: str) -> Action | None:
        if sid in self.exhausted:
            return None
        tried = self.knowledge.tried
        for action in self._actions_of(sid):
            if (sid, action.key) in tried or self._over_limit(sid, action):
                continue
            if self._destructive_word(sid, action) is not None:
                continue
            return action
        self.exhausted.add(sid)  # tried only grows and limits only tighten: it stays exhausted
        return None

    def _write_skips(self, sid: str) -> None:
        """Record each destructive element of a state once, as an edge that was not taken."""
        if sid in self.skips_done:
            return
        self.skips_done.add(sid)
        screen = self.info[sid].screen
        for action in self._actions_of(sid):
            word = self._destructive_word(sid, action)
            if word is None or (sid, action.key) in self.knowledge.tried:
                continue
            self._write_edge(sid, action, node_record(screen.node(action.node_id)), None, "skipped_destructive",
                             f"not tried: its label has the destructive word {word!r} "
                             "(allow with --allow-destructive)", "explore")

    def _frontier_target(self) -> str | None:
        """The most recently discovered state that still has an untried action (depth first)."""
        for sid in reversed(list(self.info)):
            if sid == self.current or sid in self.given_up or self.info[sid].outside:
                continue
            if self._next_action(sid) is not None:
                return sid
        return None

    # ================================================================ jobs: probes and traced navigation
    def _probes(self):
        if self.config.probe_depth <= 0:
            return
        for sid, key in list(self.knowledge.ambiguous_order):
            if sid in self.given_up or self.info[sid].outside:
                continue
            for route in self.knowledge.routes_into(sid, self.config.probe_depth, self.start):
                steps = ",".join("restart" if step == RESTART else f"{step[0]}:{_key_text(step[1])}"
                                 for step in route)
                yield Job(f"probe:{sid}:{_key_text(key)}<-{steps}", "probe", route, key, sid)

    def _next_probe(self) -> Job | None:
        for job in self._probes():
            if job.id not in self.done_probes and job.id not in self.given_up:
                return job
        return None

    def _reach_job(self, target: str) -> Job | None:
        trace = self.knowledge.traces.get(target)
        if trace is None:
            return None
        return Job(f"reach:{target}", "navigate", (RESTART, *trace), None, target)

    def _job_under_way(self) -> Job | None:
        if self.job_tail is None:
            return None
        job_id = self.job_tail[0]
        if job_id.startswith("reach:"):
            return self._reach_job(job_id[len("reach:"):])
        return next((job for job in self._probes() if job.id == job_id), None)

    def _job_step(self, job: Job) -> bool:
        taken = self.job_tail[1] if self.job_tail and self.job_tail[0] == job.id else 0
        sequence: list[Step] = [*job.steps] + ([FINAL] if job.final is not None else [])
        if taken >= len(sequence):  # cannot happen: the last step always ends the job
            self.job_tail = None
            return True
        step = sequence[taken]
        if taken == 0 and step not in (RESTART, FINAL) and self.current != step[0]:
            return self._navigate_step(step[0], job_id=job.id)
        if step == FINAL and self.current != job.goal:
            if taken == 0:
                return self._navigate_step(job.goal, job_id=job.id)
            self._give_up(job.id, "the route did not end on the job's state")
            return True
        last = taken == len(sequence) - 1
        if step == RESTART:
            following = None if last else sequence[taken + 1]
            expected = job.goal if following in (None, FINAL) else following[0]
            self._restart(job.purpose, job=job.id, expected=expected, last=last)
        elif step == FINAL:
            self._act(Action.from_key(job.final), job.purpose, job=job.id, last=True)
        else:
            self._act(Action.from_key(step[1]), job.purpose, job=job.id, expected=step[2], last=last)
        return True

    # ================================================================ navigation
    def _navigate_step(self, target: str, *, job_id: str | None = None) -> bool:
        if self.nav_restarts >= NAV_RESTART_LIMIT or self.idle_steps > max(IDLE_LIMIT, 4 * len(self.info)):
            self._give_up(job_id or target, f"navigation to {target} kept landing elsewhere")
            return True
        options = []
        walk = self.knowledge.shortest_path(self.current, target) if self.current else None
        if walk:
            options.append((len(walk), 0, walk))
        from_start = self.knowledge.shortest_path(self.start, target) if self.start else None
        if from_start is not None:
            options.append((self.config.restart_cost + len(from_start), 1, "restart"))
        trace = self.knowledge.traces.get(target)
        if trace is not None and (not trace or trace[0][0] == self.start):  # restarts still land where it began
            options.append((self.config.restart_cost + len(trace), 2, "trace"))
        if not options:
            self._give_up(job_id or target, f"no known way leads to {target}")
            return True
        _, _, plan = min(options, key=lambda option: option[:2])
        if plan == "restart":
            self._restart("navigate")
        elif plan == "trace":
            self._job_step(self._reach_job(target))
        else:
            _, key, to = plan[0]
            self._act(Action.from_key(key), "navigate", expected=to)
        return True

    def _give_up(self, what: str, reason: str) -> None:
        field_name = "state" if what in self.info else "job"
        record = {"type": "giveup", field_name: what, "reason": reason, "step": self.stats.steps}
        self.writer.write(record)
        self._learn_giveup(record)

    def _learn_giveup(self, record: dict) -> None:
        self.given_up.add(record.get("job") or record.get("state"))
        self.job_tail = None
        self.idle_steps = self.nav_restarts = 0

    # ================================================================ acting
    def _act(self, action: Action, purpose: str, *, job: str | None = None, expected: str | None = None,
             last: bool = False) -> None:
        if action.kind == "restart":  # a relaunch that is part of a route
            self._restart(purpose, soft=True, job=job, expected=expected, last=last)
            return
        cur = self.current
        extra = {"job": job, "expected": expected, "last": last}
        record = node = None
        if action.node_id is not None:
            stored = self.info[cur].screen.get(action.node_id)
            record = node_record(stored) if stored is not None else {"id": action.node_id}
            node = find_node(self._live(), record)
            if node is None:
                self._write_edge(cur, action, record, None, "error", "element not found on the live screen",
                                 purpose, **extra)
                self._reread()
                return
        try:
            result = self._device_action(action, node)
        except UnexploredTransition as error:
            self._count_step()
            self._write_edge(cur, action, record, None, "unexplored", error.message, purpose, **extra)
            return
        except ElementNotFound as error:
            self._count_step()
            self._write_edge(cur, action, record, None, "error", error.message, purpose, **extra)
            self._reread()
            return
        self._count_step()
        self.live = None
        to = self._register(self._live())
        alternatives = int(getattr(self.device, "last_alternatives", 1) or 1) if result is not None else 1
        self._write_edge(cur, action, record, to, "changed" if to != cur else "unchanged",
                         getattr(result, "note", "") or "", purpose, alternatives=alternatives, **extra)
        self.current = to

    def _device_action(self, action: Action, node):
        """One device call. A DeviceError is retried once when the screen shows the action did not
        happen; a second one stops the crawl with the graph intact."""
        call = {
            "tap": lambda: self.device.tap(node),
            "long_tap": lambda: self.device.long_tap(node),
            "set_text": lambda: self.device.set_text(node, action.text or ""),
            "scroll": lambda: self.device.scroll(node, action.direction or "down"),
            "back": lambda: self.device.back(),
        }[action.kind]
        try:
            return call()
        except DeviceError as first:
            self.live = None
            if state_identity(self._live()) != self.info[self.current].key:
                return None  # the screen moved on: the action went through despite the error
            try:
                return call()
            except DeviceError as second:
                self._write_edge(self.current, action, node_record(node) if node else None, None, "error",
                                 f"device error (after one retry): {second.one_line()}", "explore",
                                 device_error=True)
                raise _Stop("device error", f"device error, stopped with the graph intact: {second.one_line()}"
                            f" (first attempt: {first.message})") from None

    def _restart(self, purpose: str, *, job: str | None = None, expected: str | None = None,
                 last: bool = False, log: bool = True, soft: bool = False) -> None:
        """Restart the app: afresh (``reset()`` where the device has it: initial screen and data), or with
        ``soft`` relaunch it keeping its data (``app_start``), which continues the session."""
        reset = getattr(self.device, "reset", None)
        is_reset = not soft  # a fresh start of the app: the planner's "start" (data too, where reset() exists)

        def restart() -> None:
            if is_reset and callable(reset):
                reset()
                return
            stop = getattr(self.device, "app_stop", None)
            if callable(stop) and self.package and not soft:
                stop(self.package)
            self.device.app_start(self.config.app if self.kind in DETERMINISTIC_KINDS else
                                  self.package or self.config.app)

        try:
            restart()
        except DeviceError:
            try:
                restart()
            except DeviceError as error:
                raise _Stop("device error", f"could not restart the app: {error.one_line()}") from None
        self.live = None
        if not log:
            return
        self._count_step()
        screen = self._live()
        if not self.package and screen.package:
            self.package = screen.package
        to = self._register(screen)
        note = ("app relaunched, its data kept" if soft else "app restarted with its initial data"
                if callable(reset) else "app stopped and started again")
        self._write_edge(self.current, Action("restart"), None, to, "changed" if to != self.current else "unchanged",
                         note, purpose, job=job, expected=expected, last=last, reset=is_reset)
        self.current = to

    def _count_step(self) -> None:
        self.stats.steps += 1
        self.stats.run_steps += 1

    def _live(self) -> Screen:
        if self.live is None:
            try:
                self.live = self.device.screen()
            except DeviceError:
                try:
                    self.live = self.device.screen()
                except DeviceError as error:
                    raise _Stop("device error", f"could not read the screen: {error.one_line()}") from None
        return self.live

    def _reread(self) -> None:
        self.live = None
        self.current = self._register(self._live())

    # ================================================================ recording
    def _register(self, screen: Screen) -> str:
        key = state_identity(screen)
        sid = self.by_key.get(key)
        if sid is not None:
            return sid
        sid = f"s{len(self.info)}"
        outside = bool(self.package and screen.package and screen.package != self.package)
        texts: dict[int, list[str]] = {}
        hint = getattr(self.device, "suggested_texts", None)
        if callable(hint) and not outside:
            for node in screen.app_nodes():
                found = [text for text in hint(node) if isinstance(text, str)] if node.editable else []
                if found:
                    texts[node.id] = found
        record = {"type": "state", "id": sid, "signature": screen.signature, "raw": screen.raw,
                  "source": screen.source, "step": self.stats.steps, "key": key, "package": screen.package,
                  "outside": outside}
        if texts:
            record["suggested_texts"] = {str(node_id): found for node_id, found in texts.items()}
        self.writer.write(record)
        self._add_state(sid, key, screen.signature, outside, texts, screen.raw, screen.source, screen)
        return sid

    def _add_state(self, sid, key, signature, outside, texts, raw, source, screen=None) -> None:
        self.by_key[key] = sid
        self.info[sid] = _StateInfo(sid, key, signature, outside, texts, raw, source, screen)

    def _write_edge(self, source: str | None, action: Action, node: dict | None, to: str | None, result: str,
                    note: str, purpose: str, *, job: str | None = None, expected: str | None = None,
                    last: bool = False, alternatives: int = 1, reset: bool | None = None,
                    device_error: bool = False) -> None:
        record = {"type": "edge", "from": source, "action": action.kind, "node": node, "text": action.text,
                  "direction": action.direction, "to": to, "result": result, "note": note,
                  "step": self.stats.steps, "purpose": purpose}
        if reset is not None:
            record["reset"] = reset
        if device_error:
            record["device_error"] = True  # not a fact about the app: a resumed crawl tries the action again
        if alternatives > 1:
            record["alternatives"] = alternatives
        if job is not None:
            record["job"] = job
            record["job_done"] = last or to is None or (expected is not None and to != expected)
        self.writer.write(record)
        self._learn(record)

    def _learn(self, record: dict) -> None:
        """Update every derived index from one edge line (while running, and for each line on resume)."""
        source, action, result, to = record["from"], record["action"], record["result"], record.get("to")
        self.stats.edges += 1
        if result == "unexplored":
            self.stats.unexplored += 1
        elif result == "skipped_destructive":
            self.stats.skipped_destructive += 1
        elif result == "error":
            self.stats.errors += 1
        if to is not None and action != "restart":
            self.stats.transitions += 1
        purpose = record.get("purpose", "explore")
        self.nav_restarts = (self.nav_restarts + (action == "restart")) if purpose == "navigate" else 0
        self.recover_streak = self.recover_streak + 1 if purpose == "recover" else 0
        self.last_purpose = purpose
        job = record.get("job")
        if job is None:
            self.job_tail = None
        elif record.get("job_done"):
            if job.startswith("probe:"):
                self.done_probes.add(job)
            self.job_tail = None
        else:
            taken = self.job_tail[1] + 1 if self.job_tail and self.job_tail[0] == job else 1
            self.job_tail = (job, taken)
        if action == "restart" and (record.get("reset", True) or source is None):
            self.knowledge.restarted(to)
            if to is not None:
                self.start = to
            return
        if source is None or record.get("device_error"):
            return
        node = record.get("node")
        key = (action, node.get("id") if isinstance(node, dict) else None, record.get("text"),
               record.get("direction"))
        self.idle_steps = self.idle_steps + 1 if (source, key) in self.knowledge.tried else 0
        self.knowledge.record(source, key, to, result, node, int(record.get("alternatives", 1)))
        if result != "skipped_destructive" and self.config.per_screen_limit > 0:
            limit_key = self._limit_key(source, Action.from_key(key))
            self.limit_tries.setdefault(limit_key, set()).add((source, key))
            self.limit_outcomes.setdefault(limit_key, set()).add(self.info[to].signature if to else "")

    def _write_meta(self, *, resumed: bool) -> None:
        config = asdict(self.config)
        record = {"type": "meta", "app": self.config.app, "device": getattr(self.device, "spec", ""),
                  "started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "config": config}
        if resumed:
            record["resumed"] = True
        self.writer.write(record)

    # ================================================================ resume
    def _load(self) -> None:
        graph = load_graph(self.path)
        for state in graph.states.values():
            texts = {int(k): list(v) for k, v in (state.extra.get("suggested_texts") or {}).items()}
            self._add_state(state.id, state.key or state.id, state.signature, state.outside, texts, state.raw,
                            state.source)
            self.stats.steps = max(self.stats.steps, state.step)
        lines = [(edge.line, edge) for edge in graph.edges] + [(record["line"], record) for record in graph.giveups]
        for _, item in sorted(lines, key=lambda pair: pair[0]):  # in file order: the counters depend on it
            if isinstance(item, dict):
                self._learn_giveup(item)
                continue
            edge = item
            self._learn({"from": edge.from_id, "action": edge.action, "node": edge.node, "text": edge.text,
                         "direction": edge.direction, "to": edge.to_id, "result": edge.result,
                         "purpose": edge.purpose, "alternatives": edge.alternatives, **edge.extra})
            self.stats.steps = max(self.stats.steps, edge.step)
        self.package = next((graph.states[e.to_id].package for e in graph.edges
                             if e.action == "restart" and e.to_id), "")
        self.stats.resumed = True
        self._edges_loaded = graph.edges

    def _restore_context(self) -> None:
        """Bring the device back to where the interrupted run was: on a deterministic device, replay the
        actions since the last restart (so that its history matches too); elsewhere, restart."""
        edges = self._edges_loaded
        last = max((i for i, edge in enumerate(edges)
                    if edge.action == "restart" and edge.extra.get("reset", True)), default=None)
        if last is None:
            self._restart("restart")
            return
        tail = [edge for edge in edges[last + 1:] if edge.result in ("changed", "unchanged")]
        self.current = edges[-1].to_id or edges[-1].from_id
        if self.kind not in DETERMINISTIC_KINDS or len(tail) > RESUME_REPLAY_LIMIT:
            self._restart("restart")
            return
        self._restart("restart", log=False)
        for edge in tail:
            if edge.from_id != self.by_key.get(state_identity(self._live())):
                break
            action = Action.from_key(edge_key(edge))
            node = find_node(self._live(), edge.node) if edge.node else None
            if action.node_id is not None and node is None:
                break
            try:
                self.current = edge.from_id
                if action.kind == "restart":
                    self._restart("restart", soft=True, log=False)
                else:
                    self._device_action(action, node)
            except (UnexploredTransition, ElementNotFound):
                break
            self.live = None
        else:
            landed = self.by_key.get(state_identity(self._live()))
            if landed is not None:
                self.current = landed
                return
        self._restart("restart")  # the device did not repeat its history: start afresh from here


def _key_text(key: ActionKey) -> str:
    return "/".join("" if part is None else str(part) for part in key)


def crawl(
    device,
    out_dir: str | Path,
    *,
    app: str | None = None,
    budget_steps: int | None = None,
    budget_seconds: float | None = None,
    resume: bool = False,
    allow_destructive: bool | None = None,
    destructive_words: list[str] | tuple[str, ...] | None = None,
    per_screen_limit: int | None = None,
    sample_text: str = "test",
    progress=None,
    **advanced,
) -> CrawlStats:
    """Explore the app on ``device`` into ``out_dir/graph.jsonl`` and return what was found.

    ``None`` options take the device kind's default (``CrawlConfig.for_device``). ``budget_steps`` counts
    device actions over the whole graph (a resumed run continues the count); ``budget_seconds`` is this
    run's wall time. ``advanced`` sets other ``CrawlConfig`` fields (``scroll_directions``,
    ``tap_inherited``, ``probe_depth``, ``restart_cost``, ``durable``). ``progress``: None (quiet),
    "plain", "rich", "auto" or a callable taking the stats.
    """
    unknown = set(advanced) - set(CrawlConfig.__dataclass_fields__)
    if unknown:
        raise BadInputError(f"unknown crawl option(s): {', '.join(sorted(unknown))}",
                            fix=f"use fields of CrawlConfig: {', '.join(CrawlConfig.__dataclass_fields__)}")
    config = CrawlConfig.for_device(
        device, app or default_app_name(device), budget_steps=budget_steps, budget_seconds=budget_seconds,
        allow_destructive=allow_destructive,
        destructive_words=tuple(destructive_words) if destructive_words is not None else None,
        per_screen_limit=per_screen_limit, sample_text=sample_text, **advanced)
    return Crawler(device, out_dir, config, progress=progress).run(resume=resume)
