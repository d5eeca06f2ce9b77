"""A stand-in model for planner tests that decode with ``Model.choose``."""

from __future__ import annotations

from autodroid.planner.model import Completion, FakeModel


class PickingModel(FakeModel):
    """A model with ``choose`` that takes the first offered line ``prefer`` accepts (else the first line)
    and records what it was offered: stands in for a small model that wanders off a form."""

    def __init__(self, prefer):
        super().__init__()
        self.prefer = prefer
        self.offered: list[list[str]] = []

    def choose(self, prompt, options, *, allow_end=False, prefix_cache_key=None):
        self.offered.append(list(options))
        picked = next((o for o in options if self.prefer(o)), options[0])
        return Completion(text=picked, prompt_tokens=1, generated_tokens=1, prefill_seconds=0.0,
                          decode_seconds=0.0, cached_prefix_tokens=0, finish_reason="stop")
