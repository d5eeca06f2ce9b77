"""``sim:calendar``: a calendar app (modelled on Fossify Calendar) with an event list that follows the chosen
view (day, week, month, all upcoming), search, an event screen (title, location, description, all-day,
start date and time, reminder and repetition dialogs, save, delete with confirmation, a save-changes dialog
on back), settings with radio dialogs, and About/FAQ screens."""

from __future__ import annotations

from autodroid.device.sim.about import AboutPage
from autodroid.device.sim.app import Page, SimApp
from autodroid.device.sim.calendar.data import CalendarData, Event
from autodroid.device.sim.calendar.editor import EventPage
from autodroid.device.sim.calendar.main_page import MainPage
from autodroid.device.sim.calendar.settings import FAQ, SettingsPage


class CalendarApp(SimApp):
    name = "calendar"
    package = "org.autodroid.calendar"
    label = "Calendar"

    def seed(self) -> None:
        self.data = CalendarData.seeded()

    def root_page(self) -> Page:
        return MainPage(self)

    def new_event(self) -> None:
        self.push(EventPage(self, None))

    def open_event(self, event: Event) -> None:
        self.push(EventPage(self, event))

    def delete_event(self, event: Event) -> None:
        self.data.delete(event)
        self.pop_to(MainPage)

    def open_settings(self) -> None:
        self.push(SettingsPage(self))

    def open_about(self) -> None:
        self.push(AboutPage(self, FAQ))
