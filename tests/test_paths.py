"""Where autodroid reads shipped data and writes the user's files (autodroid/paths.py), in a checkout and in
a wheel-style install (autodroid/_data beside the package, no checkout around it)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from autodroid import paths
from autodroid.appdoc import doc_path, load_doc
from autodroid.cli.main import cli
from autodroid.explorer.docwriter import write_doc
from autodroid.planner.examples import default_store, examples_path

CHECKOUT = Path(__file__).resolve().parents[1]


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for name in ("AUTODROID_APP_DOCS", "AUTODROID_DATA", "AUTODROID_CACHE", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def wheel_layout(monkeypatch, tmp_path, clean_env):
    """paths as a wheel install sees them: site-packages/autodroid/_data holds the shipped files."""
    site = tmp_path / "site-packages"
    data = site / "autodroid" / "_data"
    for relative in ("models/registry.yaml", "policies/default.yaml", "app_docs/notes/doc.yaml",
                     "app_docs/notes/examples.yaml"):
        (data / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CHECKOUT / relative, data / relative)
    monkeypatch.setattr(paths, "PACKAGE_DIR", site / "autodroid")
    monkeypatch.setattr(paths, "PROJECT_DIR", site)
    monkeypatch.setattr(paths, "PACKAGED_DATA_DIR", data)
    return site


# ---- a checkout ----------------------------------------------------------------------------------
def test_checkout_reads_and_writes_its_own_folders(clean_env):
    assert paths.is_checkout()
    assert paths.builtin_registry_path() == CHECKOUT / "models" / "registry.yaml"
    assert paths.default_policy_path() == CHECKOUT / "policies" / "default.yaml"
    assert paths.default_policy_path().is_file() and paths.builtin_registry_path().is_file()
    assert paths.app_docs_dir() == CHECKOUT / "app_docs"
    assert doc_path("notes") == CHECKOUT / "app_docs" / "notes" / "doc.yaml"


def test_user_folders_follow_xdg_and_the_overrides(clean_env, monkeypatch, tmp_path):
    assert paths.data_dir() == clean_env / ".local" / "share" / "autodroid"
    assert paths.cache_dir() == clean_env / ".cache" / "autodroid"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    assert paths.data_dir() == tmp_path / "xdg-data" / "autodroid"
    assert paths.cache_dir() == tmp_path / "xdg-cache" / "autodroid"
    monkeypatch.setenv("AUTODROID_DATA", str(tmp_path / "mine"))
    monkeypatch.setenv("AUTODROID_CACHE", str(tmp_path / "mycache"))
    monkeypatch.setenv("AUTODROID_APP_DOCS", str(tmp_path / "docs"))
    assert (paths.data_dir(), paths.cache_dir(), paths.app_docs_dir()) == (
        tmp_path / "mine", tmp_path / "mycache", tmp_path / "docs")


# ---- a wheel install -------------------------------------------------------------------------------
def test_wheel_reads_shipped_data_from_the_package(wheel_layout):
    data = wheel_layout / "autodroid" / "_data"
    assert not paths.is_checkout()
    assert paths.builtin_registry_path() == data / "models" / "registry.yaml"
    assert paths.default_policy_path() == data / "policies" / "default.yaml"
    assert doc_path("notes") == data / "app_docs" / "notes" / "doc.yaml"
    assert load_doc("notes").app == "notes"
    assert examples_path("notes") == data / "app_docs" / "notes" / "examples.yaml"
    assert default_store(load_doc("notes")) is not None  # the shipped examples go with the shipped doc


def test_wheel_writes_user_docs_to_the_data_dir_and_they_win(wheel_layout, clean_env, tmp_path):
    user_docs = clean_env / ".local" / "share" / "autodroid" / "app_docs"
    assert paths.app_docs_dir() == user_docs
    shipped = wheel_layout / "autodroid" / "_data" / "app_docs" / "notes" / "doc.yaml"
    before = shipped.read_bytes()
    graph = _sim_graph(tmp_path, "notes")
    written = write_doc(graph, None, "notes")
    assert written == user_docs / "notes" / "doc.yaml" and written.is_file()
    assert shipped.read_bytes() == before  # the shipped doc is never rewritten
    assert doc_path("notes") == written  # the user's doc shadows the shipped one
    assert examples_path("notes") == user_docs / "notes" / "examples.yaml"
    assert doc_path("clock") == user_docs / "clock" / "doc.yaml"  # neither has it: where it would be written


def test_paths_command_prints_every_location(wheel_layout, clean_env):
    result = CliRunner().invoke(cli, ["paths", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["install"] == "package"
    where = {row["what"]: row["path"] for row in data["paths"]}
    assert where["app docs and exploration graphs (written)"] == str(clean_env / ".local/share/autodroid/app_docs")
    assert where["user model registry"] == str(clean_env / ".cache/autodroid/models/registry.yaml")
    assert where["default privilege policy (read-only)"].endswith("autodroid/_data/policies/default.yaml")
    text = CliRunner().invoke(cli, ["paths"]).output
    assert "install: package" in text and "AUTODROID_APP_DOCS" in text


def _sim_graph(tmp_path: Path, app: str) -> Path:
    from autodroid.device.sim import open_sim
    from autodroid.explorer.crawler import crawl

    out = tmp_path / "graph"
    with open_sim(app) as device:
        crawl(device, out, app=app, budget_steps=15, progress="quiet")
    return out / "graph.jsonl"


def test_a_missing_builtin_registry_says_to_reinstall(wheel_layout, monkeypatch):
    from autodroid.errors import BadInputError
    from autodroid.planner import registry

    missing = wheel_layout / "autodroid" / "_data" / "models" / "registry.yaml"
    missing.unlink()
    monkeypatch.setattr(registry, "BUILTIN_REGISTRY", missing)
    with pytest.raises(BadInputError) as caught:
        registry.load_registry()
    assert "cannot read model registry" in caught.value.message
    assert "reinstall autodroid-agent" in caught.value.fix and "autodroid paths" in caught.value.fix
