"""Running the real `autodroid` command in a child process for the issue-13 reproducers: exit code,
stdout, stderr, wall time and the child's peak RSS (VmHWM, reported by the child itself at exit; Linux)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import dataclass

# VmHWM is this process image's own peak (ru_maxrss would include the pytest parent it was forked from)
_WRAPPER = ("import atexit, re, sys\n"
            "def _peak():\n"
            "    status = open('/proc/self/status').read()\n"
            "    return int(re.search(r'VmHWM:\\s*(\\d+)', status).group(1))\n"
            "atexit.register(lambda: sys.stderr.write('\\nPEAK_RSS_KB=%d\\n' % _peak()))\n"
            "from autodroid.cli.main import cli\n"
            "cli(prog_name='autodroid')\n")


@dataclass
class Done:
    code: int
    out: str
    err: str  # stderr without the RSS line
    seconds: float
    rss_mb: float

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def autodroid(*args: str, stdin: bytes | str = b"", timeout: float = 120, cwd=None) -> Done:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *args], input=stdin.encode() if isinstance(stdin, str)
                          else stdin, capture_output=True, timeout=timeout, cwd=cwd)
    seconds = time.monotonic() - started
    err = done.stderr.decode("utf-8", "replace")
    found = re.search(r"\nPEAK_RSS_KB=(\d+)\n", err)
    rss = int(found.group(1)) / 1024 if found else 0.0
    err = err[:found.start()] + err[found.end():] if found else err
    return Done(done.returncode, done.stdout.decode("utf-8", "replace"), err, seconds, rss)


def assert_one_line_error(done: Done, *words: str) -> None:
    """Exit 2, no traceback, the error on one line starting with `error:` that names the problem."""
    assert "Traceback" not in done.err and "Traceback" not in done.out, done.err[-3000:]
    assert done.code == 2, (done.code, done.out[-1000:], done.err[-1000:])
    lines = [line for line in done.error_lines if not line.startswith("warning:")]
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: "), lines
    for word in words:
        assert word.casefold() in lines[0].casefold(), (word, lines[0])
    assert done.rss_mb < 200, done.rss_mb
