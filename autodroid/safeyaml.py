"""Loading YAML that people and programs hand us (docs, policies, replay logs) without letting it blow up.

``yaml.safe_load`` already refuses Python objects, but it still expands anchors and aliases: a "billion
laughs" file of a few hundred bytes builds gigabytes of lists. Here the text is first scanned as an event
stream (libyaml's C parser where present, constant memory): any anchor or alias, nesting deeper than
``max_depth`` or more than ``max_events`` nodes is refused before anything is built, and so is a text
over ``max_bytes``. Every failure is the caller's typed error (``BadInputError`` by default) naming the
file and line, never a raw ``yaml.YAMLError``, ``MemoryError`` or ``RecursionError``.
"""

from __future__ import annotations

from typing import Any

import yaml

from autodroid.errors import BadInputError

MAX_BYTES = 20_000_000
MAX_DEPTH = 64
MAX_EVENTS = 5_000_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NODE_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_NODE_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def check_yaml(text: str, where: str, *, error: type[BadInputError] = BadInputError, max_bytes: int = MAX_BYTES,
               max_depth: int = MAX_DEPTH, max_events: int = MAX_EVENTS, invalid: str = "not valid YAML") -> None:
    """Refuse ``text`` (raising ``error``) if it is too big, uses anchors/aliases, or nests too deep."""
    size = len(text.encode("utf-8", "surrogatepass")) if len(text) * 4 > max_bytes else len(text)
    if size > max_bytes:
        raise error(f"{where}: {size:,} bytes of YAML, more than the {max_bytes:,} allowed",
                    fix="pass the right file; a doc, policy or log of this size is not one autodroid wrote")
    depth = 0
    events = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            events += 1
            line = event.start_mark.line + 1 if event.start_mark is not None else "?"
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise error(f"{where}, line {line}: YAML anchors and aliases (&name, *name) are not accepted",
                            fix="write the repeated value out in full")
            if isinstance(event, _NODE_START):
                depth += 1
                if depth > max_depth:
                    raise error(f"{where}, line {line}: YAML nested more than {max_depth} levels deep",
                                fix="flatten the structure; no autodroid file nests this deep")
            elif isinstance(event, _NODE_END):
                depth -= 1
            if events > max_events:
                raise error(f"{where}: more than {max_events:,} YAML nodes", fix="pass a smaller file")
    except yaml.YAMLError as failure:
        raise error(f"{where}{_line(failure)}: {invalid} ({_problem(failure)})",
                    fix="correct the YAML syntax") from None


def safe_yaml_load(text: str, where: str, *, error: type[BadInputError] = BadInputError,
                   loader: type | None = None, max_bytes: int = MAX_BYTES, invalid: str = "not valid YAML") -> Any:
    """``yaml.safe_load`` (or ``loader``) after ``check_yaml``; YAML errors become ``error`` saying
    ``invalid`` with the line and the parser's problem."""
    check_yaml(text, where, error=error, max_bytes=max_bytes, invalid=invalid)
    try:
        return yaml.load(text, Loader=loader or _Loader)
    except yaml.YAMLError as failure:
        raise error(f"{where}{_line(failure)}: {invalid} ({_problem(failure)})",
                    fix="correct the YAML syntax") from None
    except RecursionError:
        raise error(f"{where}: YAML nested too deep", fix="flatten the structure") from None


def _line(failure: yaml.YAMLError) -> str:
    mark = getattr(failure, "problem_mark", None)
    return f", line {mark.line + 1}" if mark is not None else ""


def _problem(failure: yaml.YAMLError) -> str:
    problem = getattr(failure, "problem", None) or str(failure).split("\n", 1)[0]
    return " ".join(str(problem).split())[:120]
