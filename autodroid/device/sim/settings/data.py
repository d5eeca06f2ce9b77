"""System settings state: Wi-Fi networks, Bluetooth devices, installed apps and every switch and picker of the
phone's Settings app. Choice settings are indexes into the option tuples below (the snapshot shows labels)."""

from __future__ import annotations

from dataclasses import dataclass, field

# ---------------------------------------------------------------- choices
SIGNALS = ("Weak", "Fair", "Good", "Excellent")
LOCK_SCREEN = ("Show conversations, default, and silent", "Hide silent conversations and notifications",
               "Don't show any notifications")
BRIGHTNESS = ("20%", "40%", "60%", "80%", "100%")
SCREEN_TIMEOUTS = ("15 seconds", "30 seconds", "1 minute", "2 minutes", "5 minutes", "10 minutes", "30 minutes")
FONT_SIZES = ("Small", "Default", "Large", "Largest")
VOLUMES = ("0%", "25%", "50%", "75%", "100%")
RINGTONES = ("None", "Andromeda", "Big Easy", "Carina", "Cygnus", "Perseus")
APP_BATTERY = ("Unrestricted", "Optimized", "Restricted")
TIME_ZONES = ("Los Angeles (GMT-08:00)", "Chicago (GMT-06:00)", "New York (GMT-05:00)", "London (GMT+00:00)",
              "Berlin (GMT+01:00)", "Tokyo (GMT+09:00)")
BROWSERS = ("Chrome", "DuckDuckGo", "Firefox")
SMS_APPS = ("Messages", "Signal")
LANGUAGES = ("English (United States)", "English (United Kingdom)", "Deutsch (Deutschland)", "Español (España)",
             "Español (Estados Unidos)", "Français (France)", "Italiano (Italia)", "Nederlands (Nederland)",
             "Polski (Polska)", "Português (Brasil)", "Türkçe (Türkiye)", "Українська (Україна)")

STORAGE_TOTAL_GB = 128
MEDIA_MB = (("Images", 12400), ("Videos", 8100), ("Audio", 2300), ("Documents & other", 3900), ("System", 14200))
WIFI_PASSWORD_MIN = 8  # WPA2 needs at least 8 characters

# name, secured, saved, in range, signal (SIGNALS index), password
SEED_NETWORKS = (
    ("Home-5G", True, True, True, 3, "sunflower42"),
    ("NETGEAR-7F2A", True, False, True, 2, ""),
    ("Starbucks WiFi", False, False, True, 1, ""),
    ("xfinitywifi", False, False, True, 1, ""),
    ("DIRECT-4B-HP OfficeJet", True, False, True, 0, ""),
    ("Office-Corp", True, True, False, 0, "q3-budget!"),
    ("Grandma's House", True, True, False, 0, "cookies1950"),
    ("Airport_Free_WiFi", False, True, False, 0, ""),
    ("Mom's iPhone", True, True, False, 0, "momsphone1"),
)
CONNECTED_NETWORK = "Home-5G"

# name, type, paired, connected
SEED_DEVICES = (
    ("Galaxy Buds2", "Headphones", True, True),
    ("JBL Flip 5", "Speaker", True, False),
    ("Toyota Corolla", "Car", True, False),
    ("Sony WH-1000XM4", "Headphones", True, False),
    ("Bose QC45", "Headphones", False, False),
    ("Beats Studio Buds", "Headphones", False, False),
    ("Anker Soundcore 2", "Speaker", False, False),
)

# name, version, system app, app size MB, user data MB, cache MB, running
SEED_APPS = (
    ("Calculator", "8.4", True, 12, 1, 0.4, False),
    ("Camera", "9.1.0", True, 96, 8, 34, False),
    ("Chrome", "120.0.6099", True, 310, 420, 180, True),
    ("Clock", "7.6", True, 18, 2, 0.8, True),
    ("DuckDuckGo", "5.180.1", False, 52, 14, 9, False),
    ("Duolingo", "5.131.3", False, 140, 220, 64, False),
    ("Firefox", "121.1.0", False, 240, 96, 71, False),
    ("Gmail", "2023.12.03", True, 180, 512, 88, True),
    ("Instagram", "312.1.0", False, 210, 640, 350, True),
    ("Maps", "11.108.1", True, 160, 310, 120, True),
    ("Messages", "20231207", True, 70, 130, 22, True),
    ("Netflix", "8.96.0", False, 120, 1900, 45, False),
    ("Photos", "6.62", True, 140, 260, 95, False),
    ("Signal", "6.42.3", False, 110, 380, 28, False),
    ("Spotify", "8.8.96", False, 150, 2300, 410, True),
    ("WhatsApp", "2.23.25", False, 120, 1500, 76, True),
    ("YouTube", "18.49.37", True, 190, 150, 230, False),
)
NOTIFICATIONS_OFF = ("Duolingo", "Netflix")
RECENT_APPS = ("Spotify", "Chrome", "WhatsApp")


@dataclass
class Network:
    name: str
    secured: bool = True
    saved: bool = False
    in_range: bool = True
    signal: int = 2
    password: str = ""
    auto_connect: bool = True


@dataclass
class BtDevice:
    name: str
    type: str
    paired: bool = False
    connected: bool = False
    media_audio: bool = True


@dataclass
class InstalledApp:
    name: str
    version: str
    system: bool
    app_mb: float
    data_mb: float
    cache_mb: float
    running: bool = False
    enabled: bool = True
    notifications: bool = True
    battery: int = 1  # APP_BATTERY index

    @property
    def total_mb(self) -> float:
        return self.app_mb + self.data_mb + self.cache_mb


def size(mb: float) -> str:
    """How Settings shows a size: '410 MB', '2.3 GB', '0 B'."""
    if mb <= 0:
        return "0 B"
    if mb >= 1000:
        return f"{mb / 1000:.1f} GB"
    if mb < 1:
        return f"{round(mb * 1000)} kB"
    return f"{round(mb)} MB"


@dataclass
class SettingsData:
    networks: list[Network] = field(default_factory=list)
    devices: list[BtDevice] = field(default_factory=list)
    apps: list[InstalledApp] = field(default_factory=list)
    # network & internet
    wifi: bool = True
    connected: str = CONNECTED_NETWORK  # the network Wi-Fi is on ("" for none)
    airplane_mode: bool = False
    mobile_data: bool = True
    data_saver: bool = False
    hotspot: bool = False
    hotspot_name: str = "AndroidAP_4821"
    hotspot_password: str = "k7rq2mwa"
    # connected devices
    bluetooth: bool = True
    # apps
    browser: int = 0
    sms_app: int = 0
    # notifications
    lock_screen: int = 0
    notification_history: bool = False
    notification_dots: bool = True
    # battery
    battery_level: int = 72
    battery_saver: bool = False
    battery_percentage: bool = False
    # display
    brightness: int = 2
    adaptive_brightness: bool = True
    dark_theme: bool = False
    night_light: bool = False
    screen_timeout: int = 1
    font_size: int = 1
    auto_rotate: bool = True
    # sound
    media_volume: int = 2
    ring_volume: int = 3
    alarm_volume: int = 3
    ringtone: int = 1
    do_not_disturb: bool = False
    vibrate_for_calls: bool = False
    # storage, security, location, accessibility
    find_my_device: bool = True
    show_passwords: bool = True
    location: bool = True
    wifi_scanning: bool = True
    bluetooth_scanning: bool = True
    bold_text: bool = False
    color_inversion: bool = False
    remove_animations: bool = False
    extra_dim: bool = False
    # system
    languages: list[str] = field(default_factory=lambda: [LANGUAGES[0]])
    auto_time: bool = True
    auto_time_zone: bool = True
    time_zone: int = 0
    locale_time_format: bool = True
    use_24h: bool = False
    # about phone
    device_name: str = "Pixel 7"

    @classmethod
    def seeded(cls) -> "SettingsData":
        networks = [Network(name, secured, saved, in_range, signal, password)
                    for name, secured, saved, in_range, signal, password in SEED_NETWORKS]
        devices = [BtDevice(name, kind, paired, connected) for name, kind, paired, connected in SEED_DEVICES]
        apps = [InstalledApp(name, version, system, app_mb, data_mb, cache_mb, running,
                             notifications=name not in NOTIFICATIONS_OFF)
                for name, version, system, app_mb, data_mb, cache_mb, running in SEED_APPS]
        return cls(networks=networks, devices=devices, apps=apps)

    # ---------------------------------------------------------------- Wi-Fi
    def network(self, name: str) -> Network | None:
        return next((n for n in self.networks if n.name == name), None)

    def nearby(self) -> list[Network]:
        """The networks in range, as the Wi-Fi screen lists them: the connected one, saved ones, the rest by
        signal."""
        shown = [n for n in self.networks if n.in_range]
        return sorted(shown, key=lambda n: (n.name != self.connected, not n.saved, -n.signal))

    def saved_networks(self) -> list[Network]:
        return sorted((n for n in self.networks if n.saved), key=lambda n: n.name.casefold())

    def set_wifi(self, on: bool) -> None:
        self.wifi = on
        if not on:
            self.connected = ""
        elif not self.connected:
            best = next((n for n in self.nearby() if n.saved and n.auto_connect), None)
            self.connected = best.name if best else ""

    def connect(self, network: Network, password: str | None = None) -> None:
        if password is not None:
            network.password = password
        network.saved = True
        self.connected = network.name

    def disconnect(self, network: Network) -> None:
        if self.connected == network.name:
            self.connected = ""

    def forget(self, network: Network) -> None:
        self.disconnect(network)
        network.saved, network.password = False, ""
        if not network.in_range:
            self.networks.remove(network)

    def add_network(self, name: str, password: str) -> None:
        """A network added by hand is saved, and joined when it is in range."""
        network = self.network(name)
        if network is None:
            network = Network(name, secured=bool(password), in_range=False, signal=0)
            self.networks.append(network)
        network.saved, network.password = True, password
        if network.in_range and self.wifi:
            self.connected = network.name

    # ---------------------------------------------------------------- Bluetooth
    def paired_devices(self) -> list[BtDevice]:
        return [d for d in self.devices if d.paired]

    def available_devices(self) -> list[BtDevice]:
        return [d for d in self.devices if not d.paired]

    def pair(self, device: BtDevice) -> None:
        device.paired = True
        device.connected = self.bluetooth

    def forget_device(self, device: BtDevice) -> None:
        device.paired = device.connected = False

    def set_bluetooth(self, on: bool) -> None:
        self.bluetooth = on
        if not on:
            for device in self.devices:
                device.connected = False

    # ---------------------------------------------------------------- apps
    def recent_apps(self) -> list[InstalledApp]:
        return [a for name in RECENT_APPS for a in self.apps if a.name == name]

    def uninstall(self, app: InstalledApp) -> None:
        self.apps.remove(app)

    def reset_app_preferences(self) -> None:
        for app in self.apps:
            app.enabled, app.notifications, app.battery = True, True, 1
        self.browser = self.sms_app = 0

    def reset_network(self) -> None:
        for network in list(self.networks):
            self.forget(network)
        for device in self.devices:
            self.forget_device(device)
        self.wifi, self.bluetooth, self.mobile_data, self.airplane_mode = True, True, True, False

    # ---------------------------------------------------------------- storage
    def apps_mb(self) -> float:
        return sum(a.total_mb for a in self.apps)

    def storage_used_gb(self) -> float:
        return (self.apps_mb() + sum(mb for _, mb in MEDIA_MB)) / 1000

    # ---------------------------------------------------------------- system
    def add_language(self, language: str) -> None:
        if language not in self.languages:
            self.languages.append(language)

    def effective_24h(self) -> bool:
        """English (United States) uses the 12-hour clock; the locale default wins unless it is turned off."""
        return False if self.locale_time_format else self.use_24h
