"""Regenerate the shipped docs of the built-in sim apps: `autodroid docs build-sim` (one command).

The crawl runs with the explorer's defaults into a temporary folder; only doc.yaml is kept in app_docs/.
A test builds them again and compares, so the shipped docs cannot drift from the explorer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from autodroid.device.sim import open_sim, sim_apps
from autodroid.explorer.crawler import crawl
from autodroid.explorer.docwriter import doc_from_graph
from autodroid.appdoc import AppDoc, doc_path, save_doc
from autodroid.paths import app_docs_dir


def build_sim_doc(app: str) -> AppDoc:
    with tempfile.TemporaryDirectory(prefix=f"autodroid-{app}-") as out, open_sim(app) as device:
        crawl(device, out, app=app, progress="quiet")
        return doc_from_graph(Path(out) / "graph.jsonl", app)


def build_sim_docs(docs_dir: Path | None = None) -> list[Path]:
    return [save_doc(build_sim_doc(app), doc_path(app, docs_dir or app_docs_dir())) for app in sim_apps()]
