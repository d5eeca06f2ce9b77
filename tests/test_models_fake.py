"""FakeModel: queued replies in order, every call recorded, an empty queue is a loud error."""

from __future__ import annotations

import pytest

from autodroid.errors import ModelError
from autodroid.planner import Completion, FakeModel, Model


def test_replies_in_order_and_records_calls():
    model = FakeModel(replies=["tap(a)\n", "back()\n"])
    assert isinstance(model, Model)
    first = model.complete("prompt one", grammar="root ::= x", max_tokens=9, stop=["END"])
    second = model.complete("prompt two")
    assert (first.text, second.text) == ("tap(a)\n", "back()\n")
    assert model.prompts == ["prompt one", "prompt two"]
    assert model.calls[0].grammar == "root ::= x" and model.calls[0].max_tokens == 9
    assert model.calls[0].stop == ["END"] and model.calls[1].stop is None
    assert isinstance(first, Completion) and first.prompt_tokens == 2 and first.finish_reason == "stop"


def test_empty_queue_raises_with_the_call_number():
    model = FakeModel(replies=["only"])
    model.complete("a")
    with pytest.raises(ModelError, match="no reply left for call 2") as caught:
        model.complete("b")
    assert "queue one more reply" in caught.value.fix
    assert len(model.calls) == 2  # the failing call is still recorded


def test_stop_strings_cut_the_reply():
    model = FakeModel(replies=["tap(a)\nEND\ntap(b)"])
    assert model.complete("p", stop=["END", "zzz"]).text == "tap(a)\n"


def test_prefix_cache_key_reports_cached_tokens_only_when_prompt_starts_with_prefix():
    model = FakeModel(replies=["x", "y"])
    state = model.ensure_prefix("doc stub one two", "k")
    assert state.source == "computed" and state.tokens == 4
    assert model.ensure_prefix("doc stub one two", "k").source == "memory"
    assert model.complete("doc stub one two task", prefix_cache_key="k").cached_prefix_tokens == 4
    assert model.complete("other doc task", prefix_cache_key="k").cached_prefix_tokens == 0


def test_chat_prompt_puts_system_first_and_close_is_final():
    model = FakeModel(replies=["x"])
    prompt = model.chat_prompt("SYSTEM PART", "USER PART")
    assert prompt.index("SYSTEM PART") < prompt.index("USER PART")
    model.close()
    with pytest.raises(ModelError, match="closed"):
        model.complete("p")
