"""Ranking an app's element APIs (and stored examples) for a task, lexically: BM25 over the words a
person would use for an element (its name, description, options, the screen it is on and the screen it
opens), with small priors from the task's intent words (``turn off`` favours checkboxes, ``type`` and
``named`` favour inputs, a quoted value that equals a documented option favours that list). A task word
the doc never uses is read as the doc words it spells, when it spells them unambiguously: two neighbouring
doc words run together, or one long doc word a letter off (``LexicalIndex.query`` / ``spelled``).

No third-party dependency, so it works everywhere; ``embed.py`` can blend in sentence embeddings when
onnxruntime is installed.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from autodroid.appdoc import AppDoc, Element
from autodroid.planner import thesaurus

_WORD = re.compile(r"[a-z0-9]+")
_WORD_ANY_CASE = re.compile(r"[A-Za-z0-9]+")
STOPWORDS = frozenset(
    "a an the to of in on for and or it its is are be by as at with this that these those my me i you your "
    "please can could would will should app application then from into all any some so do does them".split()
)
# Words in API names that say what kind of widget it is, not what it is about.
TYPE_SUFFIXES = frozenset("button checkbox input list text scroll scrollable label view tab".split())
# Intent words -> the element type they point at, with a multiplier for that type.
INTENT_TYPES: dict[str, tuple[str, float]] = {}
for _word in "enable disable turn toggle switch check uncheck activate deactivate hide show don't not".split():
    INTENT_TYPES[_word] = ("checkbox", 1.25)
for _word in "type enter write name named called title search rename input label text".split():
    INTENT_TYPES[_word] = ("input", 1.25)
TYPE_PRIOR = {"button": 1.0, "checkbox": 1.0, "input": 1.0, "list": 1.0, "text": 0.6, "scrollable": 0.1}
# Field weights: how strongly a word in each part of an element's entry counts.
VALUE_LABEL_PRIOR = 0.5
SYNONYM_WEIGHT = 0.5  # a doc word the task only says through an English synonym ("ring": Call) counts half
FIELD_WEIGHTS = {"name": 1.0, "description": 1.0, "about": 1.0, "options": 0.8, "screen": 0.4, "leads_to": 0.5, "fields": 0.5}
K1, B = 1.2, 0.5


def stem(word: str) -> str:
    """A deliberately crude suffix stripper, applied the same way to tasks and docs: plurals, -ing, -ed,
    -ion, a final -e and the -y of a long -ery go, so "vibration" and "vibrate", "sorting" and "sort" meet."""
    if len(word) <= 3 or word.isdigit():
        return word
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        word = word[:-2]
    elif len(word) > 5 and word.endswith("ion"):
        word = word[:-3]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    elif len(word) > 6 and word.endswith("ery"):  # "delivery" and "delivered", "recovery" and "recover"
        word = word[:-1]
    return word


# How pickers write days, months and times: "Wed, Mar 6", "3:00 PM". People say "Wednesday", "3pm", "noon".
_CALENDAR_SHORT = {full: full[:3] for full in (
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
    "september october november december").split()} | {"tues": "tue", "thurs": "thu", "sept": "sep"}
_HOUR_ONLY = re.compile(r"(?<![:.\d])\b(\d{1,2})\s*([ap])\.?m\b\.?")  # "3pm", "3 p.m." (no minutes given)
_CLOCK_WORDS = {"noon": "12:00 pm", "midday": "12:00 pm", "midnight": "12:00 am"}


def clock_spelling(text: str) -> str:
    """``text`` lower-cased with its times as pickers write them: "3pm" -> "3:00 pm", "noon" -> "12:00 pm"."""
    text = _HOUR_ONLY.sub(lambda m: f"{m.group(1)}:00 {m.group(2)}m", text.lower())
    return re.sub(r"\b(noon|midday|midnight)\b", lambda m: _CLOCK_WORDS[m.group(1)], text)


def _lower_words(text: str) -> list[str]:
    return _WORD.findall(clock_spelling(text.replace("_", " ")))


def task_verb(task: str) -> re.Match | None:
    """Where the task's verb is: its first unquoted word that is not a function word ("please ring Farid",
    "can you call 555 0142": ring, call). The one reading of "the task's verb" for its synonyms
    (``LexicalIndex.synonym_stems``, ``LexicalIndex.spelled``) and for ``choice_rules.verb_only_boxes_out``."""
    unquoted = QUOTED.sub(lambda match: " " * len(match.group(0)), task)
    return next((match for match in _WORD_ANY_CASE.finditer(unquoted) if match.group(0).lower() not in STOPWORDS),
                None)


def word_stem(word: str) -> str:
    """``stem`` of a lower-case word, a day or month name as its three-letter form ("wednesday": "wed")."""
    return stem(_CALENDAR_SHORT.get(word, word))


_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?:\s*([ap])m\b)?")


def clock_minutes(text: str) -> list[set[int]]:
    """Each time in ``text`` as the minutes after midnight it may mean: "3pm" {900}, "15:00" {900},
    "3:00" {180, 900} (no am or pm said)."""
    out = []
    for match in _CLOCK.finditer(clock_spelling(text)):
        hour, minute, half = int(match.group(1)), int(match.group(2)), match.group(3)
        if hour > 23 or minute > 59:
            continue
        if half:
            out.append({(hour % 12 + (12 if half == "p" else 0)) * 60 + minute})
        else:
            out.append({hour * 60 + minute} | ({(hour + 12) * 60 + minute} if 1 <= hour < 12 else set()))
    return out


def words(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Lower-case word stems of ``text`` (snake_case names split at underscores; day and month names as
    their three-letter forms, times as pickers write them)."""
    return [word_stem(w) for w in _lower_words(text) if keep_stopwords or w not in STOPWORDS]


# a single quote opens after a non-word character and closes before one: the apostrophes of "Dad's" and
# "don't" quote nothing, and 'Dad's birthday' is one quoted text
QUOTED = re.compile(r"(?<!\w)'(.+?)'(?!\w)|\"([^\"]+)\"")  # what quoted_values finds (``order.clauses`` too)


def quoted_values(task: str) -> list[str]:
    """Strings the task quotes: 'Diary', "test1" (what a set_text/select/match argument usually is)."""
    return [a or b for a, b in QUOTED.findall(task)]


def value_labels(doc: AppDoc) -> set[str]:
    """Buttons that only show a current value ("5 minutes", "Dark", "05:00") and open nothing: the label
    next to them is what a task names, so they rank low and are never offered as lines. A screen shows one
    current value per list of choices, so two such buttons of one screen whose labels are options of the same
    list are that list's actions shown as buttons (a selection bar's Archive and Delete, both in the overflow
    menu), not values."""
    lists_of: dict[str, set[str]] = {}
    for name, element in doc.elements.items():
        for option in element.options:
            lists_of.setdefault(option.strip().lower(), set()).add(name)
    out = set()
    shown: dict[tuple[str, str], set[str]] = {}  # (screen, list) -> the buttons there showing one of its options
    for name, element in doc.elements.items():
        if element.type != "button" or (element.leads_to and element.leads_to != element.screen):
            continue
        text = element.description.strip().lower()
        if text and any(c.isdigit() for c in text):
            out.add(name)
        for listed in lists_of.get(text, ()) if text else ():
            shown.setdefault((element.screen, listed), set()).add(name)
    for names in shown.values():
        if len(names) == 1:
            out |= names
    return out


_CLOCK_TIME = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b\.?", re.I)
# a phone number written in groups ("555 0142", "+1 800 555 0188", "(555) 014-2200"): one value, not several
PHONE = re.compile(r"(?<![\w.+-])(?:\+\d{1,3}[\s.-])?(?:\(\d{3}\)\s?|\d{3}[\s.-])(?:\d{3}[\s.-])?\d{4}(?![\w.-])")


_CAPITALIZED_RUN = re.compile(r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*")
# English capitalizes these without making them a name someone types ("repeat on Tuesdays")
_CALENDAR_WORDS = re.compile(r"(mon|tue|wed|thu|fri|sat|sun)\w*days?|january|february|march|april|may|june|july|"
                             r"august|september|october|november|december", re.I)


_SENTENCE_END = re.compile(r"(?<=[a-z]{3}\.) (?=[A-Z])")  # "on Saturday. Add it": a sentence ends (not "St. Ives")


def _named_runs(text: str) -> list[re.Match]:
    """Runs of capitalized words, split where a sentence ends inside one ("Saturday. Add")."""
    out = []
    for run in _CAPITALIZED_RUN.finditer(text):
        start = run.start()
        for end in [m.start() for m in _SENTENCE_END.finditer(run.group(0))] + [len(run.group(0))]:
            piece = _CAPITALIZED_RUN.match(text, start, run.start() + end)
            if piece is not None:
                out.append(piece)
            start = run.start() + end + 1
    return out


def named_values(text: str) -> list[str]:
    """Names a task gives without quotes: capitalized words inside a sentence ("rename my Diary note to
    Journal", "add New York"). Not a sentence's first word, "I" ("I'm"), a single letter ("from Z to A"), a
    day or month name, or an app's own name ("the Gallery app", "the File manager app")."""
    out = []
    for match in _named_runs(text):
        name = re.sub(r"'s$", "", match.group(0)).rstrip(".'")  # "Anna's conversation": Anna
        if name == "I" or name.startswith("I'"):
            continue
        before = text[:match.start()].rstrip()
        if not before or before[-1] in ".!?" or (before[-1].isalnum() and not text[match.start() - 1].isspace()):
            continue
        if len(name) < 2 or _CALENDAR_WORDS.fullmatch(name):
            continue
        if re.match(r"(?:\s+[a-z]+){0,2}\s+apps?\b", text[match.end():]):
            continue
        out.append(name)
    return out


# a text the task gives after a word that says "here is the text" ("an event called Pay electricity bill",
# "text Bob saying running late"): a name runs to the next clause word, a message to the clause's end
_NAMING = re.compile(r"\b(?:called|named|titled|entitled|labell?ed)\s+(?=\w)(.+?)"
                     r"(?=\s*(?:[,.;:!?(]|$|\s(?:and|then|with|for|at|on|in|to|from|that|which|so|but)\b))", re.I)
_SAYING = re.compile(r"\b(?:saying|says|that reads)\s+(?=\w)(.+?)(?=\s*(?:[.;!?(]|$|,?\s(?:and )?then\b))", re.I)
# reported speech: "text him back that it's in the garage", "ask Ana whether she can come": what to write is the
# clause after that/whether, when a telling verb comes first and the clause starts with its own subject
_REPORTED = re.compile(r"\b(?:tell|text|ask|answer|reply|message|write)\s+\S+(?:\s+\S+){0,5}?\s+(?:that|whether)\s+"
                       r"((?:i|i'm|i'll|i've|you|you're|he|he's|she|she's|it|it's|we|we're|they|they're|the|my|our|"
                       r"there|there's|this)\s.+?)(?=\s*(?:[.;!?(]|$|,?\s(?:and )?then\b))", re.I)


_CLAUSE_WORDS = "and|then|with|for|at|on|in|to|from|that|which|so|but|every|each"  # where a given text ends
_CLAUSE_END = rf"(?=\s*(?:[,.;:!?(]|$|\s(?:{_CLAUSE_WORDS})\b))"


def item_texts(text: str, nouns: set[str]) -> list[str]:
    """Unquoted titles a task gives right after the noun of something the app creates (``nouns``: "event" of
    a "New event" button): "new event Piano lesson, every week" gives "Piano lesson" (a capitalized
    phrase), "add a task to buy milk" gives "buy milk" (what the item is to do)."""
    out = []
    for noun in sorted(nouns):
        head = rf"\b{re.escape(noun)}s?\s+"
        for match in re.finditer(head + r"([A-Z][\w'-]*(?:\s+[\w'-]+)*?)" + _CLAUSE_END, text):
            out.append(match.group(1))
        for match in re.finditer(head + r"to\s+([a-z][\w'-]*(?:\s+[\w'-]+)*?)" + _CLAUSE_END, text):
            if match.group(1).split()[0] not in STOPWORDS:
                out.append(match.group(1))
    return [value for value in dict.fromkeys(out) if not re.match(r"I\b", value)]  # "contacts I added": no title


# "schedule a vet appointment for Wednesday": an imperative's first verb, an article, then its object, which
# runs to the next clause word or a word of when ("tomorrow", "next", "every")
_OBJECT = re.compile(r"^\s*(?:[Pp]lease\s+)?[A-Za-z]+\s+(?:a|an)\s+([a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3}?)"
                     rf"(?=\s*(?:[,.;:!?(]|$|\s(?:{_CLAUSE_WORDS}|today|tonight|tomorrow|next|this)\b))")


def object_phrase(text: str) -> str | None:
    """The object an imperative task names with an article ("schedule a vet appointment for Wednesday at 3pm":
    "vet appointment"), or None. Whether it is a title to type the planner decides (a word the app's doc
    never uses: "set an alarm for 7" names the app's own alarm)."""
    match = _OBJECT.match(text)
    return match.group(1) if match else None


_SOUGHT = r"([A-Za-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2}?)" + _CLAUSE_END  # a looked-up phrase, to the clause's end
_LOOKED_UP = re.compile(r"\b(?:find|search(?:\s+for)?|look\s+(?:up|for))\s+(?:(?:my|the|a|an|that|those)\s+)?"
                        + _SOUGHT, re.I)
_SOUGHT_AFTER_FOR = re.compile(r"\s+for\s+(?:(?:my|the|a|an)\s+)?" + _SOUGHT)


def looked_up(text: str) -> tuple[str, bool] | None:
    """What a look-up verb's object says to look for, and whether that is sure: its first word when it has
    more ("find my margherita order in my texts": "margherita"; the last word is the kind of thing, the first
    says which) or is capitalized ("look up Kate"); a single lowercase word ("find the file") is not sure:
    it may be the kind of thing itself. "search my messages for drill": what comes after "for"."""
    match = _LOOKED_UP.search(text)
    if match is None:
        return None
    after = _SOUGHT_AFTER_FOR.match(text[match.end():])
    found = (after or match).group(1).split()
    if found[0].lower() in STOPWORDS:
        return None
    return found[0], len(found) > 1 or found[0][0].isupper()


def introduced_values(text: str) -> list[str]:
    """Unquoted texts a word like "called" or "saying" hands over: "add an event called Pay electricity bill"
    gives "Pay electricity bill". Not ones that start like a sentence's grammar ("called it", "named the")."""
    out = [match.group(1).strip() for match in _NAMING.finditer(text)]
    out = [value for value in out if value.split()[0].lower() not in STOPWORDS]
    out += [match.group(1).strip() for match in _SAYING.finditer(text)]
    return out + [match.group(1).strip() for match in _REPORTED.finditer(text) if match.group(1).strip() not in out]


_SHAPED = re.compile(r"(?<![\w.@/-])(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[A-Za-z_][\w-]*(?:\.[\w-]+)*\.(?:[a-z]{2,4}|[A-Z]{2,4}))"
                     r"(?![\w@/-]|\.\w)")


def shaped_values(text: str) -> list[str]:
    """Texts the task gives that are no words of a sentence by their shape: e-mail addresses
    (ana@example.com) and file or host names (report.pdf, example.org), quoted or not."""
    return list(dict.fromkeys(m.group(0) for m in _SHAPED.finditer(text)))


def task_values(task: str, *, names: bool = False, shaped: bool = False) -> list[str]:
    """Texts a task gives for typing or matching: what it quotes, then its times and phone numbers ("5 am",
    "555 0142") and other words with digits ("to 1000", "a 45 second timer labelled 'Eggs'"), then (with
    ``names``) the unquoted texts a word like "called" hands over (``introduced_values``) and its unquoted
    names (``named_values``), then (with ``shaped``) its addresses and file names (``shaped_values``);
    empty when it gives none (then any text is allowed)."""
    quoted = quoted_values(task)
    rest = QUOTED.sub(" ", task)
    clock = [m.group(0) for m in _CLOCK_TIME.finditer(rest)]  # "5 am": one value, not "5"
    rest = _CLOCK_TIME.sub(" ", rest)
    clock += [m.group(0) for m in PHONE.finditer(rest) if " " in m.group(0)]  # "555 0142": one value
    rest = PHONE.sub(lambda m: " " if " " in m.group(0) else m.group(0), rest)
    numbers = [w.strip(".,;:!?") for w in rest.split() if any(c.isdigit() for c in w) and w.strip(".,;:!?")]
    introduced = introduced_values(task) if names else []
    numbers = [n for n in numbers if not any(n in text for text in introduced)]  # "saying see you at 5"
    found = introduced + (named_values(rest) if names else []) + (shaped_values(rest) if shaped else [])
    found = [n for n in dict.fromkeys(found) if n not in numbers
             and not any(n != text and n in text for text in introduced)]
    return quoted + [n for n in clock + numbers + found if n not in quoted]


@dataclass(frozen=True)
class Candidate:
    name: str
    score: float
    matched: tuple[str, ...] = ()  # task word stems that matched the element's entry


def _screen_words(doc: AppDoc, screen: str) -> list[str]:
    return [w for w in words(screen) if w not in ("screen", "dialog", "tab")]


def element_fields(doc: AppDoc, element: Element) -> dict[str, list[str]]:
    """The words of each field of an element's entry, as the ranking sees them."""
    fields = {
        "name": [w for w in words(element.short_name) if w not in TYPE_SUFFIXES],
        "description": words(element.description),
        "about": words(element.about),
        "options": [w for option in element.options for w in words(option)],
        "screen": [w for s in element.screens for w in _screen_words(doc, s)],
        "leads_to": _screen_words(doc, element.leads_to) if element.leads_to else [],
        "fields": [w for f in element.item_fields for w in words(f.name) if w not in TYPE_SUFFIXES],
    }
    return fields


class LexicalIndex:
    """BM25F over the doc's elements. Build once per doc (cheap: a few ms for 150 elements)."""

    def __init__(self, doc: AppDoc, *, weights: dict[str, float] | None = None, spelling: bool = True,
                 synonyms: bool = True):
        self.doc = doc
        self.spelling = spelling
        self.synonyms_on = synonyms
        self.weights = dict(FIELD_WEIGHTS if weights is None else weights)
        self.names = list(doc.elements)
        self.tf: list[Counter] = []
        self.length: list[float] = []
        df: Counter = Counter()
        for name in self.names:
            fields = element_fields(doc, doc.elements[name])
            tf: Counter = Counter()
            for field, field_words in fields.items():
                for word in field_words:
                    tf[word] += self.weights.get(field, 0.0)
            self.tf.append(tf)
            self.length.append(sum(tf.values()))
            df.update(set(tf))
        count = max(1, len(self.names))
        self.avg_length = (sum(self.length) / count) or 1.0
        self.idf = {word: math.log(1 + (count - n + 0.5) / (n + 0.5)) for word, n in df.items()}
        self.value_labels = value_labels(doc)
        self.pairs = {pair for element in doc.elements.values()
                      for text in (element.short_name, element.description, *element.options)
                      for stems in [[w for w in words(text) if w not in TYPE_SUFFIXES]]
                      for pair in zip(stems, stems[1:])}  # neighbouring stems: "font size"

    def query(self, task: str) -> list[str]:
        """The task's word stems; with ``spelling``, a word the doc never uses that is two neighbouring doc
        words run together ("fontsize" for "Font size") counts as both, and a long one a single letter away
        from exactly one doc word ("dowloaded", "labelled") as that word. Quoted texts are left as written.
        Then the doc's words for the verb's synonyms (``synonym_stems``) that the task does not say."""
        return self._query_parts(task)[0]

    def _query_parts(self, task: str) -> tuple[list[str], list[str]]:
        """(``query``, the words of it the task says): ``scores`` weighs the rest, the verb's synonyms, half."""
        said = self._said(task)
        return said + [s for s in self.synonym_stems(task) if s not in said], said

    def _said(self, task: str) -> list[str]:
        """``query`` without the synonyms: the words the task says, as the doc spells them."""
        if not self.spelling:
            return words(task)
        unquoted = {w for w in _lower_words(QUOTED.sub(" ", task)) if w not in STOPWORDS}
        out: list[str] = []
        for word in _lower_words(task):
            if word in STOPWORDS:
                continue
            fixed = self._spells(word) if word in unquoted else None
            out += fixed or [word_stem(word)]
        return out + self.undone(task, out)

    def synonym_stems(self, task: str) -> list[str]:
        """The doc's stems for the English synonyms of the task's verb (``task_verb``) when
        the doc never uses it ("ring Farid": call). Only the verb: it names the action, which the ranking
        looks for; a synonym of another word ("the display mode": style) added rival elements on DroidTask
        (gallery/task6), and names options through ``spelled`` instead."""
        verb = task_verb(task) if self.spelling else None
        return [word_stem(s) for s in self.synonyms(verb.group(0).lower())] if verb else []

    def synonyms(self, word: str) -> list[str]:
        """English synonyms the doc uses of a word it never uses ("ring": call, "bigger": large), when there
        are one or two of them (more is a word of many senses, none of them clear)."""
        if not self.synonyms_on or word in STOPWORDS or word_stem(word) in self.idf or word.isdigit():
            return []
        by_stem = {word_stem(s): s for s in sorted(thesaurus.synonyms(word)) if s not in STOPWORDS}
        found = [by_stem[known] for known in sorted(set(by_stem) & set(self.idf))]
        return found if len(found) <= 2 else []

    def undone(self, task: str, said: list[str]) -> list[str]:
        """The doc's un- words for what the task says is no longer to be ("doesn't need to be pinned anymore":
        Unpin, "no longer muted": Unmute), which share no word with it."""
        out = []
        for word in _negated_words(task):
            for base in {word, word[:-1] if len(word) > 3 and word[-1] == word[-2] else word}:  # "pinned": pin
                if f"un{base}" in self.idf and f"un{base}" not in said + out:
                    out.append(f"un{base}")
        return out

    def spelled(self, task: str) -> str:
        """``task`` with each unquoted word the doc never uses written as the doc words it spells (as in
        ``query``), for matching list options ("view files dowloaded" names the option "Downloads"), and
        followed by the doc's words for its synonyms: all of the verb's ("ring": the menu's Call), no common
        word for another word ("bigger": Large; "the display mode" would name every Show)."""
        if not self.spelling:
            return task
        verb = task_verb(task)

        def fixer(offset: int):
            def fix(match: re.Match) -> str:
                fixed = self._spells(match.group(0).lower())
                if fixed:
                    return " ".join(fixed)
                is_verb = verb is not None and offset + match.start() == verb.start()
                meant = [s for s in self.synonyms(match.group(0).lower()) if is_verb or not thesaurus.common(s)]
                return " ".join([match.group(0), *meant])
            return fix

        parts, last = [], 0
        for quoted in QUOTED.finditer(task):
            parts += [_WORD_ANY_CASE.sub(fixer(last), task[last:quoted.start()]), quoted.group(0)]
            last = quoted.end()
        return "".join(parts) + _WORD_ANY_CASE.sub(fixer(last), task[last:])

    def _spells(self, word: str) -> list[str] | None:
        """The doc stems a word the doc never uses spells, or None (a stop word, a known word, or one that
        spells nothing the doc has): the one decision ``query`` and ``spelled`` share."""
        if word in STOPWORDS or word_stem(word) in self.idf:
            return None
        fixed = self._respelled(word)
        return None if fixed == [word_stem(word)] else fixed

    def _respelled(self, word: str) -> list[str]:
        if word.isdigit():
            return [word]
        for cut in range(3, len(word) - 2):
            head, tail = stem(word[:cut]), stem(word[cut:])
            if (head, tail) in self.pairs:
                return [head, tail]
        base = word_stem(word)
        if len(base) >= 6:  # shorter words are too often another word one letter away ("short", "sort")
            near = [known for known in self.idf if len(known) >= 4 and _one_edit(base, known)]
            if len(near) == 1:
                return near
        return [base]

    def scores(self, task: str) -> dict[str, Candidate]:
        query, said = self._query_parts(task)
        weights = {word: 1.0 if word in said else SYNONYM_WEIGHT for word in query}
        intents = [INTENT_TYPES[w] for w in re.findall(r"[a-z']+", task.lower()) if w in INTENT_TYPES]
        quoted = {" ".join(words(v, keep_stopwords=True)) for v in quoted_values(task)}
        task_text = " ".join(words(task, keep_stopwords=True))
        out: dict[str, Candidate] = {}
        for index, name in enumerate(self.names):
            element = self.doc.elements[name]
            tf, length = self.tf[index], self.length[index]
            score, matched = 0.0, []
            for word, weight in weights.items():
                f = tf.get(word, 0.0)
                if not f:
                    continue
                matched.append(word)
                score += weight * self.idf[word] * f * (K1 + 1) / (f + K1 * (1 - B + B * length / self.avg_length))
            if element.options:
                option_texts = {" ".join(words(o, keep_stopwords=True)) for o in element.options}
                if option_texts & quoted or any(f" {o} " in f" {task_text} " for o in option_texts if o):
                    score *= 1.3
            prior = TYPE_PRIOR.get(element.type, 1.0) * (VALUE_LABEL_PRIOR if name in self.value_labels else 1.0)
            for kind, boost in intents:
                if element.type == kind:
                    prior *= boost
                    break
            out[name] = Candidate(name, score * prior, tuple(matched))
        return out

    def rank(self, task: str, k: int | None = None) -> list[Candidate]:
        """Elements best first (ties in doc order); only those that match at least one task word."""
        scored = [c for c in self.scores(task).values() if c.score > 0]
        scored.sort(key=lambda c: -c.score)
        return scored[:k] if k is not None else scored


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one inserted, deleted, replaced or swapped-neighbour letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(short == long[:i] + long[i + 1:] for i in range(len(long)))


def _affirmed_words(task: str) -> set[str]:
    """The task's word stems (stop words kept) without a word it only says right after "not" ("starts on
    Sunday, not Monday" names Sunday, not Monday) or "too" ("the text is too small" says what it is now)."""
    said = words(task, keep_stopwords=True)
    return {word for before, word in zip([""] + said, said) if before not in ("not", "too")}


_NEGATIONS = frozenset({"not", "no", "never", "without"})


def _negated_words(task: str) -> set[str]:
    """The first two content words after each negation ("shouldn't repeat anymore": repeat, anymore; "don't
    need a reminder": need, reminder): an option saying "not"/"no" with one of them names what is said."""
    said = words(re.sub(r"n't\b", " not", task, flags=re.I), keep_stopwords=True)
    out: set[str] = set()
    for index, word in enumerate(said):
        if word in _NEGATIONS:
            out |= set([w for w in said[index + 1:index + 6] if w not in STOPWORDS and w not in _NEGATIONS][:2])
    return out


def ranked_options(element: Element, task: str, k: int = 3, *, evidence: bool = False) -> list[str]:
    """The list's documented options the task names best: those sharing the largest part of their words
    with the task (ties kept, more shared words first, at most ``k``), so "5 minute" gives "5 minutes" but
    not "1 minute", and "the 'download' folder, then Diary.pdf" gives both. With ``evidence``, an option
    counts only when the task says one of its content words that the list's own name does not ("Meeting
    notes" on a notes list is not named by "my notes", "Copy to" not by "to")."""
    negated = _negated_words(task)
    task_words = _affirmed_words(task) - negated  # "doesn't need to be pinned": not the "Pinned" row
    if _LAST_NAME.search(task):  # "by last name": the Surname option
        task_words = set(task_words) | set(words("surname"))
    own = set(words(element.short_name)) - TYPE_SUFFIXES
    said_times = set().union(*clock_minutes(task))
    said_phones = phone_digits(task)
    scored = []
    for index, option in enumerate(element.options):
        option_words = words(option, keep_stopwords=True)
        hits = sum(1 for w in option_words if w in task_words)
        denied = [word for before, word in zip(option_words, option_words[1:]) if before in _NEGATIONS]
        if denied and not set(denied) & negated:  # "No reminder" is not named by "remind me a day ahead"
            continue
        hits += sum((before not in task_words) + (word not in task_words)  # "Does not repeat", "No reminder"
                    for before, word in zip(option_words, option_words[1:]) if before in _NEGATIONS and word in negated)
        if _CLOCK.fullmatch(clock_spelling(option).strip()):  # a time is named by the same time only
            hits = len(option_words) if clock_minutes(option)[0] & said_times else 0
        if option_phones := phone_digits(option):  # a phone number is named by the same number only, not its area code
            hits = len(option_words) if option_phones & said_phones else 0
        if evidence and not any(w in task_words and w not in own for w in words(option)):
            continue
        if hits:
            scored.append((hits / len(option_words), hits, index, option))
    if not scored:
        return []
    best = max(share for share, _, _, _ in scored)
    kept = sorted((item for item in scored if item[0] == best), key=lambda item: (-item[1], item[2]))
    if best == 1.0:  # "extra large" names "Extra large", not also "Large": a named option's part is not named
        full = [set(words(option, keep_stopwords=True)) for _, _, _, option in kept]
        kept = [item for item, said in zip(kept, full) if not any(said < other for other in full)]
        said_order = words(task, keep_stopwords=True)  # "Julia Santos" names "Julia Santos", not "Santos Julia"
        in_order = {option for _, _, _, option in kept
                    if _said_in_order(words(option, keep_stopwords=True), said_order)}
        kept = [item for item in kept if item[3] in in_order or not any(
            set(words(item[3], keep_stopwords=True)) == set(words(other, keep_stopwords=True)) for other in in_order)]
    return [option for _, _, _, option in kept][:k]


_LAST_NAME = re.compile(r"\b(?:last|family)\s+names?\b", re.I)  # English's other words for a surname


def phone_digits(text: str) -> set[str]:
    """The last seven digits of each phone number in ``text`` ("+1 800 555 0188" and "555-0188" agree)."""
    return {re.sub(r"\D", "", m.group(0))[-7:] for m in PHONE.finditer(text)
            if sum(c.isdigit() for c in m.group(0)) >= 7}


def _said_in_order(option: list[str], said: list[str]) -> bool:
    return any(said[i:i + len(option)] == option for i in range(len(said) - len(option) + 1))


def best_option(element: Element, task: str) -> str | None:
    """The documented option of ``element`` the task names most clearly (for templates and checks)."""
    task_words = set(words(task, keep_stopwords=True))
    best, best_share = None, 0.0
    for option in element.options:
        option_words = words(option, keep_stopwords=True)
        if not option_words:
            continue
        share = sum(1 for w in option_words if w in task_words) / len(option_words)
        if share > best_share:
            best, best_share = option, share
    return best if best_share >= 0.5 else None


def text_similarity(a: str, b: str, idf: dict[str, float] | None = None) -> float:
    """Cosine similarity of two texts' word-stem counts, IDF-weighted when ``idf`` is given (for choosing
    nearby examples)."""
    weight = (lambda w: idf.get(w, 1.0)) if idf else (lambda w: 1.0)
    ca = Counter({w: c * weight(w) for w, c in Counter(words(a)).items()})
    cb = Counter({w: c * weight(w) for w, c in Counter(words(b)).items()})
    dot = sum(ca[w] * cb[w] for w in ca)
    norm = math.sqrt(sum(v * v for v in ca.values())) * math.sqrt(sum(v * v for v in cb.values()))
    return dot / norm if norm else 0.0
