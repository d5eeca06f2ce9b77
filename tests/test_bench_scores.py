"""The reviewer's scores on real recordings: a tap-everything agent, no-op-free success, precision, side
effects; the leave-apps-out folds; the no-model candidate-line agents."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from rich.console import Console

from autodroid.bench.accuracy import run_accuracy
from autodroid.bench.agents import AgentOutcome
from autodroid.bench.folds import assignment, dev_apps, fold_of, folds
from autodroid.errors import AutodroidError, BadInputError
from autodroid.planner.model import FakeModel
from conftest import DROIDTASK_APPS


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("AUTODROID_CACHE", str(tmp_path / "cache"))


def _quiet() -> Console:
    return Console(file=open("/dev/null", "w"), width=120)


class TapEverything:
    """Taps every tappable node of the first screen, one after the other, going back after each tap that
    moved; then does the same one level down (on each screen a real tap reached). No model, no doc."""

    def __call__(self, task_text, doc, device, model) -> AgentOutcome:
        start = device.screen()
        reached = []
        for node in [n for n in start.nodes if n.clickable or n.checkable]:
            try:
                if device.tap(node).changed:
                    reached.append(node)
                    self._tap_all(device)
                    device.back()
            except AutodroidError:
                pass  # an unexplored tap: a no-op on the recording
        return AgentOutcome(scripts=[f"tapped {len(reached)} paths"])

    @staticmethod
    def _tap_all(device) -> None:
        screen = device.screen()
        for node in [n for n in screen.nodes if n.clickable or n.checkable]:
            try:
                if device.tap(node).changed:
                    device.back()
            except AutodroidError:
                pass


@pytest.mark.needs_shared
def test_tapping_everything_has_low_precision_and_no_success_from_noops(droidtask, tmp_path):
    document = run_accuracy(dataset=droidtask, out=tmp_path / "out", apps=["applauncher", "music", "voicerecorder"], agents=["ours"],
                            agent_fns={"ours": TapEverything()}, model=FakeModel(), console=_quiet())
    rows = document["tasks"]
    assert len(rows) == 23
    overall = document["summary"]["agents"]["ours"]["overall"]
    assert overall["precision"] is not None and overall["precision"] < 0.1
    assert overall["counted_actions_mean"] > 10
    # the published rule is bought by volume; success only where the gold actions really happened
    assert overall["published"] > overall["success"]
    by_noops = [r for r in rows if r["lenient"] and not r["success"] and r["noop_matches"] > 0]
    assert by_noops, "some published successes came from replay no-ops"
    for row in rows:
        gold_done = {e["gold"] for e in row["action_log"] if e["gold"] is not None}
        assert all(not e["noop"] for e in row["action_log"] if e["gold"] is not None)  # a no-op never counts
        assert row["success"] == (len(gold_done) == row["gold"])
        assert row["precision"] == round(row["gold_matching"] / row["counted_actions"], 4)
    assert overall["side_effects_total"] > 0  # it toggles settings the tasks never asked for


def test_folds_put_each_app_in_exactly_one_fold():
    apps = list(DROIDTASK_APPS) + [f"app{i}" for i in range(14)]
    for n in range(1, 10):
        for members in (apps[:9], apps):
            parts = folds(members, n)
            flat = [a for part in parts for a in part]
            assert sorted(flat) == sorted(members)  # every app once: no app in two folds, none left out
            assert max(map(len, parts)) - min(map(len, parts)) <= 1
            table = assignment(members, n)
            assert all(fold_of(a, n, members) == table[a] for a in members)
            for fold in range(n):
                dev = dev_apps(members, n, fold)
                assert set(dev).isdisjoint(parts[fold]) and set(dev) | set(parts[fold]) == set(members)
    # the shared apps' folds are fixed (documented in autodroid/bench/folds.py)
    assert folds(DROIDTASK_APPS, 3) == [["firefox", "camera", "gallery"], ["filemanager", "voicerecorder", "clock"],
                                        ["music", "notes", "applauncher"]]
    with pytest.raises(BadInputError):
        folds(["a", "b"], 3)
    with pytest.raises(BadInputError):
        fold_of("nope", 3, DROIDTASK_APPS)


def test_folds_do_not_depend_on_the_process_hash_seed():
    code = "from autodroid.bench.folds import folds; import json; print(json.dumps(folds(%r, 3)))" % (
        list(DROIDTASK_APPS),)
    seen = set()
    for seed in ("0", "1", "12345"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        seen.add(out)
    assert len(seen) == 1 and json.loads(seen.pop()) == folds(DROIDTASK_APPS, 3)


@pytest.mark.needs_shared
def test_run_with_folds_writes_one_table_per_fold_and_runs_only_the_chosen_folds(droidtask, tmp_path):
    out = tmp_path / "out"
    document = run_accuracy(dataset=droidtask, out=out, agents=["candidates-1", "keyword"], folds=3,
                            only_folds=[2], limit=2, console=_quiet())
    members = folds(DROIDTASK_APPS, 3)
    assert document["folds"]["members"] == members
    assert {r["app"] for r in document["tasks"]} == set(members[2])
    assert all(r["fold"] == 2 for r in document["tasks"])
    tables = document["summary"]["folds"]
    assert [f["fold"] for f in tables["per_fold"]] == [0, 1, 2]
    assert tables["per_fold"][2]["agents"]["keyword"]["tasks"] == 2 * len(members[2])
    assert not tables["per_fold"][0]["agents"]  # fold 0 was not run
    assert tables["mean"]["candidates-1"]["folds"] == 1
    assert tables["mean"]["candidates-1"]["success_rate"] == pytest.approx(
        tables["per_fold"][2]["agents"]["candidates-1"]["success_rate"], abs=1e-4)
    assert "fold 2" in (out / "summary.md").read_text()


@pytest.mark.needs_shared
def test_candidate_agents_run_the_planners_own_lines_without_a_model(droidtask, tmp_path):
    from autodroid.bench.candidates import candidate_lines
    from autodroid.bench.dataset import app_doc
    from autodroid.droidtask import load_gold_tasks
    from autodroid.planner.planner import Planner

    document = run_accuracy(dataset=droidtask, out=tmp_path / "out", apps=["clock"], limit=4,
                            agents=["candidates-1", "candidates-3", "candidates-all"], console=_quiet())
    assert document["model"] == "none"
    doc = app_doc(droidtask / "clock").doc
    tasks = {t.file: t for t in load_gold_tasks(droidtask / "clock")}
    for row in document["tasks"]:
        task = tasks[row["file"]]
        planner = Planner(None, doc)
        offered = planner.choices(task.task, [c.name for c in planner.candidates(task.task)])
        assert candidate_lines(doc, task.task) == offered
        k = {"candidates-1": 1, "candidates-3": 3, "candidates-all": len(offered)}[row["agent"]]
        assert row["scripts"] == (["\n".join(offered[:k])] if offered else [])
        assert row["model_calls"] == 0 and row["llm_seconds"] == 0


@pytest.mark.needs_shared
def test_runs_of_one_comparison_merge_into_one_folder(droidtask, tmp_path):
    from autodroid.bench.accuracy import merge_runs

    first = run_accuracy(dataset=droidtask, out=tmp_path / "a", apps=["notes"], agents=["keyword"], limit=2,
                         folds=3, command="first", console=_quiet())
    second = run_accuracy(dataset=droidtask, out=tmp_path / "b", apps=["notes"], agents=["candidates-1", "keyword"],
                          limit=1, folds=3, command="second", console=_quiet())
    merged = merge_runs([tmp_path / "a", tmp_path / "b"], tmp_path / "m")
    assert merged["agents"] == ["keyword", "candidates-1"]
    assert len([r for r in merged["tasks"] if r["agent"] == "keyword"]) == 2  # from the first run only
    assert len([r for r in merged["tasks"] if r["agent"] == "candidates-1"]) == 1
    assert merged["commands"] == ["first", "second"] and merged["folds"] == first["folds"] == second["folds"]
    assert (tmp_path / "m" / "report.html").is_file()
    other = run_accuracy(dataset=droidtask, out=tmp_path / "c", apps=["notes"], agents=["keyword"], limit=1,
                         folds=2, console=_quiet())
    assert other["folds"]["n"] == 2
    with pytest.raises(BadInputError):
        merge_runs([tmp_path / "a", tmp_path / "c"], tmp_path / "m2")


def test_describe_gives_every_agent_the_model_enriched_doc(droidtask, tmp_path, monkeypatch):
    import dataclasses

    import autodroid.planner.describe as describe

    described = []

    def fake_described(doc, model):  # the real step asks the model once per element (tests/test_planner_describe.py)
        described.append((doc.app, model.name))
        elements = {name: dataclasses.replace(e, about="marked") if e.type == "input" else e
                    for name, e in doc.elements.items()}
        return dataclasses.replace(doc, elements=elements)

    monkeypatch.setattr(describe, "described_cached", fake_described)
    seen = []

    def agent(task_text, doc, device, model):
        seen.append(any(e.about == "marked" for e in doc.elements.values()))
        return AgentOutcome()

    document = run_accuracy(dataset=droidtask, out=tmp_path / "out", apps=["notes"], agents=["keyword"], limit=1,
                            describe=True, model=FakeModel(name="m"), agent_fns={"keyword": agent}, console=_quiet())
    assert described == [("notes", "m")] and seen == [True] and document["describe"] is True
    plain = run_accuracy(dataset=droidtask, out=tmp_path / "plain", apps=["notes"], agents=["keyword"], limit=1,
                         agent_fns={"keyword": agent}, console=_quiet())
    assert seen == [True, False] and "describe" not in plain
