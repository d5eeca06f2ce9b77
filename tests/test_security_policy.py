"""Issue 13, HIGH: the privilege policy decides on what the user sees, so every way a script can reach a
"Delete" is confirmed (or refused when no one can answer) under the default policy, on the real sim
apps with their shipped docs, and the decision is in the trace. Also: stems, synonyms and other locales,
the "Confirm before deleting" toggle, `--policy none` said loudly, and unknown effects in a delete dialog."""

from __future__ import annotations

import dataclasses
import json

import pytest

from autodroid.appdoc import load_doc
from autodroid.device import open_device
from autodroid.errors import PolicyRefused
from autodroid.runtime import run_on_device
from security_helpers import autodroid

from autodroid.runtime.policy import (ActionContext, Policy, load_default_policy, parse_policy,
                                      policy_for_option)


@pytest.fixture(scope="module")
def notes_doc():
    return load_doc("notes")


@pytest.fixture(scope="module")
def clock_doc():
    return load_doc("clock")


@pytest.fixture(scope="module")
def policy():
    return load_default_policy()


@pytest.fixture
def notes():
    """sim:notes with the app's own "Confirm before deleting" turned off: a Delete row deletes at once, so
    the runtime's policy is the only thing between the script and the loss."""
    with open_device("sim:notes") as device:
        device.apps["notes"].data.confirm_delete = False
        yield device


def titles(device) -> list[str]:
    return [note.title for note in device.apps["notes"].data.notes]


OPEN_MENU = 'main_screen__notes_list.match("Budget").long_tap()\n'
OPEN_NOTE_MENU = 'main_screen__notes_list.match("Budget").tap()\nnotes_item_screen__more_options_button.tap()\n'
DELETE_PATHS = {
    "match_tap": OPEN_MENU + 'notes_item_menu__listview_list.match("Delete").tap()\n',
    "index_tap": OPEN_MENU + 'notes_item_menu__listview_list[2].tap()\n',
    "loop_tap": OPEN_MENU + 'for it in notes_item_menu__listview_list:\n'
                            '    if it.get_text() == "Delete":\n'
                            '        it.tap()\n'
                            '        break\n',
    "note_menu_match_tap": OPEN_NOTE_MENU + 'more_options_screen_2__listview_list.match("Delete").tap()\n',
    "select": OPEN_MENU + 'notes_item_menu__listview_list.select("Delete")\n',
    "toolbar_button": 'main_screen__notes_list.match("Budget").tap()\nnotes_item_screen__delete_note_button.tap()\n',
}


def _refusal(report) -> dict:
    refusals = [e for e in report.trace if e["event"] == "policy" and e.get("refused")]
    assert refusals, report.summary()
    return refusals[-1]


@pytest.mark.parametrize("path", sorted(DELETE_PATHS))
def test_every_delete_path_is_refused_without_someone_to_confirm(path, notes_doc, notes, policy):
    before = titles(notes)
    report = run_on_device(DELETE_PATHS[path], notes_doc, notes, policy=policy)
    assert not report.ok
    assert isinstance(report.cause, PolicyRefused), report.error_text
    assert titles(notes) == before and "Budget" in titles(notes)
    decision = _refusal(report)
    assert decision["decision"]["verdict"] == "confirm"
    assert decision["risk"] == "sensitive"
    assert "delete" in decision["seen"].casefold()
    assert "policy:" in report.summary() and "(refused)" in report.summary()


@pytest.mark.parametrize("path", sorted(DELETE_PATHS))
def test_every_delete_path_asks_and_a_yes_deletes(path, notes_doc, notes, policy):
    asked = []
    report = run_on_device(DELETE_PATHS[path], notes_doc, notes, policy=policy,
                           confirm=lambda request: asked.append(request) or True)
    assert report.ok, report.error_text
    assert "Budget" not in titles(notes) and len(titles(notes)) == 14
    assert len(asked) == 1 and asked[0].risk == "sensitive" and "Delete" in asked[0].question()
    confirmed = [e for e in report.trace if e["event"] == "policy" and e.get("confirmed")]
    assert len(confirmed) == 1 and confirmed[0]["decision"]["verdict"] == "confirm"


def test_the_library_default_policy_also_classifies_by_what_is_seen(notes_doc, notes):
    report = run_on_device(DELETE_PATHS["match_tap"], notes_doc, notes)  # no policy given: Policy()
    assert isinstance(report.cause, PolicyRefused) and "Budget" in titles(notes)


def test_the_issue_reproducer_stops_at_the_confirm_toggle(notes_doc, policy):
    script = "settings_screen__confirm_delete_checkbox.tap()\n" + DELETE_PATHS["match_tap"] + \
             "print(len(main_screen__notes_list))\n"
    with open_device("sim:notes") as device:
        report = run_on_device(script, notes_doc, device, policy=policy)
        assert isinstance(report.cause, PolicyRefused) and report.error.line == 1
        assert device.apps["notes"].data.confirm_delete is True
        assert len(titles(device)) == 15
        assert "delet" in _refusal(report)["decision"]["why"]


def _untagged(doc):
    """The doc as if the doc writer had missed every risk tag."""
    return dataclasses.replace(doc, elements={n: dataclasses.replace(e, risk="normal") for n, e in doc.elements.items()})


def test_clock_delete_alarm_is_confirmed_even_when_the_doc_says_normal(clock_doc, policy):
    script = 'main_screen__alarms_list.select("7:00 AM")\nedit_alarm_screen__delete_alarm_button.tap()\n'
    for doc in (clock_doc, _untagged(clock_doc)):
        with open_device("sim:clock") as device:
            alarms = len(device.apps["clock"].data.alarms)
            report = run_on_device(script, doc, device, policy=policy)
            assert isinstance(report.cause, PolicyRefused), report.error_text
            assert report.error.line == 2
            decision = _refusal(report)
            assert decision["risk"] == "sensitive" and decision["api"] == "edit_alarm_screen__delete_alarm_button"
            assert device.screen_kind() != "clock.delete_alarm_dialog"
            assert len(device.apps["clock"].data.alarms) == alarms
    with open_device("sim:clock") as device:
        alarms = len(device.apps["clock"].data.alarms)
        report = run_on_device(script, _untagged(clock_doc), device, policy=policy, auto_yes=True)
        assert report.ok, report.error_text
        assert device.screen_kind() == "clock.delete_alarm_dialog"  # the app asks too; the script stops here
        assert any(e["event"] == "policy" and e.get("confirmed") and e.get("by") == "--yes" for e in report.trace)
        assert len(device.apps["clock"].data.alarms) == alarms


def test_clock_delete_timer_field_of_a_row_is_confirmed(clock_doc, policy):
    with open_device("sim:clock") as device:
        lst = "timer_screen__timers_list"
        assert lst in clock_doc.elements and "timer_delete" in [f.name for f in clock_doc.elements[lst].item_fields]
        report = run_on_device(f"{lst}[0].timer_delete.tap()\n", _untagged(clock_doc), device, policy=policy)
        assert isinstance(report.cause, PolicyRefused), report.error_text
        assert _refusal(report)["risk"] == "sensitive"
        assert len(device.apps["clock"].data.timers) == 2


def ctx(label="", *, seen=(), opens="", context="", action="tap", risk="normal") -> ActionContext:
    return ActionContext("notes", "org.x", "s", "s__x_button", action, label, risk, seen=tuple(seen), opens=opens,
                         context=context)


@pytest.mark.parametrize("text", [
    "Delete", "Deleting…", "Remove from list", "Move to bin", "Trash", "Archive", "Purge cache", "Discard",
    "Clear all", "Erase", "Format SD card", "Revoke access", "Sign out", "Log out", "DELETE NOTE",
    "Löschen", "Supprimer", "Eliminar", "删除笔记", "Send", "Pay now", "Share", "Call",
])
def test_destructive_and_outward_words_in_any_form_are_sensitive(policy, text):
    decision = policy.decide(ctx(seen=(text,)))
    assert decision.risk == "sensitive" and decision.verdict == "confirm", decision


@pytest.mark.parametrize("text", ["Open", "Rename", "Recall settings", "Binary clock", "Sort by", "Cleared-up?x",
                                  "Time format", "Settings"])
def test_ordinary_labels_stay_normal(policy, text):
    if text == "Cleared-up?x":  # "cleared" is a form of clear: sensitive, and that is intended
        assert policy.decide(ctx(seen=(text,))).risk == "sensitive"
        return
    assert policy.decide(ctx(seen=(text,))).verdict == "allow"


def test_unknown_effect_in_a_delete_dialog_is_confirmed_but_cancel_is_not(policy):
    dialog = "Delete the note “Budget”?"
    assert policy.decide(ctx(seen=("OK",), context=dialog)).verdict == "confirm"
    assert policy.decide(ctx(seen=(), context=dialog)).verdict == "confirm"
    assert policy.decide(ctx(seen=("Cancel",), context=dialog)).verdict == "allow"
    assert policy.decide(ctx(seen=("OK",), context="Sort by")).verdict == "allow"


def test_an_icon_that_opens_a_delete_dialog_is_confirmed(policy):
    decision = policy.decide(ctx(seen=(), opens="delete dialog | dialog opened by 'Trash'"))
    assert decision.verdict == "confirm" and "opens" in decision.why
    assert policy.decide(ctx(seen=("Navigate up",), opens="discard dialog")).verdict == "allow"


def test_typing_or_scrolling_is_not_classified_by_words(policy):
    assert policy.decide(ctx(seen=("delete old files",), action="set_text")).verdict == "allow"
    assert policy.decide(ctx(seen=("Trash",), action="scroll")).verdict == "allow"


def test_locale_lists_come_from_the_policy_file_and_only_add():
    custom = parse_policy({"words": {"destructive": {"sv": ["radera*"]}}}, "mine.yaml")
    assert custom.decide(ctx(seen=("Radera anteckning",))).verdict == "confirm"
    assert custom.decide(ctx(seen=("Delete",))).verdict == "confirm"  # the built-in words stay
    assert Policy().decide(ctx(seen=("Radera",))).verdict == "allow"


def test_policy_none_uses_the_doc_tags_only():
    none = policy_for_option("none")
    assert not none.classify and none.origin == "none"
    assert none.decide(ctx(seen=("Delete",))).verdict == "allow"
    assert none.decide(ctx(seen=("Delete",), risk="sensitive")).verdict == "confirm"
    assert policy_for_option(None).origin == "default.yaml"


def test_cli_applies_the_default_policy_and_none_is_loud(tmp_path):
    script = tmp_path / "delete.ds"
    script.write_text(OPEN_MENU + 'notes_item_menu__listview_list.match("Delete").tap()\n'
                      "print(len(main_screen__notes_list))\n")
    trace = tmp_path / "trace.jsonl"
    done = autodroid("script", "run", "--device", "sim:notes", "--app", "notes", "--trace", str(trace), str(script))
    assert done.code == 1, done.err
    assert "refused by policy" in done.err and "default.yaml" in done.out
    assert "Traceback" not in done.err
    entries = [json.loads(line) for line in trace.read_text().splitlines()]
    assert entries[0]["event"] == "run_start" and entries[0]["policy"] == "default.yaml"
    assert any(e["event"] == "policy" and e.get("refused") and e["risk"] == "sensitive" for e in entries)
    done = autodroid("script", "run", "--device", "sim:notes", "--app", "notes", "--policy", "none", str(script))
    assert "warning: --policy none" in done.err
    assert done.code == 0 and "print: 15" in done.out  # no policy: the app's own delete dialog is all that asks


def test_an_unlabelled_button_in_the_apps_delete_dialog_is_confirmed(notes_doc, policy):
    """The app's own "Delete the note?" dialog: Cancel is a known way out; the dialog's positive button,
    reached through an undocumented screen, is judged by the dialog's message as well as its label."""
    from autodroid.runtime.host import RuntimeHost

    with open_device("sim:notes") as device:
        device.long_tap(next(n for n in device.screen() if n.rid == "note_item"))
        device.tap(next(n for n in device.screen() if n.text == "Delete"))
        assert device.screen_kind() == "notes.delete_dialog"
        host = RuntimeHost(notes_doc, device, policy=policy)
        screen = device.screen()
        context = host._dialog_text(screen, "")
        assert "Delete the note" in context
        ok = ActionContext("notes", "", "", "x", "tap", "", "normal", seen=("OK",), context=context)
        cancel = ActionContext("notes", "", "", "x", "tap", "", "normal", seen=("Cancel",), context=context)
        assert policy.decide(ok).verdict == "confirm" and policy.decide(cancel).verdict == "allow"


@pytest.mark.parametrize("text", ["Drop-down", "Skip forward", "Rewind", "Settings", "Sort by", "Open", "Edit"])
def test_labels_that_only_look_alike_stay_normal(policy, text):
    assert policy.decide(ctx(seen=(text,))).verdict == "allow"
