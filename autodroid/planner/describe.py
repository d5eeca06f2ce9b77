"""Doc enrichment on the device: the local model writes, once per app version, a few plain words per
element saying what it does for the user, in the words a user would use (``about`` in doc.yaml).

Explored docs name elements after what the screen shows ("Label", "00", "Start typing your note"), which
shares no word with how people ask ("called 'x'", "the message", "at 6:45"). A one-line ``about`` in user
words closes that gap for ranking and for the planner prompt, on any app, with no word list.

One short greedy completion per element under a grammar of plain words, sharing the app's instruction as
a cached prefix. Hand-edited ``about`` lines are kept; ``autodroid docs describe APP --force`` redoes them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Callable

from autodroid.appdoc import AppDoc, Element
from autodroid.planner.model import Model

DESCRIBED_TYPES = ("checkbox", "input", "list")  # buttons say what they do on their face; these rarely
MAX_ABOUT = 80
ABOUT_GRAMMAR = 'root ::= " " [A-Za-z] [A-Za-z0-9 \'/-]{2,%d}\n' % (MAX_ABOUT - 2)

INSTRUCTION = 'Describe the elements of the Android app "{app}" for its users, in a few plain words.'


# The answer is started for the model, so a small one completes a user's phrase instead of naming the widget.
LEADS = {"input": "Here the user types the", "checkbox": "Turning it on", "list": "Here the user picks",
         "button": "Tapping it"}


def element_facts(doc: AppDoc, element: Element) -> str:
    """What the explorer saw of an element, as one line for the model."""
    screen = doc.screens.get(element.screen)
    where = element.screen.replace("_", " ")
    if screen is not None and screen.description:
        where += f" ({screen.description})"
    facts = [f"a {element.type} on the screen {where}"]
    if element.description:
        facts.append(f'showing "{element.description[:60]}"')
    facts.append(f"named {element.short_name.replace('_', ' ')}")
    if element.options:
        facts.append("options: " + ", ".join(f'"{o}"' for o in element.options[:8]))
    if element.leads_to and element.leads_to != element.screen:
        facts.append(f"opens {element.leads_to.replace('_', ' ')}")
    return "; ".join(facts)


@dataclass
class DescribeReport:
    described: int = 0
    kept: int = 0  # already had an ``about`` (hand-written or earlier run)
    seconds: float = 0.0


def describe_doc(doc: AppDoc, model: Model, *, force: bool = False, types=DESCRIBED_TYPES,
                 on_element: Callable[[str, str], None] | None = None) -> tuple[AppDoc, DescribeReport]:
    """``doc`` with an ``about`` line on every element of ``types`` (existing ones kept unless ``force``)."""
    started = time.perf_counter()
    report = DescribeReport()
    instruction = INSTRUCTION.format(app=doc.app)
    key = f"describe:{doc.app}:{getattr(model, 'name', '?')}"
    elements = dict(doc.elements)
    for name, element in doc.elements.items():
        if element.type not in types:
            continue
        if element.about and not force:
            report.kept += 1
            continue
        lead = LEADS[element.type]
        prompt = model.chat_prompt(instruction, f"Element: {element_facts(doc, element)}") + lead
        prefix = prompt[:prompt.index("Element: ")]
        model.ensure_prefix(prefix, key)
        completion = model.complete(prompt, grammar=ABOUT_GRAMMAR, max_tokens=10, stop=["\n", ".", ","],
                                    prefix_cache_key=key)
        about = clean_about(completion.text)
        if about:
            elements[name] = replace(element, about=about)
            report.described += 1
            if on_element is not None:
                on_element(name, about)
    report.seconds = time.perf_counter() - started
    return replace(doc, elements=elements), report


def clean_about(text: str) -> str:
    """One line of plain words, at most ``MAX_ABOUT`` characters, cut at a word boundary."""
    line = " ".join(text.replace("\n", " ").split()).strip(" ,.-")
    if len(line) > MAX_ABOUT:
        line = line[:MAX_ABOUT].rsplit(" ", 1)[0]
    return line


__all__ = ["DescribeReport", "clean_about", "describe_doc", "described_cached", "element_facts"]


def described_cached(doc: AppDoc, model: Model) -> AppDoc:
    """``describe_doc`` once per (doc version, model): later calls load the described doc from the user
    cache (what `autodroid bench accuracy --describe` uses, so every agent sees the same doc)."""
    from autodroid.appdoc import load_doc, save_doc
    from autodroid.paths import cache_dir

    model_name = "".join(c if c.isalnum() or c in "._-" else "_" for c in getattr(model, "name", "model"))
    path = cache_dir() / "describe" / f"{doc.app}-{doc.version}-{model_name}.yaml"
    if path.is_file():
        return load_doc(path)
    described, _ = describe_doc(doc, model)
    save_doc(described, path)
    return described
