"""The accuracy suite end to end on real recordings, with model-free agents (gold replays, the oracle,
the baseline on a queued-reply model): discovery of unseen apps, scoring, resume, report and CLI."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from rich.console import Console

from autodroid.bench.accuracy import run_accuracy
from autodroid.bench.dataset import app_doc, discover_apps, doc_cache_path
from autodroid.cli.main import cli
from autodroid.droidtask import load_gold_tasks
from autodroid.errors import BadInputError
from autodroid.planner.model import FakeModel
from bench_helpers import GoldAgent


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("AUTODROID_CACHE", str(tmp_path / "cache"))


def _quiet() -> Console:
    return Console(file=open("/dev/null", "w"), width=120)


@pytest.fixture
def unseen(tmp_path, droidtask):
    """A dataset the suite has never seen: two apps under new names (links to recorded files)."""
    root = tmp_path / "dataset"
    for source, name in (("clock", "alarmapp"), ("notes", "jotter")):
        folder = root / name
        folder.mkdir(parents=True)
        for file in (droidtask / source).iterdir():
            (folder / file.name).symlink_to(file)
    (root / "not_an_app").mkdir()
    (root / "README.md").write_text("other things live here too")
    return root


def test_discovers_app_folders_and_rejects_unknown_ones(unseen):
    assert [p.name for p in discover_apps(unseen)] == ["alarmapp", "jotter"]
    assert [p.name for p in discover_apps(unseen, ["jotter"])] == ["jotter"]
    with pytest.raises(BadInputError, match="no app nope"):
        discover_apps(unseen, ["nope"])
    with pytest.raises(BadInputError, match="holds no app folders"):
        discover_apps(unseen / "jotter")


def test_doc_is_built_from_the_log_once_and_cached_outside_the_repo(unseen, tmp_path):
    first = app_doc(unseen / "jotter")
    second = app_doc(unseen / "jotter")
    assert not first.cached and second.cached
    assert first.doc.version == second.doc.version and first.doc.app == "jotter"
    assert str(first.path).startswith(str(tmp_path / "cache")) and first.path == doc_cache_path(unseen / "jotter")


def test_suite_on_unseen_apps_scores_gold_and_partial_agents_and_resumes(unseen, tmp_path):
    tasks = {a: load_gold_tasks(unseen / a) for a in ("alarmapp", "jotter")}
    everything = GoldAgent([t for ts in tasks.values() for t in ts])
    first_only = GoldAgent([t for ts in tasks.values() for t in ts], pick=lambda task: [0])
    out = tmp_path / "out"
    document = run_accuracy(dataset=unseen, out=out, agents=["ours", "baseline"], limit=2, model=FakeModel(),
                            agent_fns={"ours": everything, "baseline": first_only}, console=_quiet())
    rows = document["tasks"]
    assert len(rows) == 8 and {r["app"] for r in rows} == {"alarmapp", "jotter"}
    ours = [r for r in rows if r["agent"] == "ours"]
    assert all(r["lenient"] and r["strict"] for r in ours)
    assert all(r["device_actions"] == len(r["actions"]) > 0 for r in ours)
    baseline = [r for r in rows if r["agent"] == "baseline"]
    assert all(r["lenient"] == (r["gold"] == 1) for r in baseline)
    summary = document["summary"]
    assert summary["agents"]["ours"]["overall"]["lenient_rate"] == 1.0
    versus = summary["ours_vs_baseline"]
    assert versus["tasks"] == 4 and versus["prompt_tokens"] == 1.0
    assert document["apps"]["jotter"]["tasks"] == len(tasks["jotter"])
    assert 0 < document["apps"]["jotter"]["gold_coverage"] <= 1

    saved = json.loads((out / "accuracy.json").read_text())
    assert saved["summary"] == summary and saved["model"] == "fake"
    html = (out / "report.html").read_text()
    assert html.count("<svg") >= 2 and "<script" not in html and "http" not in re.sub(r'xmlns="[^"]+"', "", html)
    md = (out / "summary.md").read_text()
    assert "54.4%" in md and "67.1%" in md and "61.5%" in md and "9 apps / 97 tasks" in md

    # a second run resumes: nothing left to do with the same limit, one more task each with limit 3
    never = GoldAgent([], error="must not run")
    again = run_accuracy(dataset=unseen, out=out, agents=["ours", "baseline"], limit=2, model=FakeModel(),
                         agent_fns={"ours": never, "baseline": never}, console=_quiet())
    assert len(again["tasks"]) == 8
    more = run_accuracy(dataset=unseen, out=out, agents=["ours"], limit=3, model=FakeModel(),
                        agent_fns={"ours": everything}, console=_quiet())
    assert len(more["tasks"]) == 10
    replaced = run_accuracy(dataset=unseen, out=out, agents=["baseline"], limit=1, model=FakeModel(), replace=True,
                            agent_fns={"baseline": everything}, console=_quiet())
    assert sum(r["agent"] == "baseline" for r in replaced["tasks"]) == 2  # rerun from scratch with limit 1
    assert sum(r["agent"] == "ours" for r in replaced["tasks"]) == 6  # kept
    assert all(r["lenient"] for r in replaced["tasks"] if r["agent"] == "baseline")
    assert len(replaced["commands"]) == 4
    with pytest.raises(BadInputError, match="results of another run"):
        run_accuracy(dataset=unseen, out=out, agents=["ours"], limit=1, model=FakeModel(name="other"),
                     agent_fns={"ours": everything}, console=_quiet())


def test_a_crashing_agent_fails_its_tasks_and_the_run_goes_on(unseen, tmp_path):
    def crash(task_text, doc, device, model):
        raise ZeroDivisionError("boom")

    document = run_accuracy(dataset=unseen, out=tmp_path / "out", apps=["jotter"], agents=["ours"], limit=2,
                            model=FakeModel(), agent_fns={"ours": crash}, console=_quiet())
    assert [r["error"] for r in document["tasks"]] == ["crash: ZeroDivisionError: boom"] * 2
    assert "ZeroDivisionError" in document["tasks"][0]["notes"]["traceback"]
    assert document["summary"]["agents"]["ours"]["overall"]["crashes"] == 2


def test_oracle_through_the_cli_reaches_the_docs_ceiling_on_an_unseen_app(unseen, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["bench", "accuracy", "--dataset", str(unseen), "--apps", "jotter",
                                      "--agents", "oracle", "--limit", "4", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "oracle: success" in result.output and "published" in result.output
    document = json.loads((out / "accuracy.json").read_text())
    assert document["model"] == "none" and len(document["tasks"]) == 4
    assert all(r["scripts"] and r["scripts"][0] for r in document["tasks"])
    # the oracle's scripts run through the real runtime; most of these notes tasks succeed
    assert sum(r["lenient"] for r in document["tasks"]) >= 3
    assert sum(r["success"] for r in document["tasks"]) >= 3
    assert document["command"].startswith("autodroid bench accuracy")


def test_cli_errors_are_one_line_with_a_fix(unseen, tmp_path):
    runner = CliRunner()
    bad_agent = runner.invoke(cli, ["bench", "accuracy", "--dataset", str(unseen), "--agents", "gpt5",
                                    "--out", str(tmp_path / "o")])
    assert bad_agent.exit_code == 2 and "unknown agent gpt5" in bad_agent.output and "fix:" in bad_agent.output
    no_data = runner.invoke(cli, ["bench", "accuracy", "--dataset", str(tmp_path / "none"), "--agents", "oracle",
                                  "--out", str(tmp_path / "o")])
    assert no_data.exit_code == 2 and "no dataset folder" in no_data.output
    bad_limit = runner.invoke(cli, ["bench", "accuracy", "--dataset", str(unseen), "--agents", "oracle",
                                    "--limit", "0", "--out", str(tmp_path / "o")])
    assert bad_limit.exit_code == 2 and "--limit" in bad_limit.output


def test_published_results_hold_no_dataset_text(unseen, tmp_path):
    tasks = load_gold_tasks(unseen / "jotter")
    run = tmp_path / "run"
    run_accuracy(dataset=unseen, out=run, apps=["jotter"], agents=["ours"], limit=3, model=FakeModel(),
                 agent_fns={"ours": GoldAgent(tasks, pick=lambda task: [0], error="NavigationFailed: no way to x")},
                 console=_quiet())
    dest = tmp_path / "published"
    result = CliRunner().invoke(cli, ["bench", "report", str(run), "--publish", str(dest)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in dest.iterdir()) == ["accuracy.json", "report.html", "summary.md"]
    published = json.loads((dest / "accuracy.json").read_text())
    assert [r["error"] for r in published["tasks"]] == ["NavigationFailed"] * 3
    assert published["summary"] == json.loads((run / "accuracy.json").read_text())["summary"]
    # auditable: every row keeps its actions (kind, doc API, doc screen, no-op or not, gold step), scores, code
    for row in published["tasks"]:
        assert row["action_log"] and all({"kind", "api", "screen", "noop", "gold"} <= set(e) for e in row["action_log"])
        assert all("text" not in e for e in row["action_log"])
        assert row["action_log"][0]["gold"] == 0 and row["action_log"][0]["api"]
        assert {"success", "strict", "lenient", "precision", "side_effects", "failure"} <= set(row)
    assert published["machine"]["code"]
    everything = "".join(p.read_text() for p in dest.iterdir())
    for task in tasks[:3]:
        assert task.task not in everything
        for step in task.steps:
            label = step.element.text or step.element.alt
            if label and len(label) > 3:
                assert f"'{label}'" not in everything


def test_our_agent_is_wired_to_run_task_with_log_verified_examples(droidtask, tmp_path):
    """Our real agent (planner, examples, runtime, repair) on a queued-reply model that answers with the
    task's gold lines: the suite scores it a success and records the plan's costs."""
    from autodroid.bench.dataset import app_doc
    from autodroid.planner.examples import examples_cache_path
    from autodroid.runtime.gold import gold_script

    folder = droidtask / "notes"
    task = load_gold_tasks(folder)[0]
    doc = app_doc(folder).doc
    lines = gold_script(doc, folder, task).full().strip().splitlines()
    assert lines
    model = FakeModel(replies=[*lines, ""])  # the planner decodes one line per call; "" ends the script
    document = run_accuracy(dataset=droidtask, out=tmp_path / "out", apps=["notes"], agents=["ours"], limit=1,
                            model=model, traces=True, console=_quiet())
    row = document["tasks"][0]
    assert row["lenient"] and row["strict"], row
    assert row["model_calls"] == 1 and row["repairs"] == 0 and row["error"] is None
    assert row["raw_model_calls"] == len(model.calls) >= len(lines)  # every completion call is metered
    assert row["prompt_tokens"] == model.count_tokens(model.calls[0].prompt) and row["generated_tokens"] > 0
    assert task.task in model.calls[0].prompt.splitlines()[-5:] or task.task in model.calls[0].prompt
    assert row["notes"]["plans"][0]["prefix"]["source"] == "computed"
    assert examples_cache_path(doc).is_file()  # synthesized and verified on the log-only device
    assert list((tmp_path / "out" / "traces").glob("notes-*.jsonl"))


def test_the_meter_counts_choose_calls_and_adds_no_choose_a_model_lacks():
    from autodroid.bench.accuracy import MeteredModel
    from autodroid.planner.model import FakeModel

    class Choosing(FakeModel):
        def choose(self, prompt, options, *, allow_end=False, prefix_cache_key=None):
            return self.complete(prompt, prefix_cache_key=prefix_cache_key)

    metered = MeteredModel(Choosing(replies=["a", "b"]))
    metered.choose("one two three", ["a"])
    metered.complete("one two three four")
    assert metered.calls == 2 and metered.evaluated_tokens == 7
    assert not hasattr(MeteredModel(FakeModel()), "choose")
