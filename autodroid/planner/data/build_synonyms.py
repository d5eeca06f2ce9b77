"""Regenerates ``wordnet_synonyms.json`` from a WordNet 3.0 database directory (the ``dict`` folder of
Princeton's release: index.sense, adj.exc, verb.exc, noun.exc):

    python autodroid/planner/data/build_synonyms.py /path/to/wordnet-3.0/dict

Kept: the senses WordNet's tagged corpus has seen at least once (``tag_cnt`` >= 1 in index.sense), so
rare readings ("ring" as a gang of criminals) do not make common words synonyms, each lemma with how often
the corpus saw it in that sense; single words and
two-word lemmas of letters only; synsets with two or more such lemmas. Plus the irregular forms
("bigger": big, "rang": ring) of the kept lemmas, and how often the tagged corpus saw each kept lemma in
any sense (``seen``: the planner leaves the commonest words alone). About 340 KB; WordNet's license is in
``wordnet_license.txt`` beside it.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

_POS = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}


def build(wordnet: Path) -> dict:
    synsets: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    seen: dict[str, int] = defaultdict(int)
    for line in (wordnet / "index.sense").read_text().splitlines():
        key, offset, _number, tagged = line.split()
        lemma, rest = key.split("%", 1)
        seen[lemma.replace("_", " ")] += int(tagged)
        if int(tagged) >= 1 and re.fullmatch(r"[a-z]+(?:_[a-z]+)?", lemma):
            synsets[(_POS[rest[0]], offset)][lemma.replace("_", " ")] = int(tagged)
    kept = sorted(sorted(lemmas.items()) for lemmas in synsets.values() if len(lemmas) > 1)
    known = {lemma for lemmas in kept for lemma, _ in lemmas}
    irregular: dict[str, list[str]] = {}
    for name in ("adj.exc", "verb.exc", "noun.exc"):
        for line in (wordnet / name).read_text().splitlines():
            form, *bases = line.split()
            bases = [b for b in bases if b in known and b != form]
            if bases and re.fullmatch(r"[a-z]+", form):
                irregular[form] = sorted(set(irregular.get(form, [])) | set(bases))
    return {"source": "WordNet 3.0 (Princeton University), tagged senses only", "synsets": kept,
            "irregular": dict(sorted(irregular.items())),
            "seen": {lemma: seen[lemma] for lemma in sorted(known)}}


if __name__ == "__main__":
    if len(sys.argv) != 2 or not (Path(sys.argv[1]) / "index.sense").is_file():
        sys.exit("usage: build_synonyms.py WORDNET_DICT_DIR (the folder holding index.sense)")
    target = Path(__file__).with_name("wordnet_synonyms.json")
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(build(Path(sys.argv[1])), separators=(",", ":")) + "\n")
    tmp.replace(target)
    print(f"wrote {target}")
