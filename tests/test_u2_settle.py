"""wait_until_stable: reads until the value holds still for an interval, never past the bound."""

from __future__ import annotations

import pytest

from autodroid.device.settle import SettlePolicy, wait_until_stable
from u2_fake import FakeClock


def reader(values, clock, cost=0.05):
    sequence = iter(values)
    last = [None]

    def read():
        clock.now += cost
        last[0] = next(sequence, last[0])
        return last[0]

    return read


def test_stable_value_needs_two_reads_an_interval_apart():
    clock = FakeClock()
    settled = wait_until_stable(reader(["a"], clock), str, SettlePolicy(interval_s=0.4, timeout_s=5, poll_s=0.1),
                                clock=clock, sleep=clock.sleep)
    assert settled.stable and settled.value == "a"
    assert 0.4 <= settled.waited_s < 0.8 and settled.reads >= 2


def test_changes_restart_the_interval():
    clock = FakeClock()
    policy = SettlePolicy(interval_s=0.4, timeout_s=5, poll_s=0.1)
    settled = wait_until_stable(reader(["a", "b", "c", "d"], clock), str, policy, clock=clock, sleep=clock.sleep)
    assert settled.stable and settled.value == "d" and settled.reads >= 4 + 2
    assert settled.waited_s >= 3 * 0.15 + 0.4  # three changes seen, then the full interval unchanged


def test_never_stable_stops_at_the_bound_with_the_latest_value():
    clock = FakeClock()
    policy = SettlePolicy(interval_s=0.4, timeout_s=2.0, poll_s=0.1)
    values = [str(i) for i in range(1000)]
    settled = wait_until_stable(reader(values, clock), str, policy, clock=clock, sleep=clock.sleep)
    assert not settled.stable
    assert 2.0 <= settled.waited_s <= 2.0 + 0.1 + 0.05
    assert settled.value == str(settled.reads - 1)
    assert sum(clock.slept) <= 2.0 + 1e-9


def test_zero_timeout_reads_once_and_returns():
    clock = FakeClock()
    settled = wait_until_stable(reader(["a", "b"], clock), str, SettlePolicy(0.4, 0.0, 0.1),
                                clock=clock, sleep=clock.sleep)
    assert settled.reads == 1 and not settled.stable and clock.slept == []


def test_key_decides_what_counts_as_a_change():
    clock = FakeClock()
    values = [("app", "12:00"), ("app", "12:01"), ("app", "12:02")]
    settled = wait_until_stable(reader(values, clock), lambda v: v[0], SettlePolicy(0.3, 5, 0.1),
                                clock=clock, sleep=clock.sleep)
    assert settled.stable and settled.waited_s < 0.6


def test_negative_times_are_rejected():
    with pytest.raises(ValueError):
        SettlePolicy(interval_s=-1)
