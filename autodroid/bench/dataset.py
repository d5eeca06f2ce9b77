"""A DroidTask-format dataset: app discovery, docs built from the exploration log only (cached by
content hash in the user cache, never in the repo), and per-task doc coverage (the ceiling)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from autodroid import paths
from autodroid.appdoc import AppDoc, load_doc, save_doc
from autodroid.droidtask import GoldTask, find_gold_node, load_records, parse_state
from autodroid.errors import BadInputError

# Doc-building code: a change to any of these files gives new cache keys.
_DOC_SOURCES = ("appdoc.py", "selectors.py", "explorer", "ui/droidtask_html.py", "ui/render.py", "droidtask.py")


def default_dataset() -> Path | None:
    shared = paths.shared_dir()
    return shared / "droidtask" if shared is not None else None


def discover_apps(dataset: Path, apps: list[str] | None = None) -> list[Path]:
    """App folders of ``dataset`` (subfolders holding log.yaml and tasks.json), sorted by name; ``apps``
    picks some of them and must name existing ones."""
    dataset = Path(dataset)
    if not dataset.is_dir():
        raise BadInputError(f"no dataset folder at {dataset}",
                            fix="pass --dataset with a folder of DroidTask apps (e.g. ../shared/droidtask)")
    found = {p.name: p for p in sorted(dataset.iterdir())
             if p.is_dir() and (p / "log.yaml").is_file() and (p / "tasks.json").is_file()}
    if not found:
        raise BadInputError(f"{dataset} holds no app folders (a subfolder with log.yaml and tasks.json)",
                            fix="pass the folder that contains the app folders, not an app folder itself")
    if not apps:
        return list(found.values())
    unknown = [a for a in apps if a not in found]
    if unknown:
        raise BadInputError(f"no app {', '.join(unknown)} in {dataset}", fix=f"pick from {', '.join(found)}")
    return [found[a] for a in apps]


def _code_hash() -> str:
    digest = hashlib.sha256()
    for name in _DOC_SOURCES:
        path = paths.PACKAGE_DIR / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                digest.update(file.relative_to(paths.PACKAGE_DIR).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def doc_cache_path(folder: Path) -> Path:
    digest = hashlib.sha256((Path(folder) / "log.yaml").read_bytes())
    digest.update(_code_hash().encode())
    return paths.cache_dir() / "bench" / "docs" / f"{Path(folder).name}-{digest.hexdigest()[:16]}.yaml"


@dataclass(frozen=True)
class BuiltDoc:
    doc: AppDoc
    path: Path
    cached: bool  # loaded from the cache rather than built now


def app_doc(folder: Path) -> BuiltDoc:
    """The app's doc from its exploration log only (task demonstrations never feed it)."""
    from autodroid.explorer.fromlog import doc_from_log

    path = doc_cache_path(folder)
    if path.is_file():
        return BuiltDoc(load_doc(path), path, True)
    doc = doc_from_log(folder)
    save_doc(doc, path)
    return BuiltDoc(doc, path, False)


def task_ceiling(doc: AppDoc, folder: Path, task: GoldTask) -> tuple[int, int]:
    """(gold actions the doc names, gold actions), scrolls skipped: whether a doc-driven agent can succeed."""
    from autodroid.explorer.coverage import element_names_node

    records = load_records(Path(folder) / task.file)
    named = total = 0
    for index, step in enumerate(task.steps):
        if step.action == "scroll":
            continue
        total += 1
        if index >= len(records):
            continue
        screen = parse_state(records[index].state)
        node = find_gold_node(screen, step.element)
        if node is not None and element_names_node(doc, screen, node):
            named += 1
    return named, total
