"""Clean-ups of a model's script that need the doc, not the model: repeated lines and dialog confirms.

- Repeats: small models loop (``a; b; a; b; ...``) until the line cap. The first line that repeats an
  earlier one ends the script (``stop``), or only the repeats are dropped (``drop``).
- Trailing ``back()`` lines do nothing a task asks for; they are dropped.
- Auto-confirm: when a line acts inside a dialog whose doc shows an OK/Save-style button that leaves it
  (back to its opener, or to an unrecorded place), and the action itself does not leave the dialog, and the
  script never taps that button, the tap is inserted after the script's last line on that dialog. Never
  for sensitive elements: confirming those is the privilege policy's decision, not ours.
Only straight-line scripts (one call per line, no blocks) are edited; anything else is returned as is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from autodroid.appdoc import AppDoc, Element

# name.method(args), then an optional chain on what ``match`` returns (".long_tap()", ".alarm_switch.tap()")
_CALL = re.compile(r'^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\.(?P<method>[a-z_]+)\((?P<args>"(?:[^"\\]|\\.)*"|.*)\)'
                   r"(?P<tail>(?:\.[a-z_]+)*\.[a-z_]+\(\))?$")
_STRING_ARG = re.compile(r'^"((?:[^"\\]|\\.)*)"$')
CONFIRM_WORDS = ("ok", "save", "done", "apply", "yes", "confirm")
DISMISS_WORDS = ("cancel", "close", "navigate up", "back", "dismiss", "not now", "no")
POSITIVE_IDS = ("button1", "android:id/button1")  # AlertDialog's positive button, whatever its label


@dataclass(frozen=True)
class Line:
    text: str
    name: str | None  # API name; None for back() and anything unparsed
    method: str | None
    arg: str | None  # the string argument (select option, set_text text, match label)
    tail: str = ""  # what a ``match`` line does to the item it finds: ".long_tap()", ".alarm_switch.tap()"


@dataclass(frozen=True)
class Postprocessed:
    script: str
    changes: tuple[str, ...]  # what was changed, for the trace: "dropped repeated line 4: ..."
    confirms: tuple[str, ...]  # lines inserted by auto-confirm


def parse_line(text: str) -> Line:
    match = _CALL.match(text)
    if not match:
        return Line(text, None, None, None)
    arg = None
    args = match.group("args").strip()
    string = _STRING_ARG.match(args)
    if string:
        arg = string.group(1).replace('\\"', '"').replace("\\\\", "\\")
    return Line(text, match.group("name"), match.group("method"), arg, match.group("tail") or "")


def straight_lines(script: str) -> list[str] | None:
    """The script's non-empty lines, or None when it is not straight-line (indented blocks, colons)."""
    lines = [line.rstrip() for line in script.splitlines() if line.strip()]
    for line in lines:
        if line[:1].isspace() or line.endswith(":"):
            return None
    return lines


def postprocess(script: str, doc: AppDoc, *, repeats: str = "stop", auto_confirm: bool = True) -> Postprocessed:
    lines = straight_lines(script)
    if lines is None:
        return Postprocessed(script.strip("\n"), (), ())
    changes: list[str] = []
    kept: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if line in seen:
            if repeats == "stop":
                changes.append(f"stopped at repeated line {number}: {line}")
                break
            changes.append(f"dropped repeated line {number}: {line}")
            continue
        seen.add(line)
        kept.append(line)
    kept = _without_passing_opens(kept, changes)
    while kept and kept[-1] == "back()":
        changes.append("dropped trailing back()")
        kept.pop()
    confirms: list[str] = []
    if auto_confirm:
        kept, confirms = add_confirms(kept, doc)
        changes.extend(f"added confirm: {line}" for line in confirms)
    return Postprocessed("\n".join(kept), tuple(changes), tuple(confirms))


def _without_passing_opens(lines: list[str], changes: list[str]) -> list[str]:
    """Without a ``select`` of a list row that the next line long-presses or acts on in its list
    (``L.match(row).long_tap()``): that line goes back to the list, so opening the row first only costs two
    actions and whatever opening does (a song plays)."""
    kept: list[str] = []
    for number, line in enumerate(lines, 1):
        parsed = parse_line(line)
        following = parse_line(lines[number]) if number < len(lines) else None
        if (parsed.method == "select" and following is not None and following.method == "match"
                and following.tail and following.arg == parsed.arg):
            changes.append(f"dropped line {number}: {line} (the next line acts on that row in its list)")
            continue
        kept.append(line)
    return kept


def confirm_button(doc: AppDoc, screen: str) -> Element | None:
    """The OK/Save-style button that closes ``screen`` (a dialog) keeping its changes, if the doc has one."""
    openers = {edge.source for edge in doc.navigation if edge.to == screen and edge.source != screen}
    # or the screen before the opener: a menu's Rename dialog closes the menu too, its OK lands on the list
    openers |= {edge.source for edge in doc.navigation if edge.to in openers and edge.source != screen}
    found: list[tuple[int, Element]] = []
    for element in doc.elements.values():
        if element.type != "button" or screen not in element.screens or element.risk == "sensitive":
            continue
        label = _label(element)
        if label not in CONFIRM_WORDS and not is_positive_button(element):
            continue
        leaves_to = _leads_from(doc, element, screen)
        if leaves_to == screen or (leaves_to is not None and openers and leaves_to not in openers):
            continue
        found.append((CONFIRM_WORDS.index(label) if label in CONFIRM_WORDS else len(CONFIRM_WORDS), element))
    found.sort(key=lambda pair: pair[0])
    return found[0][1] if found else None


def is_positive_button(element: Element) -> bool:
    """Whether ``element`` is an Android dialog's positive button (``android:id/button1``: "Set as default",
    "Move", "Always"), the one that carries out the dialog whatever it says."""
    return element.type == "button" and any(s.resource_id in POSITIVE_IDS for s in element.selectors)


def _label(element: Element) -> str:
    text = (element.description or "").strip().lower()
    if text in CONFIRM_WORDS:
        return text
    words = [w for w in element.short_name.split("_") if w not in ("button", "btn")]
    return words[-1] if len(words) == 1 else " ".join(words)


def _leads_from(doc: AppDoc, element: Element, screen: str, option: str | None = None) -> str | None:
    """Where acting on ``element`` on ``screen`` leads, per the recorded navigation (None: unknown)."""
    for edge in doc.navigation:
        if edge.source == screen and edge.element == element.name and (option is None or edge.option == option):
            return edge.to
    if option is not None:
        return None  # an option the log never chose: its outcome is unknown, not the list's other edges'
    return element.leads_to


def screen_exits(doc: AppDoc) -> dict[str, set[str]]:
    """Screen -> the other screens its recorded edges lead to."""
    exits: dict[str, set[str]] = {}
    for edge in doc.navigation:
        if edge.to != edge.source:
            exits.setdefault(edge.source, set()).add(edge.to)
    return exits


def form_dialogs(doc: AppDoc, form: set[str], exits: dict[str, set[str]] | None = None) -> set[str]:
    """Dialogs an element of ``form`` opens whose recorded ways out all return to the form (the runtime goes
    there keeping the form's typed text: ``host._form_dialog``). ``exits``: ``screen_exits(doc)``, when the
    caller keeps it (the planner asks at every decoding step)."""
    exits = screen_exits(doc) if exits is None else exits
    return {other.leads_to for screen in form if screen in doc.screens for name in doc.screens[screen].elements
            if (other := doc.elements.get(name)) is not None and other.leads_to and "dialog" in other.leads_to
            and exits.get(other.leads_to) and exits[other.leads_to] <= form}


def form_twins(doc: AppDoc, screen: str) -> set[str]:
    """``screen`` and the screens its elements also show on (the event form and its all-day variant)."""
    names = doc.screens[screen].elements if screen in doc.screens else ()
    return {screen} | {other for name in names if name in doc.elements for other in doc.elements[name].screens}


def dialog_form(doc: AppDoc, dialog: str) -> Element | None:
    """The save button of the form whose own dialog ``dialog`` is (``form_dialogs``: the reminder dialog of the
    event form), or None."""
    for element in doc.elements.values():
        if element.leads_to != dialog or "dialog" in element.screen:
            continue
        save = confirm_button(doc, element.screen)
        if save is not None and dialog in form_dialogs(doc, form_twins(doc, element.screen)):
            return save
    return None


def add_confirms(lines: list[str], doc: AppDoc) -> tuple[list[str], list[str]]:
    """Insert a confirm tap after the last line acting inside each dialog that needs one."""
    parsed = [parse_line(line) for line in lines]
    last_on: dict[str, int] = {}
    confirm_of: dict[str, Element] = {}
    for index, line in enumerate(parsed):
        element = doc.elements.get(line.name or "")
        if element is None or line.method not in ("tap", "select", "set_text", "match"):
            continue
        if element.risk == "sensitive":
            continue
        screen = element.screen  # a widget shared by look-alike screens is reached on its canonical one
        confirm = confirm_button(doc, screen)
        if confirm is None or confirm.name == element.name:
            continue
        leaves_to = _leads_from(doc, element, screen, line.arg if line.method == "select" else None)
        if leaves_to is not None and leaves_to != screen:
            continue  # this action closes the dialog by itself (a radio list that applies at once)
        last_on[screen] = index
        confirm_of[screen] = confirm
    inserts = []
    for screen, index in last_on.items():
        confirm = confirm_of[screen]
        form = set(doc.elements[parsed[index].name or ""].screens)
        dialogs = form_dialogs(doc, form)  # an event's reminder chosen after its title: Save comes after it
        while index + 1 < len(parsed) and (following := doc.elements.get(parsed[index + 1].name or "")) is not None \
                and following.name != confirm.name and (following.screen in dialogs or set(following.screens) & form):
            index += 1  # its own boxes too: All day, which the crawl saw switch the form to a twin screen
        own = next((i for i in range(index + 1, len(parsed)) if parsed[i].name == confirm.name
                    and parsed[i].method == "tap"), None)
        if own is None:
            inserts.append((index, 0, confirm))
        saved = dialog_form(doc, screen)  # a dialog of a form opened on its own (an event's reminder): the
        if saved is not None and not any(p.name == saved.name for p in parsed) and not any(  # form is saved too
                doc.elements.get(p.name or "") is not None and set(doc.elements[p.name].screens) & set(saved.screens)
                for p in parsed[:index]):
            inserts.append((own if own is not None else index, 1, saved))
    out = list(lines)
    added: list[str] = []
    for index, _, confirm in sorted(inserts, key=lambda item: (-item[0], -item[1])):
        line = f"{confirm.name}.tap()"
        out.insert(index + 1, line)
        added.insert(0, line)
    return out, added
