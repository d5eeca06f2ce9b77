"""benchmarks/select_under_folds.py: each fold's variant is picked on the other folds only; ties go to the
first listed variant, or with --sim to the one passing more sim tasks (other apps than any fold's)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "select_under_folds.py"
spec = importlib.util.spec_from_file_location("select_under_folds", SCRIPT)
select_under_folds = importlib.util.module_from_spec(spec)
spec.loader.exec_module(select_under_folds)


def accuracy_run(folder: Path, passed_per_fold: list[int], tasks_per_fold: int = 4) -> Path:
    rows = [{"agent": "ours", "fold": fold, "success": index < passed}
            for fold, passed in enumerate(passed_per_fold) for index in range(tasks_per_fold)]
    folder.mkdir()
    (folder / "accuracy.json").write_text(json.dumps({"tasks": rows}), encoding="utf-8")
    return folder


def sim_run(folder: Path, passed: int, tasks: int = 5) -> Path:
    folder.mkdir()
    lines = [json.dumps({"agent": "ours", "id": f"t{i}", "pass": i < passed}) for i in range(tasks)]
    (folder / "results.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_a_gain_on_one_fold_alone_is_not_held_out_unless_the_sim_breaks_the_tie(tmp_path, capsys):
    old = accuracy_run(tmp_path / "old", [2, 3, 1])
    new = accuracy_run(tmp_path / "new", [2, 3, 2])  # better on fold 2 only
    assert select_under_folds.main([f"old={old}", f"new={new}"]) == 0
    assert "mean held-out success: 50.0%" in capsys.readouterr().out  # fold 2 ties elsewhere: the older code
    args = [f"old={old}", f"new={new}", "--sim", f"old={sim_run(tmp_path / 's-old', 3)}",
            f"new={sim_run(tmp_path / 's-new', 4)}"]
    assert select_under_folds.main(args) == 0
    out = capsys.readouterr().out
    assert "mean held-out success: 58.3%" in out and "every fold picks new" in out


def test_sim_results_for_only_some_variants_are_refused(tmp_path, capsys):
    old = accuracy_run(tmp_path / "old", [2, 3, 1])
    new = accuracy_run(tmp_path / "new", [2, 3, 2])
    assert select_under_folds.main([f"old={old}", f"new={new}", "--sim", f"new={sim_run(tmp_path / 's', 4)}"]) == 2
    assert "missing: old" in capsys.readouterr().err
    with pytest.raises(SystemExit, match="no ours rows"):
        select_under_folds.sim_passes(sim_run(tmp_path / "empty", 0, tasks=0), "ours")
