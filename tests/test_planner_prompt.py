"""The prompt: stable prefix (instructions + doc stubs) first, task last; cache key tied to doc and template."""

from __future__ import annotations

import dataclasses

from planner_helpers import demo_doc

from autodroid.appdoc import render_doc
from autodroid.planner.model import FakeModel
from autodroid.planner.prompt import Example, PromptBuilder, RepairContext, stub_names

DOC = demo_doc()


def test_prefix_is_stable_and_the_task_comes_last():
    model = FakeModel()
    builder = PromptBuilder(DOC)
    one = builder.build(model, "disable autosave")
    two = builder.build(model, "sort by name", examples=[Example("open settings", "main_screen__settings_button.tap()")])
    assert one.prefix == two.prefix and one.prefix_key == two.prefix_key
    assert one.text.startswith(one.prefix) and two.text.startswith(two.prefix)
    assert one.user.endswith("Task: disable autosave")
    assert two.user.index("open settings") < two.user.index("Task: sort by name")
    assert render_doc(DOC, stub_names(DOC)) in one.prefix  # the one renderer, not a copy of it
    assert "main_screen__pager_scroll" not in one.prefix  # scrollables are the runtime's business


def test_key_changes_with_the_doc_and_the_model():
    model = FakeModel()
    key = PromptBuilder(DOC).build(model, "x").prefix_key
    edited = dataclasses.replace(DOC, app="demo2")
    assert PromptBuilder(edited).build(model, "x").prefix_key != key
    assert PromptBuilder(DOC).build(FakeModel(name="other"), "x").prefix_key != key


def test_candidates_are_named_or_listed_as_stubs():
    model = FakeModel()
    listed = PromptBuilder(DOC).build(model, "sort", candidates=["sort_dialog__order_list"])
    assert "APIs most relevant to this task: sort_dialog__order_list" in listed.user
    bare = PromptBuilder(DOC, stubs="none").build(model, "sort", candidates=["sort_dialog__order_list"])
    assert "main_screen__settings_button" not in bare.text
    assert 'sort_dialog__order_list: list[options: "Ascending", "Descending"]' in bare.user


def test_repair_context_is_in_the_user_part():
    model = FakeModel()
    prompt = PromptBuilder(DOC).build(model, "disable autosave", repair=RepairContext(
        "settings_screen__autosave.tap()", "line 1: unknown name settings_screen__autosave", "<button id=3>OK</button>"))
    assert "unknown name settings_screen__autosave" in prompt.user
    assert "<button id=3>OK</button>" in prompt.user
    assert prompt.user.endswith("Task: disable autosave")
    assert prompt.prefix == PromptBuilder(DOC).build(model, "x").prefix


def test_task_whitespace_is_normalised():
    assert PromptBuilder(DOC).build(FakeModel(), "  disable\n autosave ").user.endswith("Task: disable autosave")
