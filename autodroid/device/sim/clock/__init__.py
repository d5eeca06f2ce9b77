"""``sim:clock``: a clock app (modelled on Fossify Clock) with Clock/Alarm/Stopwatch/Timer tabs, a time
picker, alarm editing with repeat days and label, timers, world clocks, settings and About/FAQ."""

from __future__ import annotations

from autodroid.device.sim.about import AboutPage
from autodroid.device.sim.app import Page, SimApp
from autodroid.device.sim.clock.alarms import AlarmEditPage, TimePickerDialog
from autodroid.device.sim.clock.data import ALARM_SORTS, NOW_HOUR, Alarm, ClockData, Timer
from autodroid.device.sim.clock.main import MainPage
from autodroid.device.sim.clock.settings import NewTimerDialog, SettingsPage, TimeZoneDialog
from autodroid.device.sim.pages import ChoiceDialog, ConfirmDialog

FAQ = (
    ("Why did my alarm not ring?", "Check that its switch is on and that the phone is not in silent mode."),
    ("How do I show the 24-hour time?", "Open Settings and tick Use 24-hour time format."),
    ("Can I add a clock for another city?", "Yes: on the Clock tab tap Add time zone and tick the cities."),
)


class ClockApp(SimApp):
    name = "clock"
    package = "org.autodroid.clock"
    label = "Clock"

    def seed(self) -> None:
        self.data = ClockData.seeded()

    def root_page(self) -> Page:
        return MainPage(self)

    def tick(self) -> None:
        self.data.tick()

    def open_settings(self) -> None:
        self.push(SettingsPage(self))

    def open_about(self) -> None:
        self.push(AboutPage(self, FAQ))

    def sort_alarms(self) -> None:
        self.push(ChoiceDialog(self, "clock.sort_dialog", "Sort by", ALARM_SORTS, self.data.alarm_sort,
                               lambda i: setattr(self.data, "alarm_sort", i)))

    def new_alarm(self) -> None:
        def add(hour: int, minute: int) -> None:
            self.data.alarms.append(Alarm(self.data.new_id(), hour, minute))
        self.push(TimePickerDialog(self, NOW_HOUR + 1, 0, add))

    def edit_alarm(self, alarm: Alarm) -> None:
        self.push(AlarmEditPage(self, alarm))

    def delete_alarm(self, alarm: Alarm) -> None:
        self.data.alarms = [a for a in self.data.alarms if a.id != alarm.id]
        self.pop_to(MainPage)

    def pick_time_zones(self) -> None:
        self.push(TimeZoneDialog(self))

    def new_timer(self) -> None:
        self.push(NewTimerDialog(self))

    def delete_timer(self, timer: Timer) -> None:
        def delete() -> None:
            self.data.timers = [t for t in self.data.timers if t.id != timer.id]
        self.push(ConfirmDialog(self, "clock.delete_timer_dialog", "Delete this timer?", "Delete", delete))
