"""The crawler rebuilds the recorded graph of every DroidTask app from its exploration log alone."""

from __future__ import annotations

import time

import pytest

from autodroid.device.registry import open_device
from autodroid.device.replay import ReplayDevice
from autodroid.explorer import crawl, load_graph
from autodroid.explorer.recovery import measure_recovery
from tests.conftest import DROIDTASK_APPS, needs_shared


@needs_shared
@pytest.mark.parametrize("app", DROIDTASK_APPS)
def test_crawl_recovers_every_log_screen_and_transition(droidtask, tmp_path, app):
    started = time.monotonic()
    stats = crawl(open_device(f"replay:{droidtask / app}?log"), tmp_path, durable=False)
    seconds = time.monotonic() - started
    graph = load_graph(tmp_path)
    recovery = measure_recovery(droidtask / app, graph)
    assert stats.stopped == "complete", stats.message
    assert recovery.missing_screens == [], f"log records whose screen was not found: {recovery.missing_screens}"
    assert recovery.missing_transitions == [], f"log records whose transition was not found: {recovery.missing_transitions}"
    assert recovery.screens == len(graph.states)  # and nothing that was never recorded
    assert graph.meta["device"].endswith("?log") and graph.meta["app"] == app
    assert seconds < 20, f"{app} took {seconds:.1f}s"


@needs_shared
@pytest.mark.parametrize("app", DROIDTASK_APPS)
def test_walking_the_log_reproduces_each_recorded_next_screen(droidtask, app):
    """The property that lets a crawler recover transitions recorded twice with different outcomes: a
    session that follows the log is continued along the log, even past ties of one transition."""
    device = ReplayDevice(droidtask / app, log_only=True)
    records = device.records["log.yaml"]
    for record, following in zip(records, records[1:]):
        if record.action == "finish":
            break
        assert device.state == record.state
        screen = device.screen()
        if record.action == "touch":
            device.tap(screen.node(record.choice))
        elif record.action == "scroll":
            device.scroll(screen.node(record.choice), "down")
        elif record.action == "input_text":
            device.set_text(screen.node(record.choice), record.text)
        else:
            device.back()
        assert device.state == following.state, f"{app} record {record.index} led elsewhere"


@needs_shared
def test_history_dependent_transitions_are_probed_and_marked(droidtask, tmp_path):
    """firefox records one tap twice with different outcomes, told apart only by the two steps before."""
    crawl(open_device(f"replay:{droidtask / 'firefox'}?log"), tmp_path, durable=False)
    graph = load_graph(tmp_path)
    probed = [edge for edge in graph.edges if edge.purpose == "probe"]
    assert probed and all(edge.extra.get("job", "").startswith("probe:") for edge in probed)
    ambiguous = {(e.from_id, e.action, (e.node or {}).get("id")) for e in graph.edges if e.alternatives > 1}
    outcomes = {}
    for edge in graph.transitions():
        key = (edge.from_id, edge.action, (edge.node or {}).get("id"))
        if key in ambiguous:
            outcomes.setdefault(key, set()).add(edge.to_id)
    assert any(len(found) == 2 for found in outcomes.values()), outcomes


@needs_shared
def test_suggested_texts_hint_lists_recorded_inputs(droidtask):
    """The replay hint the crawler uses to type recorded texts (task files record typing; the log does not)."""
    from autodroid.droidtask import load_records

    for app in DROIDTASK_APPS:
        device = ReplayDevice(droidtask / app)
        for name, records in device.records.items():
            typed = next((r for r in records if r.action == "input_text"), None)
            if typed is None:
                continue
            device._state = typed.state  # put the session on that screen
            node = device.screen().node(typed.choice)
            assert typed.text in device.suggested_texts(node)
            assert load_records(device.folder / name)[typed.index].text == typed.text
            return
    pytest.skip("no recorded typing in the shared apps")
