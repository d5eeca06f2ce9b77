"""CI's quick subset of the accuracy suite, so it cannot rot: one small app, the smallest packaged model
(SmolLM2-135M: plumbing, not quality), the first task only, every agent, through the CLI. Full runs are on
demand (benchmarks/README.md)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from autodroid.cli.main import cli

QUICK_MODEL = "smollm2-135m"


@pytest.fixture(scope="module")
def smallest_model():
    pytest.importorskip("llama_cpp", reason="needs llama-cpp-python (pip install 'autodroid-agent[llm]')")
    from autodroid.planner import registry

    spec = registry.resolve(QUICK_MODEL)
    if not registry.is_installed(spec):
        pytest.skip(f"needs the {QUICK_MODEL} model: {registry.install_command(spec.source)}")
    return QUICK_MODEL


def test_quick_accuracy_subset_runs_every_agent_on_a_real_model(droidtask, smallest_model, tmp_path, monkeypatch):
    monkeypatch.setenv("AUTODROID_CACHE", str(tmp_path / "cache"))  # KV files and docs of this run only
    out = tmp_path / "quick"
    args = ["bench", "accuracy", "--dataset", str(droidtask), "--apps", "applauncher", "--model", smallest_model,
            "--agents", "ours,baseline,oracle,candidates-1,keyword", "--limit", "1", "--max-steps", "3",
            "--folds", "3", "--out", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    document = json.loads((out / "accuracy.json").read_text())
    assert document["model"] == smallest_model
    rows = {r["agent"]: r for r in document["tasks"]}
    assert set(rows) == {"ours", "baseline", "oracle", "candidates-1", "keyword"}
    assert all(isinstance(r["success"], bool) and "precision" in r for r in rows.values())
    for agent in ("ours", "baseline"):
        row = rows[agent]
        assert row["model_calls"] >= 1 and row["prompt_tokens"] > 0 and row["llm_seconds"] > 0, row
        assert not (row["error"] or "").startswith("crash"), row["error"]
    assert rows["baseline"]["model_calls"] <= 3
    assert rows["oracle"]["lenient"] and rows["oracle"]["success"]  # applauncher task1 is within the doc's reach
    assert rows["candidates-1"]["model_calls"] == 0 and rows["keyword"]["model_calls"] == 0
    summary = document["summary"]
    assert summary["ours_vs_baseline"]["tasks"] == 1
    assert [f["fold"] for f in summary["folds"]["per_fold"]] == [0, 1, 2]
    assert (out / "report.html").is_file() and "published" in (out / "summary.md").read_text()
