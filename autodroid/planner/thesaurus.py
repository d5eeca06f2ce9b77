"""General-English synonyms for a task word an app's doc never uses ("ring" for the doc's Call, "bigger"
for its Large), from WordNet 3.0's senses that its tagged corpus has seen (``data/wordnet_synonyms.json``,
built by ``data/build_synonyms.py``; WordNet's license beside it). A thesaurus of English, not of any app
or task: it knows nothing of the benchmarks."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "wordnet_synonyms.json"
# WordNet's own rules for a regular inflection's base form: (ending, replacement)
_DETACH = (("ies", "y"), ("ses", "s"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("es", "e"), ("es", ""),
           ("s", ""), ("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("est", ""),
           ("est", "e"), ("er", ""), ("er", "e"))


# Words the tagged corpus saw this often are the grammar of a request ("make", "call it", "says", "name"):
# each has dozens of senses, and a synonym of the wrong one is noise. Picked on the development task files.
COMMON = 150
# A shared sense counts when it is a main use of one of the two words (this share of its corpus uses) and
# more than a stray use of the other: "ring" and "call" (14% of "call"'s uses are phoning, 3% of "ring"'s),
# not "check" and "stop" (1% of each).
MAIN_SHARE, MINOR_SHARE = 0.1, 0.02


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, list[dict[str, int]]], dict[str, list[str]], dict[str, int]]:
    try:
        data = json.loads(_DATA.read_text())
    except (OSError, ValueError) as exc:
        raise RuntimeError(f"the synonym table {_DATA} is missing or unreadable ({exc}); reinstall autodroid "
                           f"or rebuild it with {_DATA.with_name('build_synonyms.py')}") from exc
    sets_of: dict[str, list[dict[str, int]]] = {}
    for pairs in data["synsets"]:
        synset = dict(pairs)
        for lemma in synset:
            sets_of.setdefault(lemma, []).append(synset)
    return sets_of, data["irregular"], data["seen"]


def base_forms(word: str) -> list[str]:
    """The WordNet lemmas ``word`` may be an inflection of, itself first when it is one ("bigger": big,
    "rings": ring)."""
    sets_of, irregular, _ = _table()
    out = [word] if word in sets_of else []
    out += irregular.get(word, [])
    for ending, replacement in _DETACH:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            base = word[: len(word) - len(ending)] + replacement
            if base in sets_of:
                out.append(base)
    return list(dict.fromkeys(out))


def common(word: str) -> bool:
    """Whether the tagged corpus saw ``word`` (or a base form of it) ``COMMON`` times or more."""
    return _common(base_forms(word.lower()))


def _common(forms: list[str]) -> bool:
    _, _, seen = _table()
    return any(seen.get(form, 0) >= COMMON for form in forms)


def synonyms(word: str) -> set[str]:
    """Single words sharing a seen sense with ``word`` or its base form, other than those forms; none for a
    word as common as ``COMMON``."""
    sets_of, _, seen = _table()
    forms = base_forms(word.lower())
    if _common(forms):
        return set()

    def share(lemma: str, synset: dict[str, int]) -> float:
        return synset[lemma] / max(1, seen.get(lemma, 0))

    return {lemma for form in forms for synset in sets_of[form] for lemma in synset
            if " " not in lemma and lemma not in forms
            and max(share(form, synset), share(lemma, synset)) >= MAIN_SHARE
            and min(share(form, synset), share(lemma, synset)) >= MINOR_SHARE}
