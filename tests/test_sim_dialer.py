"""sim:dialer driven through real flows with nodes found on the parsed screen."""

from __future__ import annotations

import pytest
from test_sim_device import assert_real_dump, find

from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device

SEEDED_LOG = 13


@pytest.fixture
def device():
    with open_device("sim:dialer") as device:
        yield device


def texts(device, rid):
    return [n.text for n in device.screen() if n.rid == rid]


def state(device):
    return snapshot(device, "dialer")


def open_settings(device):
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="Settings"))
    assert device.screen_kind() == "dialer.settings"


def recent_row(device, name):
    return next(n for n in device.screen() if n.rid == "item_recents_holder"
                and name in device.screen().subtree_text(n))


def test_start_screen_lists_contacts_with_tabs_and_the_dialpad_button(device):
    assert device.screen_kind() == "dialer.contacts"
    assert_real_dump(device.xml())
    names = texts(device, "item_contact_name")
    assert names[:4] == ["Alice Moreau", "Bruno Silva", "Carmen Ortiz", "Dad"]
    rows = [n for n in device.screen() if n.rid == "item_contact_frame"]
    assert rows[-1].bounds[3] <= find(device, rid="main_dialpad_button").bounds[1]
    device.tap(find(device, desc="Favorites"))
    assert device.screen_kind() == "dialer.favorites"
    assert texts(device, "item_contact_name") == ["Alice Moreau", "Carmen Ortiz", "Dad", "Hannah Cohen"]
    device.tap(find(device, desc="Recents"))
    assert device.screen_kind() == "dialer.recents" and state(device)["screen"]["tab"] == "Recents"
    shown = texts(device, "item_recents_name")
    assert shown[:4] == ["Dad", "555-0177", "Bruno Silva (2)", "Hannah Cohen"]  # subsequent calls grouped
    assert find(device, rid="item_recents_type").desc == "Incoming"


def test_dialpad_keys_backspace_and_call_with_in_call_toggles(device):
    device.tap(find(device, desc="Dialpad"))
    assert device.screen_kind() == "dialer.dialpad"
    for key in "5550199":
        device.tap(next(n for n in device.screen() if n.rid == "dialpad_key_digit" and n.text == key))
    device.tap(find(device, text="#"))
    device.tap(find(device, desc="Backspace"))
    assert find(device, rid="dialpad_input").text == "5550199"
    device.tap(find(device, desc="Call"))
    assert device.screen_kind() == "dialer.call"
    assert find(device, rid="caller_name_label").text == "5550199"
    device.tap(find(device, desc="Speaker"))
    device.tap(find(device, desc="Mute"))
    device.tap(find(device, desc="Hold"))
    assert find(device, rid="call_status_label").text == "On hold" and find(device, desc="Speaker").checked
    device.tap(find(device, desc="Dialpad"))
    device.tap(next(n for n in device.screen() if n.rid == "dialpad_key_digit" and n.text == "2"))
    assert find(device, rid="call_dialpad_input").text == "2"
    device.back()  # hides the in-call dialpad
    assert device.screen_kind() == "dialer.call"
    device.tap(find(device, desc="End call"))
    assert device.screen_kind() == "dialer.dialpad"
    snap = state(device)
    assert snap["calls"] == [{"name": "", "number": "5550199", "digits": "5550199", "muted": True, "speaker": True,
                              "on_hold": True, "tones": "2"}]
    assert snap["call_log"][0] == {"name": "5550199", "number": "5550199", "digits": "5550199", "type": "Outgoing",
                                   "time": "Mar 4, 10:30"}
    assert len(snap["call_log"]) == SEEDED_LOG + 1


def test_typed_numbers_keep_dial_characters_and_an_empty_number_does_not_call(device):
    device.tap(find(device, desc="Dialpad"))
    device.tap(find(device, desc="Call"))
    assert device.screen_kind() == "dialer.dialpad" and state(device)["calls"] == []
    device.set_text(find(device, rid="dialpad_input"), "call 555-0134")
    assert find(device, rid="dialpad_input").text == " 555-0134"
    device.tap(find(device, desc="Call"))
    assert state(device)["calls"][0]["name"] == "Alice Moreau"  # a known number is its contact


def test_tapping_a_contact_or_a_recent_call_calls_it(device):
    device.tap(find(device, text="Felix Wagner"))
    assert device.screen_kind() == "dialer.call"
    assert find(device, rid="caller_number").text == "555-0171"
    device.back()
    assert device.screen_kind() == "dialer.contacts" and state(device)["screen"]["in_call"] is False
    device.tap(find(device, desc="Recents"))
    assert texts(device, "item_recents_name")[0] == "Felix Wagner"
    device.tap(recent_row(device, "555-0177"))
    assert [c["digits"] for c in state(device)["calls"]] == ["5550171", "5550177"]


def test_call_confirmation_asks_first(device):
    open_settings(device)
    device.tap(find(device, text="Show call confirmation dialog"))
    device.back()
    device.tap(find(device, text="Dad"))
    assert device.screen_kind() == "dialer.call_dialog"
    device.tap(find(device, text="Cancel"))
    assert state(device)["calls"] == []
    device.tap(find(device, text="Dad"))
    device.tap(find(device, text="Call"))
    assert device.screen_kind() == "dialer.call" and state(device)["calls"][0]["name"] == "Dad"


def test_favorites_from_the_long_press_menu_and_the_details_star(device):
    device.long_tap(find(device, text="Felix Wagner"))
    assert device.screen_kind() == "dialer.contact_menu"
    device.tap(find(device, text="Add to favorites"))
    device.long_tap(find(device, text="Alice Moreau"))
    device.tap(find(device, text="View details"))
    assert device.screen_kind() == "dialer.details"
    star = find(device, rid="contact_toggle_favorite")
    assert star.checkable and star.checked
    device.tap(star)
    device.back()
    device.tap(find(device, desc="Favorites"))
    assert texts(device, "item_contact_name") == ["Carmen Ortiz", "Dad", "Felix Wagner", "Hannah Cohen"]
    favorites = {c["name"] for c in state(device)["contacts"] if c["favorite"]}
    assert favorites == {"Carmen Ortiz", "Dad", "Felix Wagner", "Hannah Cohen"}


def test_block_from_recents_and_manage_blocked_numbers(device):
    device.tap(find(device, desc="Recents"))
    device.long_tap(recent_row(device, "555-0177"))
    assert device.screen_kind() == "dialer.recent_menu"
    device.tap(find(device, text="Block number"))
    assert device.screen_kind() == "dialer.block_dialog"
    device.tap(find(device, text="Block"))
    assert [b["digits"] for b in state(device)["blocked"]] == ["5550104", "8005550150", "5550177"]
    open_settings(device)
    device.tap(find(device, text="Manage blocked numbers"))
    assert device.screen_kind() == "dialer.blocked_numbers"
    assert texts(device, "manage_blocked_number_title") == ["555-0104", "800-555-0150", "555-0177"]
    device.tap(find(device, desc="Unblock"))
    device.tap(find(device, desc="Add a blocked number"))
    assert device.screen_kind() == "dialer.add_blocked_dialog"
    device.tap(find(device, text="OK"))
    assert find(device, rid="dialog_error").text == "Enter a phone number"
    device.set_text(find(device, rid="add_blocked_number_edittext"), "800 555 0188")
    device.tap(find(device, text="OK"))
    assert texts(device, "manage_blocked_number_title") == ["800-555-0150", "555-0177", "800 555 0188"]


def test_delete_a_grouped_row_and_clear_the_history_with_confirmation(device):
    device.tap(find(device, desc="Recents"))
    device.long_tap(recent_row(device, "Bruno Silva (2)"))
    device.tap(find(device, text="Delete"))
    log = state(device)["call_log"]
    assert len(log) == SEEDED_LOG - 2 and not any(e["name"] == "Bruno Silva" for e in log)
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="Clear call history"))
    assert device.screen_kind() == "dialer.clear_history_dialog"
    device.tap(find(device, text="Cancel"))
    assert len(state(device)["call_log"]) == SEEDED_LOG - 2
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="Clear call history"))
    device.tap(find(device, text="OK"))
    assert state(device)["call_log"] == [] and find(device, rid="fragment_placeholder").text == \
        "Your call history is empty"


def test_settings_change_the_lists_and_the_start_screen(device):
    open_settings(device)
    device.tap(find(device, text="Start name with surname"))
    device.tap(find(device, text="Group subsequent calls with the same number"))
    device.tap(find(device, text="Open dialpad by default"))
    device.tap(find(device, text="Default tab"))
    assert device.screen_kind() == "dialer.default_tab_dialog"
    device.tap(find(device, text="Recents"))
    device.tap(find(device, text="OK"))
    device.tap(find(device, text="Font size"))
    assert device.screen_kind() == "dialer.font_size_dialog"
    device.tap(find(device, text="Extra large"))
    device.tap(find(device, text="OK"))
    settings = state(device)["settings"]
    assert settings["default_tab"] == "Recents" and settings["font_size"] == "Extra large"
    assert settings["surname_first"] and not settings["group_calls"] and settings["open_dialpad"]
    device.app_stop("dialer")
    device.app_start("dialer")
    assert device.screen_kind() == "dialer.dialpad"  # opened by default, over the default tab
    device.back()
    assert device.screen_kind() == "dialer.recents"
    assert texts(device, "item_recents_name")[2:4] == ["Silva Bruno", "Silva Bruno"]  # not grouped, surname first


def test_search_filters_the_shown_tab(device):
    device.tap(find(device, desc="Search"))
    device.set_text(find(device, rid="search_input"), "roofing")
    assert device.screen_kind() == "dialer.search" and texts(device, "item_contact_name") == ["Ivan Horvat"]
    device.tap(find(device, desc="Recents"))
    device.set_text(find(device, rid="search_input"), "0111")
    assert texts(device, "item_recents_name") == ["555-0111", "555-0111"]
    assert state(device)["search"] == {"open": True, "query": "0111"}
    device.back()
    assert device.screen_kind() == "dialer.recents" and state(device)["search"]["open"] is False


def test_about_and_faq(device):
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="About"))
    assert device.screen_kind() == "dialer.about" and find(device, rid="about_app_name").text == "Phone"
    device.tap(find(device, text="Frequently asked questions"))
    assert device.screen_kind() == "dialer.faq"
