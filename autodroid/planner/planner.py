"""The Planner: a task sentence -> one checked DroidScript, from a local model.

Per task:
1. rank the doc's APIs for the task (``retrieval``: BM25, optionally blended with embeddings) and keep the
   top ``k``, without buttons that only open the screen of a better candidate (navigation is automatic);
2. expand them into whole candidate lines ("choices": ``x.tap()``, ``list.select("<option the task
   names>")``, ``input.set_text("<text the task gives>")``, and for a row the task names its long-press and
   its switch, ``list.match("<row>").long_tap()``: ``rows``), listed before the task;
3. pick the nearest verified examples (``examples``);
4. render the prompt: the stable part (instructions + every API's stub) first, its KV state cached per
   (model, doc version, template); examples, choices and the task after it;
5. decode greedily one line per model call under a grammar admitting only the choices, ending when the
   model ends, repeats a line, confirms a dialog (with every quoted text used) or reaches the length the
   task asks for (``script_lines``: one line per given value and named option, an action and a confirm);
   a value is used once, and the script may not end while a value it could still fill is unused; the
   lines that stay possible are the ones the runtime can run: after typing into a form only that form's
   lines and its save, the save of a value's form only once the value is typed, and the untyped values
   first when the lines left are no more than they (a time goes into a picker's hour and minute fields);
   these rules live in ``decode_rules``;
6. add the dialog confirms the doc implies (``postprocess``) and check the script (``check_script``).
Small models copy the first plausible line well and stop badly; most of the above exists to make the
first line right and the script short (measured in benchmarks/results/planner_ablation.md).
"""

from __future__ import annotations

import re
import time
from functools import cached_property
from dataclasses import dataclass, replace
from typing import Sequence

from droidscript.grammar import py_string

from autodroid.appdoc import AppDoc
from autodroid.errors import ModelError
from autodroid.planner.decode_rules import DecodeRules
from autodroid.planner.grammar_for_doc import check_against_doc, choice_lines, grammar_for_doc, grammar_for_lines
from autodroid.planner.model import Completion, Model, PrefixState
from autodroid.planner.order import clauses, in_clause_order, in_task_order
from autodroid.planner.postprocess import (CONFIRM_WORDS, DISMISS_WORDS, confirm_button, is_positive_button,
                                          parse_line, postprocess, screen_exits, straight_lines)
from autodroid.planner.prompt import Example, PromptBuilder, RepairContext
from autodroid.planner.reach import Reach
from autodroid.planner.rows import nearest_lists, row_actions
from autodroid.planner.choice_rules import (commits_follow, dated_lists, item_nouns, other_numbers_out,
                                            verb_only_boxes_out)
from autodroid.planner.retrieval import (Candidate, LexicalIndex, item_texts, looked_up, object_phrase,
                                        phone_digits, quoted_values, ranked_options, stem, task_values, words)
from autodroid.planner.slots import (LOOKING, SEARCH, duration_zeroes, entry_words, input_commit, name_fields,
                                     name_parts, names_an_element, near_screens, shape, slot_inputs, steppers,
                                     task_slots, time_fields, time_parts)
from autodroid.risk_words import SENSITIVE

LABEL_CHARS = 40  # of an element's label shown beside its choice line
CONFIRMS_FOR = 5  # the dialogs of this many top candidates keep their OK/Save button writable
TASK_PART_TOKENS = 2048  # context kept for a task's part of the prompt (examples, choice lines, task) and its
# answer; a quarter of a smaller context

RETRIEVAL_MODES = ("off", "grammar", "prompt", "both")
TYPING_VERBS = frozenset(stem(w) for w in ("search", "type", "enter", "write"))  # verbs that put text in a field
LOOKUP_VERBS = TYPING_VERBS | LOOKING  # ... and that look a name up ("look up Kate", "find ...": slots.LOOKING)


@dataclass(frozen=True)
class PlanConfig:
    """How the planner builds a prompt and decodes. ``retrieval``: where the ranked candidates act:
    "grammar" (only they may be named), "prompt" (their names are listed before the task), "both", or
    "off" (the whole doc, no ranking, no choices). With ``choices`` (and retrieval on), the candidates are
    expanded into whole lines that are listed before the task and are the only lines the grammar admits."""

    retrieval: str = "grammar"
    k: int = 15  # candidates kept
    examples: int = 3  # retrieved examples in the user part
    stubs: str = "full"  # "full": every API in the cached prefix; "none": only the candidates, per task
    max_lines: int = 3  # the least lines a script may have; with shape="task" the task can ask for more
    shape: str = "task"  # "task": as many lines as the task needs (up to line_budget); "fixed": max_lines
    line_budget: int = 8
    budget_distinct: bool = False  # the line budget counts each named option and given value once; measured off:
    # 700 DroidTask device actions against 727, but voicerecorder/10 (fold 1) lost its last line ('test1.m4a' twice)
    max_tokens: int = 200
    repeats: str = "stop"  # "stop" at the first repeated line, or "drop" repeats
    auto_confirm: bool = True
    grammar: bool = True  # constrain decoding (off only to measure what the grammar buys)
    decode: str = "lines"  # "lines": one model call per line, ending at the first repeat; "block": one call
    types: tuple[str, ...] = ("button", "checkbox", "input", "list")  # element types the grammar admits
    task_strings: bool = True  # set_text/match take only the texts the task gives (when it gives any)
    dismissers: bool = False  # admit Cancel / Navigate up / Close buttons (navigation is automatic)
    choices: bool = True  # list whole candidate lines before the task and admit only those (with retrieval on)
    options_per_list: int = 3  # select() lines per candidate list (its options that share words with the task)
    drop_openers: bool = True  # leave out buttons that only open the screen of a better candidate
    stop_after_confirm: bool = True  # end the script after a line tapping an OK/Save-style button
    ranking: str = "lexical"  # "lexical" (BM25) or "hybrid" (BM25 + MiniLM embeddings, extra `embed`)
    fast_choices: bool = True  # choice lines picked by Model.choose (forced tokens skip decode steps) if the model has it
    slots: bool = True  # each value the task gives is offered for the inputs of the whole app it most likely fills
    inputs_per_value: int = 1  # picked under the leave-apps-out folds (every fold picks 1 over 3)
    options_pending: bool = True  # a named option no line chose yet keeps the script going past a confirm
    pressed_menus: bool = False  # ... as does a named option of the menu a row's long press opened; measured off:
    # no task moved on DroidTask or the dev files, and the dev sim's notes-rename-diary kept going past its OK (+7 actions)
    choice_labels: bool = False  # list each choice line with what its element shows ("# GIFs")
    names: bool = True  # unquoted capitalized names in the task ("rename Diary to Journal") count as given values
    spelling: bool = True  # task words the doc never uses: split run-together words, fix one-letter typos
    synonyms: bool = True  # task words the doc never uses: add the doc's words for their English synonyms
    pending_after_confirm: bool = False  # after a confirm, a pick the task names anywhere keeps the script going
    pending_later: bool = True  # after a confirm, a pick the task names after the last text a line used keeps it going
    item_texts: bool = True  # "new event Piano lesson", "a task to buy milk": the text after a created item's noun
    object_titles: bool = True  # "schedule a vet appointment": an imperative's object the doc never names is a title
    looked_up: bool = True  # "find my margherita order": "margherita" is a text to type, into a search box
    commit_follows: bool = True  # a typed text's Send/Call is listed right after the line typing it
    phone_labels: bool = True  # a button labelled with a phone number is offered only when the task says that number
    calling_numbers: bool = True  # ... or a word of the screen it opens ("call Mum": the contact page's number)
    # (and such a button is offered although it opens the screen of a better candidate)
    verb_boxes_out: bool = True  # a task about a row it names ("call Mum") ticks no box sharing only its verb
    dated_lists: bool = True  # a list with a dated option on the weekday the task says is a candidate ("on Friday")
    dialog_oks: bool = False  # the line budget counts the OK of each dialog a named pick is made in; measured off:
    # dev files +2 -1 (team-lunch, default-favorites; unfav-carmen lost), DroidTask no task moved, 745 -> 781 actions
    dated_first: bool = True  # ... and its pick is listed with the texts the task gives to type (an event's)
    phones_given: bool = True  # an unquoted phone number the app does not show is offered first, like a quoted text
    typed_names: bool = True  # a shown name after a typing or look-up verb is also typed ("search for Elena")
    cued_search: bool = False  # a shown label typed after a typing verb ("search 'Clock'") first; measured: +1/-1
    search_asked: bool = True  # an unquoted name goes into a search box only when the task says a look-up verb
    taps_later: bool = True  # after a confirm or a Send, a tap whose label the task says after its last used text
    # keeps the script going ("tell Ben 'Invoice paid' and then archive that conversation")
    verb_ends: bool = True  # a tap or menu pick labelled with the task's verb alone ("Call") ends the script
    pressed_acts: bool = True  # a row's long press is followed by a line on the menu it opened, not the end
    press_first: bool = True  # ... and while a named row's press is offered, no line on its menu comes first
    pick_not_pressed: bool = False  # a row just picked is not long-pressed by the next line; measured off: dev sim -1
    label_once: bool = True  # a tap of a look-alike (same label as a button already tapped) is not offered
    radio_once: bool = False  # one tick per radio group (`one_of`); measured off: it locks in a wrong first tick
    radio_named_once: bool = True  # no other tick in a radio group once the one the task names (alone) is ticked
    shown_times_last: bool = True  # a time the app shows (an alarm's "7:00 am") is not first typed into a picker
    rows_first: bool = True  # lines on the screen a named list row opens wait until a line picked that row
    rows_lead: bool = True  # a named row that opens a form (a screen with Save/OK) is the script's first line
    rows_lead_typed: bool = True  # ... and so is a named row whose page has the input a text the task gives goes into
    first_names: bool = True  # a person's row is named by the first name as written ("text Anna": Anna Kowalski)
    values_first: bool = True  # in a form, the task's texts are typed before its ticks and picks
    sensitive_asked: bool = True  # a sensitive action (delete, share, pay...) is offered only if the task says it
    risk_verb: bool = True  # ... says the word that makes it sensitive ("delete"), not merely its object ("task")
    risk_first: bool = True  # ... its first such word: a label names its action first ("Clear call history" is a
    # clear, not a call: "call Kenji" never offers it)
    risky_options: bool = True  # ... and a menu option naming a sensitive action is one ("Clear call history")
    ticks_pending: bool = False  # after a confirm, a tick of a box whose whole label the task says keeps the script
    # going; measured off (ebc0a9f): no DroidTask task gained, clock/3 and gallery/5 (failing either way) 15 actions longer
    ticks_end: bool = True  # a tick of a box the task names in full ends the script once all it names is done
    lone_tick_ends: bool = True  # ... as does the first tick of a box sharing a word with a one-clause task that
    # gives no value and names no option ("turn off the beeping when I press the number keys")
    twins_once: bool = True  # no tap of a widget's other state ("Pause" after "Start") unless the task says it
    task_order: bool = True  # the taps on one screen the task names are offered in the order the task names them
    clause_order: bool = True  # the lines the task's clauses name are offered clause by clause ("fav Dan, then call
    # him")
    split_names_lines: bool = False  # a name typed in two fields (``name_split``) counts two lines in the budget;
    # measured off (s20g, dev contacts file, the only tasks it changes): no pass moved, +6 device actions (the fifth
    # line after "add Rita Moreno ... and make her a favorite"'s save was a wrong box, not the favourite)
    clause_lines: bool = False  # each clause after the first asks for one more line; measured off: dev files +2 -2
    # (team-lunch-week, new-number-save-contact; call-hold, call-speaker-mute lost), strict -2, 36 more device actions
    steppers_typed: bool = True  # no "Increase hour" taps offered for an input a line types the task's value into
    duration_zeroes: bool = True  # a duration typed in some unit fields sets the form's other unit fields to 0
    row_actions: bool = True  # a named row's long-press and its switch (``rows.row_actions``) follow its select line
    nearest_lists: bool = True  # a row offered by one list on several screens is picked where fewest hops lead
    shaped: bool = True  # unquoted e-mail addresses and file or host names ("ana@example.com", "report.pdf") are values
    joint_slots: bool = True  # the values to type get distinct inputs by their total score, not first come first served
    input_commits: bool = True  # a typed text whose screen has no OK/Save gets the button beside it that sends it
    commit_ends: bool = True  # tapping the Send of a typed text ends the script like an OK (unless a pick is pending)
    typed_ends: bool = True  # typing a given value into an input with no Send and no OK on its screen (a search box:
    # it applies as typed) ends the script once every value is used, no named option is pending, the task says no
    # step after the value and no row named by it is offered
    item_forms: bool = True  # a named row leads when a form opened from its page takes a value the task gives,
    # quoted or not, and those values follow its pick ("add the email x to Hugo's contact": Hugo, then his edit form)
    confirms_used: bool = True  # an OK/Save is offered only with a line on its form (or its dialogs) or one opening it
    commits_wait: bool = True  # a typed text's Send waits for the text, as a form's OK waits for its values
    typed_commits_wait: bool = True  # ... for any given value still to type into its input, quoted or not (a Call)
    said_commits: bool = False  # ... or, where no button says the input's subject, the one beside it the task names;
    # measured off: DroidTask voicerecorder/7 lost (a tab the task names offered as a search box's commit), dialer +1
    menu_named: bool = True  # a row's long press only when its menu offers a word the task says (``rows.row_actions``)
    press_adds: bool = False  # ... that the page a tap on the row opens does not offer ("call Julia": the tap calls);
    # measured off (sixteenth stop): on the dev files no task gained, dialer-call-speaker-mute lost; DroidTask unchanged
    form_dialogs: bool = True  # a named row's form keeps its own dialogs' lines offered, a named option there first
    row_buttons: bool = True  # a named row's own button the task names ("unblock 555-0177") follows its select line
    first_name_rows: bool = True  # a row named by the first name gets its long press too; measured off twice
    # (pin-david ended at the long press); on since the eighteenth stop, with ``pressed_acts`` (pin-david passes)
    name_split: bool = True  # a full name given for a form with first-name and surname fields is typed in two parts
    option_evidence: bool = False  # an option is named only by a content word the list's own name does not say;
    # measured off: the same success and strict on every DroidTask fold and the sim set, DroidTask +5 device actions

    def __post_init__(self):
        if self.retrieval not in RETRIEVAL_MODES:
            raise ValueError(f"retrieval must be one of {', '.join(RETRIEVAL_MODES)}, not {self.retrieval!r}")
        if self.ranking not in ("lexical", "hybrid"):
            raise ValueError(f"ranking must be 'lexical' or 'hybrid', not {self.ranking!r}")
        if self.shape not in ("task", "fixed"):
            raise ValueError(f"shape must be 'task' or 'fixed', not {self.shape!r}")
        if self.decode not in ("lines", "block"):
            raise ValueError(f"decode must be 'lines' or 'block', not {self.decode!r}")
        if self.k < 1 or self.max_lines < 1 or self.max_tokens < 1 or self.examples < 0:
            raise ValueError("k, max_lines and max_tokens must be >= 1, examples >= 0")


@dataclass(frozen=True)
class Plan:
    """One planning attempt: the script to run and everything that explains it."""

    task: str
    app: str
    script: str  # after post-processing; what runs
    raw: str  # the model's text as generated
    candidates: tuple[str, ...]
    examples: tuple[Example, ...]
    changes: tuple[str, ...]  # post-processing notes (repeats dropped, confirms added)
    problems: tuple[str, ...]  # check_script errors (one line each); empty: the script is valid
    model: str
    prompt_tokens: int
    cached_prefix_tokens: int
    generated_tokens: int
    prefill_seconds: float
    decode_seconds: float
    plan_seconds: float  # wall time of plan(): retrieval + prompt + model + checks
    finish_reason: str
    prefix: PrefixState | None = None
    attempt: int = 1

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.script.strip())

    def to_dict(self) -> dict:
        return {
            "task": self.task, "app": self.app, "attempt": self.attempt, "script": self.script, "raw": self.raw,
            "candidates": list(self.candidates), "examples": [e.task for e in self.examples],
            "changes": list(self.changes), "problems": list(self.problems), "model": self.model,
            "prompt_tokens": self.prompt_tokens, "cached_prefix_tokens": self.cached_prefix_tokens,
            "generated_tokens": self.generated_tokens, "prefill_s": round(self.prefill_seconds, 3),
            "decode_s": round(self.decode_seconds, 3), "plan_s": round(self.plan_seconds, 3),
            "finish_reason": self.finish_reason,
            "prefix": None if self.prefix is None else {"tokens": self.prefix.tokens, "source": self.prefix.source,
                                                        "seconds": round(self.prefix.seconds, 3)},
        }


class PlanError(ModelError):
    """The model's answer is not a usable script (fails the language check or names nothing)."""

    default_fix = "run again (autodroid run repairs up to --repairs times), or use a larger model (--model)"


class Planner(DecodeRules):
    """Plans scripts for one app doc with one model. Build once; ``plan`` per task."""

    def __init__(self, model: Model, doc: AppDoc, *, config: PlanConfig | None = None, examples=None,
                 index=None, prompts: PromptBuilder | None = None):
        self.model = model
        self.doc = doc
        self.config = config or PlanConfig()
        self.examples = examples  # an ExampleStore (nearest(task, k) -> list[Example]) or None
        self.index = index or self._index()
        self.prompts = prompts or PromptBuilder(doc, stubs=self.config.stubs)
        if prompts is None and self.config.stubs == "full" and not self._prefix_fits():
            self.config = replace(self.config, stubs="none")  # a doc too big to cache: its candidates per task
            self.prompts = PromptBuilder(doc, stubs="none")
        self._grammars: dict = {}
        self._nouns = item_nouns(doc)  # what the app creates ("event" of "New event")
        self._filled: tuple[tuple, list] | None = None  # ((task, candidates), slot_inputs of them)
        self._homes: tuple[str, list[tuple[str, str]]] | None = None  # (task, its values' inputs)
        self._spelling: tuple[str, str] | None = None  # (task, the task as the ranking spells it)
        self._rows: tuple[tuple, dict] | None = None  # ((task, choices), _row_screens of them)
        self._given: tuple[str, list[str]] | None = None  # (task, values(task))
        self._item_values: tuple[str, dict] | None = None  # (task, {screen: _item_form_values of it})

    def _prefix_fits(self) -> bool:
        """Whether the whole doc's stubs fit the model's context with room for a task's part and answer.
        A large app (a phone's Settings: ~400 APIs) does not; its planner lists each task's candidates
        instead of caching every API."""
        n_ctx = getattr(self.model, "n_ctx", None)
        if not isinstance(n_ctx, int):
            return True
        prefix = self.model.chat_prompt(self.prompts.system_text(), "")
        return self.model.count_tokens(prefix) <= n_ctx - min(TASK_PART_TOKENS, n_ctx // 4)

    # ---------------------------------------------------------------- pieces

    @cached_property
    def reach(self) -> Reach:
        """Built on first use: planners that only rank (the baseline's hints, no-model rows) never need it."""
        return Reach(self.doc)

    def _index(self):
        if self.config.ranking == "hybrid":
            from autodroid.planner.embed import hybrid_index  # onnxruntime stays optional

            hybrid = hybrid_index(self.doc)
            if hybrid is not None:
                return hybrid
        return LexicalIndex(self.doc, spelling=self.config.spelling, synonyms=self.config.synonyms)

    def candidates(self, task: str) -> list[Candidate]:
        if self.config.retrieval == "off" and self.config.stubs == "full":
            return []
        return self.index.rank(task, self.config.k)

    def grammar_names(self, task: str, candidates: Sequence[str]) -> list[str]:
        """The APIs the grammar admits: the candidates and their dialogs' confirm buttons when retrieval
        narrows the grammar, else all; without the buttons that only close a screen unless the task says
        so (navigation is automatic, and small models tap Cancel to "finish")."""
        narrowed = self.config.retrieval in ("grammar", "both") or self.config.stubs == "none"
        if narrowed and candidates:
            names = self._without_openers(candidates, task) if self.config.drop_openers else list(candidates)
            for name in candidates[:CONFIRMS_FOR]:  # the confirm buttons of the best candidates' dialogs
                confirm = confirm_button(self.doc, self.doc.elements[name].screen)
                if confirm is not None and confirm.name not in names:
                    names.append(confirm.name)
        else:
            names = list(self.doc.elements)
        if not self.config.dismissers:
            said = set(words(task))
            names = [n for n in names if not (_dismisser(self.doc.elements[n]) and not said & set(words(
                self.doc.elements[n].description)))]
        return names

    def choices(self, task: str, candidates: Sequence[str]) -> list[str]:
        """Whole candidate lines for the task (empty unless ``config.choices``). With ``config.slots``, each
        value the task quotes comes first, in task order: a documented option equal to it, then the inputs
        it most likely goes into (``slots``: over every input of the app, not only the ranked ones), then
        list rows matching it; the other lines follow in retrieval order, then the inputs for unquoted
        values (numbers)."""
        if not self.config.choices or self.config.retrieval == "off" or not candidates:
            return []
        labels = self.index.value_labels
        spelled = self._spelled(task)
        names = [n for n in self.grammar_names(task, candidates) if n not in labels]
        if self.config.slots:
            names = [n for n in names if self.doc.elements[n].type != "input"]
        dated = dated_lists(self.doc, spelled) if self.config.dated_lists else []
        names += [n for n in dated if n not in names]
        lines = choice_lines(self.doc, names, self.values(task),
                             lambda element: ranked_options(element, spelled, self.config.options_per_list,
                                                            evidence=self.config.option_evidence),
                             types=self.config.types)
        if not self.config.slots:
            return self._asked(task, self._quoted_first(task, lines))
        filled = self._slot_inputs(task, candidates)
        quoted = set(quoted_values(task))
        given = set(task_values(task))  # quotes, numbers and times: no unquoted names
        if self.config.names or self.config.shaped:  # an unquoted name the app does not show: as if quoted
            quoted |= set(self.values(task)) - given
        if self.config.phones_given:  # a phone number is a text to type as surely as a quoted one
            quoted |= {value for value in given if shape(value) == "phone"}
        first: list[str] = []
        last: list[str] = []
        split = self._time_lines(task, candidates)
        for slot, inputs in filled:
            shown = names_an_element(self.doc, slot.value)
            if slot.value in split:  # a time goes into a picker's hour and minute fields, not whole into one
                fields = {name for line in split[slot.value] for name in [parse_line(line).name]}
                if shown and self.config.shown_times_last:  # "the 7:00 am alarm" picks a row first
                    last += split[slot.value]
                else:
                    first += split[slot.value]
                inputs = [name for name in inputs if name not in fields]
            if shown and slot.value not in given:  # an unquoted name the app shows is typed only to look it up
                inputs = [name for name in inputs if SEARCH in entry_words(self.doc.elements[name])]
            typed = [f"{name}.set_text({py_string(slot.value)})" for name in inputs]
            parts = name_parts(slot.value) if self.config.name_split and inputs else None
            fields = name_fields(self.doc, inputs[0]) if parts else None
            if fields:  # "add Rita Moreno": Rita into the first-name field, Moreno into the surname field
                typed = [f"{field}.set_text({py_string(part)})" for field, part in zip(fields, parts)]
            if self.config.cued_search and shown and slot.value in quoted:
                said = set(slot.cue) & TYPING_VERBS  # "search 'Clock'": the verb before it names the field
                cued = [line for line, name in zip(typed, inputs)
                        if said & set(words(self.doc.elements[name].short_name))]
                first += cued
                typed = [line for line in typed if line not in cued]
            if slot.value not in quoted or shown:
                last += typed  # a bare number, or the label of something shown: offered, not first
                continue
            using = [line for line in lines if parse_line(line).arg == slot.value]
            options = [line for line in using if parse_line(line).method == "select"]
            first += options + typed + [line for line in using if line not in options]
        if self.config.dated_first and any(parse_line(line).method == "set_text" for line in first):
            # the day the task says goes with the texts it gives to type (an event's), not after the rest
            first += [line for line in lines if parse_line(line).method == "select" and parse_line(line).name in dated]
        first = list(dict.fromkeys(first))
        rest = [line for line in lines if line not in first]
        saves = self._form_saves(first + last, set(words(self._spelled(task))))
        rest += [line for line in saves if line not in first and line not in rest]
        out = first + rest + [line for line in dict.fromkeys(last) if line not in first and line not in rest]
        if self.config.nearest_lists:
            out = nearest_lists(self.doc, self.reach.graph, out)
        if self.config.row_actions:
            said = words(self._spelled(task))
            said += self._lexical.undone(task, said) if hasattr(self._lexical, "undone") else []  # "not pinned": Unpin
            out = row_actions(self.doc, said, out, task if self.config.first_name_rows else "",
                              menu_named=self.config.menu_named, row_buttons=self.config.row_buttons,
                              press_adds=self.config.press_adds)
        if self.config.clause_order:
            out = in_clause_order(self.doc, self._spelled(task), out)
        ordered = self._with_openers(self._in_task_order(task, self._without_steppers(out)))
        ordered = self._used_confirms(task, ordered)
        if self.config.phone_labels:
            said = self._query(task) if self.config.calling_numbers else ()
            ordered = other_numbers_out(self.doc, task, ordered, said)
        if self.config.verb_boxes_out:
            synonyms = getattr(self._lexical, "synonym_stems", None)
            ordered = verb_only_boxes_out(self.doc, task, ordered, synonyms(task) if synonyms else ())
        if self.config.commit_follows:
            ordered = commits_follow(self.doc, ordered)
        return self._asked(task, ordered, given=saves if self.config.input_commits else ())

    def _used_confirms(self, task: str, lines: list[str]) -> list[str]:
        """``lines`` without the tap of a screen's OK/Save (``confirm_button``) that has nothing to confirm:
        no other line acts on its screen or on a dialog of it (``_dialogs_of``), no other line
        opens its screen, and the task does not say its label (the new-conversation check mark offered
        beside a reply in an open conversation). With ``config.confirms_used``."""
        if not self.config.confirms_used:
            return lines
        near: list[set[str]] = []  # per line: the screens it acts on and the screens it opens
        for line in lines:
            element = self.doc.elements.get(parse_line(line).name or "")
            screens: set[str] = set()
            if element is not None:
                screens = set(element.screens) | {edge.to for edge in self.reach.edges(element.name)}
                screens |= {element.leads_to} if element.leads_to else set()
            near.append(screens)
        said = set(words(self._spelled(task)))
        kept = []
        for index, line in enumerate(lines):
            element = self.doc.elements.get(parse_line(line).name or "")
            confirm = confirm_button(self.doc, element.screen) if element is not None else None
            if confirm is not None and confirm.name == element.name and parse_line(line).method == "tap" \
                    and not set(words(element.description)) <= said:
                around = {element.screen} | self._dialogs_of(element.screen)
                if not any(around & screens for other, screens in enumerate(near) if other != index):
                    continue
            kept.append(line)
        return kept

    def _dialogs_of(self, screen: str) -> set[str]:
        """Screens one of ``screen``'s elements opens whose ways out all lead back to it (a form's
        repetition dialog; not the start screen that a Navigate up opens)."""
        return {other.leads_to for name in self.doc.screens[screen].elements
                if (other := self.doc.elements.get(name)) is not None and other.leads_to
                and self._exits.get(other.leads_to) == {screen}}

    @cached_property
    def _exits(self) -> dict[str, set[str]]:
        """Screen -> the other screens its recorded edges lead to (``postprocess.screen_exits``), kept."""
        return screen_exits(self.doc)

    def _in_task_order(self, task: str, lines: list[str]) -> list[str]:
        """``order.in_task_order`` on the task as the ranking spells it (with ``config.task_order``)."""
        if not self.config.task_order:
            return lines
        return in_task_order(self.doc, words(self._spelled(task), keep_stopwords=True), lines)

    def _without_steppers(self, lines: list[str]) -> list[str]:
        """``lines`` without taps stepping an input ("Increase hour") that a line types a value into: typing
        sets it exactly, and a step after typing only changes it (5 am became 6 am)."""
        if not self.config.steppers_typed:
            return lines
        fields = {parsed.name for parsed in map(parse_line, lines) if parsed.method == "set_text"}
        stepping = {button for name, buttons in self._steppers.items() if name in fields for button in buttons}
        return [line for line in lines if not ((parsed := parse_line(line)).method == "tap" and parsed.name in stepping)]

    @cached_property
    def _steppers(self) -> dict[str, list[str]]:
        return steppers(self.doc)

    def _asked(self, task: str, lines: list[str], given: Sequence[str] = ()) -> list[str]:
        """``lines`` without sensitive actions (the doc's risk class: delete, share, pay...) whose label shares
        no word with the task: "turn on my alarm" never offers the alarm's Delete button; with
        ``config.risky_options`` nor a menu option naming such an action ("Clear call history"). The lines in
        ``given`` carry out a text the task gives (a message's Send) and stay: asking for the text asks
        for them (the privilege policy still confirms them at run time)."""
        if not self.config.sensitive_asked:
            return lines
        said = set(self._query(task))
        kept = []
        for line in lines:
            parsed = parse_line(line)
            element = self.doc.elements.get(parsed.name or "")
            if element is not None and element.risk == "sensitive" and line not in given \
                    and not self._says_risk(said, element.description):
                continue
            if self.config.risky_options and parsed.method == "select" and SENSITIVE.search(parsed.arg or "") \
                    and line not in given and not self._says_risk(said, parsed.arg):
                continue
            kept.append(line)
        return kept

    def _says_risk(self, said: set[str], label: str) -> bool:
        """Whether a task whose words are ``said`` asks for the sensitive action ``label`` names: with
        ``config.risk_verb``, it says the word that made the label sensitive ("delete" of "Delete task", not
        "task"), with ``config.risk_first`` the first of them ("clear" of "Clear call history"); a label sensitive
        by other words (a doc edited by hand, another language) needs any shared word."""
        risky = [set(words(match.group(0))) for match in SENSITIVE.finditer(label or "")]
        if self.config.risk_first:
            risky = risky[:1]
        if self.config.risk_verb and risky:
            return any(phrase and phrase <= said for phrase in risky)
        return bool(said & set(words(label)))

    def _shown(self, choices: Sequence[str]) -> list[str]:
        """The choice lines as the prompt lists them: with ``config.choice_labels``, a tap or set_text line
        followed by what its element shows (API names are often generic: ``..._checkbox_2``), a select
        line by what opened its dialog (look-alike radio dialogs differ only there)."""
        if not self.config.choice_labels:
            return list(choices)
        shown = []
        for line in choices:
            parsed = parse_line(line)
            element = self.doc.elements.get(parsed.name or "")
            label = ""
            if element is not None and parsed.method != "select":
                label = element.description
            elif element is not None and element.screen in self.doc.screens:
                about = self.doc.screens[element.screen].description
                label = about if "opened by" in about else ""
            label = " ".join(label.split())[:LABEL_CHARS]
            shown.append(f"{line}  # {label}" if label else line)
        return shown

    def _with_openers(self, lines: list[str]) -> list[str]:
        """``lines`` with, before the first line behind a Save/OK/Delete-style button that navigation does
        not press, the line pressing it (the script has to: ``reach``)."""
        out: list[str] = []
        for line in lines:
            out += [opener for opener in self.reach.openers(line) if opener not in out and opener not in lines
                    and parse_line(opener).name in self.doc.elements
                    and self.doc.elements[parse_line(opener).name].type in self.config.types]
            out.append(line)
        return out

    def _runnable(self, choices: Sequence[str], lines: Sequence[str]) -> list[str]:
        """The choices the runtime can reach after ``lines`` (a line behind a Save/OK/Delete-style button
        waits until a line pressed it); all of them if none is."""
        if not self.config.slots:
            return list(choices)
        here = self.reach.after(lines)
        kept = [line for line in choices if self.reach.runnable(line, here)]
        return kept or list(choices)

    def _slot_inputs(self, task: str, candidates: Sequence[str]) -> list:
        """``slots.slot_inputs`` for the task, computed once per (task, candidates): ``choices`` and the
        decoding rules (``_value_homes``) share it."""
        key = (task, tuple(candidates))
        if self._filled is None or self._filled[0] != key:
            self._filled = (key, slot_inputs(self.doc, task, self._lexical.scores(task), candidates,
                                             per_value=self.config.inputs_per_value, values=self.values(task),
                                             joint=self.config.joint_slots, name_pairs=self.config.name_split,
                                             lookup=not self.config.search_asked
                                             or bool(set(words(task)) & LOOKUP_VERBS),
                                             looking=self.config.looked_up))
        return self._filled[1]

    @property
    def _lexical(self):
        """The lexical index (the hybrid index's BM25 part when embeddings blend in)."""
        return getattr(self.index, "lexical", self.index)

    def _query(self, task: str) -> list[str]:
        """The task's word stems as the ranking reads them (``LexicalIndex.query``: spellings, un- words, the
        verb's synonyms); plain stems for an index without it."""
        lexical = self._lexical
        return lexical.query(task) if hasattr(lexical, "query") else words(task)

    def _spelled(self, task: str) -> str:
        """The task as the ranking reads it (``LexicalIndex.spelled``): option matching sees the same words.
        Computed once per task (the decoding rules ask for it per choice line)."""
        if self._spelling is None or self._spelling[0] != task:
            lexical = self._lexical
            self._spelling = (task, lexical.spelled(task) if hasattr(lexical, "spelled") else task)
        return self._spelling[1]

    def values(self, task: str) -> list[str]:
        """The texts the task gives (``retrieval.task_values``); with ``config.names``, also its unquoted
        names that the app does not show ("rename my Diary note to Journal": Journal; Diary is a row, picked
        by its label, not typed). Computed once per task."""
        if self._given is None or self._given[0] != task:
            given = task_values(task)
            items = [text for text in item_texts(task, self._nouns) if text not in given
                     and not names_an_element(self.doc, text)] if self.config.item_texts else []
            if self.config.object_titles and not items and (thing := self._new_object(task)) not in (None, *given):
                items.append(thing)
            if self.config.looked_up and not quoted_values(task) and (sought := self._sought(task)) \
                    and not any(sought in text or text in sought for text in given + items):
                items.append(sought)
            given += items
            if self.config.names or self.config.shaped:
                given += [name for name in task_values(task, names=self.config.names, shaped=self.config.shaped)
                          if name not in given and not any(name in text for text in items)  # "Piano" of "Piano lesson"
                          and (not names_an_element(self.doc, name)
                               or self.config.typed_names and self._typed_after_verb(task, name))]
            self._given = (task, given)
        return list(self._given[1])

    def _new_object(self, task: str) -> str | None:
        """The object the task's imperative names with an article ("schedule a vet appointment for Wednesday":
        "vet appointment"), as a title to type, when the app has something to create (a "New ..." button), the
        task quotes no text, and the doc never uses one of its words: it names no part of the app, so it names
        the new item ("save a quick note with the title 'Parking'" gives its title)."""
        thing = object_phrase(task)
        if thing is None or not self._nouns or quoted_values(task):  # a quoted text is the title it gives
            return None
        known = getattr(self._lexical, "idf", {})
        return thing if any(w not in known for w in words(thing)) and not names_an_element(self.doc, thing) else None

    def _sought(self, task: str) -> str | None:
        """What the task looks up (``retrieval.looked_up``) when the app has a search box to type it into;
        a lone lowercase word only when the doc never uses it ("find the file" names the app's files)."""
        found = looked_up(task)
        if found is None or not any(SEARCH in entry_words(e) for e in self.doc.elements.values() if e.type == "input"):
            return None
        word, sure = found
        return word if sure or stem(word.lower()) not in getattr(self._lexical, "idf", {}) else None

    @staticmethod
    def _typed_after_verb(task: str, name: str) -> bool:
        """Whether a typing or look-up verb comes just before ``name`` ("search for Elena", "type Clock", "look up
        Kate", "find my Lisbon flight"): then a name the app shows is also a text to type, not only a row to pick."""
        slot = next((slot for slot in task_slots(task, [name])), None)
        return slot is not None and bool(set(slot.cue[-2:]) & LOOKUP_VERBS)

    def _time_lines(self, task: str, candidates: Sequence[str]) -> dict[str, list[str]]:
        """For each time the task gives ("6:45"), the lines typing its hour and minute into the time fields
        of the app (``slots.time_fields``), the pair on the screen the task heads for first."""
        pairs = time_fields(self.doc)
        if not pairs:
            return {}
        near = near_screens(self.doc, candidates)
        pairs.sort(key=lambda pair: -near.get(self.doc.elements[pair[0]].screen, 0.0))
        out: dict[str, list[str]] = {}
        for value in self.values(task):
            parts = time_parts(value)
            if parts is not None and value not in out:
                out[value] = [f"{field}.set_text({py_string(part)})" for pair in pairs[:2]
                              for field, part in zip(pair, parts)]
        return out

    def _form_saves(self, typed: Sequence[str], said: set[str] = frozenset()) -> list[str]:
        """The save (OK/Save) line of each form a typed line fills: typing without it is lost. With
        ``config.input_commits``, where the form has none, the button that carries out the typed text (a
        message's Send: ``slots.input_commit``), else the one button beside it the task names (``said``: its
        words)."""
        out: list[str] = []
        for line in typed:
            element = self.doc.elements.get(parse_line(line).name or "")
            save = confirm_button(self.doc, element.screen) if element is not None else None
            if save is None and element is not None and self.config.input_commits:
                save = input_commit(self.doc, element) or self._said_button(said, element.screen)
            if save is not None and save.type in self.config.types:
                out.append(f"{save.name}.tap()")
        return list(dict.fromkeys(out))

    def _said_button(self, said: set[str], screen: str):
        """The one button on ``screen`` whose whole label the task says ("call 555 0142": the dialpad's
        Call beside the number typed), with ``config.said_commits``; None for none or several."""
        if not self.config.said_commits or screen not in self.doc.screens:
            return None
        named = [element for name in self.doc.screens[screen].elements
                 if (element := self.doc.elements.get(name)) is not None and element.type == "button"
                 and (label := set(words(element.description))) and label <= said]
        return named[0] if len(named) == 1 else None

    def _quoted_first(self, task: str, lines: list[str]) -> list[str]:
        quoted = {" ".join(words(v, keep_stopwords=True)) for v in quoted_values(task)}
        if not quoted:
            return lines

        def uses_quoted(line: str) -> bool:
            arg = parse_line(line).arg
            return arg is not None and " ".join(words(arg, keep_stopwords=True)) in quoted

        return sorted(lines, key=lambda line: not uses_quoted(line))

    def _without_openers(self, candidates: Sequence[str], task: str = "") -> list[str]:
        """The candidates without buttons whose only documented effect is to open the screen of a better
        ranked candidate: the runtime navigates there by itself, and small models love to write the way.
        With ``config.calling_numbers``, a button showing a phone number stays when the task says a word of
        the screen it opens: the number on a contact's page that opens the call screen is how that page
        calls whoever it shows ("call Mum"), not a way to the call screen's End button."""
        said = set(self._query(task)) - {"screen", "dialog"} if self.config.calling_numbers and task else set()
        kept: list[str] = []
        better_screens: set[str] = set()
        for name in candidates:
            element = self.doc.elements[name]
            opens = element.leads_to if element.type == "button" else None
            calls = bool(opens and phone_digits(element.description) and said & set(words(opens)))
            if not (opens and opens != element.screen and opens in better_screens) or calls:
                kept.append(name)
            better_screens.update(element.screens)
        return kept

    def grammar(self, task: str, candidates: Sequence[str], mode: str = "block",
                choices: Sequence[str] = ()) -> str | None:
        if not self.config.grammar:
            return None
        if choices:
            key = ("choices", tuple(choices), mode)
            if key not in self._grammars:
                self._grammars[key] = grammar_for_lines(choices, mode=mode, max_lines=self.script_lines(task, choices))
            return self._grammars[key]
        names = self.grammar_names(task, candidates)
        strings = tuple(self.values(task)) if self.config.task_strings else ()
        key = (tuple(names), mode, strings)
        if key not in self._grammars:
            if len(self._grammars) > 64:
                self._grammars.clear()
            self._grammars[key] = grammar_for_doc(self.doc, names, max_lines=self.config.max_lines, mode=mode,
                                                  types=self.config.types, strings=strings)
        return self._grammars[key]

    def nearest_examples(self, task: str) -> list[Example]:
        if self.examples is None or self.config.examples == 0:
            return []
        return list(self.examples.nearest(task, self.config.examples))

    def prepare(self) -> PrefixState:
        """Compute (or load) the stable prefix's KV state now, e.g. while the user types."""
        prompt = self.prompts.build(self.model, "")
        return self.model.ensure_prefix(prompt.prefix, prompt.prefix_key)

    # ---------------------------------------------------------------- planning

    def plan(self, task: str, *, repair: RepairContext | None = None, attempt: int = 1) -> Plan:
        started = time.perf_counter()
        if not task or not task.strip():
            raise PlanError("empty task", fix='describe what to do, e.g. "create a note called groceries"')
        ranked = [c.name for c in self.candidates(task)]
        examples = self.nearest_examples(task)
        listed = ranked if self.config.retrieval in ("prompt", "both") or self.config.stubs == "none" else []
        choices = self.choices(task, ranked)
        prompt = self.prompts.build(self.model, task, examples=examples, candidates=listed, repair=repair,
                                    choices=self._shown(choices))
        prefix_state = None
        if prompt.prefix:
            prefix_state = self.model.ensure_prefix(prompt.prefix, prompt.prefix_key)
        key = prompt.prefix_key if prompt.prefix else None
        if self.config.decode == "lines":
            completion = self._decode_lines(prompt.text, task, ranked, key, choices)
        else:
            completion = self.model.complete(prompt.text, grammar=self.grammar(task, ranked, choices=choices), stop=None,
                                             max_tokens=self.config.max_tokens, prefix_cache_key=key)
        raw = completion.text
        script, changes, problems = self._finish(raw, completion.finish_reason, task)
        return Plan(
            task=task, app=self.doc.app, script=script, raw=raw, candidates=tuple(ranked),
            examples=tuple(examples), changes=changes, problems=problems, model=getattr(self.model, "name", "?"),
            prompt_tokens=completion.prompt_tokens, cached_prefix_tokens=completion.cached_prefix_tokens,
            generated_tokens=completion.generated_tokens, prefill_seconds=completion.prefill_seconds,
            decode_seconds=completion.decode_seconds, plan_seconds=time.perf_counter() - started,
            finish_reason=completion.finish_reason, prefix=prefix_state, attempt=attempt)

    def _decode_lines(self, prompt: str, task: str, ranked: Sequence[str], key: str | None,
                      choices: Sequence[str] = ()) -> Completion:
        """One model call per line (stop at the newline), ending when the model ends its answer, repeats a
        line, or reaches ``max_lines``; the calls share the KV cache, so each evaluates only the new line."""
        lines: list[str] = []
        totals = dict(prompt_tokens=0, generated_tokens=0, prefill_seconds=0.0, decode_seconds=0.0)
        first_prompt_tokens, cached, finish = None, 0, "stop"
        budget = self.config.max_tokens
        max_lines = self.script_lines(task, choices)
        while len(lines) < max_lines and budget > 0:
            mode = "first-line" if not lines else "next-line"
            done = "".join(line + "\n" for line in lines)
            allowed = self._runnable(choices, lines)
            allowed = self._confirm_waits(task, allowed, lines)
            allowed = self._typed_commits_wait(task, allowed, lines)
            if self.config.shape == "task":
                allowed = self._values_once(task, allowed, lines)
                allowed = self._radio_once(task, allowed, lines)
                allowed = self._label_once(allowed, lines)
                allowed = self._picked_not_pressed(allowed, lines)
                allowed = self._press_first(allowed, lines)
                allowed = self._twins_once(task, allowed, lines)
                allowed = self._form_stays(allowed, lines)
                allowed = self._rows_first(task, choices, allowed, lines)
                allowed = self._values_first(task, allowed, lines)
                allowed = self._values_before_budget(task, allowed, lines, max_lines)
            pressed = self._pressed_menu(allowed, lines) if self.config.shape == "task" else []
            allowed = pressed or allowed
            if self._can_choose(allowed):
                may_end = bool(lines) and not pressed and (self.config.shape == "fixed" or not (
                    self._unfilled(task, allowed, lines) or self._pending_options(task, allowed, lines)))
                part = self.model.choose(prompt + done, allowed, allow_end=may_end, prefix_cache_key=key)
            else:
                part = self.model.complete(prompt + done, grammar=self.grammar(task, ranked, mode, allowed),
                                           stop=["\n"], max_tokens=min(budget, 80), prefix_cache_key=key)
            if first_prompt_tokens is None:
                first_prompt_tokens, cached = part.prompt_tokens, part.cached_prefix_tokens
            totals["generated_tokens"] += part.generated_tokens
            totals["prefill_seconds"] += part.prefill_seconds
            totals["decode_seconds"] += part.decode_seconds
            budget -= max(1, part.generated_tokens)
            line = part.text.strip()
            if part.finish_reason == "length":
                finish = "length"
                if line:
                    lines.append(line)  # cut off: _finish drops it if it does not check
                break
            if not line or line in lines:
                if line:
                    lines.append(line)  # kept so post-processing records the repeat it stops at
                break
            lines.append(line)
            if self.config.stop_after_confirm and (self._confirms(line) and self._open_form(lines) is None
                                                   or self._sends_typed(line, lines)
                                                   or self._typed_in_place(task, line, choices, lines)
                                                   or self._last_switch(line, choices, lines)
                                                   or self._last_named_tick(task, line, choices, lines)
                                                   or self._lone_tick(task, line, choices, lines)
                                                   or self._verb_done(task, line, choices, lines)) \
                    and not self._unused_quotes(task, lines) \
                    and not self._pending_options(task, self._runnable(choices, lines), lines):
                break
        return Completion(text="\n".join(lines), prompt_tokens=first_prompt_tokens or 0,
                          generated_tokens=totals["generated_tokens"], prefill_seconds=totals["prefill_seconds"],
                          decode_seconds=totals["decode_seconds"], cached_prefix_tokens=cached, finish_reason=finish)

    def _sends_typed(self, line: str, lines: Sequence[str]) -> bool:
        """Whether ``line`` taps the button that carries out a text an earlier line typed (a message's Send
        after its text: ``slots.input_commit``), with ``config.commit_ends``: like a form's OK, it ends the
        script unless something the task names is still pending."""
        if not self.config.commit_ends or parse_line(line).method != "tap":
            return False
        typed = [self.doc.elements.get(parse_line(done).name or "") for done in lines[:-1]
                 if parse_line(done).method == "set_text"]
        return any(element is not None and (commit := input_commit(self.doc, element)) is not None
                   and commit.name == parse_line(line).name for element in typed)

    def _typed_in_place(self, task: str, line: str, choices: Sequence[str], lines: Sequence[str]) -> bool:
        """Whether ``line`` types a value the task gives into an input that nothing carries out (no Send
        beside it, no OK/Save on its screen: a search box filters as it is typed) and the task's every value
        is used, with ``config.typed_ends``: what a small model adds after it leaves the result."""
        parsed = parse_line(line)
        element = self.doc.elements.get(parsed.name or "")
        if not self.config.typed_ends or parsed.method != "set_text" or element is None:
            return False
        if parsed.arg not in self.values(task) or input_commit(self.doc, element) is not None \
                or self._open_form(lines) is not None or _goes_on_after(task, parsed.arg):
            return False
        screen = self.doc.screens.get(element.screen)
        if screen is not None and any(_confirm_like(self.doc.elements.get(name)) for name in screen.elements):
            return False  # an OK that leads on (to an "overwrite?" dialog) still carries the text out
        runnable = self._runnable(choices, lines)
        named = parsed.arg.strip().lower()  # a row named by the typed text is what the search is for
        if any(other.method in ("select", "match") and (other.arg or "").strip().lower() == named
               for other in map(parse_line, runnable) if other.text not in lines):
            return False
        return not self._unfilled(task, runnable, lines)

    def script_lines(self, task: str, choices: Sequence[str]) -> int:
        """How many lines the script may have. ``shape="task"``: what the task asks for, one line per value
        it gives (two for a time or a name typed in two fields) and per option it names (and its dialog's OK,
        with ``dialog_oks``), plus an action and a confirm, and with ``clause_lines`` one more per clause after
        the first (``order.clauses``), at least ``max_lines`` and at most ``line_budget``; ``shape="fixed"``:
        ``max_lines``."""
        if self.config.shape == "fixed":
            return self.config.max_lines
        dated = set(dated_lists(self.doc, self._spelled(task))) if self.config.dated_first else set()
        picked = [parsed for parsed in map(parse_line, choices) if parsed.method == "select"
                  and (self._named_option(task, parsed) or parsed.name in dated)]
        picks = [parsed.arg for parsed in picked]
        oks = 0  # a pick in a dialog with its own OK takes a second line
        if self.config.dialog_oks:
            oks = sum(1 for name in dict.fromkeys(parsed.name for parsed in picked)
                      if confirm_button(self.doc, self.doc.elements[name].screen) is not None)
        given = self.values(task)
        times = sum(1 for value in given if time_parts(value) and any(
            parse_line(line).arg == time_parts(value)[1] for line in choices))  # a time takes two lines
        if self.config.split_names_lines:  # so does a name typed in two fields ("Rita", then "Moreno")
            args = {parse_line(line).arg for line in choices}
            typed = {parsed.arg for parsed in map(parse_line, choices) if parsed.method == "set_text"}
            times += sum(1 for value in given
                         if (parts := name_parts(value)) and value not in args and parts[1] in typed)
        if self.config.budget_distinct:  # one row offered in two lists, or a name both given and shown: one line
            picks = list(dict.fromkeys(picks))
            given = [value for value in given if value not in picks]
        steps = len(clauses(self._spelled(task))) - 1 if self.config.clause_lines else 0  # "..., then call him"
        needed = len(given) + times + len(picks) + oks + 2 + max(0, steps)
        return max(self.config.max_lines, min(needed, self.config.line_budget))

    def _finish(self, raw: str, finish_reason: str, task: str = "") -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        text = _strip_fences(raw)
        changes: list[str] = []
        lines = straight_lines(text)
        if finish_reason == "length" and lines:
            # the answer was cut mid-line: keep the complete lines only
            if check_against_doc(lines[-1], self.doc):
                changes.append(f"dropped the last line, cut off at the token limit: {lines[-1]}")
                text = "\n".join(lines[:-1])
        if self.config.duration_zeroes and task and (lines := straight_lines(text)):
            for index, line in reversed(duration_zeroes(self.doc, task, lines)):
                lines.insert(index, line)
                changes.append(f"added {line}: the task gives the duration in other units")
            text = "\n".join(lines)
        processed = postprocess(text, self.doc, repeats=self.config.repeats, auto_confirm=self.config.auto_confirm)
        changes.extend(processed.changes)
        script = processed.script
        if not script.strip():
            return "", tuple(changes), ("the model wrote no action",)
        problems = tuple(error.one_line() for error in check_against_doc(script, self.doc))
        return script, tuple(changes), problems


def _confirm_like(element) -> bool:
    """Whether ``element`` is a button saying OK/Save/Done (``CONFIRM_WORDS``) or a dialog's positive button."""
    return element is not None and element.type == "button" and (
        element.description.strip().lower() in CONFIRM_WORDS or is_positive_button(element))


def _goes_on_after(task: str, value: str) -> bool:
    """Whether the task says another step after the last place it gives ``value`` ("search 'Clock' and open
    it", "..., then play it"); "search for 'drill' in my messages" says none."""
    found = list(re.finditer(rf"(?<![\w.]){re.escape(value)}(?!\w|\.\w)", task, re.IGNORECASE))
    after = task[found[-1].end():] if found else ""
    return bool(re.search(r"\b(?:and|then)\b|[,;]\s*\w", after, re.IGNORECASE))


def _dismisser(element) -> bool:
    """A button whose only job is to close its screen (Cancel, Navigate up, Close...)."""
    return element.type == "button" and element.description.strip().lower() in DISMISS_WORDS


def require_valid(plan: Plan) -> Plan:
    """``plan`` if its script is valid, else a PlanError quoting the first problem."""
    if plan.ok:
        return plan
    problem = plan.problems[0] if plan.problems else "the model wrote no action"
    raise PlanError(f"the model's answer is not a valid script: {problem}")


def _strip_fences(text: str) -> str:
    """Markdown code fences, which models without a grammar like to add."""
    lines = [line for line in text.strip().splitlines() if not line.strip().startswith("```")]
    return "\n".join(lines)


__all__ = ["Plan", "PlanConfig", "PlanError", "Planner", "RETRIEVAL_MODES", "require_valid"]
