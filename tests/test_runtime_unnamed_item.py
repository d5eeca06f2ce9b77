"""A sensitive action never lands on a list item the script did not pick: sim:messages' thread screen is
reached only through a conversation row, so "type, then Send" without picking the conversation would send
to whichever conversation the crawl recorded. The runtime refuses, naming the fix."""

from __future__ import annotations

from autodroid.appdoc import load_doc
from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device
from autodroid.runtime import run_on_device
from messages_sim import DOC, SEND, TYPE, run_messages as _run


def test_the_thread_is_reached_only_through_a_row():
    assert any(edge.to == "conversations_item_screen" and edge.option for edge in DOC.navigation)
    assert DOC.elements["conversations_item_screen__thread_send_message_button"].risk == "sensitive"


def test_send_on_a_conversation_the_script_never_picked_is_refused_and_nothing_is_sent():
    before = _run("")[1]
    report, sent = _run(TYPE + SEND)
    assert not report.ok
    assert "never picked" in report.error_text and "select(" in report.error_text
    assert sent == before  # typed into some thread (a draft), sent to no one


def test_send_after_picking_the_conversation_goes_to_it():
    report, sent = _run('main_screen__conversations_list.select("Mum")\n' + TYPE + SEND)
    assert report.ok, report.error_text
    assert sent["Mum"][-1] == "Got home fine"


def test_a_menu_row_is_no_item_a_sensitive_setting_behind_it_runs():
    doc = load_doc("contacts")
    tick = "settings_screen__skip_delete_confirmation_checkbox"
    assert doc.elements[tick].risk == "sensitive"
    with open_device("sim:contacts") as device:  # Settings is reached through the main menu's rows
        report = run_on_device(f"{tick}.tap()\n", doc, device, auto_yes=True)
        assert report.ok, report.error_text
        assert snapshot(device, "contacts")["settings"]["skip_delete_confirmation"] is True


def test_a_sensitive_action_reached_through_an_unnamed_item_in_the_same_line_is_refused():
    doc = load_doc("contacts")  # a call's End button: a contact's page, its number, then the call screen
    end = "call_caller_screen__end_button"
    assert doc.elements[end].risk == "sensitive" and doc.elements[end].screen != "contacts_item_screen"
    with open_device("sim:contacts") as device:
        report = run_on_device(f"{end}.tap()\n", doc, device, auto_yes=True)
        assert not report.ok and "never picked" in report.error_text, report.error_text
        assert any(a.role == "navigation" and a.api == "main_screen__contacts_list" for a in report.actions)


def test_picking_a_message_inside_the_thread_does_not_name_the_thread():
    before = _run("")[1]
    report, sent = _run(TYPE + 'conversations_item_screen__thread_messages_list.select("Yes! 10 am at the park")\n' + SEND)
    assert not report.ok and "never picked" in report.error_text
    assert sent == before

