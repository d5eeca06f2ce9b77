"""Where things live: the data that ships with autodroid, the user's own files, the shared test data.

Shipped, read-only (``shipped_file``): the model registry, the default privilege policy and the sim apps'
docs. In a checkout they are the top-level ``models/``, ``policies/`` and ``app_docs/`` folders; a wheel
carries copies under ``autodroid/_data/`` (setup.py's build step copies its ``SHIPPED_FILES`` there). Nothing is ever
written there.

The user's files (``user_paths``): docs and exploration graphs of the user's apps (``app_docs_dir``),
assembled models, KV prefix states, examples and the user model registry (``cache_dir``). They go to
the XDG data and cache folders (``~/.local/share/autodroid``, ``~/.cache/autodroid``), each overridable
by an environment variable. One exception keeps a checkout working as before: there ``app_docs_dir`` is
the checkout's ``app_docs/`` (where the sim docs are regenerated and explored apps were always kept).
`autodroid paths` prints all of it.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent  # the checkout (or site-packages for a wheel install: see is_checkout)
PACKAGED_DATA_DIR = PACKAGE_DIR / "_data"  # only in a wheel install
DISTRIBUTION = "autodroid-agent"  # the name on the package index (`autodroid` there is an unrelated project)

# shipped data, relative to the checkout root and to autodroid/_data/ in a wheel (setup.py's SHIPPED_FILES)
REGISTRY_FILE = "models/registry.yaml"
POLICY_FILE = "policies/default.yaml"


def pip_install(extra: str) -> str:
    """The pip command that installs one of autodroid's extras, e.g. ``pip install 'autodroid-agent[device]'``."""
    return f"pip install '{DISTRIBUTION}[{extra}]'"


def is_checkout() -> bool:
    """True when autodroid runs from its source tree (editable install or tests), not from a wheel."""
    return (PROJECT_DIR / "pyproject.toml").is_file() and (PROJECT_DIR / REGISTRY_FILE).is_file()


def shipped_dir() -> Path:
    """Root of the shipped data: autodroid/_data in a wheel install, else the checkout."""
    return PACKAGED_DATA_DIR if PACKAGED_DATA_DIR.is_dir() and not is_checkout() else PROJECT_DIR


def shipped_file(relative: str) -> Path:
    """A file that ships with autodroid, e.g. ``shipped_file("policies/default.yaml")``: from the wheel's
    package data, or from the checkout's top-level folders."""
    return shipped_dir() / relative


def builtin_registry_path() -> Path:
    """The built-in model registry (``models/registry.yaml`` in a checkout)."""
    return shipped_file(REGISTRY_FILE)


def default_policy_path() -> Path:
    """The default privilege policy (``policies/default.yaml`` in a checkout)."""
    return shipped_file(POLICY_FILE)


def shipped_app_docs_dir() -> Path:
    """Folder of the shipped sim apps' docs (read-only in a wheel install)."""
    return shipped_dir() / "app_docs"


def data_dir() -> Path:
    """The user's data folder: $AUTODROID_DATA, else $XDG_DATA_HOME/autodroid, else ~/.local/share/autodroid."""
    base = os.environ.get("AUTODROID_DATA") or os.path.join(
        os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"), "autodroid"
    )
    return Path(base)


def app_docs_dir() -> Path:
    """Where app docs and exploration graphs are written (and looked up first): $AUTODROID_APP_DOCS, else
    the checkout's app_docs/ when running from a checkout, else <data_dir>/app_docs."""
    env = os.environ.get("AUTODROID_APP_DOCS")
    if env:
        return Path(env)
    if is_checkout():
        return PROJECT_DIR / "app_docs"
    return data_dir() / "app_docs"


def app_doc_dir(app: str) -> Path:
    """The folder holding ``app``'s doc: the user's (``app_docs_dir()/app``) when it has a doc.yaml, else the
    shipped one when that has it, else the user's (where a new doc would be written)."""
    user = app_docs_dir() / app
    if not (user / "doc.yaml").is_file():
        shipped = shipped_app_docs_dir() / app
        if (shipped / "doc.yaml").is_file():
            return shipped
    return user


def cache_dir() -> Path:
    """User cache (assembled models, KV prefix states, examples, the user model registry):
    $AUTODROID_CACHE, else $XDG_CACHE_HOME/autodroid, else ~/.cache/autodroid."""
    base = os.environ.get("AUTODROID_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "autodroid"
    )
    return Path(base)


def shared_dir() -> Path | None:
    """The shared test data folder (../shared beside the checkout), or None when absent."""
    env = os.environ.get("AUTODROID_SHARED")
    candidates = [Path(env)] if env else [PROJECT_DIR.parent / "shared"]
    for candidate in candidates:
        if (candidate / "droidtask").is_dir():
            return candidate
    return None


def user_paths() -> list[tuple[str, Path, str]]:
    """(what, path, how to change it) for everything autodroid reads or writes; `autodroid paths` prints it."""
    return [
        ("app docs and exploration graphs (written)", app_docs_dir(),
         "AUTODROID_APP_DOCS" + ("" if is_checkout() else ", AUTODROID_DATA or XDG_DATA_HOME")),
        ("cache: assembled models, KV states, examples", cache_dir(), "AUTODROID_CACHE or XDG_CACHE_HOME"),
        ("built-in model registry (read-only)", builtin_registry_path(), "shipped"),
        ("default privilege policy (read-only)", default_policy_path(), "shipped"),
        ("sim app docs (read-only)", shipped_app_docs_dir(), "shipped"),
    ]
