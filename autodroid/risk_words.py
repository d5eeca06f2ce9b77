"""The English words that make a labelled element sensitive in an app doc (``Element.risk``): the doc writer
marks an element by them, and the planner offers a sensitive element only when the task says the word that
made it so. The runtime's privilege policy (``policies/default.yaml``) has its own words, in more languages."""

from __future__ import annotations

import re

SENSITIVE = re.compile(r"\b(delete|remove|uninstall|install|send|call|pay|buy|purchase|grant|allow|share|reset|"
                       r"erase|format (?:sd|card|storage|device|phone)|wipe|clear|sign out|log out|logout|factory|"
                       r"empty trash|discard|block|blocks|blocking)\b", re.I)

__all__ = ["SENSITIVE"]
