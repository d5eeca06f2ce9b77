"""The narrow boundary between the planner and a language model: the ``Model`` protocol, its result
types, and ``FakeModel`` (queued replies) for testing the logic around a model without running one.

Every implementation (``LlamaModel`` in-process, ``ServerModel`` over HTTP, ``FakeModel``) decodes
greedily: the same prompt and grammar give the same text. A model may also offer
``choose(prompt, options, *, allow_end, prefix_cache_key) -> Completion`` (``LlamaModel`` does): greedy
decoding restricted to whole literal lines, which the planner prefers to a grammar when every line is
literal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from autodroid.errors import ModelError


@dataclass(frozen=True)
class Completion:
    """One model answer and what it cost. ``cached_prefix_tokens`` of the ``prompt_tokens`` were
    reused from a KV state (in memory or loaded from disk) instead of being evaluated again."""

    text: str
    prompt_tokens: int
    generated_tokens: int
    prefill_seconds: float
    decode_seconds: float
    cached_prefix_tokens: int = 0
    finish_reason: str = "stop"  # "stop" (end of text, grammar complete or stop string) | "length"

    @property
    def seconds(self) -> float:
        return self.prefill_seconds + self.decode_seconds


@dataclass(frozen=True)
class PrefixState:
    """What ``ensure_prefix`` did: ``source`` is "memory", "disk", "computed" or "unsupported"."""

    key: str
    tokens: int
    source: str
    seconds: float
    path: str | None = None


@runtime_checkable
class Model(Protocol):
    name: str

    def count_tokens(self, text: str) -> int:
        """Tokens ``text`` takes as a prompt (the model's own tokenizer; special tokens parsed)."""

    def chat_prompt(self, system: str, user: str) -> str:
        """The raw prompt text for one system + user turn under the model's chat template, ending
        where the assistant's answer begins. The system text comes first, so a stable system part
        makes a stable prompt prefix."""

    def ensure_prefix(self, prefix_text: str, key: str) -> PrefixState:
        """Make the KV state of ``prefix_text`` available under ``key`` (compute once, persist)."""

    def complete(
        self,
        prompt: str,
        *,
        grammar: str | None = None,
        max_tokens: int = 256,
        stop: list[str] | None = None,
        prefix_cache_key: str | None = None,
    ) -> Completion:
        """Greedy completion of ``prompt``; ``grammar`` is GBNF text constraining the answer."""

    def close(self) -> None:
        """Free native resources; the model is unusable afterwards."""


@dataclass
class FakeCall:
    prompt: str
    grammar: str | None
    max_tokens: int
    stop: list[str] | None
    prefix_cache_key: str | None


@dataclass
class FakeModel:
    """Answers with queued replies, in order, and records every call. Raises ModelError when the
    queue is empty, so a test notices an unexpected extra model call. Tokens are counted as
    whitespace-separated words, which is enough for logic that budgets prompt size."""

    replies: list[str] = field(default_factory=list)
    name: str = "fake"
    calls: list[FakeCall] = field(default_factory=list)
    prefixes: dict[str, str] = field(default_factory=dict)
    closed: bool = False

    @property
    def prompts(self) -> list[str]:
        return [call.prompt for call in self.calls]

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def chat_prompt(self, system: str, user: str) -> str:
        return f"<system>\n{system}\n</system>\n<user>\n{user}\n</user>\n<assistant>\n"

    def ensure_prefix(self, prefix_text: str, key: str) -> PrefixState:
        source = "memory" if self.prefixes.get(key) == prefix_text else "computed"
        self.prefixes[key] = prefix_text
        return PrefixState(key=key, tokens=self.count_tokens(prefix_text), source=source, seconds=0.0)

    def complete(
        self,
        prompt: str,
        *,
        grammar: str | None = None,
        max_tokens: int = 256,
        stop: list[str] | None = None,
        prefix_cache_key: str | None = None,
    ) -> Completion:
        if self.closed:
            raise ModelError(f"model {self.name} is closed", fix="load the model again")
        self.calls.append(FakeCall(prompt, grammar, max_tokens, list(stop) if stop else None, prefix_cache_key))
        if not self.replies:
            raise ModelError(
                f"FakeModel has no reply left for call {len(self.calls)}",
                fix="queue one more reply in FakeModel(replies=[...])",
            )
        text = self.replies.pop(0)
        cut = _cut_at_stop(text, stop)
        prefix = self.prefixes.get(prefix_cache_key or "")
        cached = self.count_tokens(prefix) if prefix is not None and prompt.startswith(prefix) else 0
        return Completion(
            text=cut,
            prompt_tokens=self.count_tokens(prompt),
            generated_tokens=self.count_tokens(cut),
            prefill_seconds=0.0,
            decode_seconds=0.0,
            cached_prefix_tokens=cached,
            finish_reason="stop",
        )

    def close(self) -> None:
        self.closed = True


def _cut_at_stop(text: str, stop: list[str] | None) -> str:
    """Text up to (not including) the earliest stop string."""
    cut = len(text)
    for marker in stop or []:
        if marker:
            index = text.find(marker)
            if index != -1:
                cut = min(cut, index)
    return text[:cut]
