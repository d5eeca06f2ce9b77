"""Privilege policy: sensitive actions on the simulated notes app are confirmed or refused as configured,
decided by the runtime (also for its own navigation hops), recorded in the trace."""

from __future__ import annotations

import re

import pytest

from autodroid.device import open_device
from autodroid.errors import BadInputError, PolicyRefused
from autodroid.runtime import load_policy, parse_policy, run_on_device
from autodroid.runtime.docquery import api_for
from autodroid.runtime.policy import ActionContext, Policy
from autodroid.runtime.walkdoc import Step, doc_from_walk

DELETE_BUDGET = """main_screen__notes_list.select("Budget")
notes_item_screen__delete_note_button.tap()
delete_dialog__delete_button.tap()
"""


def _tap(**where) -> Step:
    return Step("tap", where)


NOTES_WALK = [
    _tap(rid="note_item"), Step("back"), _tap(desc="More options"), _tap(text="Sort by"), Step("back"),
    Step("scroll", {"rid": "notes_list"}, "down"), Step("scroll", {"rid": "notes_list"}, "up"),
    _tap(text="Budget"), _tap(desc="Delete"), _tap(text="Cancel"), _tap(desc="Delete"),
    _tap(text="Delete", rid="button1"), _tap(desc="New note"), Step("back"),
]


# Scripts below use readable API names; the doc writer may name things differently, so each is looked up
# by what the widget is (autodroid.runtime.docquery.api_for) and substituted before running.
QUERIES = {
    "main_screen__notes_list": lambda d: api_for(d, on=d.start_screen, resource_id="notes_list"),
    "main_screen__fab_new_note_button": lambda d: api_for(d, resource_id="fab_new_note"),
    "main_screen__more_options_button": lambda d: api_for(d, on=d.start_screen, desc="More options"),
    "main_screen__search_button": lambda d: api_for(d, on=d.start_screen, resource_id="search"),
    "notes_item_screen__delete_note_button": lambda d: api_for(d, resource_id="delete_note"),
    "delete_dialog__delete_button": lambda d: api_for(d, resource_id="button1", text="Delete"),
    "delete_dialog__cancel_button": lambda d: api_for(
        d, on=d.elements[api_for(d, resource_id="button1", text="Delete")].screen, text="Cancel"),
    "new_note_screen__title_input": lambda d: api_for(d, resource_id="note_title_input"),
    "more_options_screen__listview_list": lambda d: api_for(d, option="Sort by"),
    "sort_by_dialog__sorting_dialog_radio_order_list": lambda d: api_for(d, resource_id="sorting_dialog_radio_order"),
    "sort_by_dialog__ok_button": lambda d: api_for(
        d, on=d.elements[api_for(d, resource_id="sorting_dialog_radio_order")].screen, text="OK"),
    # clock, doc from the DroidTask log
    "settings_screen__sunday_first_checkbox": lambda d: api_for(d, resource_id="settings_sunday_first"),
    "main_timer_tab__add_button": lambda d: api_for(d, resource_id="timer_add"),
    "main_timer_tab__more_apps_from_us_button": lambda d: api_for(d, resource_id="more_apps_from_us"),
    "alarm_time_dialog__edit_alarm_sound_button": lambda d: api_for(d, resource_id="edit_alarm_sound"),
    "alarm_tab__alarms_list": lambda d: api_for(d, type="list", option="7:00 am"),
}
_NAME = re.compile(r"\b[a-z][a-z0-9_]*__[a-z0-9_]+\b")


def names(doc, text: str) -> str:
    """``text`` with every readable API name of QUERIES replaced by the doc's own name for that widget."""
    return _NAME.sub(lambda m: QUERIES[m.group(0)](doc) if m.group(0) in QUERIES else m.group(0), text)


def screen_of(doc, readable: str) -> str:
    return doc.elements[names(doc, readable)].screen


@pytest.fixture(scope="module")
def notes_doc():
    """A doc of sim:notes written by the doc writer from a short walk (list, note view, delete dialog...)."""
    with open_device("sim:notes") as device:
        return doc_from_walk(device, NOTES_WALK, "notes")


@pytest.fixture
def notes():
    with open_device("sim:notes") as device:
        yield device


def run(script: str, doc, device, **options):
    return run_on_device(names(doc, script), doc, device, **options)


def titles(device) -> list[str]:
    return [note.title for note in device.apps["notes"].data.notes]


def test_walk_doc_marks_deleting_sensitive(notes_doc):
    element = notes_doc.elements
    assert element[names(notes_doc, "notes_item_screen__delete_note_button")].risk == "sensitive"
    assert element[names(notes_doc, "delete_dialog__delete_button")].risk == "sensitive"
    assert element[names(notes_doc, "main_screen__fab_new_note_button")].risk == "normal"


def test_non_interactive_run_refuses_sensitive_action_and_deletes_nothing(notes_doc, notes):
    report = run(DELETE_BUDGET, notes_doc, notes)
    assert not report.ok
    assert isinstance(report.cause, PolicyRefused)
    assert report.error.line == 2
    assert "refused by policy" in report.error_text and "cannot ask" in report.error_text
    assert "Budget" in titles(notes)
    assert [a.action for a in report.actions] == ["select"]  # the delete tap never reached the device
    refusals = [e for e in report.trace if e["event"] == "policy" and e.get("refused")]
    assert refusals and refusals[0]["api"] == names(notes_doc, "notes_item_screen__delete_note_button")
    assert refusals[0]["decision"]["verdict"] == "confirm"


def test_confirmed_delete_goes_through_and_asks_for_each_sensitive_action(notes_doc, notes):
    asked = []
    report = run(DELETE_BUDGET, notes_doc, notes, confirm=lambda request: asked.append(request) or True)
    assert report.ok, report.error_text
    assert "Budget" not in titles(notes)
    assert [r.api for r in asked] == names(notes_doc, "notes_item_screen__delete_note_button "
                                                     "delete_dialog__delete_button").split()
    assert asked[0].risk == "sensitive" and "allow" in asked[0].question()
    confirmed = [e for e in report.trace if e["event"] == "policy" and e.get("confirmed")]
    assert len(confirmed) == 2


def test_user_declining_stops_the_script(notes_doc, notes):
    answers = iter([True, False])  # yes to opening the dialog, no to deleting
    report = run(DELETE_BUDGET, notes_doc, notes, confirm=lambda request: next(answers))
    assert not report.ok and isinstance(report.cause, PolicyRefused)
    assert "declined" in report.error_text
    assert report.error.line == 3
    assert "Budget" in titles(notes)


def test_auto_yes_confirms_but_never_overrides_deny(notes_doc, notes, tmp_path):
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text("rules:\n  - decision: deny\n    app: notes\n    label: [delete]\n"
                           "    action: tap\n    reason: deleting is never automated\n")
    policy = load_policy(policy_file)
    report = run(DELETE_BUDGET, notes_doc, notes, policy=policy, auto_yes=True)
    assert not report.ok and isinstance(report.cause, PolicyRefused)
    assert "deleting is never automated" in report.error_text and "rule 1 (policy.yaml)" in report.error_text
    assert "Budget" in titles(notes)
    report = run(DELETE_BUDGET, notes_doc, notes, auto_yes=True)
    assert report.ok, report.error_text
    assert "Budget" not in titles(notes)


def test_allow_rule_skips_confirmation(notes_doc, notes):
    policy = parse_policy({"rules": [{"decision": "allow", "app": "notes", "element": "*delete*"}]}, "inline")
    report = run(DELETE_BUDGET, notes_doc, notes, policy=policy,
                           confirm=lambda request: pytest.fail("must not ask"))
    assert report.ok, report.error_text
    assert "Budget" not in titles(notes)


def test_confirm_rule_on_a_normal_action(notes_doc, notes):
    policy = parse_policy({"rules": [{"decision": "confirm", "screen": notes_doc.start_screen, "action": "select"}]})
    report = run('main_screen__notes_list.select("Budget")\n', notes_doc, notes, policy=policy)
    assert not report.ok and isinstance(report.cause, PolicyRefused)
    assert notes.screen_kind() == "notes.list"


def test_navigation_never_hops_through_a_destructive_element(notes_doc, notes):
    # The model asks only for the dialog's Cancel; reaching it would mean tapping Delete on the note screen.
    # A destructive element is never a navigation hop (issue 13), whatever the policy or the user says.
    asked = []
    report = run("delete_dialog__cancel_button.tap()\n", notes_doc, notes,
                 confirm=lambda request: asked.append(request.api) or True)
    assert not report.ok and "no known way" in report.error_text
    assert asked == [] and all(a.action == "app_start" for a in report.actions)  # restarting is its last resort
    assert "Budget" in titles(notes)


def test_navigation_hops_are_classified_too(notes_doc, notes):
    policy = parse_policy({"rules": [{"decision": "confirm", "label": ["sort by"]}]}, "inline")
    report = run("sort_by_dialog__ok_button.tap()\n", notes_doc, notes, policy=policy)
    assert not report.ok and isinstance(report.cause, PolicyRefused)
    assert "while navigating" in report.error_text
    assert [a.role for a in report.actions] == ["navigation"]  # More options went through, Sort by did not
    asked = []
    report = run("sort_by_dialog__ok_button.tap()\n", notes_doc, notes, policy=policy,
                 confirm=lambda request: asked.append(request.api) or True)
    assert report.ok, report.error_text
    assert asked == [names(notes_doc, "more_options_screen__listview_list")]


def test_policy_file_toml_and_yaml_agree(tmp_path):
    (tmp_path / "p.toml").write_text('[default]\nsensitive = "deny"\n\n[[rules]]\ndecision = "allow"\n'
                                     'element = "*share*"\n')
    (tmp_path / "p.yaml").write_text("default: {sensitive: deny}\nrules:\n  - {decision: allow, element: '*share*'}\n")
    share = ActionContext("notes", "", "main_screen", "main_screen__share_button", "tap", "Share", "sensitive")
    delete = ActionContext("notes", "", "main_screen", "main_screen__delete_button", "tap", "Delete", "sensitive")
    for name in ("p.toml", "p.yaml"):
        policy = load_policy(tmp_path / name)
        assert policy.decide(share).verdict == "allow"
        assert policy.decide(delete).verdict == "deny"
        assert policy.decide(delete).source == "default for sensitive actions"


def test_label_keywords_match_whole_words_only():
    policy = Policy(rules=parse_policy({"rules": [{"decision": "deny", "label": ["call"]}]}).rules)
    assert policy.decide(ActionContext("a", "", "s", "s__call_button", "tap", "call button | Call")).verdict == "deny"
    assert policy.decide(ActionContext("a", "", "s", "s__recall_button", "tap", "Recall settings")).verdict == "allow"


@pytest.mark.parametrize("data, problem", [
    ({"rules": [{"decision": "maybe"}]}, "decision 'maybe'"),
    ({"rules": [{"decision": "deny", "action": "swipe"}]}, "unknown action(s) swipe"),
    ({"rules": [{"decision": "deny", "when": "x"}]}, "unknown key(s) when"),
    ({"rules": "deny all"}, "`rules` must be a list"),
    ({"default": {"sensitive": "yes"}}, "default sensitive"),
    ({"deny": True}, "unknown top-level key"),
])
def test_bad_policy_is_rejected_with_the_fix(data, problem):
    with pytest.raises(BadInputError) as info:
        parse_policy(data, "mine.yaml")
    assert problem in info.value.message and "mine.yaml" in info.value.message
    assert info.value.fix


def test_missing_or_broken_policy_file(tmp_path):
    with pytest.raises(BadInputError, match="no policy file"):
        load_policy(tmp_path / "absent.yaml")
    (tmp_path / "bad.yaml").write_text("rules: [\n")
    with pytest.raises(BadInputError, match="not valid YAML"):
        load_policy(tmp_path / "bad.yaml")


def test_a_menu_row_named_delete_is_sensitive_even_in_a_normal_list(notes):
    doc = load_doc_or_skip("notes")
    menu = api_for(doc, type="list", option="Open")  # a note's long-press menu: Open, Rename, Delete
    notes.long_tap(next(n for n in notes.screen() if n.rid == "note_item"))  # (the doc's graph records the
    assert notes.screen_kind() == "notes.note_menu"  # long-press as a plain select: see the report)
    report = run_on_device(f'{menu}.select("Delete")\n', doc, notes)
    assert not report.ok and isinstance(report.cause, PolicyRefused)
    decision = next(e for e in report.trace if e["event"] == "policy" and e.get("refused"))
    assert decision["risk"] == "sensitive" and decision["api"] == menu


def load_doc_or_skip(app: str):
    from autodroid.appdoc import load_doc
    from autodroid.errors import DocError

    try:
        return load_doc(app)
    except DocError as error:
        pytest.skip(f"no shipped doc for sim:{app} ({error.message})")


def test_blocking_someone_is_destructive_and_never_a_navigation_hop():
    from autodroid.appdoc import load_doc
    from autodroid.runtime.navigation import NavGraph
    doc = load_doc("dialer")
    assert doc.elements["block_number_dialog__block_button"].risk == "sensitive"
    assert doc.elements["settings_screen__manage_blocked_numbers_holder_button"].risk == "normal"  # a way in
    graph = NavGraph(doc)
    hops = [edge for edges in graph.out.values() for edge in edges]
    assert not any(edge.element == "block_number_dialog__block_button" for edge in hops)
    assert any(edge.element == "block_number_dialog__block_button" for edge in graph.refused)
