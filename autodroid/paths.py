"""Where things live: the repo's data folders, the user cache, the shared test data."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def app_docs_dir() -> Path:
    """Folder of app docs: $AUTODROID_APP_DOCS, else the project's app_docs/."""
    return Path(os.environ.get("AUTODROID_APP_DOCS", PROJECT_DIR / "app_docs"))


def cache_dir() -> Path:
    """User cache (assembled models, KV prefix states): $AUTODROID_CACHE, else ~/.cache/autodroid."""
    base = os.environ.get("AUTODROID_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "autodroid"
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
