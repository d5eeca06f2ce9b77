"""The planner: turns a task sentence into one script with a local model.

Import-light on purpose: ``import autodroid.planner`` loads neither llama_cpp nor the registry; the
model layer is reached through ``autodroid.planner.model`` (protocol, result types, FakeModel) and
``load_model`` below (which imports the heavy parts only when called).
"""

from __future__ import annotations

from autodroid.planner.model import Completion, FakeModel, Model, PrefixState


def load_model(name_or_path=None, **settings) -> Model:
    """A ready model for a registry name, a .gguf path or a server URL (see planner/registry.py)."""
    from autodroid.planner.registry import load_model as _load_model

    return _load_model(name_or_path, **settings)


__all__ = ["Completion", "FakeModel", "Model", "PrefixState", "load_model"]
