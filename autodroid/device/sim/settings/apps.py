"""Apps: recently opened apps, all apps, an app's info (uninstall, disable / enable, force stop, notifications,
battery usage, storage & cache with clear storage / clear cache) and the default browser and SMS apps."""

from __future__ import annotations

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import (
    BODY, CONTENT, RECYCLER, VIEW_GROUP, ScrollState, link_row, scroll_list, section_label, switch_row, toolbar,
    value_row,
)
from autodroid.device.sim.settings.common import (
    DATA_ROW, PrefPage, button_bar, data_list, entity_header, info_row, two_line_row,
)
from autodroid.device.sim.settings.data import APP_BATTERY, BROWSERS, SMS_APPS, InstalledApp, size
from autodroid.device.sim.widgets import View, layout

RECENT_TIMES = ("2 min. ago", "1 hr. ago", "3 hr. ago")


class AppsPage(PrefPage):
    kind = "settings.apps"
    title = "Apps"

    def rows(self):
        data = self.app.data
        recent = data.recent_apps()
        rows = [section_label("Recently opened apps", "recent_apps_label")]
        if recent:
            rows.append(data_list("recent_apps_list", [
                two_line_row(a.name, RECENT_TIMES[i], lambda a=a: self.app.open_app_info(a), rid="app_row",
                             title_rid="app_name", summary_rid="app_summary") for i, a in enumerate(recent)]))
        rows += [
            link_row(f"See all {len(data.apps)} apps", lambda: self.app.push(AllAppsPage(self.app)), "see_all_apps"),
            value_row("Default apps", f"{BROWSERS[data.browser]} and {SMS_APPS[data.sms_app]}",
                      lambda: self.app.push(DefaultAppsPage(self.app)), "default_apps"),
        ]
        return rows


class AllAppsPage(Page):
    kind = "settings.all_apps"

    def __init__(self, app):
        super().__init__(app)
        self.scroll = ScrollState()

    def build(self) -> list[View | None]:
        apps = sorted(self.app.data.apps, key=lambda a: a.name.casefold())
        rows = [(DATA_ROW, two_line_row(a.name, size(a.total_mb) if a.enabled else "Disabled",
                                        lambda a=a: self.app.open_app_info(a), rid="app_row", title_rid="app_name",
                                        summary_rid="app_summary")) for a in apps]
        bar = toolbar("All apps", rid="action_bar", up=self.close)
        body = scroll_list(RECYCLER, "apps_list", BODY, rows, self.scroll)
        return [layout(VIEW_GROUP, CONTENT, body, bar, rid="settings_main_pane")]


class AppInfoPage(PrefPage):
    kind = "settings.app_info"
    title = "App info"

    def __init__(self, app, target: InstalledApp):
        super().__init__(app)
        self.target = target

    def rows(self):
        target = self.target
        return [
            entity_header("app_info", target.name, "Installed" if target.enabled else "Disabled"),
            button_bar(("Uninstall", "uninstall_button", not target.system, self._uninstall),
                       ("Enable" if not target.enabled else "Disable", "disable_button", target.system, self._disable),
                       ("Force stop", "force_stop_button", target.running, self._force_stop)),
            switch_row("Notifications", target.notifications and target.enabled,
                       self.toggle("notifications", target=target), "notification_settings",
                       summary="On" if target.notifications and target.enabled else "Off", enabled=target.enabled),
            value_row("Storage & cache", f"{size(target.total_mb)} used in internal storage",
                      lambda: self.app.push(AppStoragePage(self.app, target)), "storage_settings"),
            value_row("App battery usage", APP_BATTERY[target.battery],
                      self.choose("battery", "app_battery_usage_dialog", "App battery usage", APP_BATTERY,
                                  target=target), "app_battery_usage"),
            info_row("Version", target.version, "app_version"),
        ]

    def _uninstall(self) -> None:
        def uninstall() -> None:
            self.app.data.uninstall(self.target)
            self.close()
        self.confirm("uninstall_dialog", self.target.name, "Do you want to uninstall this app?", "OK", uninstall)()

    def _disable(self) -> None:
        target = self.target
        if not target.enabled:
            target.enabled = True
            return

        def disable() -> None:
            target.enabled, target.running = False, False
        self.confirm("disable_dialog", "Disable app?",
                     "If you disable this app, Android and other apps may no longer function as intended.",
                     "Disable app", disable)()

    def _force_stop(self) -> None:
        self.confirm("force_stop_dialog", "Force stop?", "If you force stop an app, it may misbehave.", "OK",
                     lambda: setattr(self.target, "running", False))()


class AppStoragePage(PrefPage):
    kind = "settings.app_storage"
    title = "Storage & cache"

    def __init__(self, app, target: InstalledApp):
        super().__init__(app)
        self.target = target

    def rows(self):
        target = self.target
        return [
            entity_header("app_storage", target.name, f"{size(target.total_mb)} used"),
            button_bar(("Clear storage", "clear_storage_button", target.data_mb + target.cache_mb > 0,
                        self._clear_storage),
                       ("Clear cache", "clear_cache_button", target.cache_mb > 0, self._clear_cache)),
            info_row("App size", size(target.app_mb), "app_size"),
            info_row("User data", size(target.data_mb), "data_size"),
            info_row("Cache", size(target.cache_mb), "cache_size"),
            info_row("Total", size(target.total_mb), "total_size"),
        ]

    def _clear_cache(self) -> None:
        self.target.cache_mb = 0

    def _clear_storage(self) -> None:
        def clear() -> None:
            self.target.data_mb = self.target.cache_mb = 0
        self.confirm("clear_storage_dialog", "Delete app data?",
                     "All this app's data will be deleted permanently. This includes all files, settings, accounts, "
                     "databases, etc.", "Delete", clear)()


class DefaultAppsPage(PrefPage):
    kind = "settings.default_apps"
    title = "Default apps"

    def rows(self):
        data = self.app.data
        return [
            value_row("Browser app", BROWSERS[data.browser],
                      self.choose("browser", "browser_app_dialog", "Browser app", BROWSERS), "default_browser"),
            value_row("SMS app", SMS_APPS[data.sms_app],
                      self.choose("sms_app", "sms_app_dialog", "SMS app", SMS_APPS), "default_sms_app"),
            info_row("Phone app", "Phone", "default_phone_app"),
            info_row("Home app", "Pixel Launcher", "default_home"),
        ]
