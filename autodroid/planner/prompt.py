"""The planner's prompt: jinja2 templates, stable part first, task last.

The system part (instructions, the app's API stubs from ``render_doc``, fixed examples) depends only on
(doc version, template, settings), so its KV state is computed once per model and reused from disk
(``Model.ensure_prefix``); the user part (retrieved examples, candidate names, repair context, the task)
is the only text evaluated per task.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import jinja2

from autodroid.appdoc import AppDoc, render_doc

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
_SENTINEL = "\u2063USER\u2063"  # invisible separator: never in a doc or task


@dataclass(frozen=True)
class Example:
    task: str
    script: str


@dataclass(frozen=True)
class RepairContext:
    script: str
    error: str
    screen: str = ""  # compact html of the current screen


@dataclass(frozen=True)
class Prompt:
    text: str  # the whole prompt, ending where the model's answer starts
    prefix: str  # the stable leading part of ``text`` (cached KV state)
    prefix_key: str  # cache key of ``prefix`` (hash of model, doc version, template, settings)
    system: str
    user: str


def _environment(template_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(template_dir)), undefined=jinja2.StrictUndefined,
                              keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=False,
                              autoescape=False)


def stub_names(doc: AppDoc, *, scrollables: bool = False) -> list[str]:
    """The elements shown in the prompt's API list (scrollables only when asked: grounding scrolls)."""
    return [name for name, e in doc.elements.items() if scrollables or e.type != "scrollable"]


class PromptBuilder:
    """Renders prompts for one doc. ``stubs`` chooses the APIs listed in the stable part: "full" (all
    but scrollables) or "none" (then the task's candidates are listed as stubs in the user part)."""

    def __init__(self, doc: AppDoc, *, template_dir: Path | None = None, stubs: str = "full",
                 fixed_examples: Sequence[Example] = ()):
        if stubs not in ("full", "none"):
            raise ValueError(f"stubs must be 'full' or 'none', not {stubs!r}")
        self.doc = doc
        self.stubs = stubs
        self.template_dir = Path(template_dir or TEMPLATE_DIR)
        self.env = _environment(self.template_dir)
        self.fixed_examples = tuple(fixed_examples)
        self._system: str | None = None

    def template_hash(self) -> str:
        digest = hashlib.sha256()
        for name in ("system.j2", "user.j2"):
            digest.update((self.template_dir / name).read_bytes())
        return digest.hexdigest()[:16]

    def system_text(self) -> str:
        if self._system is None:
            stubs = render_doc(self.doc, stub_names(self.doc)) if self.stubs == "full" else "(listed with the task)"
            self._system = self.env.get_template("system.j2").render(
                app=self.doc.app, stubs=stubs, examples=list(self.fixed_examples)).strip()
        return self._system

    def user_text(self, task: str, *, examples: Sequence[Example] = (), candidates: Sequence[str] = (),
                  repair: RepairContext | None = None, choices: Sequence[str] = ()) -> str:
        text = self.env.get_template("user.j2").render(
            task=" ".join(task.split()), examples=list(examples), choices=list(choices),
            candidates=list(candidates) if self.stubs == "full" else [], repair=repair).strip()
        if self.stubs == "none" and candidates:
            stubs = render_doc(self.doc, list(candidates), screen_headers=False)
            text = f"APIs for this task:\n{stubs}\n\n{text}"
        return text

    def build(self, model, task: str, *, examples: Sequence[Example] = (), candidates: Sequence[str] = (),
              repair: RepairContext | None = None, choices: Sequence[str] = ()) -> Prompt:
        system = self.system_text()
        user = self.user_text(task, examples=examples, candidates=candidates, repair=repair, choices=choices)
        text = model.chat_prompt(system, user)
        marked = model.chat_prompt(system, _SENTINEL)
        cut = marked.find(_SENTINEL)
        prefix = marked[:cut] if cut > 0 and text.startswith(marked[:cut]) else ""
        key_source = "|".join((getattr(model, "name", "model"), self.doc.version, self.template_hash(), self.stubs,
                               hashlib.sha256(prefix.encode("utf-8")).hexdigest()))
        key = hashlib.sha256(key_source.encode("utf-8")).hexdigest()[:24]
        return Prompt(text, prefix, key, system, user)
