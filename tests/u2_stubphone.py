"""A stubbed phone for the real uiautomator2 3.x and adbutils 2.x libraries: a fake adb server on a local
TCP port that speaks the adb wire protocol (host:version, host:transport:, shell:, tcp:) and, behind
`tcp:9008`, a fake uiautomator2 server that answers HTTP JSON-RPC with real hierarchy dumps.

Everything between autodroid and this socket is the real library code: uiautomator2.Device and its
jar check, server launch, /ping polling, JSON-RPC over adb-forwarded HTTP, clipboard typing, AdbKeyboard
IME switching, `adbutils` shell v1 with its exit-code marker, `dumpsys window` parsing and so on. So
tests here show what the library really does with our calls (how long close() takes, what a hung call
does), which a hand-written stand-in cannot.

    phone = StubPhone(dump_text)          # the screen it shows
    device = phone.u2()                   # a real uiautomator2.Device connected through the stub
    phone.hang.add("dumpWindowHierarchy") # that JSON-RPC method never answers from now on
    phone.rpc_calls / phone.shell_commands  # what the library sent
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import socket
import threading
from pathlib import Path
from typing import Any

SERVER_LAUNCH = "app_process / com.wetest.uia2.Main"
SERVER_KILL = "pkill -f com.wetest.uia2.Main"
ADB_KEYBOARD = "com.github.uiautomator/.AdbKeyboard"
LATIN_IME = "com.android.inputmethod.latin/.LatinIME"
EMPTY_DUMP = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\r\n<hierarchy rotation=\"0\" />"
_EXIT_MARK = re.compile(r"; echo X4EXIT:\$\?$")


def u2_jar_md5() -> str:
    import uiautomator2

    jar = Path(uiautomator2.__file__).parent / "assets" / "u2.jar"
    return hashlib.md5(jar.read_bytes()).hexdigest()


class StubPhone:
    def __init__(self, hierarchy: str, *, package: str = "com.example.app", serial: str = "stub-5554",
                 ime_installed: bool = False):
        self.hierarchy = hierarchy
        self.package = package
        self.serial = serial
        self.ime_installed = ime_installed
        self.ime = LATIN_IME
        self.clipboard = ""
        self.typed: list[str] = []
        self.hang: set[str] = set()  # JSON-RPC methods (or "shell:<prefix>") that never answer
        self.rpc_calls: list[tuple[str, Any]] = []
        self.shell_commands: list[str] = []
        self.server_running = False
        self._server_streams: list[socket.socket] = []
        self._released = threading.Event()  # set on close: hung handlers give up
        self._lock = threading.Lock()
        self._md5 = u2_jar_md5()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, name="stub-adb", daemon=True).start()

    # ---- the real libraries, pointed at this stub ----------------------------------------------------
    def adb_device(self):
        import adbutils

        return adbutils.AdbClient(host="127.0.0.1", port=self.port).device(self.serial)

    def u2(self):
        import uiautomator2

        return uiautomator2.Device(self.adb_device())

    def close(self) -> None:
        self._released.set()
        self._stop_server()
        self._listener.close()

    def rpc_methods(self) -> list[str]:
        return [method for method, _ in self.rpc_calls]

    # ---- adb wire protocol ---------------------------------------------------------------------------
    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), name="stub-adb-conn", daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        keep_open = False
        try:
            command = _read_command(conn)
            if command == "host:version":
                conn.sendall(b"OKAY" + _block("0028"))  # 40: adbutils then uses host:transport:<serial>
            elif command == f"host:transport:{self.serial}":
                conn.sendall(b"OKAY")
                keep_open = self._device_command(conn, _read_command(conn))
            elif command.startswith("host:transport:"):
                conn.sendall(b"FAIL" + _block(f"device '{command.split(':', 2)[2]}' not found"))
            else:
                conn.sendall(b"FAIL" + _block(f"unknown host service {command}"))
        except (OSError, ValueError):
            pass
        finally:
            if not keep_open:
                _close(conn)

    def _device_command(self, conn: socket.socket, command: str) -> bool:
        """Serve one device service; True when the connection stays open (the server's stream)."""
        if command.startswith("shell:"):
            line = command[len("shell:"):]
            if SERVER_LAUNCH in line:
                with self._lock:
                    self.shell_commands.append(line)
                    self.server_running = True
                    self._server_streams.append(conn)
                conn.sendall(b"OKAY")
                return True
            conn.sendall(b"OKAY")
            marked = _EXIT_MARK.search(line) is not None
            plain = _EXIT_MARK.sub("", line)
            if any(h.startswith("shell:") and plain.startswith(h[len("shell:"):]) for h in self.hang):
                self._released.wait()
                return False
            output, code = self._shell(plain)
            conn.sendall((output + (f"X4EXIT:{code}" if marked else "")).encode("utf-8"))
            return False
        if command == "tcp:9008":
            if not self.server_running:
                conn.sendall(b"FAIL" + _block("closed"))
                return False
            conn.sendall(b"OKAY")
            self._http(conn)
            return False
        conn.sendall(b"FAIL" + _block(f"unsupported service {command}"))
        return False

    # ---- the device's shell ----------------------------------------------------------------------------
    def _shell(self, line: str) -> tuple[str, int]:
        with self._lock:
            self.shell_commands.append(line)
        words = line.split()
        if line.startswith("toybox md5sum "):
            return f"{self._md5}  {words[-1]}\n", 0
        if line == SERVER_KILL:
            self._stop_server()
            return "", 0
        if line == "dumpsys window windows":
            return f"  mCurrentFocus=Window{{5d2f1a u0 {self.package}/{self.package}.MainActivity}}\n", 0
        if line.startswith("monkey -p "):
            self.package = words[2]
            return "  bash arg: -p\nEvents injected: 1\n", 0
        if line.startswith("am force-stop "):
            return "", 0
        if line == "ime list -s -a":
            return LATIN_IME + "\n" + (ADB_KEYBOARD + "\n" if self.ime_installed else ""), 0
        if line == "settings get secure default_input_method":
            return self.ime + "\n", 0
        if line.startswith(("ime set ", "settings put secure default_input_method ")):
            self.ime = words[-1]
            return "", 0
        if line.startswith("ime disable "):
            if self.ime == words[-1]:
                self.ime = LATIN_IME
            return f"Input method {words[-1]}: now disabled\n", 0
        if line.startswith("ime enable "):
            return f"Input method {words[-1]}: now enabled\n", 0
        if line.startswith("am broadcast -a ADB_KEYBOARD_"):
            if self.ime != ADB_KEYBOARD:
                return "Broadcast completed: result=0\n", 0
            if "ADB_KEYBOARD_INPUT_TEXT" in line:
                self.typed.append(base64.b64decode(words[-1]).decode("utf-8"))
            return 'Broadcast completed: result=-1 data="success"\n', 0
        if line == "wm size":
            return "Physical size: 1080x1920\n", 0
        return f"/system/bin/sh: {words[0] if words else ''}: not found\n", 127

    def _stop_server(self) -> None:
        with self._lock:
            self.server_running = False
            streams, self._server_streams = self._server_streams, []
        for stream in streams:  # the process ends: its adb shell stream closes
            _close(stream)

    # ---- the uiautomator2 server (HTTP JSON-RPC) ---------------------------------------------------------
    def _http(self, conn: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = conn.recv(4096)
            if not chunk:
                return
            request += chunk
        head, _, body = request.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        length = next((int(l.split(":", 1)[1]) for l in lines[1:] if l.lower().startswith("content-length:")), 0)
        while len(body) < length:
            chunk = conn.recv(4096)
            if not chunk:
                return
            body += chunk
        if method == "GET" and path == "/ping":
            _respond(conn, b"pong")
            return
        payload = json.loads(body or b"{}")
        name, params = payload.get("method"), payload.get("params")
        with self._lock:
            self.rpc_calls.append((name, params))
        if name in self.hang:
            self._released.wait()
            return
        _respond(conn, json.dumps({"jsonrpc": "2.0", "id": payload.get("id"), "result": self._rpc(name, params)}).encode())

    def _rpc(self, name: str, params: Any) -> Any:
        if name == "dumpWindowHierarchy":
            return self.hierarchy
        if name == "setClipboard":
            self.clipboard = params[1]
            return None
        if name == "getClipboard":
            return self.clipboard
        if name == "pasteClipboard":
            self.typed.append(self.clipboard)
            return True
        if name == "takeScreenshot":
            from PIL import Image

            buffer = io.BytesIO()
            Image.new("RGB", (6, 10), (12, 34, 56)).save(buffer, format="JPEG")
            return base64.b64encode(buffer.getvalue()).decode()
        return True  # click, swipe, pressKey, clearInputText: the server answers true


def _read_command(conn: socket.socket) -> str:
    size = int(_read_exact(conn, 4).decode(), 16)
    return _read_exact(conn, size).decode("utf-8")


def _read_exact(conn: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise ValueError("connection closed")
        data += chunk
    return data


def _block(text: str) -> bytes:
    data = text.encode("utf-8")
    return f"{len(data):04x}".encode() + data


def _respond(conn: socket.socket, body: bytes) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                 + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)


def _close(conn: socket.socket) -> None:
    try:
        conn.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    conn.close()
