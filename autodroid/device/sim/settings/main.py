"""The Settings home screen (the categories, each with its summary) and the settings search (a field that
lists the matching settings and apps; a result opens the page that holds it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import BODY, CONTENT, RECYCLER, VIEW_GROUP, Action, ScrollState, scroll_list, toolbar
from autodroid.device.sim.settings.common import DATA_ROW, two_line_row
from autodroid.device.sim.widgets import Rect, View, edit_text, layout, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.settings import SettingsApp

# title, summary (None: computed), page, resource id (AOSP's top-level preference keys)
CATEGORIES = (
    ("Network & internet", "Mobile, Wi-Fi, hotspot", "network", "top_level_network"),
    ("Connected devices", "Bluetooth, pairing", "connected_devices", "top_level_connected_devices"),
    ("Apps", "Recent apps, default apps", "apps", "top_level_apps"),
    ("Notifications", "Notification history, conversations", "notifications", "top_level_notifications"),
    ("Battery", "Battery Saver, battery percentage", "battery", "top_level_battery"),
    ("Display", "Dark theme, font size, brightness", "display", "top_level_display"),
    ("Sound & vibration", "Volume, haptics, Do Not Disturb", "sound", "top_level_sound"),
    ("Storage", "42% used - 74.1 GB free", "storage", "top_level_storage"),
    ("Security", "Screen lock, Find My Device, app security", "security", "top_level_security"),
    ("Location", "Location access, recent requests", "location", "top_level_location"),
    ("Accessibility", "Display, interaction, audio", "accessibility", "top_level_accessibility"),
    ("System", "Languages, gestures, time, backup", "system", "top_level_system"),
    ("About phone", None, "about", "top_level_about_device"),
)

# what the search finds: title, where it is (breadcrumb), the page that shows it
SEARCH_INDEX = (
    ("Wi-Fi", "Network & internet", "wifi"),
    ("Saved networks", "Network & internet > Wi-Fi", "saved_networks"),
    ("Mobile data", "Network & internet", "network"),
    ("Airplane mode", "Network & internet", "network"),
    ("Hotspot & tethering", "Network & internet", "hotspot"),
    ("Data Saver", "Network & internet", "network"),
    ("Hotspot name", "Network & internet > Hotspot & tethering", "hotspot"),
    ("Pair new device", "Connected devices", "pair_device"),
    ("Bluetooth", "Connected devices", "connected_devices"),
    ("All apps", "Apps", "all_apps"),
    ("Default apps", "Apps", "default_apps"),
    ("Notification history", "Notifications", "notifications"),
    ("Notifications on lock screen", "Notifications", "notifications"),
    ("Notification dot on app icon", "Notifications", "notifications"),
    ("Battery Saver", "Battery", "battery"),
    ("Battery percentage", "Battery", "battery"),
    ("Brightness level", "Display", "display"),
    ("Adaptive brightness", "Display", "display"),
    ("Screen timeout", "Display", "display"),
    ("Dark theme", "Display", "display"),
    ("Font size", "Display", "display"),
    ("Night Light", "Display", "display"),
    ("Auto-rotate screen", "Display", "display"),
    ("Media volume", "Sound & vibration", "sound"),
    ("Ring volume", "Sound & vibration", "sound"),
    ("Alarm volume", "Sound & vibration", "sound"),
    ("Do Not Disturb", "Sound & vibration", "sound"),
    ("Vibrate for calls", "Sound & vibration", "sound"),
    ("Phone ringtone", "Sound & vibration", "sound"),
    ("Find My Device", "Security", "security"),
    ("Show passwords", "Security", "security"),
    ("Use location", "Location", "location"),
    ("Wi-Fi scanning", "Location > Location services", "location_services"),
    ("Bluetooth scanning", "Location > Location services", "location_services"),
    ("Bold text", "Accessibility", "accessibility"),
    ("Color inversion", "Accessibility", "accessibility"),
    ("Extra dim", "Accessibility", "accessibility"),
    ("Remove animations", "Accessibility", "accessibility"),
    ("Languages", "System", "languages"),
    ("Date & time", "System", "date_time"),
    ("Time zone", "System > Date & time", "date_time"),
    ("Use 24-hour format", "System > Date & time", "date_time"),
    ("Reset options", "System", "reset_options"),
    ("Device name", "About phone", "about"),
    ("Build number", "About phone", "about"),
)


def category_row(title: str, summary: str, on_tap, rid: str):
    """A home screen row: the category over its summary (a compact two-line preference, all 13 fit)."""
    def build(rect: Rect) -> View:
        return layout("LinearLayout", rect,
                      text_view(title, Rect(rect.left + 63, rect.top + 18, rect.right - 63, rect.top + 84),
                                rid=f"{rid}_title"),
                      text_view(summary, Rect(rect.left + 63, rect.top + 87, rect.right - 63, rect.top + 135),
                                rid=f"{rid}_summary"),
                      rid=rid, clickable=True, focusable=True, on_tap=on_tap)
    return 150, build


class MainPage(Page):
    kind = "settings.main"
    app: "SettingsApp"

    def __init__(self, app: "SettingsApp"):
        super().__init__(app)
        self.scroll = ScrollState()

    def build(self) -> list[View | None]:
        rows = [category_row(title, summary if summary is not None else self.app.data.device_name,
                             lambda page=page: self.app.open_page(page), rid)
                for title, summary, page, rid in CATEGORIES]
        bar = toolbar("Settings", rid="action_bar",
                      actions=[Action("Search settings", "search_action_bar", self.app.open_search)])
        body = scroll_list(RECYCLER, "recycler_view", BODY, rows, self.scroll)
        return [layout(VIEW_GROUP, CONTENT, body, bar, rid="settings_homepage_container")]


class SearchPage(Page):
    kind = "settings.search"
    app: "SettingsApp"

    def __init__(self, app: "SettingsApp"):
        super().__init__(app)
        self.query = ""
        self.focus = "search_src_text"
        self.scroll = ScrollState()

    def results(self) -> list[tuple[str, str, object]]:
        needle = " ".join(self.query.split()).casefold()
        if not needle:
            return []
        found = [(title, where, lambda page=page: self.app.open_page(page))
                 for title, where, page in SEARCH_INDEX if needle in title.casefold()]
        found += [(a.name, "Apps > All apps", lambda a=a: self.app.open_app_info(a))
                  for a in sorted(self.app.data.apps, key=lambda a: a.name.casefold()) if needle in a.name.casefold()]
        return found

    def build(self) -> list[View | None]:
        bar = toolbar("", rid="search_toolbar", up=self.close,
                      title_view=lambda rect: edit_text(self.query, rect.inset(0, 21), self._type,
                                                        rid="search_src_text", hint="Search settings"))
        results = self.results()
        if results:
            rows = [(DATA_ROW, two_line_row(title, where, on_tap, rid="search_result", title_rid="search_result_title",
                                            summary_rid="search_result_breadcrumb"))
                    for title, where, on_tap in results]
            body = scroll_list(RECYCLER, "search_results", BODY, rows, self.scroll)
        elif self.query.strip():
            body = text_view("No results", BODY.inset(63).band(400, 84), rid="no_results")
        else:
            body = None
        return [layout(VIEW_GROUP, CONTENT, body, bar, rid="search_panel")]

    def _type(self, text: str) -> None:
        self.query = text
        self.scroll.offset = 0
