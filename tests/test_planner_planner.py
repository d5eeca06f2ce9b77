"""The Planner with a queued-reply model: decoding modes, narrowing, post-processing, checks, errors."""

from __future__ import annotations

import pytest
from planner_helpers import demo_doc

from autodroid.errors import ModelError
from autodroid.planner.examples import ExampleStore
from autodroid.planner.model import FakeModel
from autodroid.planner.planner import PlanConfig, PlanError, Planner, require_valid
from autodroid.planner.prompt import Example

DOC = demo_doc()


def test_lines_mode_asks_line_by_line_and_ends_when_the_model_ends():
    replies = ['create_dialog__title_input.set_text("groceries")', "create_dialog__checklist_checkbox.tap()", ""]
    model = FakeModel(replies=list(replies))
    plan = Planner(model, DOC, config=PlanConfig(ticks_end=False)).plan("create a checklist called 'groceries'")
    assert plan.ok, plan.problems
    assert plan.script.splitlines() == ['create_dialog__title_input.set_text("groceries")',
                                        "create_dialog__checklist_checkbox.tap()", "create_dialog__ok_button.tap()"]
    assert plan.changes == ("added confirm: create_dialog__ok_button.tap()",)
    assert len(model.calls) == 3
    # by default the tick of "Checklist", which the task says in full, ends it without asking again
    model = FakeModel(replies=list(replies))
    assert Planner(model, DOC).plan("create a checklist called 'groceries'").script == plan.script
    assert len(model.calls) == 2
    first, second = model.calls[0], model.calls[1]
    assert first.stop == ["\n"] and first.grammar.startswith('root ::= line "\\n"?')
    assert second.grammar.startswith('root ::= (line "\\n"?)?')  # later lines may end the script
    assert second.prompt == first.prompt + 'create_dialog__title_input.set_text("groceries")\n'
    assert first.prefix_cache_key and model.prefixes  # the stable prefix was made available first


def test_lines_mode_stops_at_a_repeated_line_without_asking_further():
    model = FakeModel(replies=["settings_screen__autosave_checkbox.tap()", "settings_screen__autosave_checkbox.tap()",
                               "never asked"])
    plan = Planner(model, DOC, config=PlanConfig(lone_tick_ends=False)).plan("disable autosave")  # (a lone tick ends)
    assert plan.script == "settings_screen__autosave_checkbox.tap()"
    assert len(model.calls) == 2 and model.replies == ["never asked"]
    assert plan.changes == ("stopped at repeated line 2: settings_screen__autosave_checkbox.tap()",)


def test_lines_mode_respects_max_lines():
    model = FakeModel(replies=["main_screen__sort_button.tap()", "main_screen__settings_button.tap()", "unused"])
    plan = Planner(model, DOC, config=PlanConfig(max_lines=2, auto_confirm=False)).plan("sort settings")
    assert plan.script.count("\n") == 1 and len(model.calls) == 2


def test_block_mode_is_one_call_with_the_block_grammar():
    model = FakeModel(replies=['sort_dialog__order_list.select("Descending")\nsort_dialog__ok_button.tap()'])
    plan = Planner(model, DOC, config=PlanConfig(decode="block", max_lines=4)).plan("sort in descending order")
    assert plan.ok and len(model.calls) == 1
    assert model.calls[0].grammar.startswith('root ::= line ("\\n" line){0,3}')


def test_retrieval_narrows_the_grammar_to_candidates_and_their_confirm_buttons():
    model = FakeModel(replies=['sort_dialog__order_list.select("Descending")', ""])
    planner = Planner(model, DOC, config=PlanConfig(k=1))
    plan = planner.plan("sort in descending order")
    assert plan.candidates == ("sort_dialog__order_list",)
    grammar = model.calls[1].grammar  # after the named option: the first line may not confirm yet
    assert "sort_dialog__ok_button" in grammar and "settings_screen__autosave_checkbox" not in grammar


def test_retrieval_off_admits_every_api():
    model = FakeModel(replies=["settings_screen__autosave_checkbox.tap()", ""])
    plan = Planner(model, DOC, config=PlanConfig(retrieval="off")).plan("disable autosave")
    assert plan.candidates == ()
    assert "sort_dialog__order_list" in model.calls[0].grammar


def test_examples_go_into_the_prompt_nearest_last():
    store = ExampleStore([(Example("open settings", "main_screen__settings_button.tap()"), "a", "open"),
                          (Example("turn on autosave notes", "settings_screen__autosave_checkbox.tap()"), "b", "toggle"),
                          (Example("sort by name", "main_screen__sort_button.tap()"), "c", "open")])
    model = FakeModel(replies=["settings_screen__autosave_checkbox.tap()", ""])
    plan = Planner(model, DOC, examples=store, config=PlanConfig(examples=2)).plan("disable autosave notes")
    assert [e.task for e in plan.examples] == ["turn on autosave notes"]  # only examples sharing a word
    assert "Task: turn on autosave notes\nsettings_screen__autosave_checkbox.tap()" in model.calls[0].prompt


def test_an_answer_that_fails_the_check_is_reported_and_require_valid_raises_one_line():
    model = FakeModel(replies=["settings__autosave.tap()\n"])  # no grammar on a server: anything can come back
    plan = Planner(model, DOC, config=PlanConfig(decode="block", grammar=False)).plan("disable autosave")
    assert not plan.ok and "unknown name settings__autosave" in plan.problems[0]
    with pytest.raises(PlanError) as raised:
        require_valid(plan)
    assert isinstance(raised.value, ModelError)
    line = raised.value.one_line()
    assert "\n" not in line and "not a valid script" in line and "fix:" in line


def test_code_fences_are_stripped_and_an_empty_answer_is_a_problem():
    model = FakeModel(replies=["```python\nsettings_screen__autosave_checkbox.tap()\n```", ""])
    config = PlanConfig(decode="block", grammar=False)
    assert Planner(model, DOC, config=config).plan("disable autosave").script == "settings_screen__autosave_checkbox.tap()"
    empty = Planner(model, DOC, config=config).plan("disable autosave")
    assert not empty.ok and empty.problems == ("the model wrote no action",)


def test_empty_task_and_bad_config_are_refused():
    with pytest.raises(PlanError):
        Planner(FakeModel(), DOC).plan("   ")
    with pytest.raises(ValueError):
        PlanConfig(retrieval="magic")
    with pytest.raises(ValueError):
        PlanConfig(decode="beam")


def test_plan_record_has_token_and_time_fields():
    model = FakeModel(replies=["settings_screen__autosave_checkbox.tap()", ""])
    data = Planner(model, DOC).plan("disable autosave").to_dict()
    for key in ("script", "raw", "candidates", "prompt_tokens", "cached_prefix_tokens", "generated_tokens",
                "prefill_s", "decode_s", "plan_s", "prefix"):
        assert key in data
    assert data["cached_prefix_tokens"] > 0  # FakeModel counts the registered prefix as cached


def test_choices_are_listed_and_are_the_only_lines_the_grammar_admits():
    model = FakeModel(replies=['sort_dialog__order_list.select("Descending")', ""])
    plan = Planner(model, DOC).plan("sort in descending order")
    prompt, grammar = model.calls[0].prompt, model.calls[0].grammar
    assert 'Lines you can use for this task' in prompt and 'sort_dialog__order_list.select("Descending")\n' in prompt
    assert 'line ::= "sort_dialog__order_list.select(\\"Descending\\")"' in grammar
    assert "Ascending" not in grammar  # only the options the task names
    assert plan.script.splitlines() == ['sort_dialog__order_list.select("Descending")', "sort_dialog__ok_button.tap()"]


def test_choices_type_only_the_texts_the_task_gives():
    planner = Planner(FakeModel(), DOC)
    named = planner.choices("create a note called 'groceries'", ["create_dialog__title_input"])
    assert 'create_dialog__title_input.set_text("groceries")' in named
    assert not [line for line in planner.choices("create a note", ["create_dialog__title_input"]) if "set_text" in line]


def test_openers_of_better_candidates_are_left_out():
    planner = Planner(FakeModel(), DOC)
    names = planner.grammar_names("sort", ["sort_dialog__order_list", "main_screen__sort_button"])
    assert "main_screen__sort_button" not in names  # the runtime opens the dialog by itself
    names = planner.grammar_names("sort", ["main_screen__sort_button", "sort_dialog__order_list"])
    assert "main_screen__sort_button" in names  # ranked first: it may be the task itself


def test_the_script_ends_after_a_confirm_line():
    model = FakeModel(replies=['sort_dialog__order_list.select("Descending")', "sort_dialog__ok_button.tap()", "unused"])
    plan = Planner(model, DOC, config=PlanConfig(choices=False)).plan("sort in descending order")
    assert plan.script.endswith("sort_dialog__ok_button.tap()") and model.replies == ["unused"]


def test_a_confirm_does_not_end_the_script_while_a_quoted_text_is_unused():
    model = FakeModel(replies=['create_dialog__title_input.set_text("groceries")', "create_dialog__ok_button.tap()",
                               'create_dialog__title_input.set_text("milk")', ""])
    plan = Planner(model, DOC, config=PlanConfig(choices=False, max_lines=4)).plan("create 'groceries' then type 'milk'")
    assert 'create_dialog__title_input.set_text("milk")' in plan.script.splitlines()
    assert len(model.calls) == 4  # the OK line did not end it; the model's empty answer did


def test_a_dialog_confirm_waits_until_every_option_the_task_names_is_selected():
    from autodroid.appdoc import load_doc

    title = 'sort_by_dialog__sorting_dialog_radio_sorting_list.select("Title")'
    descending = 'sort_by_dialog__sorting_dialog_radio_order_list.select("Descending")'
    ok = "sort_by_dialog__ok_button.tap()"
    model = FakeModel(replies=[title, descending, ok])
    plan = Planner(model, load_doc("notes")).plan("sort the notes by title in descending order")
    assert [ok in call.grammar for call in model.calls] == [False, False, True]
    assert plan.script.splitlines() == [title, descending, ok]
    model = FakeModel(replies=[title, ok])
    Planner(model, load_doc("notes")).plan("sort the notes by title")  # the order is not named: OK may follow
    assert [ok in call.grammar for call in model.calls] == [False, True]
    model = FakeModel(replies=[title, descending, ""])
    Planner(model, load_doc("notes")).plan("sort the notes by title in descending order")
    assert title not in model.calls[1].grammar  # no ending by repeating while Descending is pending


class ChoosingModel(FakeModel):
    """A fake that also picks whole lines (like LlamaModel.choose): records the options it was offered."""

    def __init__(self, replies):
        super().__init__(replies=replies)
        self.offers: list[tuple[list[str], bool]] = []

    def choose(self, prompt, options, *, allow_end=False, prefix_cache_key=None):
        self.offers.append((list(options), allow_end))
        reply = self.complete(prompt, prefix_cache_key=prefix_cache_key)
        assert reply.text in options or (allow_end and reply.text == "")
        return reply


def test_literal_choice_lines_are_picked_with_choose_and_may_end_after_the_first():
    model = ChoosingModel(['sort_dialog__order_list.select("Descending")', "sort_dialog__ok_button.tap()"])
    plan = Planner(model, DOC).plan("sort in descending order")
    assert [allow_end for _, allow_end in model.offers] == [False, True]
    assert "sort_dialog__ok_button.tap()" not in model.offers[0][0] and "sort_dialog__ok_button.tap()" in model.offers[1][0]
    assert all(call.grammar is None for call in model.calls)  # no grammar needed
    assert plan.script.splitlines() == ['sort_dialog__order_list.select("Descending")', "sort_dialog__ok_button.tap()"]


def test_lines_with_free_text_or_models_without_choose_use_the_grammar():
    literal, slot = ['sort_dialog__order_list.select("Descending")'], ['create_dialog__title_input.set_text("...")']
    assert Planner(ChoosingModel([]), DOC)._can_choose(literal)
    assert not Planner(ChoosingModel([]), DOC)._can_choose(literal + slot)
    assert not Planner(ChoosingModel([]), DOC, config=PlanConfig(fast_choices=False))._can_choose(literal)
    assert not Planner(FakeModel(), DOC)._can_choose(literal)
