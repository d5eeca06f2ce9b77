"""Which actions the explorer must not take on its own: elements labelled with destructive words.

A label matches when one of its words (or word pairs, for "sign out") is a destructive word, so
"Delete note" and "delete_button" match but "Deleted items" does not; the words are configurable.
"""

from __future__ import annotations

import re
from typing import Iterable

from autodroid.ui.screen import Node, Screen

# "format" only in phrases: "Date format" / "Time format" are harmless settings.
DESTRUCTIVE_WORDS: tuple[str, ...] = (
    "delete", "remove", "uninstall", "send", "call", "dial", "pay", "buy", "purchase", "checkout",
    "reset", "erase", "format sd", "format card", "format storage", "format device", "clear", "wipe",
    "factory", "share", "post", "publish", "sign out", "log out", "logout", "signout", "discard", "trash",
)

_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def words_of(label: str) -> list[str]:
    """Lower-case words of a label or resource id: 'deleteButton' and 'delete_btn' give 'delete'."""
    return [word for word in _SPLIT.split(_CAMEL.sub(" ", label).lower()) if word]


class DestructiveFilter:
    def __init__(self, words: Iterable[str] | None = None):
        chosen = DESTRUCTIVE_WORDS if words is None else tuple(words)
        self.phrases = tuple(tuple(words_of(word)) for word in chosen if words_of(word))

    def matched_word(self, labels: Iterable[str]) -> str | None:
        """The first destructive word or phrase found in any of the labels, else None."""
        for label in labels:
            tokens = words_of(label)
            for phrase in self.phrases:
                size = len(phrase)
                if any(tuple(tokens[i:i + size]) == phrase for i in range(len(tokens) - size + 1)):
                    return " ".join(phrase)
        return None

    def check(self, screen: Screen, node: Node) -> str | None:
        """The destructive word naming this element (its own text, description, resource id, or the text
        inside it for a container button), else None."""
        labels = [node.text, node.desc, node.rid, node.hint]
        if node.clickable and not (node.text or node.desc):
            labels += screen.subtree_text(node, limit=4)
        return self.matched_word(label for label in labels if label)
