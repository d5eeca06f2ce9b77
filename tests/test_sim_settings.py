"""sim:settings (the phone's system Settings) driven through real flows with nodes found on the parsed screen."""

from __future__ import annotations

import pytest
from test_sim_device import assert_real_dump, find

from autodroid.bench.simtasks import fresh_snapshot, snapshot
from autodroid.device import open_device


@pytest.fixture
def device():
    with open_device("sim:settings") as device:
        yield device


def state(device):
    return snapshot(device, "settings")


def texts(device, rid):
    return [n.text for n in device.screen() if n.rid == rid]


def open_category(device, title):
    device.tap(find(device, text=title))
    assert device.screen_kind() != "settings.main"


def row(device, rid, name):
    """The data row (network, device, app) whose title says ``name``."""
    return next(n for n in device.screen() if n.rid == rid and name in device.screen().subtree_text(n))


def test_home_lists_the_categories_and_the_search_finds_settings_and_apps(device):
    assert device.screen_kind() == "settings.main" and device.current_app() == "org.autodroid.settings"
    assert_real_dump(device.xml())
    titles = [n.text for n in device.screen() if n.rid.endswith("_title") and n.rid.startswith("top_level_")]
    assert titles == ["Network & internet", "Connected devices", "Apps", "Notifications", "Battery", "Display",
                      "Sound & vibration", "Storage", "Security", "Location", "Accessibility", "System",
                      "About phone"]
    device.tap(find(device, desc="Search settings"))
    assert device.screen_kind() == "settings.search" and state(device)["search"]["open"]
    device.set_text(find(device, rid="search_src_text"), "dark")
    assert texts(device, "search_result_title") == ["Dark theme"]
    assert texts(device, "search_result_breadcrumb") == ["Display"]
    device.tap(find(device, text="Dark theme"))
    assert device.screen_kind() == "settings.display"
    device.back()
    device.set_text(find(device, rid="search_src_text"), "spot")
    device.tap(find(device, text="Spotify"))
    assert device.screen_kind() == "settings.app_info" and find(device, rid="app_info_title").text == "Spotify"
    device.back()
    device.set_text(find(device, rid="search_src_text"), "zzz")
    assert texts(device, "no_results") == ["No results"]


def test_wifi_switch_networks_password_and_adding_a_network(device):
    open_category(device, "Network & internet")
    assert find(device, rid="wifi_settings").text == "Home-5G"
    device.tap(find(device, text="Wi-Fi"))
    assert device.screen_kind() == "settings.wifi"
    assert texts(device, "wifi_network_name") == ["Home-5G", "NETGEAR-7F2A", "Starbucks WiFi", "xfinitywifi",
                                                  "DIRECT-4B-HP OfficeJet"]
    assert texts(device, "wifi_network_status")[:3] == ["Connected", "Secured", "Open"]
    device.tap(find(device, text="Use Wi-Fi"))
    assert state(device)["network"] == {**fresh_snapshot("settings")["network"], "wifi": False, "connected": ""}
    assert texts(device, "wifi_empty_text") == ["To see available networks, turn Wi-Fi on."]
    device.tap(find(device, text="Use Wi-Fi"))
    assert state(device)["network"]["connected"] == "Home-5G"  # back on the saved network
    device.tap(row(device, "wifi_network", "Starbucks WiFi"))  # an open network joins at once
    assert state(device)["network"]["connected"] == "Starbucks WiFi"
    assert texts(device, "wifi_network_name")[0] == "Starbucks WiFi"  # the connected one leads
    device.tap(row(device, "wifi_network", "NETGEAR-7F2A"))
    assert device.screen_kind() == "settings.wifi_password_dialog"
    device.set_text(find(device, rid="wifi_password_edit"), "short")
    device.tap(find(device, text="Connect"))
    assert texts(device, "dialog_error") == ["Password must have at least 8 characters"]
    device.set_text(find(device, rid="wifi_password_edit"), "blue-falcon-27")
    device.tap(find(device, text="Connect"))
    assert device.screen_kind() == "settings.wifi"
    networks = {n["name"]: n for n in state(device)["networks"]}
    assert state(device)["network"]["connected"] == "NETGEAR-7F2A"
    assert networks["NETGEAR-7F2A"]["saved"] and networks["NETGEAR-7F2A"]["password"] == "blue-falcon-27"
    device.tap(find(device, text="Add network"))
    assert device.screen_kind() == "settings.add_network_dialog"
    assert not find(device, text="Save").enabled  # no name yet
    device.set_text(find(device, rid="ssid"), "Lake House")
    device.set_text(find(device, rid="password"), "loon")
    assert not find(device, text="Save").enabled  # too short for WPA2
    device.set_text(find(device, rid="password"), "loon-call-1987")
    device.tap(find(device, text="Save"))
    lake = next(n for n in state(device)["networks"] if n["name"] == "Lake House")
    assert lake == {"name": "Lake House", "saved": True, "in_range": False, "secured": True,
                    "password": "loon-call-1987", "auto_connect": True}
    assert find(device, rid="saved_networks").text == "8 networks"  # 5 seeded, Starbucks, NETGEAR, Lake House


def test_network_details_disconnect_and_forget_with_a_confirmation(device):
    open_category(device, "Network & internet")
    device.tap(find(device, text="Wi-Fi"))
    device.tap(row(device, "wifi_network", "Home-5G"))
    assert device.screen_kind() == "settings.network_details"
    assert find(device, rid="wifi_details_summary").text == "Connected"
    assert not find(device, text="Connect").enabled
    device.tap(find(device, text="Disconnect"))
    assert state(device)["network"]["connected"] == "" and state(device)["network"]["wifi"]
    device.tap(find(device, text="Connect"))
    assert state(device)["network"]["connected"] == "Home-5G"
    device.back()
    device.tap(find(device, text="Saved networks"))
    assert texts(device, "wifi_network_name") == ["Airport_Free_WiFi", "Grandma's House", "Home-5G", "Mom's iPhone",
                                                  "Office-Corp"]
    device.tap(row(device, "wifi_network", "Grandma's House"))
    assert not find(device, text="Connect").enabled  # out of range
    device.tap(find(device, text="Forget"))
    assert device.screen_kind() == "settings.forget_network_dialog"
    device.tap(find(device, text="Cancel"))
    assert "Grandma's House" in [n["name"] for n in state(device)["networks"]]
    device.tap(find(device, text="Forget"))
    device.tap(find(device, text="Forget", cls="android.widget.Button"))
    assert device.screen_kind() == "settings.saved_networks"
    assert "Grandma's House" not in [n["name"] for n in state(device)["networks"]]  # gone: not in range either


def test_bluetooth_pairing_details_rename_and_forget(device):
    open_category(device, "Connected devices")
    assert texts(device, "bt_device_name") == ["Galaxy Buds2", "JBL Flip 5", "Toyota Corolla", "Sony WH-1000XM4"]
    device.tap(find(device, text="Pair new device"))
    assert texts(device, "bt_device_name") == ["Bose QC45", "Beats Studio Buds", "Anker Soundcore 2"]
    device.tap(row(device, "bt_device", "Bose QC45"))
    assert device.screen_kind() == "settings.pair_dialog"
    device.tap(find(device, text="Pair"))
    assert device.screen_kind() == "settings.connected_devices"
    devices = {d["name"]: d for d in state(device)["devices"]}
    assert devices["Bose QC45"]["paired"] and devices["Bose QC45"]["connected"]
    device.tap(row(device, "bt_device", "Toyota Corolla"))
    assert device.screen_kind() == "settings.device_details"
    device.tap(find(device, desc="Rename"))
    device.set_text(find(device, rid="rename_device_dialog_edit"), "  ")
    device.tap(find(device, text="Rename"))
    assert texts(device, "dialog_error") == ["Enter a device name"]
    device.set_text(find(device, rid="rename_device_dialog_edit"), "Old Car")
    device.tap(find(device, text="Rename"))
    assert find(device, rid="bt_details_title").text == "Old Car"
    device.tap(find(device, text="Connect"))
    assert {d["name"]: d for d in state(device)["devices"]}["Old Car"]["connected"]
    device.tap(find(device, text="Forget"))
    device.tap(find(device, text="Forget device"))
    assert device.screen_kind() == "settings.connected_devices"
    assert "Old Car" not in texts(device, "bt_device_name")
    device.tap(find(device, text="Bluetooth"))  # off: every device disconnects
    assert not state(device)["bluetooth"]["enabled"]
    assert not any(d["connected"] for d in state(device)["devices"])


def test_app_info_force_stop_disable_notifications_and_storage(device):
    open_category(device, "Apps")
    device.tap(find(device, text="See all 17 apps"))
    device.tap(row(device, "app_row", "Instagram"))
    assert device.screen_kind() == "settings.app_info"
    assert find(device, text="Uninstall").enabled and not find(device, text="Disable").enabled  # a user app
    device.tap(find(device, text="Force stop"))
    device.tap(find(device, text="Cancel"))
    assert {a["name"]: a for a in state(device)["apps"]}["Instagram"]["running"]
    device.tap(find(device, text="Force stop"))
    device.tap(find(device, text="OK"))
    assert not {a["name"]: a for a in state(device)["apps"]}["Instagram"]["running"]
    assert not find(device, text="Force stop").enabled
    device.tap(find(device, text="Notifications"))
    device.tap(find(device, text="App battery usage"))
    device.tap(find(device, text="Restricted"))
    device.tap(find(device, text="OK"))
    instagram = {a["name"]: a for a in state(device)["apps"]}["Instagram"]
    assert not instagram["notifications"] and instagram["battery"] == "Restricted"
    device.tap(find(device, text="Storage & cache"))
    device.tap(find(device, text="Clear cache"))
    device.tap(find(device, text="Clear storage"))
    assert device.screen_kind() == "settings.clear_storage_dialog"
    device.tap(find(device, text="Delete"))
    instagram = {a["name"]: a for a in state(device)["apps"]}["Instagram"]
    assert instagram["cache_mb"] == 0 and instagram["data_mb"] == 0
    device.back()
    device.tap(find(device, text="Uninstall"))
    device.tap(find(device, text="OK"))
    assert device.screen_kind() == "settings.all_apps"
    assert "Instagram" not in [a["name"] for a in state(device)["apps"]]


def test_a_system_app_is_disabled_with_a_confirmation_and_enabled_again(device):
    open_category(device, "Apps")
    device.tap(row(device, "app_row", "Chrome"))
    assert not find(device, text="Uninstall").enabled
    device.tap(find(device, text="Disable"))
    device.tap(find(device, text="Disable app"))
    chrome = {a["name"]: a for a in state(device)["apps"]}["Chrome"]
    assert not chrome["enabled"] and not chrome["running"]
    assert find(device, rid="app_info_summary").text == "Disabled"
    assert not find(device, text="Notifications").enabled
    device.tap(find(device, text="Enable"))  # no confirmation to turn it back on
    assert {a["name"]: a for a in state(device)["apps"]}["Chrome"]["enabled"]


def test_display_levels_stop_at_their_ends_and_a_cancelled_dialog_changes_nothing(device):
    open_category(device, "Display")
    for _ in range(2):
        device.tap(find(device, desc="Increase brightness level"))
    assert state(device)["display"]["brightness"] == "100%"
    assert not find(device, desc="Increase brightness level").enabled
    device.tap(find(device, text="Screen timeout"))
    device.tap(find(device, text="10 minutes"))
    device.tap(find(device, text="Cancel"))
    assert state(device)["display"]["screen_timeout"] == "30 seconds"
    device.tap(find(device, text="Screen timeout"))
    device.tap(find(device, text="10 minutes"))
    device.tap(find(device, text="OK"))
    assert state(device)["display"]["screen_timeout"] == "10 minutes"
    assert find(device, rid="screen_timeout").text == "10 minutes"


def test_24_hour_format_needs_the_locale_default_off_and_a_picked_zone_is_manual(device):
    open_category(device, "System")
    device.tap(find(device, text="Date & time"))
    assert not find(device, text="Use 24-hour format").enabled
    device.tap(find(device, text="Use locale default"))
    device.tap(find(device, text="Use 24-hour format"))
    assert state(device)["system"]["use_24h"] and find(device, rid="time").text == "22:30"
    device.tap(find(device, text="Use locale default"))  # the locale's 12-hour clock wins again
    assert not state(device)["system"]["use_24h"]
    device.tap(find(device, text="Time zone"))
    device.tap(find(device, text="Tokyo (GMT+09:00)"))
    device.tap(find(device, text="OK"))
    system = state(device)["system"]
    assert system["time_zone"] == "Tokyo (GMT+09:00)" and not system["auto_time_zone"]


def test_languages_are_added_once_at_the_end(device):
    open_category(device, "System")
    device.tap(find(device, text="Languages"))
    device.tap(find(device, text="Add a language"))
    device.tap(row(device, "locale_row", "Français (France)"))
    assert device.screen_kind() == "settings.languages"
    assert texts(device, "locale_name") == ["English (United States)", "Français (France)"]
    device.tap(find(device, text="Add a language"))
    assert "Français (France)" not in texts(device, "locale_name")
    assert state(device)["system"]["languages"] == ["English (United States)", "Français (France)"]


def test_reset_options_forget_networks_and_devices_or_erase_everything(device):
    open_category(device, "System")
    device.tap(find(device, text="Reset options"))
    device.tap(find(device, text="Reset Wi-Fi, mobile & Bluetooth"))
    device.tap(find(device, text="Reset settings"))
    now = state(device)
    assert not any(n["saved"] for n in now["networks"]) and now["network"]["connected"] == ""
    assert not any(d["paired"] for d in now["devices"])
    device.tap(find(device, text="Erase all data (factory reset)"))
    device.tap(find(device, text="Erase all data", cls="android.widget.Button"))
    assert device.screen_kind() == "settings.main" and state(device) == fresh_snapshot("settings")


def test_the_device_name_shows_on_about_the_home_screen_and_pairing(device):
    open_category(device, "About phone")
    device.tap(find(device, text="Device name"))
    device.set_text(find(device, rid="device_name_dialog_edit"), "")
    device.tap(find(device, text="OK"))
    assert texts(device, "dialog_error") == ["Enter a device name"]
    device.set_text(find(device, rid="device_name_dialog_edit"), "Alex's Pixel")
    device.tap(find(device, text="OK"))
    assert state(device)["about"]["device_name"] == "Alex's Pixel"
    device.back()
    assert find(device, rid="top_level_about_device_summary").text == "Alex's Pixel"
    open_category(device, "Connected devices")
    assert find(device, rid="bluetooth_switch_summary").text == "Visible as Alex's Pixel to nearby devices"
