"""A named option keeps the script going: a small model that taps an OK-named button first ("some
launchers may not show the theme: OK" opens the theme list) must still choose the option the task names."""

from __future__ import annotations

from autodroid.appdoc import parse_doc
from autodroid.planner.model import Completion
from autodroid.planner.planner import PlanConfig, Planner
from picking_model import PickingModel

THEME_DOC = parse_doc("""\
schema: 1
app: themes
package: org.themes
start_screen: settings_screen
screens:
  settings_screen:
    description: the app's settings
    elements:
      theme_button: {type: button, description: Theme, selectors: [{resource_id: theme}], leads_to: warning_dialog}
      dark_icons_checkbox: {type: checkbox, description: Dark icons, selectors: [{resource_id: icons}]}
  warning_dialog:
    description: dialog opened by 'Theme'
    elements:
      warning_text: {type: text, description: Some launchers ignore the theme, selectors: [{resource_id: warn}]}
      ok_button: {type: button, description: OK, selectors: [{text: OK}], leads_to: theme_dialog}
  theme_dialog:
    description: dialog opened by 'OK'
    elements:
      themes_list:
        type: list
        description: dialog radio group
        selectors: [{resource_id: radio}]
        options: [Auto, Light, Dark, Black & White]
navigation:
- {from: settings_screen, action: tap, element: settings_screen__theme_button, to: warning_dialog}
- {from: warning_dialog, action: tap, element: warning_dialog__ok_button, to: theme_dialog}
""")

TASK = "change the theme color to light"


def confirm_first() -> PickingModel:
    return PickingModel(prefer=lambda line: "ok_button" in line)


def test_a_confirm_does_not_end_the_script_while_a_named_option_is_unchosen():
    model = confirm_first()
    plan = Planner(model=model, doc=THEME_DOC).plan(TASK)
    lines = plan.script.splitlines()
    assert lines[0] == "warning_dialog__ok_button.tap()"
    assert 'theme_dialog__themes_list.select("Light")' in lines


def test_without_the_rule_the_same_model_stops_at_the_confirm():
    plan = Planner(model=confirm_first(), doc=THEME_DOC, config=PlanConfig(options_pending=False)).plan(TASK)
    assert plan.script.splitlines() == ["warning_dialog__ok_button.tap()"]


class EndingModel(PickingModel):
    """Ends the script as soon as the planner lets it (``allow_end``)."""

    def choose(self, prompt, options, *, allow_end=False, prefix_cache_key=None):
        if allow_end:
            self.offered.append(list(options))
            return Completion(text="", prompt_tokens=1, generated_tokens=1, prefill_seconds=0.0,
                              decode_seconds=0.0, cached_prefix_tokens=0, finish_reason="stop")
        return super().choose(prompt, options, allow_end=allow_end, prefix_cache_key=prefix_cache_key)


def test_the_script_may_end_once_the_named_option_is_chosen():
    plan = Planner(model=EndingModel(prefer=lambda line: "ok_button" in line), doc=THEME_DOC).plan(TASK)
    assert plan.script.splitlines() == ["warning_dialog__ok_button.tap()", 'theme_dialog__themes_list.select("Light")']


def test_without_the_rule_the_model_may_end_before_choosing_it():
    planner = Planner(model=EndingModel(prefer=lambda line: "ok_button" in line), doc=THEME_DOC,
                      config=PlanConfig(options_pending=False))
    assert planner.plan(TASK).script.splitlines() == ["warning_dialog__ok_button.tap()"]


def test_an_option_the_task_does_not_name_holds_nothing():
    model = confirm_first()
    plan = Planner(model=model, doc=THEME_DOC).plan("show the theme warning and accept it")
    assert not any(".select(" in line for line in plan.script.splitlines())


def test_choice_labels_show_what_each_tapped_element_shows_and_the_script_keeps_bare_lines():
    from autodroid.planner.model import FakeModel

    model = FakeModel(replies=["warning_dialog__ok_button.tap()", 'theme_dialog__themes_list.select("Light")', ""])
    plan = Planner(model=model, doc=THEME_DOC, config=PlanConfig(choice_labels=True, fast_choices=False)).plan(TASK)
    prompt = model.calls[0].prompt
    assert "warning_dialog__ok_button.tap()  # OK\n" in prompt
    assert "theme_dialog__themes_list.select(\"Light\")  # dialog opened by 'OK'\n" in prompt  # its opener
    assert "#" not in plan.script
    plain = FakeModel(replies=["warning_dialog__ok_button.tap()", 'theme_dialog__themes_list.select("Light")', ""])
    Planner(model=plain, doc=THEME_DOC, config=PlanConfig(fast_choices=False)).plan(TASK)
    assert "warning_dialog__ok_button.tap()  # OK" not in plain.calls[0].prompt
