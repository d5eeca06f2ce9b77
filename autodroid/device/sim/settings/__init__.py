"""``sim:settings``: the phone's system Settings app (modelled on AOSP Settings, Android 14): a home screen of
categories with a settings search, Network & internet (Wi-Fi with its networks, network details, forget with a
confirmation, joining with a password, adding a network; mobile data, airplane mode, the hotspot's name and
password, Data Saver), Connected devices (saved Bluetooth devices: connect, details, rename, forget; pairing a
new device; Bluetooth and NFC), Apps (recent and all apps, app info: uninstall, disable / enable, force stop,
notifications, battery usage, storage & cache; default browser and SMS apps), Notifications, Battery (Battery
Saver, percentage), Display, Sound & vibration, Storage, Security, Location, Accessibility, System (languages,
date & time, reset options) and About phone (the device name)."""

from __future__ import annotations

from autodroid.device.sim.app import Page, SimApp
from autodroid.device.sim.pages import TextInputDialog
from autodroid.device.sim.settings.apps import AllAppsPage, AppInfoPage, AppsPage, DefaultAppsPage
from autodroid.device.sim.settings.categories import (
    AccessibilityPage, BatteryPage, DisplayPage, LocationPage, LocationServicesPage, NotificationsPage, SecurityPage,
    SoundPage, StoragePage,
)
from autodroid.device.sim.settings.data import InstalledApp, SettingsData
from autodroid.device.sim.settings.devices import ConnectedDevicesPage, PairDevicePage
from autodroid.device.sim.settings.main import MainPage, SearchPage
from autodroid.device.sim.settings.network import HotspotPage, NetworkPage, SavedNetworksPage, WifiPage
from autodroid.device.sim.settings.system import (
    AboutPhonePage, DateTimePage, LanguagesPage, ResetOptionsPage, SystemPage,
)

PAGES = {
    "network": NetworkPage, "wifi": WifiPage, "saved_networks": SavedNetworksPage, "hotspot": HotspotPage,
    "connected_devices": ConnectedDevicesPage, "pair_device": PairDevicePage,
    "apps": AppsPage, "all_apps": AllAppsPage, "default_apps": DefaultAppsPage,
    "notifications": NotificationsPage, "battery": BatteryPage,
    "display": DisplayPage, "sound": SoundPage, "storage": StoragePage, "security": SecurityPage,
    "location": LocationPage, "location_services": LocationServicesPage, "accessibility": AccessibilityPage,
    "system": SystemPage, "languages": LanguagesPage, "date_time": DateTimePage, "reset_options": ResetOptionsPage,
    "about": AboutPhonePage,
}


class SettingsApp(SimApp):
    name = "settings"
    package = "org.autodroid.settings"
    label = "Settings"

    def seed(self) -> None:
        self.data = SettingsData.seeded()

    def root_page(self) -> Page:
        return MainPage(self)

    def open_page(self, page: str) -> None:
        self.push(PAGES[page](self))

    def open_search(self) -> None:
        self.push(SearchPage(self))

    def open_app_info(self, app: InstalledApp) -> None:
        self.push(AppInfoPage(self, app))

    def open_pairing(self) -> None:
        """Pair new device turns Bluetooth on, as the phone does."""
        self.data.set_bluetooth(True)
        self.push(PairDevicePage(self))

    def ask_device_name(self) -> None:
        """The phone's name (About phone and Bluetooth show the same one)."""
        def ok(text: str) -> str | None:
            name = text.strip()
            if not name:
                return "Enter a device name"
            self.data.device_name = name
            return None
        self.push(TextInputDialog(self, "settings.device_name_dialog", "Device name", self.data.device_name, ok,
                                  rid="device_name_dialog_edit"))

    def factory_reset(self) -> None:
        self.seed()
        self.restart()
