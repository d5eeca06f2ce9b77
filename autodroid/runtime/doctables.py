"""Per-doc tables the runtime derives once (recogniser, navigation graph, content hash, twin screens), kept for the
last few docs by object identity: a planner runs many scripts against one doc."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from autodroid.appdoc import AppDoc
from autodroid.runtime.navigation import NavGraph
from autodroid.runtime.recognition import Recognizer
from autodroid.runtime.twins import twin_screens

_CACHE_SIZE = 4


@dataclass(frozen=True)
class DocTables:
    doc: AppDoc
    recognizer: Recognizer
    graph: NavGraph
    version: str
    twins: dict[str, frozenset[str]]


_cache: OrderedDict[int, DocTables] = OrderedDict()


def tables_of(doc: AppDoc) -> DocTables:
    found = _cache.get(id(doc))
    if found is not None and found.doc is doc:
        _cache.move_to_end(id(doc))
        return found
    found = DocTables(doc, Recognizer(doc), NavGraph(doc), doc.version, twin_screens(doc))
    _cache[id(doc)] = found
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return found
