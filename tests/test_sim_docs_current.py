"""The shipped docs of the sim apps are exactly what the explorer writes today (`autodroid docs build-sim`)."""

from __future__ import annotations

import pytest

from autodroid.appdoc import doc_path, dump_doc_text, load_doc
from autodroid.device.sim import sim_apps
from autodroid.explorer.simdocs import build_sim_doc
from autodroid.paths import PROJECT_DIR


@pytest.mark.parametrize("app", sim_apps())
def test_shipped_sim_doc_is_current(app):
    shipped = doc_path(app, PROJECT_DIR / "app_docs")
    assert shipped.is_file(), "run `autodroid docs build-sim`"
    fresh = dump_doc_text(build_sim_doc(app))
    assert shipped.read_text(encoding="utf-8") == fresh, "stale doc: run `autodroid docs build-sim` and commit"
    doc = load_doc(app, PROJECT_DIR / "app_docs")
    assert len(doc.screens) >= 8 and doc.start_screen == "main_screen"
