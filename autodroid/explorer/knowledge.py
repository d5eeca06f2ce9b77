"""What the explorer has learnt so far, rebuilt from the graph's edges: which actions were tried where,
what they led to, which of them can be trusted for navigation, and the shortest known paths.

Everything here is a function of the edges in file order, so a resumed crawl that reloads graph.jsonl
makes exactly the choices the interrupted one would have made.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from autodroid.explorer.actions import ActionKey

RESTART = ("restart",)  # a route step meaning "restart the app here"
FINAL = ("final",)  # a job step meaning "now take the job's own action"

Step = tuple  # (from state, action key, expected to-state) or RESTART


@dataclass
class Knowledge:
    tried: set[tuple[str, ActionKey]] = field(default_factory=set)
    outcomes: dict[tuple[str, ActionKey], list[str]] = field(default_factory=dict)  # distinct to-states
    failed: set[tuple[str, ActionKey]] = field(default_factory=set)  # error/unexplored at least once
    alternatives: dict[tuple[str, ActionKey], int] = field(default_factory=dict)  # device-reported
    nodes: dict[tuple[str, ActionKey], dict | None] = field(default_factory=dict)  # node record per action
    order: list[tuple[str, ActionKey]] = field(default_factory=list)  # actions in first-seen order
    ambiguous_order: list[tuple[str, ActionKey]] = field(default_factory=list)  # device-reported, to probe
    session: list[Step] = field(default_factory=list)  # transitions since the last restart
    traces: dict[str, list[Step]] = field(default_factory=dict)  # how each state was first reached after a restart
    _steps_cache: list[Step] | None = field(default=None, repr=False)

    def restarted(self, landed: str | None) -> None:
        self.session = []
        if landed is not None:
            self.traces.setdefault(landed, [])

    def record(self, state: str, key: ActionKey, to: str | None, result: str, node: dict | None,
               alternatives: int = 1) -> None:
        pair = (state, key)
        self._steps_cache = None
        if pair not in self.nodes:
            self.nodes[pair] = node
            self.order.append(pair)
        self.tried.add(pair)
        if result in ("changed", "unchanged") and to is not None:
            seen = self.outcomes.setdefault(pair, [])
            if to not in seen:
                seen.append(to)
            self.session.append((state, key, to))
            if to not in self.traces:
                self.traces[to] = list(self.session)
        elif result in ("error", "unexplored"):
            self.failed.add(pair)
        if alternatives > self.alternatives.get(pair, 1):
            self.alternatives[pair] = alternatives
        if alternatives > 1 and pair not in self.ambiguous_order:
            self.ambiguous_order.append(pair)  # history-dependent by the device's own account: worth probing

    def is_ambiguous(self, pair: tuple[str, ActionKey]) -> bool:
        """The outcome depends on history: the device said so, or two outcomes were seen."""
        return self.alternatives.get(pair, 1) > 1 or len(self.outcomes.get(pair, ())) > 1

    def reliable(self, pair: tuple[str, ActionKey]) -> str | None:
        """The one state this action has always led to (never failing, never leading elsewhere), else None."""
        seen = self.outcomes.get(pair)
        if not seen or len(seen) != 1 or pair in self.failed or self.alternatives.get(pair, 1) > 1:
            return None
        return seen[0] if seen[0] != pair[0] else None

    def reliable_steps(self) -> list[Step]:
        if self._steps_cache is None:
            steps = []
            for pair in self.order:
                to = self.reliable(pair)
                if to is not None:
                    steps.append((pair[0], pair[1], to))
            self._steps_cache = steps
        return self._steps_cache

    def shortest_path(self, source: str, target: str) -> list[Step] | None:
        """Fewest reliable actions from source to target (ties: the earliest-learnt actions first)."""
        if source == target:
            return []
        adjacency: dict[str, list[Step]] = {}
        for step in self.reliable_steps():
            adjacency.setdefault(step[0], []).append(step)
        previous: dict[str, Step] = {}
        queue = deque([source])
        seen = {source}
        while queue:
            state = queue.popleft()
            for step in adjacency.get(state, ()):
                to = step[2]
                if to in seen:
                    continue
                seen.add(to)
                previous[to] = step
                if to == target:
                    path = [step]
                    while path[0][0] != source:
                        path.insert(0, previous[path[0][0]])
                    return path
                queue.append(to)
        return None

    def routes_into(self, state: str, depth: int, start: str | None) -> list[tuple[Step, ...]]:
        """Every way of arriving at ``state`` by its last ``depth`` reliable actions, or by a restart when it
        is the start state (the contexts a history-dependent device may distinguish)."""
        incoming: dict[str, list[Step]] = {}
        for step in self.reliable_steps():
            incoming.setdefault(step[2], []).append(step)

        def walk(at: str, left: int) -> list[tuple[Step, ...]]:
            found: list[tuple[Step, ...]] = [(RESTART,)] if at == start else []
            if left == 0 or not incoming.get(at):
                return found + [()]  # (): whatever way the navigation arrives
            for step in incoming[at]:
                found += [route + (step,) for route in walk(step[0], left - 1)]
            return found

        unique: list[tuple[Step, ...]] = []
        for route in walk(state, depth):
            if route and route not in unique:
                unique.append(route)
        return unique
