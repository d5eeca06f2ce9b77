"""``sim:`` devices: built-in stateful simulated apps that render real uiautomator XML.

``open_sim("notes")`` (or ``open_device("sim:notes")``) returns a ``SimDevice`` showing that app; every
simulated app is installed on it, so ``app_start("clock")`` and the launcher reach the others. Back on an
app's root screen shows the launcher (``com.android.launcher3``), whose icons start the apps again.

Screens (``SimDevice.screen_kind()`` names them; ground truth for tests and for judging an explorer):
- notes (``org.autodroid.notes``): list, search, main_menu, sort_dialog, editor, discard_dialog, view,
  view_menu, note_menu (long press), rename_dialog, delete_dialog, settings, font_size_dialog,
  theme_dialog, about, faq.
- clock (``org.autodroid.clock``): clock_tab, alarm_tab, stopwatch_tab, timer_tab, time_picker,
  edit_alarm, label_dialog, sound_dialog, delete_alarm_dialog, sort_dialog, time_zone_dialog,
  new_timer_dialog, delete_timer_dialog, settings, alarm_max_reminder_dialog, snooze_dialog,
  timer_max_reminder_dialog, about, faq.
- calendar (``org.autodroid.calendar``): events, search, main_menu, view_dialog, new_event, edit_event,
  date_dialog, time_dialog, reminder_dialog, repetition_dialog, save_changes_dialog, delete_dialog, settings,
  font_size_dialog, week_start_dialog, default_reminder_dialog, default_duration_dialog, about, faq.
- contacts (``org.autodroid.contacts``): list, favorites, search, main_menu, sort_dialog, details,
  call_dialog, call, delete_dialog, editor, discard_dialog, settings, font_size_dialog, contact_click_dialog,
  about, faq.
- dialer (``org.autodroid.dialer``): contacts, favorites, recents, search, main_menu, dialpad, call, contact_menu,
  recent_menu, details, block_dialog, call_dialog, clear_history_dialog, settings, font_size_dialog,
  default_tab_dialog, blocked_numbers, add_blocked_dialog, about, faq.
- messages (``org.autodroid.messages``): list, search, main_menu, selection, selection_menu, delete_dialog,
  thread, thread_menu, add_contact_dialog, block_dialog, new_conversation, archive, settings, font_size_dialog,
  lock_screen_dialog, keep_messages_dialog, blocked_numbers, add_blocked_dialog, about, faq.
- todo (``org.autodroid.todo``): tasks, search, main_menu, sort_dialog, clear_completed_dialog, selection,
  move_dialog, delete_dialog, drawer, new_list_dialog, manage_lists, edit_list, delete_list_dialog, new_task,
  edit_task, due_date_sheet, priority_sheet, list_sheet, reminder_sheet, settings, theme_dialog, week_start_dialog,
  default_list_dialog, default_priority_dialog, default_due_dialog, about, faq.
- settings (``org.autodroid.settings``, the phone's system Settings): main, search, network, wifi, network_details,
  forget_network_dialog, wifi_password_dialog, add_network_dialog, saved_networks, hotspot, hotspot_name_dialog,
  hotspot_password_dialog, connected_devices, pair_device, pair_dialog, device_details, rename_device_dialog,
  forget_device_dialog, apps, all_apps, app_info, uninstall_dialog, disable_dialog, force_stop_dialog,
  app_battery_usage_dialog, app_storage, clear_storage_dialog, default_apps, browser_app_dialog, sms_app_dialog,
  notifications, lock_screen_notifications_dialog, battery, display, screen_timeout_dialog, font_size_dialog, sound,
  phone_ringtone_dialog, storage, security, location, location_services, accessibility, system, languages,
  add_language, date_time, time_zone_dialog, reset_options, reset_network_dialog, reset_app_preferences_dialog,
  factory_reset_dialog, about, device_name_dialog.

Layout: ``widgets`` (View tree), ``chrome`` (toolbar, dialogs, lists, settings rows), ``render`` (XML),
``app``/``pages`` (back stack, reusable dialogs), ``device`` (the Device protocol), one package per app.
"""

from __future__ import annotations

from typing import Callable

from autodroid.device.sim.app import SimApp
from autodroid.device.sim.device import SimDevice
from autodroid.errors import BadInputError


def _notes() -> SimApp:
    from autodroid.device.sim.notes import NotesApp

    return NotesApp()


def _clock() -> SimApp:
    from autodroid.device.sim.clock import ClockApp

    return ClockApp()


def _calendar() -> SimApp:
    from autodroid.device.sim.calendar import CalendarApp

    return CalendarApp()


def _contacts() -> SimApp:
    from autodroid.device.sim.contacts import ContactsApp

    return ContactsApp()


def _dialer() -> SimApp:
    from autodroid.device.sim.dialer import DialerApp

    return DialerApp()


def _messages() -> SimApp:
    from autodroid.device.sim.messages import MessagesApp

    return MessagesApp()


def _todo() -> SimApp:
    from autodroid.device.sim.todo import TodoApp

    return TodoApp()


def _settings() -> SimApp:
    from autodroid.device.sim.settings import SettingsApp

    return SettingsApp()


_APPS: dict[str, Callable[[], SimApp]] = {"notes": _notes, "clock": _clock, "calendar": _calendar,
                                          "contacts": _contacts, "dialer": _dialer, "messages": _messages,
                                          "todo": _todo, "settings": _settings}


def sim_apps() -> list[str]:
    """Names of the built-in simulated apps, for ``sim:<name>`` specs."""
    return list(_APPS)


def open_sim(app: str) -> SimDevice:
    name = app.strip()
    if name not in _APPS:
        raise BadInputError(f"unknown simulated app {app!r}",
                            fix=f"use one of: {', '.join(f'sim:{n}' for n in _APPS)}")
    return SimDevice(name, {key: make() for key, make in _APPS.items()})


__all__ = ["SimDevice", "open_sim", "sim_apps"]
