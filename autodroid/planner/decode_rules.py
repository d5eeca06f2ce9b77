"""The decoding rules: which choice lines stay possible for the next line of a script, given the lines
already written (``Planner._decode_lines`` applies them in turn before each model call).

Each rule holds for any app and reads no task vocabulary: a value goes into one field, a radio group gets
one named tick, a form is filled and saved before the script leaves it, a named row is picked before the
lines on the screen it opens, the script does not end while a value or a named option is unused. Each has
a ``PlanConfig`` knob; selection.md in the accuracy results says what each one won under the folds.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from autodroid.planner.grammar_for_doc import has_text_slot
from autodroid.planner.order import clauses
from autodroid.planner.postprocess import (CONFIRM_WORDS, DISMISS_WORDS, confirm_button, form_dialogs, form_twins,
                                          is_positive_button, parse_line)
from autodroid.planner.retrieval import quoted_values, ranked_options, task_verb, word_stem, words
from autodroid.planner.rows import tapped_field
from autodroid.planner.slots import input_commit, name_fields, name_parts, names_an_element, names_person, time_parts



class DecodeRules:
    """Mixed into ``Planner``, whose ``config``, ``doc``, ``reach``, ``model``, ``values``, ``candidates``,
    ``_spelled`` and ``_slot_inputs`` the rules read; ``_homes`` and ``_rows`` are its per-task caches."""

    def _values_once(self, task: str, choices: Sequence[str], lines: Sequence[str]) -> list[str]:
        """``choices`` without the lines whose text the script already used as often as the task gives it
        (a value goes into one field: typing it again elsewhere is a side effect, not progress), and without
        selects of an option some list already got, unless the task says it more often ("10 minutes" picked
        for the timer is not also picked for the snooze)."""
        used: dict[str, int] = {}
        for line in lines:
            arg = parse_line(line).arg
            if arg is not None:
                used[arg] = used.get(arg, 0) + 1
        given = self.values(task)

        def spent(parsed) -> bool:
            if parsed.arg is None:
                return False
            if parsed.arg in given:  # "10" is also used by a select("10 minutes")
                uses = sum(n for text, n in used.items() if _within_any(parsed.arg, [text]))
                return uses >= given.count(parsed.arg)
            said = max(1, task.lower().count(parsed.arg.lower()))
            return parsed.method == "select" and used.get(parsed.arg, 0) >= said

        kept = [line for line in choices if not spent(parse_line(line))]
        return kept if kept else list(choices)

    def _radio_once(self, task: str, choices: Sequence[str], lines: Sequence[str]) -> list[str]:
        """``choices`` without ticks of a radio group (``Element.one_of``) a line already ticked: its other
        buttons would only undo that pick ("Checklist", then "Text note"). With ``radio_named_once`` (and not
        ``radio_once``), only once the tick is the group's button the task names, and names alone ("create a
        checklist note": Checklist; not "from grid to list", which names two)."""
        if not (self.config.radio_once or self.config.radio_named_once):
            return list(choices)
        ticked = {group for line in lines if (group := self._radio_group(line)) is not None
                  and (self.config.radio_once or self._names_alone(task, line, group))}
        kept = [line for line in choices if self._radio_group(line) not in ticked]
        return kept if kept else list(choices)

    def _picked_not_pressed(self, choices: Sequence[str], lines: Sequence[str]) -> list[str]:
        """``choices`` without a long press (or a row button) of the row the last line just picked: picking it
        opened its page, so acting on it in its list again only undoes the pick (post-processing would drop
        the pick for it), and the model meant one of the two."""
        if not self.config.pick_not_pressed or not lines:
            return list(choices)
        last = parse_line(lines[-1])
        if last.method != "select" or last.arg is None:
            return list(choices)
        kept = [line for line in choices if not ((parsed := parse_line(line)).method == "match" and parsed.tail
                                                 and parsed.arg == last.arg)]
        return kept or list(choices)

    def _press_first(self, choices: Sequence[str], lines: Sequence[str]) -> list[str]:
        """``choices`` without the lines of a row's long-press menu (and of what only that menu opens) while
        the press of a row the task names is offered and not yet written, with ``config.press_first``: run
        first, such a line would have the runtime press whichever row it once recorded."""
        if not self.config.press_first:
            return list(choices)
        presses = [line for line in choices if line not in lines
                   and (parsed := parse_line(line)).method == "match" and parsed.tail == ".long_tap()"]
        menus = frozenset(edge.to for line in presses for edge in self.reach.edges(parse_line(line).name or "")
                          if edge.action == "long_tap")
        if not menus:
            return list(choices)
        region = self.reach.behind(menus)
        kept = [line for line in choices if line in presses or (element := self.doc.elements.get(
            parse_line(line).name or "")) is None or not set(element.screens) & region]
        return kept or list(choices)

    def _pressed_menu(self, choices: Sequence[str], lines: Sequence[str]) -> list[str]:
        """The lines of ``choices`` on the menu that the last line's long press of a row opened (selection
        mode's Pin, Archive), with ``config.pressed_acts``; empty when the last line pressed no row or nothing
        there is offered. A press alone changes nothing, and any other screen drops the selection."""
        if not self.config.pressed_acts or not lines:
            return []
        last = parse_line(lines[-1])
        if last.method != "match" or last.tail != ".long_tap()" or last.name not in self.doc.elements:
            return []
        menus = {edge.to for edge in self.reach.edges(last.name) if edge.action == "long_tap"}
        return [line for line in choices if line not in lines and (element := self.doc.elements.get(
            parse_line(line).name or "")) is not None and set(element.screens) & menus]

    def _label_once(self, choices: Sequence[str], lines: Sequence[str]) -> list[str]:
        """``choices`` without taps of a look-alike: a button or box saying what a button the script already
        tapped says ("Set as default browser" on the settings screen and again on a banner) does the same
        thing twice. Confirm and dismiss buttons ("OK" of two dialogs) are not look-alikes."""
        if not self.config.label_once:
            return list(choices)
        tapped = dict(self._tap_label(line) for line in lines)
        tapped.pop("", None)
        kept = [line for line, (label, name) in ((line, self._tap_label(line)) for line in choices)
                if tapped.get(label, name) == name]
        return kept if kept else list(choices)

    def _twins_once(self, task: str, choices: Sequence[str], lines: Sequence[str]) -> list[str]:
        """``choices`` without a tap of a widget's other state once a line tapped the widget: the stopwatch's
        "Pause" after its "Start" (one resource id on one screen, the explorer's numbered variant of one name)
        undoes the tap, unless the task says the other state's label."""
        if not self.config.twins_once:
            return list(choices)
        tapped = {(self.doc.elements[parse_line(line).name].screen, twin) for line in lines
                  if (twin := self._twin_key(line))}
        if not tapped:
            return list(choices)
        said = set(words(task))
        kept = [line for line in choices if line in lines or not (twin := self._twin_key(line)) or (
            (element := self.doc.elements[parse_line(line).name]).screen, twin) not in tapped
            or set(words(element.description)) <= said]
        return kept if kept else list(choices)

    def _twin_key(self, line: str) -> str:
        """For a tap of a button or box: its resource id and its API name without the explorer's numbered
        variant suffix (``play_pause_button_2`` is ``play_pause_button`` in another state; grid cells that
        share one id have names of their own); "" for other lines."""
        parsed = parse_line(line)
        element = self.doc.elements.get(parsed.name or "")
        if parsed.method != "tap" or element is None or element.type not in ("button", "checkbox"):
            return ""
        rid = next((s.resource_id for s in element.selectors if s.resource_id), "")
        return f"{rid}/{re.sub(r'_[0-9]+$', '', element.name)}" if rid else ""

    def _tap_label(self, line: str) -> tuple[str, str]:
        """(what the tapped button or box says, its API name); the label is "" for other lines and for
        OK/Cancel-style buttons."""
        parsed = parse_line(line)
        element = self.doc.elements.get(parsed.name or "")
        if element is None or parsed.method != "tap" or element.type not in ("button", "checkbox"):
            return "", parsed.name or ""
        label = " ".join(element.description.lower().split())
        return ("" if label in CONFIRM_WORDS or label in DISMISS_WORDS else label), element.name

    def _names_alone(self, task: str, line: str, group: tuple[str, str]) -> bool:
        """Whether the task names every word of ``line``'s radio button and of no other button in its group."""
        said = set(words(self._spelled(task), keep_stopwords=True))

        def named(element) -> bool:
            label = set(words(element.description, keep_stopwords=True))
            return bool(label) and label <= said

        members = [e for e in self.doc.elements.values() if e.screen == group[0] and e.one_of == group[1]]
        ticked = self.doc.elements[parse_line(line).name]
        return named(ticked) and not any(named(e) for e in members if e.name != ticked.name)

    def _radio_group(self, line: str) -> tuple[str, str] | None:
        parsed = parse_line(line)
        element = self.doc.elements.get(parsed.name or "")
        if element is None or not element.one_of or parsed.method != "tap":
            return None
        return element.screen, element.one_of

    def _unfilled(self, task: str, choices: Sequence[str], lines: Sequence[str]) -> list[str]:
        """Values the task gives that no line uses yet although a choice line could: the script may not end
        before they are filled."""
        used = {arg for line in lines if (arg := parse_line(line).arg) is not None}
        offered = {parse_line(line).arg for line in choices}
        given = self.values(task)
        parts = {value: time_parts(value) or name_parts(value) for value in given}
        return [v for v in given if (v in offered or (parts[v] and set(parts[v]) <= offered))
                and not _within_any(v, used) and not (parts[v] and set(parts[v]) <= used)]

    def _can_choose(self, lines: Sequence[str]) -> bool:
        """Whether the next line can be picked whole by ``Model.choose``: fast decoding is on, the model
        has it, and every line is literal (no free-text slot, which needs the grammar)."""
        return bool(lines) and self.config.fast_choices and callable(getattr(self.model, "choose", None)) \
            and not any(has_text_slot(line) for line in lines)

    def _confirm_waits(self, task: str, choices: Sequence[str], lines: Sequence[str]) -> list[str]:
        """``choices`` for the next line. While the task still names an option of a dialog that no line
        selects yet ("by title in descending order": Title and Descending before OK), that dialog's
        confirm and the lines already written are left out, so a small model can neither close the
        dialog half done nor end by repeating itself. With ``commits_wait``, the button that carries out a
        text the task gives (a message's Send: ``slots.input_commit``) waits for that text like a confirm."""
        if not choices:
            return list(choices)
        pending_screens = {self.doc.elements[parsed.name].screen for parsed in map(parse_line, choices)
                           if parsed.method == "select" and parsed.text not in lines
                           and self._named_option(task, parsed)}
        if self.config.slots:
            used = {parse_line(line).arg for line in lines}
            pending_screens |= {self.doc.elements[name].screen for value, name in self._value_homes(task)
                                if value not in used and any(parse_line(line).arg == value for line in choices)}
        if not pending_screens:
            return list(choices)
        commits = set()
        if self.config.commits_wait and self.config.slots:  # a message's Send waits for its text
            commits = {commit.name for value, name in self._value_homes(task) if value not in used
                       and (commit := input_commit(self.doc, self.doc.elements[name])) is not None}
        kept = [line for line in choices if line not in lines and not (
            (self._confirms(line) or parse_line(line).name in commits)
            and self.doc.elements[parse_line(line).name].screen in pending_screens)]
        return kept if kept else list(choices)

    def _typed_commits_wait(self, task: str, choices: Sequence[str], lines: Sequence[str]) -> list[str]:
        """``choices`` without the button that carries out an input (``slots.input_commit``: a dialpad's Call)
        while a choice line still to write types a value the task gives into that input, quoted or not, with
        ``typed_commits_wait``: calling before the number is typed calls nobody."""
        if not self.config.typed_commits_wait:
            return list(choices)
        given = set(self.values(task))
        waiting = set()
        for line in choices:
            parsed = parse_line(line)
            element = self.doc.elements.get(parsed.name or "")
            if parsed.method == "set_text" and line not in lines and parsed.arg in given and element is not None \
                    and (commit := input_commit(self.doc, element)) is not None:
                waiting.add(commit.name)
        kept = [line for line in choices if parse_line(line).name not in waiting]
        return kept if kept else list(choices)

    def _value_homes(self, task: str) -> list[tuple[str, str]]:
        """(value, the input it most likely goes into) for each text the task quotes to type (not the label
        of something shown) and each part of a full name a form takes in two fields (``name_split``): that
        input's dialog is not confirmed before the value is typed."""
        if self._homes is not None and self._homes[0] == task:
            return self._homes[1]
        quoted = set(quoted_values(task))
        filled = self._slot_inputs(task, [c.name for c in self.candidates(task)])
        homes = [(slot.value, inputs[0]) for slot, inputs in filled
                 if inputs and slot.value in quoted and not names_an_element(self.doc, slot.value)]
        if self.config.name_split:  # each part of a full name the form takes in two fields
            homes += [pair for slot, inputs in filled if inputs and (parts := name_parts(slot.value))
                      and (fields := name_fields(self.doc, inputs[0])) for pair in zip(parts, fields)]
        self._homes = (task, homes)
        return homes

    def _form_stays(self, choices: Sequence[str], lines: Sequence[str]) -> list[str]:
        """After a line typed, picked or ticked in a form (a screen with an OK/Save button) and before a line
        saves it, only lines on that form, the dialogs it opens that return to it (an event's reminder: the
        runtime keeps the typed text there) and its save button: the runtime refuses to navigate away from
        unsaved text, and a choice left without its OK is lost ("Tokyo" picked, then another screen)."""
        form = self._open_form(lines)
        if form is None:
            return list(choices)
        screens, save = form
        kept = [c for c in choices if (other := self.doc.elements.get(parse_line(c).name or "")) is not None
                and (other.name == save or screens & set(other.screens))]
        return kept if kept else list(choices)

    def _open_form(self, lines: Sequence[str]) -> tuple[set[str], str] | None:
        """(the screens of the form the last lines typed, picked or ticked in and did not save, with the dialogs
        it opens that return to it; its save button), or None. A dialog's OK saves the dialog, not the form
        that opened it."""
        closed: set[str] = set()  # dialogs a later line confirmed: their picks are done
        for line in reversed(lines):
            parsed = parse_line(line)
            element = self.doc.elements.get(parsed.name or "")
            if element is None or set(element.screens) & closed:
                continue
            picks = parsed.method == "select" or element.type == "checkbox"
            if not (parsed.method == "set_text" or picks and self.reach.stays(element, parsed.arg)):
                if self._confirms(line):
                    if "dialog" not in element.screen:
                        return None  # the last form was saved
                    closed |= set(element.screens)
                continue
            save = confirm_button(self.doc, element.screen)
            if save is None:
                return None
            form = set(element.screens)
            form |= form_dialogs(self.doc, form, self._exits)
            return None if closed - form else (form, save.name)  # another screen's dialog: the form was left
        return None

    def _rows_first(self, task: str, choices: Sequence[str], allowed: Sequence[str],
                    lines: Sequence[str]) -> list[str]:
        """``allowed`` without the lines on a screen that a row the task names opens (the "gym" alarm's edit
        screen, a note's page), or behind it (the note's menu), until a line picked such a row: navigating
        there alone opens whichever row the exploration happened to open. Not for a screen that only this
        option leads to (a menu's "Rename" wherever the menu is). With ``rows_lead``, when such a screen is a
        form (it has a Save/OK) or takes a text the task gives (``rows_lead_typed``), the first line is the pick
        of its row: the thing to change is opened first ("make my work alarm vibrate": Work, then Vibrate and
        Save), or the row's switch when the task names it ("switch off the bedtime alarm": ``rows.row_actions``)."""
        if not self.config.rows_first:
            return list(allowed)
        if not lines and self.config.row_buttons:  # a named row's own switch or button the task names: done in place
            switches = [line for line in allowed if parse_line(line).method == "match" and tapped_field(line)]
            if switches:
                return switches
        if not lines and self.config.rows_lead:
            leads = [line for screen, picks in self._row_screens(task, choices).items()
                     if confirm_button(self.doc, screen) is not None or self._typed_on(task, screen)
                     for line in picks if line in allowed]
            if leads:  # unless the task names a switch inside the row: then that switch, without opening it
                rows = {(parsed.name, parsed.arg) for parsed in map(parse_line, leads)}
                switches = [line for line in allowed if (parsed := parse_line(line)).method == "match"
                            and (parsed.name, parsed.arg) in rows and tapped_field(line)]
                return switches or leads
        waiting: set[str] = set()
        rows: dict[str, tuple[set[str], set[str]]] = {}  # row label -> (the screens it opens, its pick lines)
        for screen, picks in self._row_screens(task, choices).items():
            if not any(line in lines for line in picks):
                waiting |= self.reach.behind(screen)
            for line in picks:
                opened, lines_of_row = rows.setdefault(parse_line(line).arg or "", (set(), set()))
                opened.add(screen)
                lines_of_row.add(line)
        for opened, picks in rows.values():  # a screen behind a row's page and its long-press menu together
            if len(opened) > 1 and not picks & set(lines):
                waiting |= self.reach.behind(frozenset(opened))
        kept = [line for line in allowed if (element := self.doc.elements.get(parse_line(line).name or "")) is None
                or not set(element.screens) <= waiting]
        return self._opened_row_stays(task, choices, kept or list(allowed), lines)

    def _typed_on(self, task: str, screen: str) -> bool:
        """Whether a text the task gives goes into an input on ``screen`` (``rows_lead_typed``): a message
        for the conversation a named row opens is typed there once the row is open, not before."""
        if not self.config.rows_lead_typed:
            return False
        if not self.config.item_forms:
            return any(screen in self.doc.elements[name].screens for _, name in self._value_homes(task))
        return bool(self._item_form_values(task, screen))

    def _item_form_values(self, task: str, screen: str) -> list[tuple[str, str]]:
        """(value, input) for each value the task gives whose input is on ``screen`` or on a form opened from
        it (``item_forms``: Hugo's edit form, one tap from his page, takes the address for him). Computed once
        per (task, screen): every decoding step asks."""
        if self._item_values is None or self._item_values[0] != task:
            self._item_values = (task, {})
        found = self._item_values[1]
        if screen not in found:
            found[screen] = self._find_item_form_values(task, screen)
        return found[screen]

    def _find_item_form_values(self, task: str, screen: str) -> list[tuple[str, str]]:
        near = {screen} | {edge.to for edge in self.doc.navigation
                           if edge.source == screen and edge.element is not None and edge.action != "back"}
        given = set(self.values(task))
        filled = self._slot_inputs(task, [c.name for c in self.candidates(task)])
        return [(slot.value, inputs[0]) for slot, inputs in filled
                if inputs and slot.value in given and not names_an_element(self.doc, slot.value)
                and set(self.doc.elements[inputs[0]].screens) & near]

    def _opened_row_stays(self, task: str, choices: Sequence[str], allowed: list[str],
                          lines: Sequence[str]) -> list[str]:
        """Right after a line opened a named row's screen that has a Save/OK (an alarm's edit screen), only
        lines on that screen and its save: the row was opened to change it, and leaving drops the change."""
        if not lines:
            return allowed
        opened = [screen for screen, picks in self._row_screens(task, choices).items() if lines[-1] in picks]
        if self.config.item_forms:  # the row was opened to give it these values: they come first
            homes = {pair for screen in opened for pair in self._item_form_values(task, screen)}
            typing = [line for line in allowed if (parsed := parse_line(line)).method == "set_text"
                      and (parsed.arg, parsed.name) in homes]
            if typing:
                return typing
        for screen in opened:
            save = confirm_button(self.doc, screen)
            if save is None:
                continue
            form = {screen}
            if self.config.form_dialogs:  # its own dialogs too (the event's reminder), a named option there first
                form |= form_dialogs(self.doc, form_twins(self.doc, screen), self._exits)
            kept = [line for line in allowed if (element := self.doc.elements.get(parse_line(line).name or ""))
                    is not None and (element.name == save.name or form & set(element.screens))]
            named = [line for line in kept if (parsed := parse_line(line)).method == "select"
                     and self.doc.elements[parsed.name].screen != screen and self._named_option(task, parsed)]
            if named or kept:
                return named or kept
        return allowed

    def _values_first(self, task: str, allowed: Sequence[str], lines: Sequence[str]) -> list[str]:
        """``allowed`` without ticks and picks on a form (a screen with an OK/Save) while a text the task
        quotes for one of its fields is still untyped and typeable: people fill a form's texts first
        ("a checklist note called 'x'": the title, then Checklist), and the replays recorded it so."""
        if not self.config.values_first or not self.config.slots:
            return list(allowed)
        used = {parse_line(line).arg for line in lines}
        typeable = {parsed.arg for parsed in map(parse_line, allowed) if parsed.method == "set_text"}
        forms = {screen for value, name in self._value_homes(task) if value not in used and value in typeable
                 and confirm_button(self.doc, screen := self.doc.elements[name].screen)}
        if not forms:
            return list(allowed)
        kept = [line for line in allowed if (parsed := parse_line(line)).method == "set_text"
                or (element := self.doc.elements.get(parsed.name or "")) is None or element.screen not in forms
                or element.type not in ("checkbox", "list")]
        return kept if kept else list(allowed)

    def _row_screens(self, task: str, choices: Sequence[str]) -> dict[str, list[str]]:
        """Screen -> the choice lines picking a row the task names that opens it, for screens the app also
        enters by another row or a button. Computed once per (task, choices): every decoding step asks."""
        key = (task, tuple(choices))
        if self._rows is None or self._rows[0] != key:
            self._rows = (key, self._find_row_screens(task, choices))
        return self._rows[1]

    def _find_row_screens(self, task: str, choices: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for line in choices:
            parsed = parse_line(line)
            element = self.doc.elements.get(parsed.name or "")
            if element is None or not self._named_option(task, parsed):
                continue
            if parsed.method == "select":
                opens = {edge.to for edge in self.reach.edges(element.name) if edge.action != "long_tap"
                         and edge.option in (None, parsed.arg)}
                if element.leads_to and (opens or not self._option_dialog(element)):
                    opens.add(element.leads_to)
            elif parsed.method == "match" and parsed.tail == ".long_tap()":  # a row's long-press menu
                opens = {edge.to for edge in self.reach.edges(element.name) if edge.action == "long_tap"}
            else:
                continue
            for screen in opens - set(element.screens) - {self.doc.start_screen}:  # back at the start: no row's page
                if any(edge.to == screen and edge.option != parsed.arg
                       for edge in self.doc.navigation if edge.element is not None):
                    out.setdefault(screen, []).append(line)
        return out

    def _option_dialog(self, element) -> bool:
        """Whether the screen ``element`` leads to is a dialog that one recorded option of it opens ("Rename"
        opens the rename dialog), not a page that all its rows open (two or more rows recorded opening it).
        Then an option never recorded ("Delete") is not assumed to open that dialog."""
        target = element.leads_to
        if not target or "dialog" not in target:
            return False
        options = {edge.option for edge in self.reach.edges(element.name)
                   if edge.action == "select" and edge.to == target and edge.option is not None}
        return len(options) == 1

    def _values_before_budget(self, task: str, choices: Sequence[str], lines: Sequence[str],
                              max_lines: int) -> list[str]:
        """When the lines left are no more than the quoted values still untyped, only lines typing them
        (every value the task gives is filled before the script runs out of lines)."""
        if not self.config.slots:
            return list(choices)
        used = {parse_line(line).arg for line in lines}
        untyped = {value for value, _ in self._value_homes(task) if value not in used}
        if not untyped or max_lines - len(lines) > len(untyped):
            return list(choices)
        typing = [line for line in choices if parse_line(line).method == "set_text" and parse_line(line).arg in untyped]
        return typing or list(choices)

    def _named_option(self, task: str, parsed) -> bool:
        """Whether the task names ``parsed``'s option in full (every word of it), or a person's name by the
        first name as written ("text Anna": Anna Kowalski, with ``first_names``), on a list whose other
        options it does not also name (then the task says which one)."""
        element = self.doc.elements.get(parsed.name or "")
        if element is None or parsed.arg is None or parsed.arg not in element.options:
            return False
        spelled = self._spelled(task)
        if ranked_options(element, spelled, k=2, evidence=self.config.option_evidence) != [parsed.arg]:
            return False
        if set(words(parsed.arg, keep_stopwords=True)) <= set(words(spelled, keep_stopwords=True)):
            return True
        return self.config.first_names and names_person(task, parsed.arg)  # capitals as written

    def _pending_options(self, task: str, choices: Sequence[str], lines: Sequence[str]) -> list[str]:
        """Lines of ``choices`` selecting an option the task names (``_named_option``) on a screen a line of
        the script opened, in a list no line selected in yet: the script does not end before one of them
        ("change the theme to light": an OK-named button opened the dialog where Light is still to be
        chosen; with ``pressed_menus``, a row's long press opened the menu where "Call" is). Options on screens the script did not open are only the way (navigation picks them). With
        ``config.pending_after_confirm``, once a line confirmed something, a named pick anywhere (one that
        stays on its screen: not a menu option that opens one) is pending too ("add a note ..., then sort
        by title descending"); measured off: two multi-request sim tasks gained, one lost, and on DroidTask
        no task gained while scripts grew by 5% more actions."""
        if not self.config.options_pending or self.config.shape == "fixed":
            return []
        opened = {element.leads_to for line in lines
                  if (element := self.doc.elements.get(parse_line(line).name or "")) is not None and element.leads_to}
        if self.config.pressed_menus:  # a row's long press opens its menu: the option named there is still to pick
            opened |= {edge.to for line in lines if (parsed := parse_line(line)).method == "match"
                       and parsed.tail == ".long_tap()" for edge in self.reach.edges(parsed.name or "")
                       if edge.action == "long_tap"}
        chosen = {parse_line(line).name for line in lines if parse_line(line).method == "select"}
        confirmed = any(self._confirms(line) for line in lines)
        anywhere = self.config.pending_after_confirm and confirmed
        later = self._words_after_done(task, lines) if self.config.pending_later and confirmed else set()
        picks = [line for line in choices if (parsed := parse_line(line)).method == "select"
                 and parsed.name not in chosen and self._named_option(task, parsed)
                 and (self.doc.elements[parsed.name].screen in opened
                      or (anywhere or set(words(parsed.arg or "")) <= later)
                      and self.reach.stays(self.doc.elements[parsed.name], parsed.arg))]
        if self.config.taps_later and not later and any(self._sends_typed(line, lines[:index + 1])
                                                        for index, line in enumerate(lines)):
            later = self._words_after_done(task, lines)
        if self.config.taps_later and later:  # not what the script already named
            later = later - {word for line in lines for word in words(parse_line(line).arg or "")}
        taps = self._later_taps(choices, lines, later) if self.config.taps_later and later else []
        return picks + taps + (self._pending_ticks(task, choices, lines) if self.config.ticks_pending and confirmed
                               else [])

    def _later_taps(self, choices: Sequence[str], lines: Sequence[str], later: set[str]) -> list[str]:
        """Taps of buttons and boxes whose whole label the task says after the last text a line used (``later``:
        "tell Ben 'Invoice paid' and then archive that conversation": Archive; "... 555-0155 and make her a
        favorite": Favorite; not "Diary" when a line typed Diary, nor the "Contacts" tab of an app that creates
        contacts, nor a button opening another screen, nor another screen's "Vibrate" once one was ticked) that
        no line made yet, with ``config.taps_later``: a confirm or a Send before them does not end the script."""
        tapped = {parse_line(line).name for line in lines}
        done = {word for line in lines for word in words(self._line_label(line))}
        nouns = {word for noun in self._nouns for word in words(noun)}  # (computed once per doc)
        out = []
        for line in choices:
            parsed = parse_line(line)
            element = self.doc.elements.get(parsed.name or "")
            if element is None or parsed.method != "tap" or element.type not in ("button", "checkbox") \
                    or element.one_of or parsed.name in tapped \
                    or element.description.strip().lower() in DISMISS_WORDS \
                    or element.leads_to not in (None, element.screen, self.doc.start_screen):
                continue  # a tab or another opener is the way somewhere, not a step
            label = set(words(element.description))
            if label and label <= later and not label <= done and not label <= nouns:
                out.append(line)  # not a look-alike of a box already ticked, nor a tab of the app's items
        return out

    def _pending_ticks(self, task: str, choices: Sequence[str], lines: Sequence[str]) -> list[str]:
        """Ticks of boxes whose whole label the task says ("show phone numbers": Show phone numbers) that no
        line made yet: a confirm elsewhere ("sort everyone by surname", OK) does not end the script first."""
        said = set(words(self._spelled(task)))
        ticked = {parse_line(line).name for line in lines}
        out = []
        for line in choices:
            parsed = parse_line(line)
            element = self.doc.elements.get(parsed.name or "")
            if element is None or element.type != "checkbox" or element.one_of or parsed.method != "tap" \
                    or parsed.name in ticked:
                continue  # a radio button (one_of) is a pick, pending or not by the radio rules
            label = set(words(element.description))
            if label and label <= said:
                out.append(line)
        return out

    def _words_after_done(self, task: str, lines: Sequence[str]) -> set[str]:
        """The task's words after the last text a line of the script typed or picked ("add a note called
        'a' that says 'b', then sort by title descending": sort, titl, descend): what the task still asks
        once that part is done. Empty when no line used a text of the task."""
        spelled = self._spelled(task)
        lowered = spelled.lower()  # "set the font to small": the option is "Small"
        end = -1
        for line in lines:
            arg = parse_line(line).arg
            found = lowered.rfind(arg.lower()) if arg else -1
            if found >= 0:
                end = max(end, found + len(arg))
        return set(words(spelled[end:])) if end >= 0 else set()

    @staticmethod
    def _unused_quotes(task: str, lines: Sequence[str]) -> list[str]:
        """Texts the task quotes that no line uses yet (then a confirm does not end the script)."""
        used = {" ".join(words(parse_line(line).arg or "", keep_stopwords=True)) for line in lines}
        return [q for q in quoted_values(task) if " ".join(words(q, keep_stopwords=True)) not in used]

    def _last_named_tick(self, task: str, line: str, choices: Sequence[str], lines: Sequence[str]) -> bool:
        """Whether ``line`` ticks a box whose whole label the task says ("turn on autosave for notes":
        "Autosave notes") and every other line whose label or option the task says in full is done: the
        setting is made in place, like a saved form, and what a small model adds after it is side effects."""
        if not self.config.ticks_end:
            return False
        said = set(words(self._spelled(task)))

        def named(text: str) -> bool:
            parsed = parse_line(text)
            element = self.doc.elements.get(parsed.name or "")
            if element is None:
                return False
            label = set(words((parsed.arg if parsed.method == "select" else element.description) or ""))
            return bool(label) and label <= said

        parsed = parse_line(line)
        element = self.doc.elements.get(parsed.name or "")
        if element is None or element.type != "checkbox" or parsed.method != "tap" or not named(line):
            return False
        return all(other in lines for other in choices if named(other))

    def _lone_tick(self, task: str, line: str, choices: Sequence[str], lines: Sequence[str]) -> bool:
        """Whether ``line`` is the script's first tick, of a box (not a radio button) sharing a word with a
        one-clause task that gives no value and names no option, with ``config.lone_tick_ends``: "turn off the
        beeping when I press the number keys" is one switch ("Dialpad beeps"), and what a small model adds
        after it is side effects."""
        parsed = parse_line(line)
        element = self.doc.elements.get(parsed.name or "")
        if not self.config.lone_tick_ends or element is None or element.type != "checkbox" or element.one_of \
                or parsed.method != "tap" or self.values(task) or len(clauses(self._spelled(task))) != 1:
            return False
        if any((done := self.doc.elements.get(parse_line(other).name or "")) is not None
               and done.type == "checkbox" for other in lines[:-1]):
            return False
        if any(self._named_option(task, parse_line(other)) for other in choices
               if parse_line(other).method == "select"):
            return False
        return bool(set(words(element.description)) & set(self._query(task)))

    def _verb_done(self, task: str, line: str, choices: Sequence[str], lines: Sequence[str]) -> bool:
        """Whether ``line`` taps a button or picks a menu option labelled only with the task's command verb
        ("call Julia Santos": her menu's Call), opening no dialog to confirm, and no other line says a task
        word that no line so far said (unless it acts on a row already acted on), with ``config.verb_ends``:
        the command is carried out, and what a small model adds after it (End call, another Call) undoes it
        or repeats it elsewhere."""
        said = words(self._spelled(task))
        first = task_verb(task)
        parsed = parse_line(line)
        element = self.doc.elements.get(parsed.name or "")
        if not self.config.verb_ends or first is None or element is None:
            return False
        if parsed.method == "tap" and element.type == "button":
            label, opens = element.description, {element.leads_to}
        elif parsed.method == "select" and element.type == "list":
            label = parsed.arg or ""
            opens = {edge.to for edge in self.reach.edges(element.name) if edge.option == parsed.arg}
        else:
            return False
        verb = word_stem(first.group(0).lower())  # ``retrieval.task_verb``, as the synonyms read it
        if set(words(label)) != {verb} or any(confirm_button(self.doc, screen) is not None
                                               for screen in opens if screen):
            return False
        used = {parsed.arg for parsed in map(parse_line, lines) if parsed.arg}
        covered = {verb} | {word for done in lines for word in words(self._line_label(done))}
        for other in choices:
            done = parse_line(other)
            if other not in lines and not (done.arg and done.arg in used) \
                    and set(words(self._line_label(other))) & (set(said) - covered):
                return False
        return True

    def _line_label(self, line: str) -> str:
        """What a line names: its option or text, else its element's label."""
        parsed = parse_line(line)
        element = self.doc.elements.get(parsed.name or "")
        return parsed.arg or (element.description if element is not None else "") or ""

    @staticmethod
    def _last_switch(line: str, choices: Sequence[str], lines: Sequence[str]) -> bool:
        """Whether ``line`` flips the switch of a row the task names (``rows.row_actions``) and no other such
        switch is offered: the change is made in place, like a saved form ("switch off the bedtime alarm")."""
        return bool(tapped_field(line)) and all(other in lines for other in choices if tapped_field(other))

    def _confirms(self, line: str) -> bool:
        parsed = parse_line(line)
        element = self.doc.elements.get(parsed.name or "")
        return parsed.method == "tap" and element is not None and element.type == "button" \
            and (element.description.strip().lower() in CONFIRM_WORDS
                 or is_positive_button(element) and element.risk != "sensitive")


def _within_any(value: str, texts: Iterable[str]) -> bool:
    """Whether ``value`` is one of ``texts`` or a whole word of one: "10" was used by select("10 minutes"),
    "test1" was not by select("test1.m4a")."""
    pattern = re.compile(rf"(?<![\w.]){re.escape(value)}(?!\w|\.\w)")
    return any(text == value or pattern.search(text) for text in texts)


__all__ = ["DecodeRules"]
