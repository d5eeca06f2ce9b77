"""A doc straight from a DroidTask exploration log (consecutive records = transitions), without crawling.

The crawler on a ``replay:<folder>?log`` device recovers the same graph; this shortcut keeps tests and
benchmarks fast. Only ``log.yaml`` is read: task demonstrations are the test set and never feed a doc.
"""

from __future__ import annotations

from pathlib import Path

from autodroid.appdoc import AppDoc
from autodroid.droidtask import check_app_folder, load_records, parse_state
from autodroid.explorer.docwriter import build_doc
from autodroid.explorer.grouping import Edge

RECORD_ACTIONS = {"touch": "tap", "input_text": "set_text", "scroll": "scroll", "navigate_back": "back"}


def doc_from_log(folder: str | Path) -> AppDoc:
    folder = check_app_folder(Path(folder))
    records = load_records(folder / "log.yaml")
    ids: dict[str, str] = {}
    states = {}
    for record in records:
        state_id = ids.setdefault(record.state, f"s{len(ids)}")
        states.setdefault(state_id, parse_state(record.state))
    edges = [Edge(ids[a.state], RECORD_ACTIONS[a.action], a.choice, ids[b.state], a.text)
             for a, b in zip(records, records[1:]) if a.action != "finish"]
    return build_doc(folder.name, "", states, edges, ids[records[0].state],
                     {"device": f"replay:{folder}?log", "states": len(states), "transitions": len(edges)})
