"""System (languages, date & time, reset options) and About phone (the device name)."""

from __future__ import annotations

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import (
    BODY, CONTENT, RECYCLER, VIEW_GROUP, ScrollState, link_row, scroll_list, section_label, switch_row, toolbar,
    value_row,
)
from autodroid.device.sim.pages import ChoiceDialog
from autodroid.device.sim.settings.common import DATA_ROW, PrefPage, data_list, info_row, two_line_row
from autodroid.device.sim.settings.data import LANGUAGES, TIME_ZONES
from autodroid.device.sim.widgets import View, layout


class SystemPage(PrefPage):
    kind = "settings.system"
    title = "System"

    def rows(self):
        data = self.app.data
        return [
            value_row("Languages", data.languages[0], lambda: self.app.push(LanguagesPage(self.app)),
                      "language_settings"),
            value_row("Date & time", TIME_ZONES[data.time_zone], lambda: self.app.push(DateTimePage(self.app)),
                      "date_time_settings"),
            info_row("System update", "Updated to Android 14", "system_update_settings"),
            link_row("Reset options", lambda: self.app.push(ResetOptionsPage(self.app)), "reset_dashboard"),
        ]


class LanguagesPage(PrefPage):
    kind = "settings.languages"
    title = "Languages"

    def rows(self):
        languages = self.app.data.languages
        return [
            section_label("Preferred languages", "preferred_languages_label"),
            data_list("languages_list", [
                two_line_row(language, "System language" if i == 0 else f"Preference {i + 1}", None, rid="locale_row",
                             title_rid="locale_name", summary_rid="locale_summary")
                for i, language in enumerate(languages)]),
            link_row("Add a language", lambda: self.app.push(AddLanguagePage(self.app)), "add_language"),
        ]


class AddLanguagePage(Page):
    kind = "settings.add_language"

    def __init__(self, app):
        super().__init__(app)
        self.scroll = ScrollState()

    def build(self) -> list[View | None]:
        added = self.app.data.languages
        rows = [(DATA_ROW, two_line_row(language, "", lambda language=language: self._add(language), rid="locale_row",
                                        title_rid="locale_name", summary_rid="locale_summary"))
                for language in LANGUAGES if language not in added]
        bar = toolbar("Add a language", rid="action_bar", up=self.close)
        body = scroll_list(RECYCLER, "locale_list", BODY, rows, self.scroll)
        return [layout(VIEW_GROUP, CONTENT, body, bar, rid="settings_main_pane")]

    def _add(self, language: str) -> None:
        self.app.data.add_language(language)
        self.close()


class DateTimePage(PrefPage):
    kind = "settings.date_time"
    title = "Date & time"

    def rows(self):
        data = self.app.data
        clock = "22:30" if data.effective_24h() else "10:30 PM"
        return [
            switch_row("Set time automatically", data.auto_time, self.toggle("auto_time"), "auto_date_time"),
            info_row("Date", "March 4, 2024", "date"),
            info_row("Time", clock, "time"),
            section_label("Time zone", "time_zone_label"),
            switch_row("Set time zone automatically", data.auto_time_zone, self.toggle("auto_time_zone"), "auto_zone"),
            value_row("Time zone", TIME_ZONES[data.time_zone], self._pick_zone, "timezone"),
            section_label("Time format", "time_format_label"),
            switch_row("Use locale default", data.locale_time_format, self.toggle("locale_time_format"),
                       "auto_24hour", summary="10:30 PM"),
            switch_row("Use 24-hour format", data.effective_24h(), self.toggle("use_24h"), "24_hour",
                       summary="22:30", enabled=not data.locale_time_format),
        ]


    def _pick_zone(self) -> None:
        """A zone picked by hand turns the automatic time zone off."""
        data = self.app.data

        def chosen(index: int) -> None:
            data.time_zone, data.auto_time_zone = index, False
        self.app.push(ChoiceDialog(self.app, "settings.time_zone_dialog", "Time zone", TIME_ZONES, data.time_zone,
                                   chosen, rid="time_zone_dialog_radio_group"))


class ResetOptionsPage(PrefPage):
    kind = "settings.reset_options"
    title = "Reset options"

    def rows(self):
        data = self.app.data
        return [
            link_row("Reset Wi-Fi, mobile & Bluetooth", self.confirm(
                "reset_network_dialog", "Reset Wi-Fi, mobile & Bluetooth?",
                "This will forget every saved Wi-Fi network and unpair every Bluetooth device.", "Reset settings",
                data.reset_network), "network_reset_pref"),
            link_row("Reset app preferences", self.confirm(
                "reset_app_preferences_dialog", "Reset app preferences?",
                "This will turn every app's notifications back on, enable disabled apps and reset the default apps.",
                "Reset apps", data.reset_app_preferences), "reset_app_prefs"),
            link_row("Erase all data (factory reset)", self.confirm(
                "factory_reset_dialog", "Erase all data?",
                "All your personal information and downloaded apps will be deleted.", "Erase all data",
                self.app.factory_reset), "factory_reset"),
        ]


class AboutPhonePage(PrefPage):
    kind = "settings.about"
    title = "About phone"

    def rows(self):
        data = self.app.data
        return [
            value_row("Device name", data.device_name, self.app.ask_device_name, "device_name"),
            info_row("Phone number", "(650) 555-0147", "phone_number"),
            info_row("Model", "Pixel 7", "device_model"),
            info_row("Android version", "14", "firmware_version"),
            info_row("IP address", "192.168.1.23" if data.wifi and data.connected else "Unavailable",
                     "wifi_ip_address"),
            info_row("Wi-Fi MAC address", "a4:c1:38:5e:0b:77", "wifi_mac_address"),
            info_row("Build number", "UQ1A.240205.004", "build_number"),
        ]
