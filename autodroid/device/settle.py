"""Wait for a UI to settle: poll until what we read stops changing for a short interval, with a bound.

Used instead of fixed sleeps after actions on a real phone: a tap that opens a screen returns as soon as
the new screen holds still, and a spinner that never stops costs at most ``timeout_s``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Generic, Hashable, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Settled(Generic[T]):
    value: T  # the last value read
    stable: bool  # False when the bound was hit while the value was still changing
    reads: int
    waited_s: float


@dataclass(frozen=True)
class SettlePolicy:
    """``interval_s``: how long the value must stay the same; ``timeout_s``: the most we wait in total;
    ``poll_s``: pause between reads (a read itself takes time on a phone, often more than this)."""

    interval_s: float = 0.4
    timeout_s: float = 4.0
    poll_s: float = 0.1

    def __post_init__(self) -> None:
        if self.interval_s < 0 or self.timeout_s < 0 or self.poll_s < 0:
            raise ValueError(f"settle times must be >= 0, got {self}")


def wait_until_stable(
    read: Callable[[], T],
    key: Callable[[T], Hashable],
    policy: SettlePolicy,
    *,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> Settled[T]:
    """Read until two reads at least ``interval_s`` apart have the same key and nothing differed between.

    Always reads at least twice, so a change that starts just after the action is still seen.
    """
    start = clock()
    value = read()
    current = key(value)
    same_since = clock()
    reads = 1
    while True:
        now = clock()
        remaining = policy.timeout_s - (now - start)
        if remaining <= 0:
            return Settled(value, False, reads, now - start)
        sleep(max(0.0, min(policy.poll_s, remaining)))
        value = read()
        reads += 1
        now = clock()
        latest = key(value)
        if latest != current:
            current, same_since = latest, now
        elif now - same_since >= policy.interval_s:
            return Settled(value, True, reads, now - start)
