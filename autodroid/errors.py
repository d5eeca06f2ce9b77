"""Error types, split by what the caller should do about them.

Every error carries a ``fix``: one sentence telling a person (or a repairing model) what to do next.
The CLI turns any ``AutodroidError`` into one line ``error: <message> (fix: <fix>)`` and exit code 2.
"""

from __future__ import annotations


class AutodroidError(Exception):
    """Base of all errors autodroid raises on purpose."""

    default_fix = ""

    def __init__(self, message: str, *, fix: str | None = None):
        super().__init__(message)
        self.message = message
        self.fix = fix if fix is not None else self.default_fix

    def one_line(self) -> str:
        text = " ".join(self.message.split())
        return f"{text} (fix: {self.fix})" if self.fix else text


class BadInputError(AutodroidError):
    """A file, folder, spec or option given by the user is missing or malformed."""

    default_fix = "check the path or value you passed"


class ScreenParseError(BadInputError):
    """A screen dump (uiautomator XML or DroidTask HTML) could not be parsed."""

    default_fix = "pass a uiautomator XML dump or a DroidTask State string"


class DocError(BadInputError):
    """An app doc (app_docs/<app>/doc.yaml) is missing or invalid."""

    default_fix = "regenerate it with `autodroid explore`, or correct the named field"


class DeviceError(AutodroidError):
    """The device is broken or unreachable: retry or reconnect; the script is not at fault."""

    default_fix = "check the device connection (`autodroid doctor`) and retry"


class DeviceTimeout(DeviceError):
    """The device did not answer in time."""


class ElementNotFound(AutodroidError):
    """The element asked for is not on the screen: navigate, scroll, or repair the script."""

    default_fix = "navigate to the element's screen or scroll it into view"


class UnexploredTransition(AutodroidError):
    """A recorded (replay) device has no recording of this action's outcome; the screen is unchanged."""

    default_fix = "use an action that was recorded, or explore the app further"


class ModelError(AutodroidError):
    """The language model is missing, corrupt, will not load, or gave unusable output."""

    default_fix = "run `autodroid models check` and `autodroid doctor`"


class PolicyRefused(AutodroidError):
    """Refused by policy: the privilege policy (or the user at the confirmation prompt) did not allow the action."""

    default_fix = "do the task without this action, or allow it in the policy file (or run with --yes)"
