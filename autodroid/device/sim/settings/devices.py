"""Connected devices: the saved (paired) Bluetooth devices (a tap opens a device's details: rename, connect /
disconnect, forget with a confirmation, media audio), pairing a new device (with a confirmation), and the
Bluetooth switch."""

from __future__ import annotations

from autodroid.device.sim.chrome import link_row, section_label, switch_row
from autodroid.device.sim.settings.common import (
    PrefPage, button_bar, data_list, entity_header, info_row, message_row, two_line_row,
)
from autodroid.device.sim.settings.data import BtDevice


def device_status(device: BtDevice) -> str:
    return "Connected" if device.connected else device.type


class ConnectedDevicesPage(PrefPage):
    kind = "settings.connected_devices"
    title = "Connected devices"

    def rows(self):
        data = self.app.data
        rows = [link_row("Pair new device", self.app.open_pairing, "add_bt_devices"),
                section_label("Saved devices", "saved_devices_label")]
        paired = data.paired_devices()
        if paired:
            rows.append(data_list("saved_devices_list", [self._row(d) for d in paired]))
        else:
            rows.append(message_row("No saved devices", "saved_devices_empty"))
        rows.append(switch_row("Bluetooth", data.bluetooth, lambda: data.set_bluetooth(not data.bluetooth),
                               "bluetooth_switch", summary=f"Visible as {data.device_name} to nearby devices"))
        return rows

    def _row(self, device: BtDevice):
        return two_line_row(device.name, device_status(device),
                            lambda: self.app.push(DeviceDetailsPage(self.app, device)), rid="bt_device",
                            title_rid="bt_device_name", summary_rid="bt_device_status")


class PairDevicePage(PrefPage):
    kind = "settings.pair_device"
    title = "Pair new device"

    def rows(self):
        data = self.app.data
        rows = [info_row("Device name", data.device_name, "bt_this_device_name"),
                section_label("Available devices", "available_devices_label")]
        available = data.available_devices()
        if available:
            rows.append(data_list("available_devices_list", [
                two_line_row(d.name, d.type, lambda d=d: self._pair(d), rid="bt_device", title_rid="bt_device_name",
                             summary_rid="bt_device_status") for d in available]))
        else:
            rows.append(message_row("No devices found nearby", "available_devices_empty"))
        return rows

    def _pair(self, device: BtDevice) -> None:
        def pair() -> None:
            self.app.data.pair(device)
            self.close()
        self.confirm("pair_dialog", f"Pair with {device.name}?",
                     "Make sure the same pairing code shows on both devices: 482 913", "Pair", pair)()


class DeviceDetailsPage(PrefPage):
    kind = "settings.device_details"
    title = "Device details"

    def __init__(self, app, device: BtDevice):
        super().__init__(app)
        self.device = device

    def rows(self):
        device = self.device
        return [
            entity_header("bt_details", device.name, "Connected" if device.connected else "Not connected",
                          edit=("Rename", "rename_device", self._rename)),
            button_bar(("Forget", "bt_forget_button", True, self._forget),
                       ("Connect", "bt_connect_button", not device.connected, self._connect),
                       ("Disconnect", "bt_disconnect_button", device.connected, self._disconnect)),
            switch_row("Media audio", device.media_audio, self.toggle("media_audio", target=device), "media_audio"),
            info_row("Device type", device.type, "device_type"),
        ]

    def _connect(self) -> None:
        self.app.data.set_bluetooth(True)
        self.device.connected = True

    def _disconnect(self) -> None:
        self.device.connected = False

    def _rename(self) -> None:
        def ok(text: str) -> str | None:
            name = text.strip()
            if not name:
                return "Enter a device name"
            self.device.name = name
            return None
        self.ask_text("rename_device_dialog", "Rename device", self.device.name, ok, ok="Rename")()

    def _forget(self) -> None:
        def forget() -> None:
            self.app.data.forget_device(self.device)
            self.close()
        self.confirm("forget_device_dialog", "Forget device?",
                     f"Your phone will no longer be paired with {self.device.name}", "Forget device", forget)()
