"""`autodroid devices`, `autodroid screen`, `autodroid act`: look at a device and act on it by node id."""

from __future__ import annotations

import json
import shlex

import click

from autodroid.device import open_device
from autodroid.device.listing import list_devices
from autodroid.errors import BadInputError
from autodroid.textsafe import clean
from autodroid.ui.query import build_tree
from autodroid.ui.screen import Screen


@click.command()
def devices() -> None:
    """List the device specs usable here: sim apps, replay folders, real phones (adb)."""
    for spec, description in list_devices():
        click.echo(f"{spec:<48} {description}")


def screen_text(screen: Screen, fmt: str) -> str:
    if fmt == "html":
        return screen.html()
    if fmt == "json":
        return json.dumps({
            "source": screen.source, "package": screen.package, "signature": screen.signature,
            "nodes": [{"id": n.id, "tag": n.tag, "class": n.cls, "resource_id": n.resource_id, "text": n.text,
                       "desc": n.desc, "bounds": n.bounds, "checked": n.checked, "enabled": n.enabled,
                       "parent": n.parent} for n in screen.app_nodes()],
        }, ensure_ascii=False, indent=1)
    from lxml import etree

    return etree.tostring(build_tree(screen), pretty_print=True, encoding="unicode")


FORMAT = click.option("--format", "fmt", type=click.Choice(["html", "xml", "json"]), default="html",
                      show_default=True)
DEVICE = click.option("--device", "spec", required=True, help="sim:<app>, replay:<folder>[?log], u2:<serial>")


@click.command()
@DEVICE
@FORMAT
def screen(spec: str, fmt: str) -> None:
    """Print the device's current screen."""
    with open_device(spec) as device:
        click.echo(clean(screen_text(device.screen(), fmt), keep_newlines=True))  # app text: escaped


ACT_HELP = """Act on the device by node id, one action per argument, then print the screen.

\b
Actions: "tap ID", "long_tap ID", "type ID TEXT", "scroll ID [down|up|left|right]", "back".
Example: autodroid act --device sim:notes "tap 12" "type 30 groceries" back
"""


@click.command(help=ACT_HELP)
@DEVICE
@FORMAT
@click.argument("actions", nargs=-1, required=True)
def act(spec: str, fmt: str, actions: tuple[str, ...]) -> None:
    with open_device(spec) as device:
        for action in actions:
            result = perform(device, action)
            note = f" ({result.note})" if result.note else ""
            click.echo(f"{action}: {'screen changed' if result.changed else 'no change'}{note}", err=True)
        click.echo(clean(screen_text(device.screen(), fmt), keep_newlines=True))  # app text: escaped


def perform(device, action: str):
    words = shlex.split(action)
    if not words:
        raise BadInputError("empty action", fix='write e.g. "tap 12"')
    verb, args = words[0].replace("-", "_"), words[1:]
    if verb == "back" and not args:
        return device.back()
    if verb not in ("tap", "long_tap", "type", "scroll") or not args:
        raise BadInputError(f"cannot read action {action!r}", fix='use "tap ID", "long_tap ID", "type ID TEXT", '
                            '"scroll ID DIRECTION" or "back"')
    try:
        node = device.screen().node(int(args[0]))
    except ValueError:
        raise BadInputError(f"node id {args[0]!r} is not a number", fix="use an id from `autodroid screen`") from None
    if verb == "tap":
        return device.tap(node)
    if verb == "long_tap":
        return device.long_tap(node)
    if verb == "type":
        return device.set_text(node, " ".join(args[1:]))
    return device.scroll(node, args[1] if len(args) > 1 else "down")
