"""sim:messages driven through real flows with nodes found on the parsed screen."""

from __future__ import annotations

import pytest
from test_sim_device import assert_real_dump, find

from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device

SEEDED = 13


@pytest.fixture
def device():
    with open_device("sim:messages") as device:
        yield device


def titles(device):
    return [n.text for n in device.screen() if n.rid == "conversation_address"]


def conversation(device, title):
    return next(c for c in snapshot(device, "messages")["conversations"] if c["title"] == title)


def bubbles(device):
    return [n.text for n in device.screen() if n.rid == "thread_message_body"]


def open_menu(device, item):
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text=item))


def test_start_screen_lists_pinned_then_recent_conversations_above_the_button(device):
    assert device.screen_kind() == "messages.list"
    assert_real_dump(device.xml())
    shown = titles(device)
    assert shown[:4] == ["Mum", "Anna Kowalski", "72345", "David Nguyen"]
    assert "Smile Dental" not in shown  # archived
    rows = [n for n in device.screen() if n.rid == "conversation_frame"]
    assert rows[-1].bounds[3] <= find(device, rid="conversations_fab").bounds[1]
    assert [n.desc for n in device.screen() if n.desc == "Pinned"] == ["Pinned", "Pinned"]
    assert find(device, rid="conversations_list").resource_id == "org.autodroid.messages:id/conversations_list"
    state = snapshot(device, "messages")
    assert len(state["conversations"]) == SEEDED and state["blocked"] == ["555-0177"]


def test_opening_a_conversation_reads_it_and_send_adds_a_message(device):
    assert not conversation(device, "Mum")["read"]
    device.tap(find(device, text="Mum"))
    assert device.screen_kind() == "messages.thread"
    assert_real_dump(device.xml())
    assert conversation(device, "Mum")["read"]
    assert bubbles(device)[-1] == "Don't forget Grandma's birthday on Sunday"
    device.tap(find(device, desc="Send"))  # nothing typed: nothing sent
    assert conversation(device, "Mum")["messages"] == 2
    device.set_text(find(device, rid="thread_type_message"), "  Home safe, love you  ")
    device.tap(find(device, desc="Send"))
    assert bubbles(device)[-1] == "Home safe, love you"
    assert find(device, rid="thread_type_message").text == "Type a message"
    mum = conversation(device, "Mum")
    assert mum["sent"] == ["Home safe, love you"] and mum["last_sent"] == "Home safe, love you"
    device.back()
    assert device.screen_kind() == "messages.list" and titles(device)[0] == "Mum"


def test_a_long_thread_shows_its_newest_messages_and_scrolls_up(device):
    device.tap(find(device, text="555-0123"))
    for i in range(8):
        device.set_text(find(device, rid="thread_type_message"), f"Message number {i} about the bike and its price")
        device.tap(find(device, desc="Send"))
    assert bubbles(device)[-1] == "Message number 7 about the bike and its price"
    assert "Hi, is the bike still for sale?" not in bubbles(device)
    device.scroll(find(device, rid="thread_messages_list"), "up")
    device.scroll(find(device, rid="thread_messages_list"), "up")
    assert bubbles(device)[0] == "Hi, is the bike still for sale?"


def test_new_conversation_to_a_contact_by_name_and_to_a_new_number(device):
    device.tap(find(device, desc="New conversation"))
    assert device.screen_kind() == "messages.new_conversation"
    device.set_text(find(device, rid="new_conversation_address"), "chloe")
    assert [n.text for n in device.screen() if n.rid == "item_contact_name"] == ["Chloe Martin"]
    device.tap(find(device, text="Chloe Martin"))
    assert device.screen_kind() == "messages.thread" and find(device, rid="thread_placeholder")
    device.back()  # nothing sent: no conversation
    assert device.screen_kind() == "messages.list"
    assert len(snapshot(device, "messages")["conversations"]) == SEEDED
    device.tap(find(device, desc="New conversation"))
    device.set_text(find(device, rid="new_conversation_address"), "Mia Rossi")
    device.tap(find(device, desc="Confirm"))
    device.set_text(find(device, rid="thread_type_message"), "Coffee tomorrow?")
    device.tap(find(device, desc="Send"))
    assert conversation(device, "Mia Rossi") == {
        "title": "Mia Rossi", "number": "555-0173", "read": True, "pinned": False, "archived": False,
        "sent": ["Coffee tomorrow?"], "received": [], "last_sent": "Coffee tomorrow?",
        "last_message": "Coffee tomorrow?", "messages": 1}
    device.back()
    device.tap(find(device, desc="New conversation"))
    device.set_text(find(device, rid="new_conversation_address"), "555-0199")
    assert find(device, rid="no_contacts_placeholder")
    device.tap(find(device, desc="Confirm"))
    device.set_text(find(device, rid="thread_type_message"), "Hi, it's Sam")
    device.tap(find(device, desc="Send"))
    assert conversation(device, "555-0199")["sent"] == ["Hi, it's Sam"]
    device.back()
    assert titles(device)[2] == "555-0199"  # after the two pinned ones


def test_typing_a_known_number_opens_its_existing_conversation(device):
    device.tap(find(device, desc="New conversation"))
    device.set_text(find(device, rid="new_conversation_address"), "5550142")
    device.tap(find(device, desc="Confirm"))
    assert find(device, text="Anna Kowalski") and "Great, I'll bring the frisbee" in bubbles(device)


def test_selection_mode_pins_archives_marks_and_deletes_with_confirmation(device):
    device.long_tap(find(device, text="David Nguyen"))
    assert device.screen_kind() == "messages.selection"
    assert_real_dump(device.xml())
    assert find(device, text="1 selected")
    device.tap(find(device, text="Grace Lee"))  # a tap adds to the selection
    assert find(device, text="2 selected")
    device.tap(find(device, desc="Pin"))
    assert device.screen_kind() == "messages.list"
    assert titles(device)[:4] == ["Mum", "Anna Kowalski", "David Nguyen", "Grace Lee"]
    device.long_tap(find(device, text="Grace Lee"))
    device.tap(find(device, desc="Unpin"))
    assert not conversation(device, "Grace Lee")["pinned"]
    device.long_tap(find(device, text="72345"))
    device.tap(find(device, desc="Mark as read"))
    assert conversation(device, "72345")["read"]
    device.long_tap(find(device, text="Anna Kowalski"))
    open_menu(device, "Mark as unread")
    assert not conversation(device, "Anna Kowalski")["read"]
    device.long_tap(find(device, text="555-0166"))
    device.tap(find(device, desc="Archive"))
    assert conversation(device, "555-0166")["archived"] and "555-0166" not in titles(device)
    device.long_tap(find(device, text="Isabel Costa"))
    device.tap(find(device, desc="Delete"))
    assert device.screen_kind() == "messages.delete_dialog"
    device.tap(find(device, text="Cancel"))
    assert device.screen_kind() == "messages.selection"
    device.tap(find(device, desc="Delete"))
    device.tap(find(device, text="Delete"))
    assert device.screen_kind() == "messages.list" and "Isabel Costa" not in titles(device)
    assert len(snapshot(device, "messages")["conversations"]) == SEEDED - 1


def test_back_and_the_last_deselection_end_the_selection(device):
    device.long_tap(find(device, text="Mum"))
    device.back()
    assert device.screen_kind() == "messages.list"
    device.long_tap(find(device, text="Mum"))
    device.tap(find(device, text="Mum"))
    assert device.screen_kind() == "messages.list"


def test_thread_menu_blocks_adds_to_contacts_archives_and_marks_unread(device):
    device.tap(find(device, text="555-0123"))
    open_menu(device, "Block number")
    assert device.screen_kind() == "messages.block_dialog"
    device.tap(find(device, text="Block"))
    assert snapshot(device, "messages")["blocked"] == ["555-0177", "555-0123"]
    open_menu(device, "Add to contacts")
    assert device.screen_kind() == "messages.add_contact_dialog"
    device.tap(find(device, text="OK"))
    assert find(device, rid="dialog_error").text == "Enter a name"
    device.set_text(find(device, rid="contact_name"), "Bike buyer")
    device.tap(find(device, text="OK"))
    assert find(device, text="Bike buyer") and conversation(device, "Bike buyer")["number"] == "555-0123"
    device.tap(find(device, desc="More options"))
    assert [n.text for n in device.screen() if n.rid == "title"] == [
        "Mark as unread", "Unblock number", "Archive", "Delete"]
    device.tap(find(device, text="Archive"))
    assert device.screen_kind() == "messages.list" and conversation(device, "Bike buyer")["archived"]
    device.tap(find(device, text="Hugo Bernard"))
    open_menu(device, "Mark as unread")
    assert device.screen_kind() == "messages.list" and not conversation(device, "Hugo Bernard")["read"]


def test_archived_conversations_open_and_unarchive(device):
    open_menu(device, "Archived conversations")
    assert device.screen_kind() == "messages.archive"
    assert [n.text for n in device.screen() if n.rid == "conversation_address"] == ["Smile Dental", "555-0111"]
    device.tap(find(device, text="Smile Dental"))
    open_menu(device, "Unarchive")
    assert device.screen_kind() == "messages.archive"
    assert not conversation(device, "Smile Dental")["archived"]
    device.back()
    assert "Smile Dental" in titles(device) or len(titles(device)) >= 8


def test_mark_all_as_read_leaves_archived_ones(device):
    open_menu(device, "Mark all as read")
    state = snapshot(device, "messages")
    assert all(c["read"] for c in state["conversations"] if not c["archived"])


def test_search_looks_in_names_numbers_and_messages(device):
    device.tap(find(device, desc="Search"))
    device.set_text(find(device, rid="search_input"), "drill")
    assert device.screen_kind() == "messages.search" and titles(device) == ["Hugo Bernard"]
    assert snapshot(device, "messages")["search"] == {"open": True, "query": "drill"}
    device.set_text(find(device, rid="search_input"), "zebra")
    assert "No conversations match" in find(device, rid="no_conversations_placeholder").text
    device.back()
    assert device.screen_kind() == "messages.list" and len(titles(device)) > 1


def test_settings_toggles_dialogs_and_the_character_counter(device):
    open_menu(device, "Settings")
    assert device.screen_kind() == "messages.settings"
    device.tap(find(device, text="Show character counter"))
    device.tap(find(device, text="Enable delivery reports"))
    device.tap(find(device, text="Lock screen message visibility"))
    assert device.screen_kind() == "messages.lock_screen_dialog"
    device.tap(find(device, text="Nothing"))
    device.tap(find(device, text="OK"))
    device.tap(find(device, text="Keep messages"))
    assert device.screen_kind() == "messages.keep_messages_dialog"
    device.tap(find(device, text="30 days"))
    device.tap(find(device, text="Cancel"))
    device.tap(find(device, text="Font size"))
    device.tap(find(device, text="Large"))
    device.tap(find(device, text="OK"))
    settings = snapshot(device, "messages")["settings"]
    assert settings == {"font_size": "Large", "show_character_counter": True,
                        "send_on_enter": False, "delivery_reports": True, "lock_screen": "Nothing",
                        "keep_messages": "Forever"}
    device.back()
    device.tap(find(device, text="Grace Lee"))
    device.set_text(find(device, rid="thread_type_message"), "Thanks!")
    assert find(device, rid="thread_character_counter").text == "7/160"


def test_blocked_numbers_screen_adds_and_unblocks(device):
    open_menu(device, "Settings")
    device.tap(find(device, text="Manage blocked numbers"))
    assert device.screen_kind() == "messages.blocked_numbers"
    device.tap(find(device, desc="Add a blocked number"))
    assert device.screen_kind() == "messages.add_blocked_dialog"
    device.set_text(find(device, rid="add_blocked_number_edittext"), "555-0404")
    device.tap(find(device, text="OK"))
    assert [n.text for n in device.screen() if n.rid == "manage_blocked_number_title"] == ["555-0177", "555-0404"]
    device.tap(find(device, desc="Unblock"))
    assert snapshot(device, "messages")["blocked"] == ["555-0404"]
