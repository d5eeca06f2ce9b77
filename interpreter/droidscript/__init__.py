"""DroidScript: a tiny, total, Python-shaped language for phone automation scripts, and its sandboxed
interpreter. Pure Python, no third-party imports. See interpreter/README.md for the language spec.

Public API:
    run_script(source, host, *, budgets=None, on_event=None) -> RunResult
    check_script(source, api_names, list_options=None, item_fields=None, *, budgets=None) -> list[ScriptError]
    gbnf(apis, *, max_lines=12, max_string=80) -> str
    Host (protocol), ItemRef, Budgets, RunResult, ActionRecord, LANGUAGE
    DroidScriptError > ScriptError | BudgetExceeded | ActionError > NoSuchItem
"""

from .budgets import BUDGET_DOCS, Budgets
from .checker import check_script
from .errors import ActionError, BudgetExceeded, DroidScriptError, NoSuchItem, ScriptError
from .grammar import gbnf
from .host import Host, ItemRef
from .language import BUILTINS, DIRECTIONS, ELEMENT_TYPES, LANGUAGE
from .walker import ActionRecord, RunResult, run_script

__all__ = [
    "ActionError",
    "ActionRecord",
    "BUDGET_DOCS",
    "BUILTINS",
    "BudgetExceeded",
    "Budgets",
    "DIRECTIONS",
    "DroidScriptError",
    "ELEMENT_TYPES",
    "Host",
    "ItemRef",
    "LANGUAGE",
    "NoSuchItem",
    "RunResult",
    "ScriptError",
    "check_script",
    "gbnf",
    "run_script",
]
