"""sim:contacts driven through real flows with nodes found on the parsed screen."""

from __future__ import annotations

import pytest
from test_sim_device import assert_real_dump, find

from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device

SEEDED = 16


@pytest.fixture
def device():
    with open_device("sim:contacts") as device:
        yield device


def names(device):
    return [n.text for n in device.screen() if n.rid == "item_contact_name"]


def contact(device, first):
    return next(c for c in snapshot(device, "contacts")["contacts"] if c["first"] == first)


def open_settings(device):
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="Settings"))
    assert device.screen_kind() == "contacts.settings"


def test_start_screen_lists_contacts_by_first_name_above_the_button(device):
    assert device.screen_kind() == "contacts.list"
    assert_real_dump(device.xml())
    shown = names(device)
    assert 5 <= len(shown) < SEEDED and shown[:3] == ["Anna Kowalski", "Ben Okafor", "Chloe Martin"]
    rows = [n for n in device.screen() if n.rid == "item_contact_frame"]
    assert rows[-1].bounds[3] <= find(device, rid="fragment_fab").bounds[1]
    assert find(device, rid="contacts_list").resource_id == "org.autodroid.contacts:id/contacts_list"


def test_create_a_contact_and_its_details(device):
    device.tap(find(device, desc="Create new contact"))
    assert device.screen_kind() == "contacts.editor"
    device.set_text(find(device, rid="contact_first_name"), "Peter")
    device.set_text(find(device, rid="contact_surname"), "Novak")
    device.set_text(find(device, rid="contact_number"), "555-0199")
    device.tap(find(device, desc="Save"))
    assert device.screen_kind() == "contacts.list"
    assert contact(device, "Peter") == {"name": "Peter Novak", "first": "Peter", "surname": "Novak",
                                        "phone": "555-0199", "phone_type": "Mobile", "email": "", "company": "",
                                        "favorite": False}
    assert len(snapshot(device, "contacts")["contacts"]) == SEEDED + 1


def test_an_empty_contact_is_not_saved_and_leaving_with_changes_asks_first(device):
    device.tap(find(device, desc="Create new contact"))
    device.tap(find(device, desc="Save"))
    assert find(device, rid="contact_error").text == "Cannot save an empty contact"
    device.set_text(find(device, rid="contact_first_name"), "Draft")
    device.back()
    assert device.screen_kind() == "contacts.discard_dialog"
    device.tap(find(device, text="Keep editing"))
    assert device.screen_kind() == "contacts.editor"
    device.tap(find(device, desc="Navigate up"))
    device.tap(find(device, text="Discard"))
    assert device.screen_kind() == "contacts.list"
    assert len(snapshot(device, "contacts")["contacts"]) == SEEDED


def test_favourite_star_toggles_and_the_favorites_tab_follows(device):
    device.tap(find(device, text="Ben Okafor"))
    assert device.screen_kind() == "contacts.details"
    star = find(device, rid="contact_toggle_favorite")
    assert star.checkable and not star.checked
    device.tap(star)
    assert find(device, rid="contact_toggle_favorite").checked and contact(device, "Ben")["favorite"]
    device.back()
    device.tap(find(device, desc="Favorites"))
    assert device.screen_kind() == "contacts.favorites"
    assert names(device) == ["Anna Kowalski", "Ben Okafor", "David Nguyen", "Isabel Costa", "Mum"]


def test_delete_asks_for_confirmation_unless_skipped(device):
    device.tap(find(device, text="Anna Kowalski"))
    device.tap(find(device, desc="Delete"))
    assert device.screen_kind() == "contacts.delete_dialog"
    device.tap(find(device, text="Cancel"))
    assert device.screen_kind() == "contacts.details" and contact(device, "Anna")
    device.tap(find(device, desc="Delete"))
    device.tap(find(device, text="Delete"))
    assert device.screen_kind() == "contacts.list" and "Anna Kowalski" not in names(device)
    open_settings(device)
    device.tap(find(device, text="Skip delete confirmation"))
    device.back()
    device.tap(find(device, text="Ben Okafor"))
    device.tap(find(device, desc="Delete"))
    assert device.screen_kind() == "contacts.list"
    assert len(snapshot(device, "contacts")["contacts"]) == SEEDED - 2


def test_sort_by_surname_descending_and_by_date_created(device):
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="Sort by"))
    assert device.screen_kind() == "contacts.sort_dialog"
    device.tap(find(device, text="Surname"))
    device.tap(find(device, text="Descending"))
    device.tap(find(device, text="OK"))
    assert names(device)[:3] == ["Noah Williams", "Emma Schmidt", "Mia Rossi"]
    device.tap(find(device, desc="More options"))
    device.tap(find(device, text="Sort by"))
    device.tap(find(device, text="Date created"))
    device.tap(find(device, text="Ascending"))
    device.tap(find(device, text="OK"))
    assert names(device)[:2] == ["David Nguyen", "Jonas Berg"]
    assert snapshot(device, "contacts")["sort"] == {"field": "Date created", "order": "Ascending"}


def test_list_settings_change_the_rows(device):
    open_settings(device)
    device.tap(find(device, text="Start name with surname"))
    device.tap(find(device, text="Show phone numbers"))
    device.tap(find(device, text="Show only contacts with phone numbers"))
    device.back()
    assert names(device)[0] == "Kowalski Anna"
    assert find(device, rid="item_contact_number").text == "555-0142 (Mobile)"
    everyone = [c for c in snapshot(device, "contacts")["contacts"]]
    assert "Schmidt Emma" not in names(device) and any(c["first"] == "Emma" for c in everyone)


def test_font_size_dialog_and_call_with_confirmation(device):
    open_settings(device)
    device.tap(find(device, text="Font size"))
    assert device.screen_kind() == "contacts.font_size_dialog"
    device.tap(find(device, text="Large"))
    device.tap(find(device, text="OK"))
    assert find(device, rid="settings_font_size").text == "Large"
    device.tap(find(device, text="Show a call confirmation dialog"))
    device.back()
    device.tap(find(device, text="Farid Haddad"))
    device.tap(find(device, text="555-0121"))
    assert device.screen_kind() == "contacts.call_dialog"
    device.tap(find(device, text="Call"))
    assert device.screen_kind() == "contacts.call"
    device.tap(find(device, text="End call"))
    assert device.screen_kind() == "contacts.details"
    state = snapshot(device, "contacts")
    assert state["calls"] == ["Farid Haddad"] and state["settings"]["font_size"] == "Large"


def test_search_matches_company_and_back_closes_it(device):
    device.tap(find(device, desc="Search"))
    device.set_text(find(device, rid="search_input"), "dental")
    assert device.screen_kind() == "contacts.search" and names(device) == ["Laura Fischer"]
    assert snapshot(device, "contacts")["search"] == {"open": True, "query": "dental"}
    device.back()
    assert device.screen_kind() == "contacts.list" and len(names(device)) > 1
