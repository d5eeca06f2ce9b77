"""Optional embeddings: MiniLM via onnxruntime when the `embed` extra is installed, else lexical ranking
with one notice line."""

from __future__ import annotations

import pytest
from planner_helpers import demo_doc

from autodroid.planner import embed
from autodroid.planner.model import FakeModel
from autodroid.planner.planner import PlanConfig, Planner
from autodroid.planner.retrieval import LexicalIndex


def test_missing_extra_falls_back_to_lexical_with_one_notice(monkeypatch, capsys):
    monkeypatch.setattr(embed, "_package_file", lambda package, name: None)
    monkeypatch.setattr(embed, "_notified", False)
    monkeypatch.setattr(embed, "_EMBEDDER", [])
    planner = Planner(FakeModel(), demo_doc(), config=PlanConfig(ranking="hybrid"))
    assert isinstance(planner.index, LexicalIndex)
    Planner(FakeModel(), demo_doc(), config=PlanConfig(ranking="hybrid"))
    err = capsys.readouterr().err
    assert err.count("note:") == 1 and "API ranking is lexical" in err and "autodroid-agent[embed]" in err


def test_a_model_file_with_another_checksum_is_refused(monkeypatch, tmp_path, capsys):
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    monkeypatch.setattr(embed, "_package_file", lambda package, name: fake)
    monkeypatch.setattr(embed, "_notified", False)
    assert embed.load_embedder() is None
    assert "SHA-256" in capsys.readouterr().err


def test_hybrid_ranking_with_the_real_model():
    embedder = embed.load_embedder(quiet=True)
    if embedder is None:
        pytest.skip("needs the embed extra: pip install 'autodroid-agent[embed]'")
    doc = demo_doc()
    vectors = embedder.embed(["turn off autosave", "disable saving automatically"])
    assert vectors.shape[0] == 2 and abs(float((vectors[0] ** 2).sum()) - 1.0) < 1e-4
    index = embed.HybridIndex(doc, embedder)
    ranked = [c.name for c in index.rank("stop saving notes automatically", 3)]
    assert ranked[0] == "settings_screen__autosave_checkbox"
    assert all(not name.endswith("_scroll") for name in [c.name for c in index.rank("notes")])
