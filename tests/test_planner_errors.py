"""Every way planning can fail ends in one clear error line with a fix (exit 2), or exit 1 for a task
that failed after its repairs: a missing or corrupt model file, a server that does not answer, and a
model answer that is not a valid script."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from autodroid.cli.main import cli
from autodroid.planner.model import FakeModel


def _one_error_line(result) -> str:
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.output
    assert "(fix: " in lines[0]
    assert "Traceback" not in result.output
    return lines[0]


def test_missing_model_file():
    result = CliRunner().invoke(cli, ["plan", "--app", "notes", "--model", "/nonexistent/model.gguf", "sort notes"])
    assert result.exit_code == 2
    assert "does not exist" in _one_error_line(result)


def test_corrupt_model_file(tmp_path):
    pytest.importorskip("llama_cpp")
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + b"\x00" * 64)  # the magic, then nothing a loader can use
    result = CliRunner().invoke(cli, ["plan", "--app", "notes", "--model", str(bad), "sort notes"])
    assert result.exit_code == 2
    assert "could not load" in _one_error_line(result)


def test_server_that_does_not_answer():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = CliRunner().invoke(cli, ["plan", "--app", "notes", "--model", f"http://127.0.0.1:{port}", "sort notes"])
    assert result.exit_code == 2
    assert "no answer from" in _one_error_line(result)


def _fake(monkeypatch, replies):
    model = FakeModel(replies=list(replies))
    monkeypatch.setattr("autodroid.planner.load_model", lambda name=None, **kw: model)
    return model


def test_plan_with_an_invalid_answer(monkeypatch):
    _fake(monkeypatch, ["notes_screen__sort.tap()", ""])  # what a model without a grammar might write
    result = CliRunner().invoke(cli, ["plan", "--app", "notes", "--no-examples", "sort notes by title"])
    assert result.exit_code == 2
    line = _one_error_line(result)
    assert "not a valid script" in line and "notes_screen__sort" in line


def test_run_with_invalid_answers_fails_after_its_repairs(monkeypatch):
    model = _fake(monkeypatch, ["x__y.tap()", "", "x__z.tap()", ""])
    result = CliRunner().invoke(cli, ["run", "--device", "sim:notes", "--app", "notes", "--no-examples",
                                      "--repairs", "1", "sort notes by title"])
    assert result.exit_code == 1
    assert "failed after 2 attempts" in result.output and "x__z" in result.output
    assert not model.replies


def test_plan_prints_the_script(monkeypatch):
    from autodroid.appdoc import load_doc

    doc = load_doc("notes")
    option = next(n for n, e in doc.elements.items() if "Descending" in e.options)
    _fake(monkeypatch, [f'{option}.select("Descending")', ""])
    result = CliRunner().invoke(cli, ["plan", "--app", "notes", "--no-examples", "sort notes descending"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f'{option}.select("Descending")'
