"""Leave-apps-out folds: which apps a tuned choice may be picked on, and which it is reported on.

Apps are ordered by the SHA-256 of their name (stable across processes and machines, unlike Python's
``hash()``) and dealt round-robin into ``n`` folds, so fold sizes differ by at most one app. The
assignment depends only on the app names and ``n``: the same apps always give the same folds. Adding an
app to the dataset can move later apps in the hash order to another fold, so a fold's members are
recorded in every results file that used them.

For the 9 shared DroidTask apps and ``n=3``:
fold 0 = firefox, camera, gallery; fold 1 = filemanager, voicerecorder, clock; fold 2 = music, notes,
applauncher.

    from autodroid.bench.folds import folds, fold_of, dev_apps
    folds(apps, 3)           # [[...], [...], [...]]
    fold_of("notes", 3, apps)  # 2
    dev_apps(apps, 3, fold=2)  # every app outside fold 2: tune here, report on fold 2
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

from autodroid.errors import BadInputError


def app_key(app: str) -> str:
    """The stable hash that orders apps (hex SHA-256 of the UTF-8 name)."""
    return hashlib.sha256(app.encode("utf-8")).hexdigest()


def _check(apps: list[str], n: int) -> None:
    if n < 1:
        raise BadInputError(f"the number of folds must be at least 1 (got {n})", fix="pass --folds 2 or more")
    if n > len(apps):
        raise BadInputError(f"{n} folds need at least {n} apps (got {len(apps)})",
                            fix=f"pass --folds {max(1, len(apps))} or fewer")
    if len(set(apps)) != len(apps):
        raise BadInputError("an app is named twice", fix="name each app once")


def folds(apps: Iterable[str], n: int) -> list[list[str]]:
    """The apps in ``n`` folds: ordered by ``app_key`` and dealt round-robin (sizes differ by <= 1). Each
    fold's apps are listed in hash order."""
    apps = list(apps)
    _check(apps, n)
    ordered = sorted(apps, key=app_key)
    return [ordered[i::n] for i in range(n)]


def fold_of(app: str, n: int, apps: Iterable[str] | None = None) -> int:
    """The fold ``app`` belongs to among ``apps`` (default: the apps of the default dataset,
    ``../shared/droidtask``)."""
    apps = list(apps) if apps is not None else default_apps()
    if app not in apps:
        raise BadInputError(f"app {app!r} is not among the apps given", fix=f"pick from {', '.join(sorted(apps))}")
    for index, members in enumerate(folds(apps, n)):
        if app in members:
            return index
    raise AssertionError("unreachable: every app is in one fold")


def dev_apps(apps: Iterable[str], n: int, fold: int) -> list[str]:
    """Every app outside ``fold`` (where choices may be tuned before reporting on ``fold``)."""
    parts = folds(apps, n)
    if not 0 <= fold < n:
        raise BadInputError(f"fold {fold} does not exist with {n} folds", fix=f"pick a fold from 0 to {n - 1}")
    return [a for i, members in enumerate(parts) if i != fold for a in members]


def default_apps(dataset: Path | None = None) -> list[str]:
    """App names of ``dataset`` (default: ../shared/droidtask)."""
    from autodroid.bench.dataset import default_dataset, discover_apps

    dataset = dataset or default_dataset()
    if dataset is None:
        raise BadInputError("no dataset given and ../shared/droidtask is absent",
                            fix="pass the app names (apps=...) or a dataset folder")
    return [p.name for p in discover_apps(dataset)]


def assignment(apps: Iterable[str], n: int) -> dict[str, int]:
    """{app: fold} for every app."""
    return {app: index for index, members in enumerate(folds(apps, n)) for app in members}


__all__ = ["app_key", "assignment", "default_apps", "dev_apps", "fold_of", "folds"]
