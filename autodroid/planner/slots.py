"""Slot filling: which input (or list) each value a task gives belongs to.

A task gives values to type or pick: quoted texts ('laundry'), file names and numbers ("pic4.jpg",
"1000", "7:30"). Lexical ranking alone rarely reaches the input a value goes into ("create an event, the
task is 'laundry'" shares no word with a Title field), so every input of the app is scored for every
value, from evidence that holds for any app:

- the words just before the value ("called 'x'", "the title 'x'", "type 'x'") against the input's entry,
  and for a number the unit right after it ("8 minutes and 30 seconds");
- the whole task's lexical score for the input (its screen, what it shows);
- where the task is going: inputs on the screen a well-ranked button opens, or beside a well-ranked element;
- the value's shape against what the input shows now (digits into a field that shows digits, a file name
  into a field that shows a file name);
- the value's place among the texts the task gives against the field's place in its form (a near-tie
  breaker: "a note named 'x' that says 'y'" fills the title, then the body).

The best few inputs per value become candidate lines; the model picks among them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from autodroid.appdoc import AppDoc, Element
from autodroid.planner.postprocess import confirm_button, parse_line
from autodroid.planner.retrieval import PHONE, TYPE_SUFFIXES, Candidate, quoted_values, stem, task_values, words

CUE_WORDS = 3  # content words before a value that say where it goes
CUE_WEIGHT = 2.0
TASK_WEIGHT = 1.0
NEAR_WEIGHT = 1.5  # the input's screen is opened by (or holds) a top-ranked element
SHAPE_WEIGHT = 1.0
ORDER_WEIGHT = 0.5  # the n-th value to type and the n-th field of a form (title, then body): breaks near-ties
NEAR_FROM = 5  # how many top-ranked elements say where the task is going
PHONE_FIELDS = frozenset(words("number phone"))
SEARCH = stem("search")
LOOKING = frozenset({SEARCH, stem("find"), stem("look")})  # "find my Lisbon flight": the value goes to a search box
MAIL_FIELDS = frozenset(words("email mail"))  # a field named for an address takes an address, with its "@"
NAMING_CUES = frozenset(words("called named titled entitled labelled labeled"))  # "an event called X": X is
NAME_FIELDS = frozenset(words("name title label"))  # what the item is called, so its name/title/label field


@dataclass(frozen=True)
class Slot:
    value: str
    cue: tuple[str, ...]  # word stems just before the value in the task
    position: int  # character offset in the task
    unit: str = ""  # for a number, the word stem right after it ("8 minutes": "minut"): the field it goes in


def task_slots(task: str, values: Sequence[str] | None = None) -> list[Slot]:
    """The values the task gives (``values``, default ``task_values``), in task order, each with the words
    just before it (never reaching back past the value before it: "called 'a' and type 'b'" gives 'b' the
    cue "type")."""
    found: list[tuple[int, str]] = []
    taken: set[int] = set()
    for value in task_values(task) if values is None else values:
        position = next((m.start() for m in _occurrences(task, value) if m.start() not in taken), len(task))
        taken.add(position)
        found.append((position, value))
    found.sort()
    slots: list[Slot] = []
    previous_end = 0
    for position, value in found:
        before = words(task[previous_end:position])[-CUE_WORDS:]
        after = words(task[position + len(value):])[:1] if shape(value) == "number" else []
        slots.append(Slot(value, tuple(before), position, after[0] if after else ""))
        previous_end = position + len(value)
    return slots


def _occurrences(task: str, value: str) -> list[re.Match]:
    """Where ``value`` stands in the task: quoted first, then as a whole word ('234' is not inside '12345')."""
    quoted = list(re.finditer(rf"(?<=['\"]){re.escape(value)}(?=['\"])", task))
    whole = list(re.finditer(rf"(?<![\w.]){re.escape(value)}(?![\w])", task))
    return quoted + [m for m in whole if m.start() not in {q.start() for q in quoted}]


def shape(text: str) -> str:
    """A coarse kind of a text: "number", "phone", "time", "file" (name.ext), "path" or "words"."""
    text = text.strip()
    if re.fullmatch(r"[\d.,]+\s*%?", text) and not PHONE.fullmatch(text):
        return "number"
    if PHONE.fullmatch(text) or re.fullmatch(r"\+?\d[\d\s().-]{5,}\d", text) and sum(c.isdigit() for c in text) >= 7:
        return "phone"
    if TIME.fullmatch(text):
        return "time"
    if re.fullmatch(r"[^\s/]+\.[A-Za-z0-9]{1,5}", text):
        return "file"
    if "/" in text:
        return "path"
    return "words"


def _inputs_on(doc: AppDoc, screen) -> list[Element]:
    """The inputs of ``screen`` (a ``ScreenDoc``; none for None), top to bottom."""
    return [doc.elements[n] for n in screen.elements if n in doc.elements and doc.elements[n].type == "input"] \
        if screen is not None else []


def entry_words(element: Element) -> set[str]:
    return set(words(element.short_name)) | set(words(element.description)) | set(words(element.about)) | {
        w for s in element.screens for w in words(s)}


def near_screens(doc: AppDoc, ranked: Sequence[Candidate | str]) -> dict[str, float]:
    """Screens the task is heading for, with a weight: 1 for a screen a top-ranked element opens; 0.5 for
    the screen a top-ranked element that opens nothing stands on (an opener's own screen is only the way),
    and for the screen the confirm button of an opened screen leads to (where a form goes on after OK)."""
    screens: dict[str, float] = {}
    for item in list(ranked)[:NEAR_FROM]:
        name = item.name if isinstance(item, Candidate) else item
        element = doc.elements.get(name)
        if element is None:
            continue
        if element.leads_to and element.leads_to not in element.screens:
            screens[element.leads_to] = 1.0
        else:
            for screen in element.screens:
                screens.setdefault(screen, 0.5)
    opened = [screen for screen, weight in screens.items() if weight == 1.0]
    for screen in opened:
        confirm = confirm_button(doc, screen)
        if confirm is not None and confirm.leads_to:
            screens.setdefault(confirm.leads_to, 0.5)
    return screens


def input_scores(doc: AppDoc, slot: Slot, task_scores: Mapping[str, Candidate],
                 near: Mapping[str, float], order: int | None = None, searched: bool = True,
                 looking: bool = False) -> dict[str, float]:
    """A score per input of the doc for ``slot`` (higher: the value more likely goes there); ``order``:
    the slot is the order-th text the task gives to type, and people name a form's fields in its order,
    so on the form of the best input the order-th field gains a little (a near-tie breaker). Fields that
    show a number are not counted for a value that is not one ("a timer called Pasta": Label, not Minutes).
    Without ``searched`` (the value is not one to look up), search boxes lose; with ``looking``, a value right
    after a look-up verb goes into a search box."""
    top = max((c.score for c in task_scores.values()), default=0.0) or 1.0
    out: dict[str, float] = {}
    for name, element in doc.elements.items():
        if element.type != "input":
            continue
        entry = entry_words(element)
        cue = sum(1 for w in slot.cue if w in entry) / len(slot.cue) if slot.cue else 0.0
        if slot.unit and slot.unit in entry:
            cue = 1.0  # "8 minutes" goes into the minutes field whatever words come before it
        elif slot.cue and entry & NAME_FIELDS and (slot.cue[-1] in NAMING_CUES or slot.cue[-1] in words(
                element.screen) and shape(slot.value) == "words"):
            cue = 1.0  # "an event called X", "new event X": the name or title field (of the event's screen)
        elif any(set(slot.cue) & part and entry & part for part in (FIRST_NAME, LAST_NAMES)):
            cue = 1.0  # "her last name is Conti": the surname field, whichever of surname/last/family it says
        elif any(set(slot.cue) & part and entry & other for part, other in ((FIRST_NAME, LAST_NAMES),
                                                                              (LAST_NAMES, FIRST_NAME))):
            cue = 0.0  # ... and not the first-name field, though both say "name"
        lexical = task_scores[name].score / top if name in task_scores else 0.0
        is_near = max((near.get(screen, 0.0) for screen in element.screens), default=0.0)
        shown = element.description.strip()
        same_shape = 1.0 if shown and shape(shown) == shape(slot.value) else 0.0
        if shape(slot.value) == "phone" and entry & PHONE_FIELDS:  # a phone number goes where a number goes
            same_shape = 1.0
        if entry & MAIL_FIELDS and "@" not in slot.value:  # "from Bright Sparks": not into the Email field
            same_shape = -1.0
        if not searched and SEARCH in entry:
            cue = -1.0  # not a value to look up: a search box is no place for it
        elif looking and SEARCH in entry and set(slot.cue[-2:]) & LOOKING:
            cue = 1.0  # "find my Lisbon flight", "look up Kate": what is looked up goes into the search box
        out[name] = (CUE_WEIGHT * cue + TASK_WEIGHT * lexical + NEAR_WEIGHT * is_near
                     + SHAPE_WEIGHT * same_shape)
    if order is not None and out:
        form = doc.screens.get(doc.elements[max(out, key=out.get)].screen)
        fields = [n for n in (form.elements if form else ()) if n in out  # its inputs, top to bottom, without
                  and (shape(slot.value) == "number" or shape(doc.elements[n].description) != "number")]  # digits-only
        if order < len(fields):
            out[fields[order]] += ORDER_WEIGHT
    return out


def slot_inputs(doc: AppDoc, task: str, task_scores: Mapping[str, Candidate], ranked: Sequence[Candidate | str],
                per_value: int = 3, values: Sequence[str] | None = None,
                joint: bool = False, name_pairs: bool = False, lookup: bool = True,
                looking: bool = False) -> list[tuple[Slot, list[str]]]:
    """For each value the task gives, the ``per_value`` inputs it most likely goes into, best first. An
    input that is the best place of an earlier value comes after the others (a field holds one value),
    unless that value is the label of something the app shows ("rename 'diary' to 'events'": 'diary'
    says which note, so the name field it matches stays free for 'events'). With ``joint``, the values to
    type get the distinct best places with the highest total score instead of first come, first served
    ("Ana with the email ana@example.com": the cue "email" gives the address the Email field, and Ana the
    next best). With ``name_pairs``, a full name that goes into a first-name field takes its surname field
    too (``name_fields``), so a later name goes elsewhere ("Tom Hale from Bright Sparks": the company).
    Without ``lookup`` (the task says no look-up verb), an unquoted name is not for a search box ("put
    Grandpa in my contacts": the name field, though the search box says "contacts"); with ``looking``, a value
    right after a look-up verb goes into a search box ("find my Lisbon flight")."""
    near = near_screens(doc, ranked)
    quoted = set(quoted_values(task))
    scored = []
    typed = 0  # values before this one that are texts to type (not labels of something shown)
    for slot in task_slots(task, values):
        label = names_an_element(doc, slot.value)
        found = lookup or slot.value in quoted or shape(slot.value) != "words"
        scored.append((slot, label, input_scores(doc, slot, task_scores, near, order=None if label else typed,
                                                 searched=found, looking=looking)))
        typed += 0 if label else 1
    if name_pairs:
        scored = _name_pairs_taken(doc, scored)
    homes = _joint_homes([scores for _, label, scores in scored if not label]) if joint else None
    out = []
    claimed: set[str] = set()
    for slot, label, scores in scored:
        best = sorted(scores, key=lambda n: (n in claimed, -scores[n]))
        if not label and homes:
            home = homes.pop(0)
            best = [home] + [name for name in best if name != home]
        best = best[:per_value]
        if not label and best:
            claimed.add(best[0])
        out.append((slot, best))
    return out


def _name_pairs_taken(doc: AppDoc, scored: list) -> list:
    """``scored`` (slot, label, input scores) where a full name whose best input is a first-name or surname
    field takes both, so no later value scores them."""
    taken: set[str] = set()
    out = []
    for slot, label, scores in scored:
        if not label:
            scores = {name: score for name, score in scores.items() if name not in taken}
            fields = name_fields(doc, max(scores, key=scores.get)) if scores and name_parts(slot.value) else None
            taken |= set(fields or ())
        out.append((slot, label, scores))
    return out


JOINT_MOST = 5  # values to type placed jointly; more (rare) are placed first come, first served
JOINT_WIDTH = 4  # best inputs per value tried


def _joint_homes(per_slot: list[dict[str, float]]) -> list[str] | None:
    """One distinct input per value (each a dict input -> score) maximizing the summed score; the first
    come, first served placement wins ties. None when there are too many values or too few inputs."""
    if not per_slot or len(per_slot) > JOINT_MOST:
        return None
    options = [sorted(scores, key=lambda n: -scores[n])[:JOINT_WIDTH + len(per_slot) - 1] for scores in per_slot]
    greedy: list[str] = []
    for scores in per_slot:
        free = sorted((n for n in scores if n not in greedy), key=lambda n: -scores[n])
        if not free:
            return None
        greedy.append(free[0])
    best, best_total = greedy, sum(scores[n] for scores, n in zip(per_slot, greedy))
    for combo in itertools.product(*options):
        if len(set(combo)) == len(combo):
            total = sum(scores[n] for scores, n in zip(per_slot, combo))
            if total > best_total + 1e-9:
                best, best_total = list(combo), total
    return best


TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2})(?:\s*[ap]\.?m\.?)?|\s*[ap]\.?m\.?)", re.I)


def time_parts(value: str) -> tuple[str, str] | None:
    """("6", "45") for "6:45" / "6:45 am", ("5", "00") for "5 am"; None for anything else."""
    match = TIME.fullmatch(value.strip())
    return (match.group(1), match.group(2) or "00") if match else None


def time_fields(doc: AppDoc) -> list[tuple[str, str]]:
    """(hour input, minute input) pairs, one per screen that has them: inputs whose entry says hour and
    minute, else the first two inputs of a screen that both show a one- or two-digit number (a time
    picker whose fields have no names). A time the task gives is typed into such a pair in parts."""
    pairs = []
    for screen in doc.screens.values():
        inputs = _inputs_on(doc, screen)
        said = {e.name: set(words(e.short_name)) | set(words(e.description)) | set(words(e.about)) for e in inputs}
        hour = next((e for e in inputs if "hour" in said[e.name]), None)
        minute = next((e for e in inputs if "minut" in said[e.name]), None)
        if hour is None or minute is None:
            digits = [e for e in inputs if re.fullmatch(r"\d{1,2}", e.description.strip())]
            hour, minute = (digits[0], digits[1]) if len(digits) >= 2 else (None, None)
        if hour is not None and minute is not None and hour.name != minute.name:
            pairs.append((hour.name, minute.name))
    return pairs


STEP_WORDS = frozenset(words("up down increase decrease increment decrement plus minus raise lower more less"))
FIELD_WORDS = frozenset(words("input field edit text box"))  # what an input's API name says besides its subject
TIME_UNITS = frozenset(words("hours minutes seconds"))  # fields of a duration picker


def steppers(doc: AppDoc) -> dict[str, list[str]]:
    """Input -> the buttons beside it that step its value ("Increase hour" / ``hour_up`` for ``hour_input``):
    a button on the input's screen whose name and label say the input's subject and a step direction, and
    nothing else. Once a line types the value, stepping it only changes what was typed."""
    out: dict[str, list[str]] = {}
    for screen in doc.screens.values():
        elements = [doc.elements[n] for n in screen.elements if n in doc.elements]
        for field in (e for e in elements if e.type == "input"):
            subject = set(words(field.short_name)) - FIELD_WORDS
            if not subject:
                continue
            for button in (e for e in elements if e.type == "button"):
                said = set(words(button.short_name)) | set(words(button.description))
                if said & STEP_WORDS and said - STEP_WORDS - FIELD_WORDS - {"button"} == subject:
                    out.setdefault(field.name, []).append(button.name)
    return out


def duration_zeroes(doc: AppDoc, task: str, lines: Sequence[str]) -> list[tuple[int, str]]:
    """(index, line) to insert: where a line types a number the task gives with its unit into the field that
    unit names ("45 seconds" into Seconds), the other unit fields of that form (Minutes, Hours) that the task
    gives no number for get "0": a 45-second timer is not 5 minutes 45 seconds because Minutes showed 5."""
    given = {(slot.value, slot.unit) for slot in task_slots(task) if slot.unit in TIME_UNITS}
    given_units = {unit for _, unit in given}
    typed = {parse_line(line).name for line in lines if parse_line(line).method == "set_text"}
    out: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        parsed = parse_line(line)
        field = doc.elements.get(parsed.name or "")
        if field is None or parsed.method != "set_text" or not {(parsed.arg, u) for u in _unit_of(field)} & given:
            continue
        screen = doc.screens.get(field.screen)
        for name in (screen.elements if screen else ()):
            other = doc.elements.get(name)
            if other is None or other.type != "input" or name in typed or not _unit_of(other) \
                    or _unit_of(other) & given_units:
                continue
            out.append((index + 1, f"{name}.set_text(\"0\")"))
            typed.add(name)
    return out


def _unit_of(field: Element) -> set[str]:
    return set(words(field.short_name)) & TIME_UNITS


_NAME_WORD = re.compile(r"[A-Z][a-z]*(?:['-][A-Z]?[a-z]+)*")
FIRST_NAME, LAST_NAMES = frozenset(words("first given")), frozenset(words("surname last family"))
NAME = words("name")[0]


def name_parts(value: str) -> tuple[str, str] | None:
    """("Rita", "Moreno") for a person's name of two or three capitalized words; None for anything else."""
    parts = value.split()
    if 2 <= len(parts) <= 3 and all(len(part) > 1 and _NAME_WORD.fullmatch(part) for part in parts):
        return parts[0], " ".join(parts[1:])
    return None


def names_person(task: str, option: str) -> bool:
    """Whether ``task`` names the person ``option`` by the first name as written ("text Anna": Anna Kowalski;
    not "anna", not "Kowalski")."""
    parts = name_parts(option)
    return parts is not None and re.search(rf"\b{re.escape(parts[0])}\b", task) is not None


def name_fields(doc: AppDoc, input_name: str) -> tuple[str, str] | None:
    """(first-name input, surname input) of the form ``input_name`` is on, when it is one of the two: a
    full name goes into such a form in two parts."""
    element = doc.elements.get(input_name)
    screen = doc.screens.get(element.screen) if element is not None else None
    if screen is None:
        return None
    inputs = _inputs_on(doc, screen)
    first = next((e.name for e in inputs if FIRST_NAME & entry_words(e) and NAME in entry_words(e)), None)
    last = next((e.name for e in inputs if e.name != first and LAST_NAMES & entry_words(e)), None)
    return (first, last) if first and last and input_name in (first, last) else None


TYPING_WORDS = frozenset(words("type enter write edit text field box"))  # how an input's name says "type here"


def input_commit(doc: AppDoc, element: Element) -> Element | None:
    """The button that carries out what is typed into ``element`` when its screen has no OK/Save: the one
    button beside it whose name says the input's subject (``thread_send_message_button`` for
    ``thread_type_message_input``); None when no button or several say it equally."""
    if element.type != "input" or confirm_button(doc, element.screen) is not None:
        return None
    screen_words = set(words(element.screen))
    subject = set(words(element.short_name)) - TYPE_SUFFIXES - TYPING_WORDS - screen_words
    scored = []
    for name in doc.screens[element.screen].elements if element.screen in doc.screens else ():
        button = doc.elements.get(name)
        if button is None or button.type != "button" or button.leads_to not in (None, element.screen):
            continue
        shared = len(subject & (set(words(button.short_name)) - TYPE_SUFFIXES - screen_words))
        if shared:
            scored.append((shared, button))
    scored.sort(key=lambda pair: -pair[0])
    if not scored and not subject:  # an input named by its type alone: the one sensitive button beside it
        return _lone_sensitive_button(doc, element)
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _lone_sensitive_button(doc: AppDoc, element: Element) -> Element | None:
    """The button that carries out a screen's only input when the input's name says no subject (a dialpad's
    ``input``): the one sensitive button (Call, Send, Pay: the doc's risk) that stays on the screen."""
    screen = doc.screens.get(element.screen)
    if len(_inputs_on(doc, screen)) != 1:
        return None
    buttons = [b for n in screen.elements if (b := doc.elements.get(n)) is not None and b.type == "button"
               and b.leads_to in (None, element.screen) and b.risk == "sensitive"]
    return buttons[0] if len(buttons) == 1 else None


def names_an_element(doc: AppDoc, value: str) -> bool:
    """Whether ``value`` is the label of something the app shows (every word of it in one non-input
    element's description or options): then it says which element to act on, not a text to type."""
    wanted = set(words(value))
    if not wanted:
        return False
    number = shape(value) == "number"  # a number names a label only as a whole ("45" is not "1:45 PM")
    for element in doc.elements.values():
        if element.type == "input":
            continue
        labels = [element.description.split("; e.g. ")[0], *element.options]  # a list's examples are options
        if any((label.strip() == value.strip()) if number else wanted <= set(words(label))
               for label in labels if label):
            return True
    return False


__all__ = ["LOOKING", "SEARCH", "STEP_WORDS", "Slot", "duration_zeroes", "entry_words", "input_commit", "input_scores",
           "name_fields", "name_parts", "names_an_element", "near_screens", "shape", "slot_inputs", "steppers",
           "task_slots", "time_fields", "time_parts"]
