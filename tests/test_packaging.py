"""The wheel carries what the main jobs need (model registry, default policy, sim app docs) and, unpacked
outside the checkout, finds them there and writes nothing beside itself. CI (.ci/run) also installs the
wheel into a fresh venv and runs the main job with the default model."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autodroid import paths
from autodroid.device.sim import sim_apps

CHECKOUT = Path(__file__).resolve().parents[1]


def setup_constants() -> dict:
    tree = ast.parse((CHECKOUT / "setup.py").read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and \
                node.targets[0].id == "SIM_APPS":
            found["SIM_APPS"] = ast.literal_eval(node.value)
    assert "SIM_APPS" in found, "setup.py lost SIM_APPS"
    apps = found["SIM_APPS"]
    found["SHIPPED_FILES"] = [paths.REGISTRY_FILE, paths.POLICY_FILE] + [
        f"app_docs/{app}/{name}" for app in apps for name in ("doc.yaml", "examples.yaml")]
    return found


def test_setup_ships_every_sim_app_doc_and_the_files_exist():
    constants = setup_constants()
    assert sorted(constants["SIM_APPS"]) == sorted(sim_apps())
    manifest = (CHECKOUT / "MANIFEST.in").read_text(encoding="utf-8")
    for relative in constants["SHIPPED_FILES"]:
        assert (CHECKOUT / relative).is_file(), relative
        assert relative in manifest, f"MANIFEST.in misses {relative} (an sdist could not build the wheel)"


def _setuptools_ok() -> bool:
    """setuptools can build a wheel offline here: >= 70.1 has bdist_wheel built in, older ones need `wheel`."""
    if importlib.util.find_spec("setuptools") is None:
        return False
    import setuptools

    version = tuple(int(part) for part in setuptools.__version__.split(".")[:2] if part.isdigit())
    return version >= (70, 1) or (version >= (64,) and importlib.util.find_spec("wheel") is not None)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if not _setuptools_ok():
        pytest.skip("needs setuptools>=70.1 (in the test extra) to build the wheel offline; .ci/run builds it anyway")
    source = tmp_path_factory.mktemp("src")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "explore", "*.egg-info")
    for folder in ("autodroid", "interpreter"):
        shutil.copytree(CHECKOUT / folder, source / folder, ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copyfile(CHECKOUT / name, source / name)
    for relative in setup_constants()["SHIPPED_FILES"]:
        (source / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CHECKOUT / relative, source / relative)
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                           "-w", str(out), str(source)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    (built,) = out.glob("autodroid_agent-*.whl")
    return built


def test_wheel_holds_the_shipped_data_under_the_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for relative in setup_constants()["SHIPPED_FILES"]:
        assert f"autodroid/_data/{relative}" in names
    assert "droidscript/walker.py" in names and "autodroid/planner/templates/system.j2" in names
    assert {"autodroid/planner/data/wordnet_synonyms.json", "autodroid/planner/data/wordnet_license.txt"} <= names
    assert not any(name.startswith(("tests/", "app_docs/", "models/", "policies/")) for name in names)
    metadata = next(name for name in names if name.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Name: autodroid-agent" in text


def test_unpacked_wheel_runs_outside_the_checkout_and_writes_only_user_dirs(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    before = {p for p in site.rglob("*") if "__pycache__" not in p.parts}
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AUTODROID_", "XDG_"))}
    env.update(PYTHONPATH=str(site), HOME=str(tmp_path / "home"), PYTHONDONTWRITEBYTECODE="1")

    def autodroid(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", "from autodroid.cli.main import cli; cli()", *args],
                              cwd=work, env=env, capture_output=True, text=True, timeout=120)

    where = autodroid("paths", "--json")
    assert where.returncode == 0, where.stderr
    data = json.loads(where.stdout)
    assert data["install"] == "package"
    assert all(row["path"].startswith((str(site), str(tmp_path / "home"))) for row in data["paths"])
    listed = autodroid("models", "list")
    assert listed.returncode == 0 and "qwen2.5-coder-0.5b" in listed.stdout, listed.stderr
    shown = autodroid("docs", "show", "notes")
    assert shown.returncode == 0 and "sort_by_dialog__ok_button" in shown.stdout, shown.stderr
    (work / "s.py").write_text("main_screen__search_button.tap()\n", encoding="utf-8")
    ran = autodroid("script", "run", "--device", "sim:notes", "--app", "notes", "s.py")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    explored = autodroid("explore", "--device", "sim:clock", "--budget", "10", "--progress", "quiet")
    assert explored.returncode == 0, explored.stdout + explored.stderr
    user_doc = tmp_path / "home" / ".local" / "share" / "autodroid" / "app_docs" / "clock" / "doc.yaml"
    assert user_doc.is_file() and str(user_doc) in explored.stdout
    after = {p for p in site.rglob("*") if "__pycache__" not in p.parts}
    assert after == before, f"written beside the package: {sorted(map(str, after - before))}"
