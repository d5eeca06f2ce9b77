"""Network & internet: Wi-Fi (its switch, the networks nearby, a network's details with forget / connect /
disconnect, joining a secured network with its password, adding a network by name, saved networks), mobile
data, airplane mode, the Wi-Fi hotspot (name, password) and Data Saver."""

from __future__ import annotations

from autodroid.device.sim.app import Page
from autodroid.device.sim.chrome import (
    BODY, CONTENT, RECYCLER, VIEW_GROUP, DialogButton, ScrollState, dialog_box, link_row, scroll_list, switch_row,
    toolbar, value_row,
)
from autodroid.device.sim.pages import TextInputDialog
from autodroid.device.sim.settings.common import (
    DATA_ROW, PrefPage, button_bar, data_list, entity_header, info_row, message_row, two_line_row,
)
from autodroid.device.sim.settings.data import SIGNALS, WIFI_PASSWORD_MIN, Network
from autodroid.device.sim.widgets import Rect, View, edit_text, layout, text_view, walk

SHORT_PASSWORD = f"Password must have at least {WIFI_PASSWORD_MIN} characters"


class NetworkPage(PrefPage):
    kind = "settings.network"
    title = "Network & internet"

    def rows(self):
        data = self.app.data
        wifi = (data.connected or "Not connected") if data.wifi else "Off"
        return [
            value_row("Wi-Fi", wifi, lambda: self.app.push(WifiPage(self.app)), "wifi_settings"),
            switch_row("Mobile data", data.mobile_data, self.toggle("mobile_data"), "mobile_data",
                       summary="T-Mobile" if data.mobile_data else "Off"),
            switch_row("Airplane mode", data.airplane_mode, self.toggle("airplane_mode"), "airplane_mode"),
            value_row("Hotspot & tethering", "Hotspot on" if data.hotspot else "Off",
                      lambda: self.app.push(HotspotPage(self.app)), "tether_settings"),
            switch_row("Data Saver", data.data_saver, self.toggle("data_saver"), "data_saver",
                       summary="Some apps may not work when Data Saver is on"),
        ]


def network_status(data, network: Network) -> str:
    if network.name == data.connected:
        return "Connected"
    if network.saved:
        return "Saved" if network.in_range else "Not in range"
    return "Secured" if network.secured else "Open"


class WifiPage(PrefPage):
    kind = "settings.wifi"
    title = "Wi-Fi"

    def rows(self):
        data = self.app.data
        rows = [switch_row("Use Wi-Fi", data.wifi, self._switch, "use_wifi")]
        if data.wifi:
            rows.append(data_list("wifi_networks", [
                two_line_row(n.name, network_status(data, n), self._tapped(n), rid="wifi_network",
                             title_rid="wifi_network_name", summary_rid="wifi_network_status")
                for n in data.nearby()]))
            rows.append(link_row("Add network", self._add, "add_network"))
        else:
            rows.append(message_row("To see available networks, turn Wi-Fi on.", "wifi_empty_text"))
        saved = len(data.saved_networks())
        rows.append(value_row("Saved networks", f"{saved} network{'s' * (saved != 1)}",
                              lambda: self.app.push(SavedNetworksPage(self.app)), "saved_networks"))
        return rows

    def _switch(self) -> None:
        self.app.data.set_wifi(not self.app.data.wifi)

    def _tapped(self, network: Network):
        """A saved network opens its details; a new secured one asks for its password; an open one joins."""
        data = self.app.data

        def tap() -> None:
            if network.saved:
                self.app.push(NetworkDetailsPage(self.app, network))
            elif network.secured:
                self.app.push(password_dialog(self.app, network))
            else:
                data.connect(network)
        return tap

    def _add(self) -> None:
        self.app.push(AddNetworkDialog(self.app))


def password_dialog(app, network: Network) -> TextInputDialog:
    """The password prompt of a secured network not saved yet: Connect saves and joins it."""
    def ok(text: str) -> str | None:
        if len(text) < WIFI_PASSWORD_MIN:
            return SHORT_PASSWORD
        app.data.connect(network, text)
        return None
    return TextInputDialog(app, "settings.wifi_password_dialog", network.name, "", ok, rid="wifi_password_edit",
                           hint="Password", ok="Connect", password=True)


class SavedNetworksPage(Page):
    kind = "settings.saved_networks"

    def __init__(self, app):
        super().__init__(app)
        self.scroll = ScrollState()

    def build(self) -> list[View | None]:
        data = self.app.data
        bar = toolbar("Saved networks", rid="action_bar", up=self.close)
        rows = [(DATA_ROW, two_line_row(n.name, network_status(data, n),
                                        lambda n=n: self.app.push(NetworkDetailsPage(self.app, n)),
                                        rid="wifi_network", title_rid="wifi_network_name",
                                        summary_rid="wifi_network_status"))
                for n in data.saved_networks()]
        if rows:
            body = scroll_list(RECYCLER, "saved_networks_list", BODY, rows, self.scroll)
        else:
            body = text_view("No saved networks", BODY.inset(63).band(400, 84), rid="saved_networks_empty")
        return [layout(VIEW_GROUP, CONTENT, body, bar, rid="settings_main_pane")]


class NetworkDetailsPage(PrefPage):
    kind = "settings.network_details"
    title = "Network details"

    def __init__(self, app, network: Network):
        super().__init__(app)
        self.network = network

    def rows(self):
        data, network = self.app.data, self.network
        connected = data.connected == network.name
        return [
            entity_header("wifi_details", network.name, network_status(data, network)),
            button_bar(("Forget", "forget_button", network.saved, self._forget),
                       ("Connect", "connect_button", data.wifi and network.in_range and not connected, self._connect),
                       ("Disconnect", "disconnect_button", connected, lambda: data.disconnect(network))),
            switch_row("Auto-connect", network.auto_connect, self.toggle("auto_connect", target=network),
                       "auto_connect", summary="Join this network automatically when it is in range",
                       enabled=network.saved),
            info_row("Signal strength", SIGNALS[network.signal] if network.in_range else "Not in range",
                     "signal_strength"),
            info_row("Security", "WPA2-Personal" if network.secured else "None", "security"),
        ]

    def _connect(self) -> None:
        data, network = self.app.data, self.network
        if network.saved or not network.secured:
            data.connect(network)
        else:
            self.app.push(password_dialog(self.app, network))

    def _forget(self) -> None:
        def forget() -> None:
            self.app.data.forget(self.network)
            self.close()
        self.confirm("forget_network_dialog", "Forget network?",
                     f"Your phone will no longer connect to {self.network.name} automatically.", "Forget", forget)()


class AddNetworkDialog(Page):
    """Network name and password (none for an open network); Save, enabled once the name is there and the
    password is empty or long enough, stores the network (and joins it when it is in range)."""

    kind = "settings.add_network_dialog"
    overlay = True

    def __init__(self, app):
        super().__init__(app)
        self.name, self.password = "", ""
        self.focus = "ssid"

    @property
    def valid(self) -> bool:
        return bool(self.name.strip()) and (not self.password or len(self.password) >= WIFI_PASSWORD_MIN)

    def build(self) -> list[View | None]:
        def body(rect: Rect) -> list[View]:
            return [
                text_view("Network name", rect.inset(63).band(0, 63), rid="ssid_label"),
                edit_text(self.name, rect.inset(63).band(63, 147), self._type_name, rid="ssid",
                          hint="Enter the SSID"),
                text_view("Password", rect.inset(63).band(231, 63), rid="password_label"),
                edit_text(self.password, rect.inset(63).band(294, 147), self._type_password, rid="password",
                          hint="Leave empty for an open network", password=True),
                text_view(f"At least {WIFI_PASSWORD_MIN} characters", rect.inset(63).band(441, 63),
                          rid="password_hint"),
            ]

        box = dialog_box("Add network", 525, body, [
            DialogButton("Cancel", self.close, "negative"),
            DialogButton("Save", self._save, "positive"),
        ])
        if not self.valid:
            for view, _ in walk(box):
                if view.rid == "android:id/button1":
                    view.enabled = False
        return [box]

    def _type_name(self, text: str) -> None:
        self.name = text

    def _type_password(self, text: str) -> None:
        self.password = text

    def _save(self) -> None:
        if self.valid:
            self.app.data.add_network(self.name.strip(), self.password)
            self.close()


class HotspotPage(PrefPage):
    kind = "settings.hotspot"
    title = "Wi-Fi hotspot"

    def rows(self):
        data = self.app.data
        return [
            switch_row("Use Wi-Fi hotspot", data.hotspot, self.toggle("hotspot"), "hotspot_switch"),
            value_row("Hotspot name", data.hotspot_name,
                      self.ask_text("hotspot_name_dialog", "Hotspot name", data.hotspot_name, self._name),
                      "wifi_tether_network_name"),
            value_row("Hotspot password", "\u2022" * len(data.hotspot_password),
                      self.ask_text("hotspot_password_dialog", "Hotspot password", "", self._password,
                                    hint="Password", password=True),
                      "wifi_tether_network_password"),
        ]

    def _name(self, text: str) -> str | None:
        name = text.strip()
        if not name:
            return "Enter a hotspot name"
        self.app.data.hotspot_name = name
        return None

    def _password(self, text: str) -> str | None:
        if len(text) < WIFI_PASSWORD_MIN:
            return SHORT_PASSWORD
        self.app.data.hotspot_password = text
        return None
