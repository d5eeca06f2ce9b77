"""The clock app's main screen: four tabs (Clock, Alarm, Stopwatch, Timer) in a bottom tab bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import (
    CONTENT, RECYCLER, TAB_BAR, TAB_BODY, VIEW_GROUP, WIDTH, Action, ScrollState, fab, scroll_list, tab_bar, toolbar,
)
from autodroid.device.sim.clock.data import CITIES, NOW_HOUR, NOW_MINUTE, TODAY, Alarm, Timer, format_duration
from autodroid.device.sim.widgets import Rect, View, image_button, layout, switch, text_view

if TYPE_CHECKING:
    from autodroid.device.sim.clock import ClockApp

TABS = ("Clock", "Alarm", "Stopwatch", "Timer")
FAB_BOTTOM = TAB_BAR.top - 42
LIST = TAB_BODY._replace(bottom=FAB_BOTTOM - 147 - 21)  # lists end above the floating button
ROW = 231


class MainPage(Page):
    app: "ClockApp"

    def __init__(self, app: "ClockApp"):
        super().__init__(app)
        self.tab = 1
        self.scrolls = [ScrollState() for _ in TABS]

    @property
    def kind(self) -> str:  # type: ignore[override]
        return f"clock.{TABS[self.tab].lower()}_tab"

    def build(self) -> list[View | None]:
        actions = [Action("Settings", "settings", self.app.open_settings),
                   Action("About", "about", self.app.open_about)]
        if self.tab == 1:
            actions.insert(0, Action("Sort by", "sort", self.app.sort_alarms))
        bar = toolbar(TABS[self.tab], actions=actions)
        body = (self._clock_tab, self._alarm_tab, self._stopwatch_tab, self._timer_tab)[self.tab]()
        pager = layout("androidx.viewpager.widget.ViewPager", TAB_BODY, *body, rid="view_pager")
        tabs = tab_bar(TABS, self.tab, self._switch, icon_inset=102)
        return [layout(VIEW_GROUP, CONTENT, bar, pager, tabs, rid="main_coordinator")]

    def _switch(self, tab: int) -> None:
        self.tab = tab

    # ---------------------------------------------------------------- tabs
    def _clock_tab(self) -> list[View | None]:
        data = self.app.data
        second = 0 if data.show_seconds else None
        head = [text_view(data.format_time(NOW_HOUR, NOW_MINUTE, second), Rect(63, TAB_BODY.top + 84, 1017,
                          TAB_BODY.top + 294), rid="clock_time"),
                text_view(TODAY, Rect(63, TAB_BODY.top + 294, 1017, TAB_BODY.top + 378), rid="clock_date")]
        area = Rect(0, TAB_BODY.top + 441, WIDTH, LIST.bottom)
        offsets = dict(CITIES)
        rows = [(189, self._city_row(city, offsets[city])) for city in data.cities]
        zones = scroll_list(RECYCLER, "time_zones_list", area, rows, self.scrolls[0])
        add = fab("Add time zone", "clock_fab", self.app.pick_time_zones, bottom=FAB_BOTTOM)
        return [layout(VIEW_GROUP, TAB_BODY, *head, zones, add, rid="clock_fragment")]

    def _city_row(self, city: str, offset: float):
        def build(rect: Rect) -> View:
            return layout("FrameLayout", rect,
                          text_view(city, Rect(63, rect.top + 42, 600, rect.bottom - 42), rid="time_zone_title"),
                          text_view(self.app.data.city_time(offset), Rect(600, rect.top + 42, 1017, rect.bottom - 42),
                                    rid="time_zone_time"),
                          rid="time_zone_frame")
        return build

    def _alarm_tab(self) -> list[View | None]:
        rows = [(ROW, self._alarm_row(alarm)) for alarm in self.app.data.sorted_alarms()]
        if rows:
            alarms = scroll_list(RECYCLER, "alarms_list", LIST, rows, self.scrolls[1])
        else:
            alarms = text_view("No alarms yet", TAB_BODY.inset(63).band(400, 84), rid="alarms_placeholder")
        add = fab("New alarm", "alarm_fab", self.app.new_alarm, bottom=FAB_BOTTOM)
        return [layout(VIEW_GROUP, TAB_BODY, alarms, add, rid="alarm_fragment")]

    def _alarm_row(self, alarm: Alarm):
        data = self.app.data

        def toggle() -> None:
            alarm.enabled = not alarm.enabled

        def build(rect: Rect) -> View:
            holder = layout(
                "RelativeLayout", rect,
                text_view(data.format_time(alarm.hour, alarm.minute), Rect(63, rect.top + 21, 700, rect.top + 126),
                          rid="alarm_time"),
                text_view(data.format_days(alarm.days), Rect(63, rect.top + 126, 700, rect.top + 178),
                          rid="alarm_days"),
                text_view(alarm.label, Rect(63, rect.top + 178, 700, rect.bottom - 8), rid="alarm_label")
                if alarm.label else None,
                switch("", Rect(850, rect.top + 63, 1017, rect.top + 168), alarm.enabled, toggle, rid="alarm_switch"),
                rid="alarm_holder")
            return layout("FrameLayout", rect, holder, rid="alarm_frame", clickable=True, focusable=True,
                          on_tap=lambda: self.app.edit_alarm(alarm))
        return build

    def _stopwatch_tab(self) -> list[View | None]:
        data = self.app.data
        top = TAB_BODY.top
        running = data.stopwatch_running
        reset = image_button("Reset", Rect(168, top + 441, 357, top + 630), self._stopwatch_reset,
                             rid="stopwatch_reset")
        reset.enabled = data.stopwatch > 0 and not running
        lap = image_button("Lap", Rect(723, top + 441, 912, top + 630), self._stopwatch_lap, rid="stopwatch_lap")
        lap.enabled = running
        views: list[View | None] = [
            text_view(format_duration(data.stopwatch), Rect(63, top + 126, 1017, top + 357), rid="stopwatch_time"),
            reset,
            image_button("Pause" if running else "Start", Rect(445, top + 420, 635, top + 651),
                         self._stopwatch_toggle, rid="stopwatch_play_pause"),
            lap,
        ]
        laps = data.laps
        rows = []
        for number in range(len(laps), 0, -1):
            total = laps[number - 1]
            split = total - (laps[number - 2] if number > 1 else 0)
            rows.append((147, self._lap_row(number, split, total)))
        area = Rect(0, top + 714, WIDTH, TAB_BODY.bottom)
        views.append(scroll_list(RECYCLER, "stopwatch_laps", area, rows, self.scrolls[2]))
        return [layout(VIEW_GROUP, TAB_BODY, *views, rid="stopwatch_fragment")]

    @staticmethod
    def _lap_row(number: int, split: int, total: int):
        def build(rect: Rect) -> View:
            return layout("LinearLayout", rect,
                          text_view(f"Lap {number}", Rect(63, rect.top + 36, 400, rect.bottom - 36), rid="lap_order"),
                          text_view(format_duration(split), Rect(400, rect.top + 36, 700, rect.bottom - 36),
                                    rid="lap_lap_time"),
                          text_view(format_duration(total), Rect(700, rect.top + 36, 1017, rect.bottom - 36),
                                    rid="lap_total_time"),
                          rid="lap_holder")
        return build

    def _stopwatch_toggle(self) -> None:
        self.app.data.stopwatch_running = not self.app.data.stopwatch_running

    def _stopwatch_lap(self) -> None:
        self.app.data.laps.append(self.app.data.stopwatch)

    def _stopwatch_reset(self) -> None:
        self.app.data.stopwatch, self.app.data.laps = 0, []
        self.scrolls[2].offset = 0

    def _timer_tab(self) -> list[View | None]:
        rows = [(ROW, self._timer_row(timer)) for timer in self.app.data.timers]
        if rows:
            timers = scroll_list(RECYCLER, "timers_list", LIST, rows, self.scrolls[3])
        else:
            timers = text_view("No timers yet", TAB_BODY.inset(63).band(400, 84), rid="timers_placeholder")
        add = fab("New timer", "timer_add", self.app.new_timer, bottom=FAB_BOTTOM)
        return [layout(VIEW_GROUP, TAB_BODY, timers, add, rid="timer_fragment")]

    def _timer_row(self, timer: Timer):
        def toggle() -> None:
            if timer.remaining == 0:
                timer.remaining = timer.seconds
            timer.running = not timer.running

        def reset() -> None:
            timer.running, timer.remaining = False, timer.seconds

        def build(rect: Rect) -> View:
            done = timer.remaining == 0
            status = "Time's up" if done else ("Running" if timer.running else timer.label)
            views: list[View | None] = [
                text_view(format_duration(timer.remaining), Rect(63, rect.top + 21, 600, rect.top + 147),
                          rid="timer_time"),
                text_view(status, Rect(63, rect.top + 147, 600, rect.bottom - 21), rid="timer_label")
                if status else None,
                image_button("Reset", Rect(620, rect.top + 52, 746, rect.top + 178), reset, rid="timer_reset")
                if timer.remaining != timer.seconds else None,
                image_button("Pause" if timer.running else "Start", Rect(756, rect.top + 52, 882, rect.top + 178),
                             toggle, rid="timer_play_pause"),
                image_button("Delete", Rect(891, rect.top + 52, 1017, rect.top + 178),
                             lambda: self.app.delete_timer(timer), rid="timer_delete"),
            ]
            return layout("FrameLayout", rect, *views, rid="timer_frame")
        return build
