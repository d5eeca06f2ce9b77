"""A uiautomator2 stand-in backed by a simulated app: the same few calls as ``RecordedU2`` (anything else
still fails loudly), but the phone reacts for real. Taps are hit-tested on the sim's screen by
coordinates, swipes scroll the list under the finger, typed keys land in the field tapped last.
It lets the real-phone path (U2Device, explore, run) run end to end with no phone."""

from __future__ import annotations

from autodroid.device.sim import open_sim
from autodroid.ui.screen import Node, Screen
from u2_fake import FakeClock, RecordedU2


def _hit(screen: Screen, x: int, y: int) -> Node | None:
    """The topmost (last in drawing order) smallest app node whose bounds hold the point."""
    inside = [n for n in screen.app_nodes()
              if n.bounds and n.bounds[0] <= x < n.bounds[2] and n.bounds[1] <= y < n.bounds[3]]
    return min(reversed(inside), key=lambda n: n.area) if inside else None


class SimPhone(RecordedU2):
    def __init__(self, app: str = "notes"):
        self.sim = open_sim(app)
        super().__init__(self.sim.xml(), package=self.sim.current_app(), clock=FakeClock())
        self.focused: Node | None = None

    def dump_hierarchy(self, compressed=False, pretty=False, max_depth=None, root_in_active=None) -> str:
        super().dump_hierarchy(compressed, pretty, max_depth, root_in_active)
        self.hierarchy = self.sim.xml()
        return self.hierarchy

    def click(self, x, y):
        super().click(x, y)
        node = _hit(self.sim.screen(), x, y)
        if node is not None:
            self.focused = node if node.editable else None
            self.sim.tap(node)

    def long_click(self, x, y, duration: float = 0.5):
        super().long_click(x, y, duration)
        node = _hit(self.sim.screen(), x, y)
        if node is not None:
            self.sim.long_tap(node)

    def swipe(self, fx, fy, tx, ty, duration=None, steps=None):
        super().swipe(fx, fy, tx, ty, duration, steps)
        screen = self.sim.screen()
        node = _hit(screen, fx, fy)
        while node is not None and not node.scrollable:
            node = screen.parent_of(node)
        if node is not None:
            vertical = abs(ty - fy) >= abs(tx - fx)
            direction = ("down" if ty < fy else "up") if vertical else ("right" if tx < fx else "left")
            self.sim.scroll(node, direction)

    def send_keys(self, text: str, clear: bool = False):
        super().send_keys(text, clear)
        if self.focused is not None:
            field = next((n for n in self.sim.screen() if n.path == self.focused.path and n.editable), None)
            if field is not None:
                self.sim.set_text(field, text)

    def press(self, key, meta=None):
        super().press(key, meta)
        assert key == "back", f"the sim phone knows only the back key, got {key!r}"
        self.sim.back()

    def app_start(self, package_name: str, activity=None, wait=False, stop=False, use_monkey=False):
        super().app_start(package_name, activity, wait, stop, use_monkey)
        self.sim.app_start(package_name)

    def app_stop(self, package_name: str):
        super().app_stop(package_name)
        self.sim.app_stop(package_name)

    def app_current(self):
        self.package = self.sim.current_app()
        return super().app_current()


def sim_phone_device(app: str = "notes"):
    """A U2Device over a SimPhone on a fake clock. Returns (device, phone)."""
    from autodroid.device.u2 import U2Device

    phone = SimPhone(app)
    device = U2Device(phone, spec=f"u2:simphone-{app}", clock=phone.clock, sleep=phone.clock.sleep)
    return device, phone
