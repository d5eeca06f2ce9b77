"""The planner with real llama.cpp models: SmolLM2-135M for the plumbing (prefix KV cache in memory and on
disk, tokenizer counts, grammar-valid output), and the default packaged model end to end on a sim app
(deterministic: greedy decoding under the grammar, so the exact script is asserted)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from planner_helpers import demo_doc

from autodroid.cli.main import cli
from autodroid.planner.planner import PlanConfig, Planner

SMALL = "smollm2-135m"


def _installed(name: str) -> str:
    pytest.importorskip("llama_cpp", reason="needs llama-cpp-python")
    from autodroid.planner import registry

    spec = registry.resolve(name)
    if not registry.is_installed(spec):
        pytest.skip(f"needs the {name} model: {registry.install_command(spec.source)}")
    return name


def test_plumbing_with_a_real_small_model(tmp_path, monkeypatch):
    _installed(SMALL)
    monkeypatch.setenv("AUTODROID_CACHE", str(tmp_path / "cache"))  # smollm2 is used in place: no copy
    from autodroid.planner import load_model

    doc = demo_doc()
    with load_model(SMALL, n_threads=1) as model:
        planner = Planner(model, doc, config=PlanConfig(max_lines=3))
        first = planner.plan("turn off autosave notes")
        assert first.ok, (first.raw, first.problems)  # the grammar admits only valid lines
        assert first.prefix.source == "computed" and first.prefix.tokens > 100
        assert first.cached_prefix_tokens == first.prefix.tokens
        prompt = planner.prompts.build(model, "turn off autosave notes", examples=[],
                                       choices=planner.choices("turn off autosave notes", list(first.candidates)))
        assert first.prompt_tokens == model.count_tokens(prompt.text)  # the model's own tokenizer
        second = planner.plan("sort the notes in descending order")
        assert second.prefix.source == "memory" and second.ok
    with load_model(SMALL, n_threads=1) as fresh:  # a new process would find the prefix on disk
        again = Planner(fresh, doc, config=PlanConfig(max_lines=3)).plan("turn off autosave notes")
        assert again.prefix.source == "disk"
        assert again.script == first.script  # the cache does not change the answer


@pytest.mark.slow
def test_default_model_end_to_end_on_the_sim_notes_app(tmp_path):
    from autodroid.planner import registry

    _installed(registry.load_registry().default)
    trace = tmp_path / "trace.jsonl"
    result = CliRunner().invoke(cli, ["run", "--device", "sim:notes", "--app", "notes", "--trace", str(trace),
                                      "turn on autosave notes"])
    assert result.exit_code == 0, result.output
    assert "settings_screen__autosave_checkbox.tap()" in result.output
    assert "done:" in result.output and trace.stat().st_size > 0


@pytest.mark.slow
def test_default_model_picks_the_same_lines_with_fast_choices_as_under_the_grammar():
    from autodroid.appdoc import load_doc
    from autodroid.planner import load_model, registry
    from autodroid.planner.examples import default_store

    name = _installed(registry.load_registry().default)
    task = "sort the notes by title in descending order"
    doc = load_doc("notes")
    with load_model(name) as model:
        fast = Planner(model, doc, examples=default_store(doc)).plan(task)
        slow = Planner(model, doc, examples=default_store(doc), config=PlanConfig(fast_choices=False)).plan(task)
    assert fast.script == slow.script
    assert fast.script.splitlines() == ['sort_by_dialog__sorting_dialog_radio_sorting_list.select("Title")',
                                        'sort_by_dialog__sorting_dialog_radio_order_list.select("Descending")',
                                        "sort_by_dialog__ok_button.tap()"]
