"""What the checker and the interpreter know about an app: API names, list options, item fields.

``Tables`` is built either from plain mappings (``check_script``: the planner validating model output,
no device) or from a ``Host`` (``run_script``), whose answers are validated and cached here.
"""

from __future__ import annotations

import difflib
import threading
import time
from contextlib import contextmanager
import keyword
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from .errors import ActionError, DroidScriptError
from .language import BUILTINS, ELEMENT_TYPES


def valid_identifier(name: object) -> bool:
    """ASCII Python identifier, not a keyword, not starting with ``_``, not a builtin's name."""
    return (
        isinstance(name, str)
        and name.isascii()
        and name.isidentifier()
        and not keyword.iskeyword(name)
        and not name.startswith("_")
        and name not in BUILTINS
    )


def validate_api(api_names: object) -> dict[str, str]:
    """Copy and check an API table; raise ValueError naming the bad entry."""
    if not isinstance(api_names, Mapping):
        raise ValueError(f"api_names must be a mapping of API name -> element type, got {type(api_names).__name__}")
    out: dict[str, str] = {}
    for name, type_ in api_names.items():
        if not valid_identifier(name):
            raise ValueError(
                f"API name {name!r} is not usable in a script: it must be an ASCII identifier, not a keyword, "
                "not a builtin, not starting with '_'"
            )
        if type_ not in ELEMENT_TYPES:
            raise ValueError(f"API {name!r} has unknown element type {type_!r}; known: {', '.join(ELEMENT_TYPES)}")
        out[str.__str__(name)] = str.__str__(type_)
    return out


def _str_tuple(values: object, what: str) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise ValueError(f"{what} must be a sequence of strings, got {type(values).__name__}")
    out = []
    for v in values:
        if not isinstance(v, str):
            raise ValueError(f"{what} must contain only strings, got {v!r}")
        out.append(str.__str__(v))
    return tuple(out)


def _fields_tuple(values: object, what: str) -> tuple[str, ...]:
    fields = _str_tuple(values, what)
    for f in fields:
        if not valid_identifier(f):
            raise ValueError(f"{what}: field {f!r} must be an ASCII identifier not starting with '_'")
    return fields


class Tables:
    """API names with their types, plus lazily fetched, cached list options and item fields."""

    def __init__(
        self,
        api: Mapping[str, str],
        options: Callable[[str], tuple[str, ...]],
        fields: Callable[[str], tuple[str, ...]],
    ):
        self.api = dict(api)
        self._options_of = options
        self._fields_of = fields
        self._options: dict[str, tuple[str, ...]] = {}
        self._fields: dict[str, tuple[str, ...]] = {}

    @classmethod
    def from_mappings(
        cls,
        api_names: Mapping[str, str],
        list_options: Mapping[str, Sequence[str]] | None = None,
        item_fields: Mapping[str, Sequence[str]] | None = None,
    ) -> "Tables":
        api = validate_api(api_names)
        opts = {k: _str_tuple(v, f"list_options[{k!r}]") for k, v in (list_options or {}).items()}
        flds = {k: _fields_tuple(v, f"item_fields[{k!r}]") for k, v in (item_fields or {}).items()}
        return cls(api, lambda n: opts.get(n, ()), lambda n: flds.get(n, ()))

    @classmethod
    def from_host(cls, host: object) -> "Tables":
        api = _ask(host, "api_names", lambda: validate_api(host.api_names()))  # type: ignore[attr-defined]
        return cls(
            api,
            lambda n: _ask(host, "list_options", lambda: _str_tuple(host.list_options(n), f"list_options({n!r})"), n),  # type: ignore[attr-defined]
            lambda n: _ask(host, "item_fields", lambda: _fields_tuple(host.item_fields(n), f"item_fields({n!r})"), n),  # type: ignore[attr-defined]
        )

    def options(self, list_name: str) -> tuple[str, ...]:
        if list_name not in self._options:
            self._options[list_name] = self._options_of(list_name)
        return self._options[list_name]

    def fields(self, list_name: str) -> tuple[str, ...]:
        if list_name not in self._fields:
            self._fields[list_name] = self._fields_of(list_name)
        return self._fields[list_name]


def _ask(host: object, what: str, call: Callable, name: str | None = None):
    try:
        return call()
    except DroidScriptError:
        raise
    except Exception as e:
        raise ActionError(
            f"the host failed to answer {what}({name or ''}): {type(e).__name__}: {e}",
            name=name,
            method=what,
            cause=e,
            fix="fix the host (runtime) binding: this is not the script's fault",
        ) from e


# Suggestions are a courtesy: they must never cost more than the script's own budget. difflib is
# quadratic in string length and linear in candidates, so both are capped, at most SUGGESTION_CALLS
# lookups are made per check or run, and none after the run's deadline (``suggestion_limits``).
SUGGEST_MAX_CHARS = 80
SUGGEST_MAX_POOL = 2000
SUGGESTION_CALLS = 25
_limits = threading.local()


@contextmanager
def suggestion_limits(deadline: float | None, calls: int = SUGGESTION_CALLS) -> Iterator[None]:
    """Within the block (a check or a run, this thread), suggestions stop at the monotonic ``deadline``
    and after ``calls`` lookups. Outside any block only the size caps apply."""
    saved = (getattr(_limits, "deadline", None), getattr(_limits, "calls", None))
    _limits.deadline, _limits.calls = deadline, calls
    try:
        yield
    finally:
        _limits.deadline, _limits.calls = saved


def _may_suggest() -> bool:
    calls = getattr(_limits, "calls", None)
    if calls is None:
        return True
    deadline = getattr(_limits, "deadline", None)
    if calls <= 0 or (deadline is not None and time.monotonic() > deadline):
        return False
    _limits.calls = calls - 1
    return True


def close_matches(word: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """``difflib.get_close_matches`` on at most SUGGEST_MAX_POOL candidates cut to SUGGEST_MAX_CHARS
    characters (the full candidates are returned), within the suggestion limits; [] when over them."""
    if not _may_suggest():
        return []
    short: dict[str, str] = {}
    for candidate in candidates:
        if len(short) >= SUGGEST_MAX_POOL:
            break
        short.setdefault(candidate[:SUGGEST_MAX_CHARS], candidate)
    found = difflib.get_close_matches(word[:SUGGEST_MAX_CHARS], list(short), n=n, cutoff=cutoff)
    return [short[f] for f in found]


def nearest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Nearest valid names for an unknown one: same element part after ``__`` first, then difflib."""
    pool = sorted(set(candidates))
    tail = word.rsplit("__", 1)[-1]
    same_tail = [c for c in pool if c != word and c.rsplit("__", 1)[-1] == tail][:n]
    close = close_matches(word, pool, n=n, cutoff=0.6)
    out: list[str] = []
    for c in same_tail + close:
        if c not in out:
            out.append(c)
    return out[:n]
