"""Find a doc's API name by what the widget is (its selector fields, type, screen, options), not by the
name the doc writer happened to give it. For tests, benchmarks and tools that must survive renames."""

from __future__ import annotations

from autodroid.appdoc import AppDoc
from autodroid.errors import DocError
from autodroid.selectors import norm


def api_for(doc: AppDoc, *, on: str | None = None, type: str | None = None, option: str | None = None,
            **fields: str) -> str:
    """The one element whose selectors mention every ``fields`` value (resource_id=, text=, desc=, cls=),
    documented on screen ``on`` (canonical or also_on), of element ``type``, with ``option`` among its
    options. ``DocError`` listing the candidates unless exactly one fits."""
    found = []
    for name, element in doc.elements.items():
        if on is not None and on not in element.screens:
            continue
        if type is not None and element.type != type:
            continue
        if option is not None and norm(option) not in {norm(o) for o in element.options}:
            continue
        if fields and not all(any(_same(getattr(s, key), value) for s in element.selectors)
                              for key, value in fields.items()):
            continue
        found.append(name)
    if len(found) != 1:
        wanted = ", ".join(f"{k}={v!r}" for k, v in {**fields, "on": on, "type": type, "option": option}.items()
                           if v is not None)
        raise DocError(f"{len(found)} elements of {doc.app} fit {wanted}: {', '.join(found[:8]) or 'none'}",
                       fix="narrow the query (on=, type=) or check the doc")
    return found[0]


def _same(value: str | None, wanted: str) -> bool:
    return value is not None and norm(str(value)) == norm(str(wanted))
