"""The one-page categories: Notifications, Battery, Display, Sound & vibration, Storage, Security, Location (and
location services) and Accessibility."""

from __future__ import annotations

from autodroid.device.sim.chrome import section_label, switch_row, value_row
from autodroid.device.sim.settings.common import PrefPage, info_row, level_row, message_row
from autodroid.device.sim.settings.data import (
    BRIGHTNESS, FONT_SIZES, LOCK_SCREEN, MEDIA_MB, RINGTONES, SCREEN_TIMEOUTS, STORAGE_TOTAL_GB,
    VOLUMES, size,
)

class NotificationsPage(PrefPage):
    kind = "settings.notifications"
    title = "Notifications"

    def rows(self):
        data = self.app.data
        return [
            switch_row("Notification history", data.notification_history, self.toggle("notification_history"),
                       "notification_history", summary="Show recent and snoozed notifications"),
            section_label("Privacy", "privacy_label"),
            value_row("Notifications on lock screen", LOCK_SCREEN[data.lock_screen],
                      self.choose("lock_screen", "lock_screen_notifications_dialog", "Notifications on lock screen",
                                  LOCK_SCREEN), "lock_screen_notifications"),
            section_label("General", "general_label"),
            switch_row("Notification dot on app icon", data.notification_dots, self.toggle("notification_dots"),
                       "notification_badging"),
        ]


class BatteryPage(PrefPage):
    kind = "settings.battery"
    title = "Battery"

    def rows(self):
        data = self.app.data
        return [
            message_row(f"{data.battery_level}% - About 1 day left", "battery_header"),
            switch_row("Battery Saver", data.battery_saver, self.toggle("battery_saver"), "battery_saver",
                       summary="Turns on Dark theme and limits background activity"),
            switch_row("Battery percentage", data.battery_percentage, self.toggle("battery_percentage"),
                       "battery_percentage", summary="Show battery percentage in status bar"),
        ]


class DisplayPage(PrefPage):
    kind = "settings.display"
    title = "Display"

    def rows(self):
        data = self.app.data
        return [
            level_row("Brightness level", BRIGHTNESS, data, "brightness", "brightness"),
            switch_row("Adaptive brightness", data.adaptive_brightness, self.toggle("adaptive_brightness"),
                       "auto_brightness", summary="Adjust brightness to your surroundings"),
            section_label("Lock display", "lock_display_label"),
            value_row("Screen timeout", SCREEN_TIMEOUTS[data.screen_timeout],
                      self.choose("screen_timeout", "screen_timeout_dialog", "Screen timeout", SCREEN_TIMEOUTS),
                      "screen_timeout"),
            section_label("Appearance", "appearance_label"),
            switch_row("Dark theme", data.dark_theme, self.toggle("dark_theme"), "dark_ui_mode"),
            value_row("Font size", FONT_SIZES[data.font_size],
                      self.choose("font_size", "font_size_dialog", "Font size", FONT_SIZES), "font_size"),
            section_label("Color", "color_label"),
            switch_row("Night Light", data.night_light, self.toggle("night_light"), "night_display",
                       summary="Tint your screen amber"),
            section_label("Other display controls", "other_display_label"),
            switch_row("Auto-rotate screen", data.auto_rotate, self.toggle("auto_rotate"), "auto_rotate"),
        ]


class SoundPage(PrefPage):
    kind = "settings.sound"
    title = "Sound & vibration"

    def rows(self):
        data = self.app.data
        return [
            level_row("Media volume", VOLUMES, data, "media_volume", "media_volume"),
            level_row("Ring volume", VOLUMES, data, "ring_volume", "ring_volume"),
            level_row("Alarm volume", VOLUMES, data, "alarm_volume", "alarm_volume"),
            switch_row("Do Not Disturb", data.do_not_disturb, self.toggle("do_not_disturb"), "zen_mode",
                       summary="Only get notified by important people and apps"),
            switch_row("Vibrate for calls", data.vibrate_for_calls, self.toggle("vibrate_for_calls"),
                       "vibrate_for_calls"),
            value_row("Phone ringtone", RINGTONES[data.ringtone],
                      self.choose("ringtone", "phone_ringtone_dialog", "Phone ringtone", RINGTONES), "phone_ringtone"),
            section_label("Other sounds and vibrations", "other_sounds_label"),
        ]


class StoragePage(PrefPage):
    kind = "settings.storage"
    title = "Storage"

    def rows(self):
        data = self.app.data
        rows = [message_row(f"{data.storage_used_gb():.1f} GB used of {STORAGE_TOTAL_GB} GB", "storage_summary"),
                info_row("Apps", size(data.apps_mb()), "storage_apps")]
        rows += [info_row(label, size(mb), f"storage_{label.split()[0].lower()}") for label, mb in MEDIA_MB]
        return rows


class SecurityPage(PrefPage):
    kind = "settings.security"
    title = "Security"

    def rows(self):
        data = self.app.data
        return [
            info_row("Screen lock", "PIN", "screen_lock"),
            switch_row("Find My Device", data.find_my_device, self.toggle("find_my_device"), "find_my_device",
                       summary="Locate your phone remotely"),
            switch_row("Show passwords", data.show_passwords, self.toggle("show_passwords"), "show_password",
                       summary="Display characters briefly as you type"),
            info_row("Security update", "December 5, 2023", "security_patch"),
        ]


class LocationPage(PrefPage):
    kind = "settings.location"
    title = "Location"

    def rows(self):
        data = self.app.data
        return [
            switch_row("Use location", data.location, self.toggle("location"), "location_switch"),
            section_label("Recent access", "recent_location_label"),
            info_row("Maps", "2 min. ago", "recent_location_maps"),
            info_row("Chrome", "Yesterday", "recent_location_chrome"),
            value_row("Location services", "Wi-Fi and Bluetooth scanning",
                      lambda: self.app.push(LocationServicesPage(self.app)), "location_services"),
        ]


class LocationServicesPage(PrefPage):
    kind = "settings.location_services"
    title = "Location services"

    def rows(self):
        data = self.app.data
        return [
            switch_row("Wi-Fi scanning", data.wifi_scanning, self.toggle("wifi_scanning"), "wifi_always_scanning",
                       summary="Let apps and services scan for Wi-Fi networks at any time"),
            switch_row("Bluetooth scanning", data.bluetooth_scanning, self.toggle("bluetooth_scanning"),
                       "bluetooth_always_scanning",
                       summary="Let apps and services scan for nearby devices at any time"),
        ]


class AccessibilityPage(PrefPage):
    kind = "settings.accessibility"
    title = "Accessibility"

    def rows(self):
        data = self.app.data
        return [
            section_label("Display", "accessibility_display_label"),
            switch_row("Bold text", data.bold_text, self.toggle("bold_text"), "toggle_force_bold_text"),
            switch_row("Color inversion", data.color_inversion, self.toggle("color_inversion"),
                       "toggle_inversion"),
            switch_row("Extra dim", data.extra_dim, self.toggle("extra_dim"), "reduce_bright_colors",
                       summary="Dim the screen beyond your phone's minimum brightness"),
            section_label("Interaction controls", "interaction_label"),
            switch_row("Remove animations", data.remove_animations, self.toggle("remove_animations"),
                       "toggle_disable_animations"),
        ]
