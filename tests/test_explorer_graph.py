"""graph.jsonl: the loader's helpers, a torn last line is tolerated, a corrupt line elsewhere is named."""

from __future__ import annotations

import json

import pytest

from autodroid.device.registry import open_device
from autodroid.errors import BadInputError
from autodroid.explorer import crawl, load_graph
from autodroid.explorer.graph import GraphWriter


@pytest.fixture(scope="module")
def notes_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("notes")
    crawl(open_device("sim:notes"), out, budget_steps=150, durable=False)
    return out / "graph.jsonl"


def test_lines_have_the_documented_shape(notes_graph):
    records = [json.loads(line) for line in notes_graph.read_text().splitlines()]
    meta = records[0]
    assert meta["type"] == "meta" and meta["app"] == "notes" and meta["device"] == "sim:notes"
    assert meta["config"]["per_screen_limit"] == 2 and meta["config"]["allow_destructive"] is False
    states = [r for r in records if r["type"] == "state"]
    edges = [r for r in records if r["type"] == "edge"]
    assert [s["id"] for s in states] == [f"s{i}" for i in range(len(states))]
    assert set(states[0]) >= {"id", "signature", "raw", "source", "step"} and states[0]["source"] == "sim"
    assert states[0]["raw"].startswith("<?xml") or states[0]["raw"].startswith("<hierarchy")
    for edge in edges:
        assert set(edge) >= {"from", "action", "node", "text", "direction", "to", "result", "note", "step"}
        assert edge["result"] in ("changed", "unchanged", "unexplored", "error", "skipped_destructive")
        if edge["node"] is not None:
            assert set(edge["node"]) == {"id", "path", "rid", "resource_id", "text", "desc", "cls", "tag"}
    assert edges[0]["action"] == "restart" and edges[0]["from"] is None
    defined = set()
    for record in records:  # every state is written before the first edge that names it
        if record["type"] == "state":
            defined.add(record["id"])
        elif record["type"] == "edge":
            assert {record["from"], record["to"]} - {None} <= defined


def test_loader_helpers(notes_graph):
    graph = load_graph(notes_graph.parent)  # the folder works too
    assert graph.start_state == "s0"
    assert graph.states["s0"].screen.package == "org.autodroid.notes"
    assert graph.states["s0"].screen.source == "sim"
    transitions = graph.transitions()
    assert transitions and all(e.to_id is not None and e.action != "restart" for e in transitions)
    out = graph.out_edges("s0")
    assert out and all(e.from_id == "s0" for e in out)
    assert {e.action for e in out} >= {"tap", "back"}
    assert sum(len(ids) for ids in graph.screens().values()) == len(graph.states)


def test_torn_last_line_is_ignored(notes_graph, tmp_path):
    data = notes_graph.read_bytes()
    whole = data.count(b"\n")
    torn = tmp_path / "graph.jsonl"
    torn.write_bytes(data[: len(data) - 40])  # cut inside the last line
    graph = load_graph(torn)
    assert graph.truncated_tail
    assert len(graph.edges) + len(graph.states) + len(graph.metas) + len(graph.giveups) == whole - 1


def test_corrupt_middle_line_names_its_line_number(notes_graph, tmp_path):
    lines = notes_graph.read_text().splitlines(keepends=True)
    lines[6] = lines[6][:30] + "\n"
    broken = tmp_path / "graph.jsonl"
    broken.write_text("".join(lines))
    with pytest.raises(BadInputError, match=r"graph.jsonl:7: corrupt graph line") as info:
        load_graph(broken)
    assert "delete that line" in info.value.fix


@pytest.mark.parametrize("line, message", [
    ('{"type": "edge", "from": "s9", "action": "tap", "to": null, "result": "error"}', "unknown state 's9'"),
    ('{"type": "edge", "from": null, "action": "fly", "to": null, "result": "error"}', "unknown edge action"),
    ('{"type": "state", "id": "s0"}', "lacks the field 'signature'"),
    ('[1, 2]', "JSON object with a `type`"),
])
def test_bad_lines_are_rejected_with_the_line(tmp_path, line, message):
    path = tmp_path / "graph.jsonl"
    path.write_text('{"type": "meta", "app": "x"}\n' + line + "\n")
    with pytest.raises(BadInputError, match=message) as info:
        load_graph(path)
    assert ":2:" in info.value.message


def test_missing_graph_says_how_to_make_one(tmp_path):
    with pytest.raises(BadInputError, match="no explored graph") as info:
        load_graph(tmp_path)
    assert "autodroid explore" in info.value.fix


def test_writer_cuts_a_torn_tail_before_appending(tmp_path):
    path = tmp_path / "graph.jsonl"
    path.write_bytes(b'{"type": "meta", "app": "x"}\n{"type": "st')
    with GraphWriter(path, durable=False) as writer:
        writer.write({"type": "meta", "app": "y"})
    assert [m["app"] for m in load_graph(path).metas] == ["x", "y"]
    path.write_bytes(b'{"type": "meta", "app": "x"}')  # complete record, newline lost: kept
    with GraphWriter(path, durable=False) as writer:
        writer.write({"type": "meta", "app": "y"})
    assert [m["app"] for m in load_graph(path).metas] == ["x", "y"]
