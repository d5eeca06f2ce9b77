"""Few-shot examples: synthesized per app from its doc, kept only if they run, retrieved by similarity.

Synthesis is templated from the doc and its navigation graph: "turn on <checkbox>", "set <dialog opener>
to <option>", "open <menu option>", "type '<text>' into <input>", "open <screen>"... Each candidate's script
is post-processed like a model's (so examples show the dialog confirms the planner adds) and **run on the
app's device through the runtime**; only scripts that run without error are kept. Gold tasks are never
read here: for DroidTask apps the device is the exploration log only (``replay:<folder>?log``).

Storage: ``app_docs/<app>/examples.yaml`` for apps whose doc lives in the repo (the sim apps), or the user
cache (``examples_cache_path``) for anything derived from data that must not enter the repo.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import yaml

from autodroid import paths
from autodroid.appdoc import AppDoc, Element
from autodroid.errors import BadInputError
from autodroid.fileio import atomic_write_text
from autodroid.planner.grammar_for_doc import check_against_doc
from autodroid.planner.postprocess import CONFIRM_WORDS, postprocess
from autodroid.planner.prompt import Example
from autodroid.planner.retrieval import text_similarity, value_labels, words

FORMAT = 1
SYNTHESIS = 5  # bump when synthesize() changes: cached example files of older syntheses are not used
SAMPLE_TEXTS = ("groceries", "hello world", "trip 2024", "notes", "42")
NAME_TEXTS = ("groceries", "trip 2024", "summer", "work")
_GENERIC = set(CONFIRM_WORDS) | {"cancel", "close", "back", "navigate up", "more options", "menu"}


@dataclass(frozen=True)
class Candidate:
    task: str
    script: str
    element: str  # the API the example is about
    kind: str  # template kind: toggle | choose | open-option | type | open | tap


def _phrase(text: str) -> str:
    """A description as a task phrase: lower case, no trailing punctuation, one line."""
    text = " ".join(text.replace("_", " ").split()).strip(" .:;,")
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


def _describe(doc: AppDoc, element: Element) -> str:
    if element.description and element.description.lower() not in _GENERIC:
        return _phrase(element.description)
    return _phrase(" ".join(w for w in element.short_name.split("_") if w not in ("button", "checkbox", "input",
                                                                                    "list", "text")))


def _opener_phrase(doc: AppDoc, screen: str) -> str:
    """How a person names what opens ``screen``: the description of the button whose tap opens it, or the
    menu option whose choice opens it (past generic openers such as a warning dialog's "OK", at most
    three screens up); "" when the graph has none."""
    seen = {screen}
    for _ in range(3):
        edge = next((e for e in doc.navigation if e.to == screen and e.element and e.source not in seen
                     and e.action in ("tap", "select")), None)
        if edge is None:
            return ""
        opener = doc.elements.get(edge.element)
        label = edge.option if edge.action == "select" else (opener.description if opener else "")
        if label and label.strip().lower() not in _GENERIC:
            return _phrase(label)
        if opener is None:
            return ""
        screen = opener.screen
        seen.add(screen)
    return ""


def _spread(items: Sequence[str], count: int) -> list[str]:
    """Up to ``count`` items spread over the sequence (first, middle, last...)."""
    if len(items) <= count:
        return list(items)
    step = (len(items) - 1) / (count - 1) if count > 1 else 0
    return [items[round(i * step)] for i in range(count)]


def synthesize(doc: AppDoc, *, options_per_list: int = 3) -> list[Candidate]:
    """Templated task/script pairs for every usable element of the doc (not yet verified)."""
    out: list[Candidate] = []
    leads = {(e.source, e.element, e.option): e.to for e in doc.navigation if e.element}
    values = value_labels(doc)
    for index, (name, element) in enumerate(doc.elements.items()):
        if element.risk == "sensitive" or element.type in ("scrollable", "text"):
            continue
        what = _describe(doc, element)
        if not what or not words(what):
            continue
        if element.type == "checkbox":
            verb = ("turn on", "turn off", "enable", "disable")[index % 4]
            out.append(Candidate(f"{verb} {what}", f"{name}.tap()", name, "toggle"))
        elif element.type == "input":
            sample = SAMPLE_TEXTS[index % len(SAMPLE_TEXTS)]
            task = f"type '{sample}' into {what}" if index % 2 else f"set {what} to '{sample}'"
            out.append(Candidate(task, f'{name}.set_text("{sample}")', name, "type"))
            context = _opener_phrase(doc, element.screen)
            if context and words(context) != words(what):  # "create a new note named 'groceries'"
                other = NAME_TEXTS[index % len(NAME_TEXTS)]
                out.append(Candidate(f"{context} named '{other}'", f'{name}.set_text("{other}")', name, "name"))
        elif element.type == "list" and element.options:
            context = _opener_phrase(doc, element.screen)
            for option in _spread(element.options, options_per_list):
                if not words(option) or '"' in option or "\\" in option:
                    continue
                script = f'{name}.select("{option}")'
                target = leads.get((element.screen, name, option))
                openers = {e.source for e in doc.navigation if e.to == element.screen}
                if target is not None and target not in openers:  # a menu: the option opens a screen
                    out.append(Candidate(f"open {_phrase(option)}", script, name, "open-option"))
                elif context:
                    out.append(Candidate(f"set {context} to {_phrase(option)}", script, name, "choose"))
                else:
                    out.append(Candidate(f"select {_phrase(option)}", script, name, "choose"))
        elif element.type == "button":
            if element.description.strip().lower() in _GENERIC or what.lower() in _GENERIC:
                continue
            kind = "open" if element.leads_to and element.leads_to != element.screen else "tap"
            if name in values:
                continue  # a label showing a current value ("5 minutes", "Dark"): no task names it
            out.append(Candidate(f"{'open' if kind == 'open' else 'tap'} {what}", f"{name}.tap()", name, kind))
    return out


@dataclass(frozen=True)
class Verified:
    example: Example
    element: str
    kind: str
    actions: int
    outcome: str = "ran"  # "ran": every line ran; "reached": a recorded device had no outcome for a script
    #                       action it issued on the right element (on a phone it would have been performed)


def run_outcome(report) -> str | None:
    """"ran" when the script ran, "reached" when it stopped only because a recording (replay device) has no
    outcome for an action the script itself issued on a grounded element; None for any other failure."""
    if report.ok:
        return "ran"
    failed = [e for e in report.trace if e.get("event") == "device" and not e.get("ok", True)]
    if failed and failed[-1].get("role") == "script" and failed[-1].get("error_type") == "UnexploredTransition":
        return "reached"
    return None


def verify(doc: AppDoc, candidates: Iterable[Candidate], device_factory: Callable[[], object], *,
           allow_reached: bool = True,
           on_result: Callable[[Candidate, bool, str], None] | None = None) -> list[Verified]:
    """Run each candidate (post-processed like a model's script) on a fresh device from ``device_factory``;
    keep those that run (or, with ``allow_reached``, that reach their element on a recording)."""
    from autodroid.runtime import run_on_device

    kept: list[Verified] = []
    for candidate in candidates:
        script = postprocess(candidate.script, doc).script
        if check_against_doc(script, doc):
            if on_result:
                on_result(candidate, False, "fails the language check")
            continue
        device = device_factory()
        report = run_on_device(script, doc, device, auto_yes=False)
        outcome = run_outcome(report)
        ok = outcome == "ran" and bool(report.script_actions) or (allow_reached and outcome == "reached")
        if on_result:
            on_result(candidate, ok, "" if ok else " ".join(report.error_text.split())[:160])
        if ok:
            kept.append(Verified(Example(candidate.task, script), candidate.element, candidate.kind,
                                 len(report.actions), outcome))
    return kept


# ------------------------------------------------------------------------------------------ storage


def examples_path(app: str, docs_dir: Path | None = None) -> Path:
    return (docs_dir / app if docs_dir else paths.app_doc_dir(app)) / "examples.yaml"


def examples_cache_path(doc: AppDoc) -> Path:
    """Where examples of a doc that must stay out of the repo live (keyed by the doc's version)."""
    return paths.cache_dir() / "examples" / f"{doc.app}-{doc.version}-s{SYNTHESIS}.yaml"


def save_examples(path: Path, doc: AppDoc, verified: Sequence[Verified], *, device: str) -> Path:
    data = {
        "format": FORMAT, "app": doc.app, "doc_version": doc.version, "device": device,
        "examples": [{"task": v.example.task, "script": v.example.script, "element": v.element, "kind": v.kind,
                      "verified": v.outcome} for v in verified],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120))
    return path


def load_examples(path: Path, doc: AppDoc) -> "ExampleStore":
    """Examples from ``path``; when the doc changed since they were verified, the ones that no longer pass
    the language check against it are dropped (the rest are still evidence of a working pattern)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInputError(f"no examples file at {path}",
                            fix=f"run `autodroid examples --device <spec> --app {doc.app}` to make one") from None
    except yaml.YAMLError as error:
        raise BadInputError(f"{path} is not valid YAML ({error})".splitlines()[0],
                            fix="regenerate it with `autodroid examples`") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("examples"), list):
        raise BadInputError(f"{path} is not an examples file (format {FORMAT})",
                            fix="regenerate it with `autodroid examples`")
    entries = []
    for raw in data["examples"]:
        if not isinstance(raw, dict) or not isinstance(raw.get("task"), str) or not isinstance(raw.get("script"), str):
            raise BadInputError(f"{path}: every example needs a task and a script", fix="correct or regenerate it")
        entries.append((Example(raw["task"], raw["script"].strip()), str(raw.get("element", "")),
                        str(raw.get("kind", ""))))
    if data.get("doc_version") != doc.version:
        entries = [e for e in entries if not check_against_doc(e[0].script, doc)]
    return ExampleStore(entries)


class ExampleStore:
    """Verified examples of one app; ``nearest`` ranks them by word overlap with the task."""

    def __init__(self, entries: Sequence[tuple[Example, str, str]] = ()):
        self.entries = list(entries)
        counts: dict[str, int] = {}
        for example, _, _ in self.entries:
            for word in set(words(example.task)):
                counts[word] = counts.get(word, 0) + 1
        total = max(1, len(self.entries))
        self.idf = {w: math.log(1 + total / n) for w, n in counts.items()}

    @classmethod
    def of(cls, verified: Sequence[Verified]) -> "ExampleStore":
        return cls([(v.example, v.element, v.kind) for v in verified])

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def examples(self) -> list[Example]:
        return [e for e, _, _ in self.entries]

    def nearest(self, task: str, k: int = 3) -> list[Example]:
        """The ``k`` most similar examples, at most one per element, most similar last (nearest the task)."""
        scored = sorted(((text_similarity(task, e.task, self.idf), i) for i, (e, _, _) in enumerate(self.entries)),
                        key=lambda pair: (-pair[0], pair[1]))
        chosen: list[Example] = []
        elements: set[str] = set()
        for score, i in scored:
            if score <= 0 or len(chosen) == k:
                break
            example, element, _ = self.entries[i]
            if element in elements:
                continue
            elements.add(element)
            chosen.append(example)
        return list(reversed(chosen))

    def diverse(self, k: int = 3) -> list[Example]:
        """``k`` examples of different kinds, in store order (for a fixed, task-independent block)."""
        chosen, kinds = [], set()
        for example, _, kind in self.entries:
            if kind not in kinds:
                chosen.append(example)
                kinds.add(kind)
            if len(chosen) == k:
                break
        return chosen


def default_store(doc: AppDoc, docs_dir: Path | None = None) -> ExampleStore | None:
    """The stored examples for ``doc``, or None: the cache file for this doc version, else
    ``app_docs/<app>/examples.yaml`` when ``doc`` is that folder's doc (same version), so a same-named app
    documented elsewhere (a DroidTask recording of "notes") never borrows the sim app's examples."""
    cached = examples_cache_path(doc)
    if cached.is_file():
        return load_examples(cached, doc)
    stored = examples_path(doc.app, docs_dir)
    if stored.is_file():
        from autodroid.appdoc import load_doc

        repo_doc = stored.parent / "doc.yaml"
        if repo_doc.is_file() and load_doc(repo_doc).version == doc.version:
            return load_examples(stored, doc)
    return None
