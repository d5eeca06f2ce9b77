"""How a runtime plugs into the interpreter: the ``Host`` protocol and the ``ItemRef`` value it hands out.

The interpreter never touches a device. Every effect goes through one of six host methods, called only
with API names the host itself declared (``api_names``) and methods that ``LANGUAGE`` allows for the
name's type, so a host can trust its inputs to be well formed (argument values still come from the
script: check them if they matter, e.g. the privilege policy).

Exceptions a host raises from ``act``/``list_items``/``back`` reach the caller as ``ActionError``
(with the original as ``.cause``); a host may also raise a ``DroidScriptError`` itself, which passes
through unchanged. Host calls cannot be interrupted: a host should bound its own waits. The interpreter
checks the wall-clock budget again as soon as a call returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Hashable, Iterator, Mapping, Protocol, Sequence, runtime_checkable


@dataclass(frozen=True)
class ItemRef:
    """One item of a list, created by the host.

    ``list_name``: the list's API name. ``index``: its position in the host's iteration order.
    ``key``: anything hashable that lets the host find the item again (e.g. a resource-id + text
    signature); opaque to the interpreter. ``label``: the item's visible text, used by ``lst.match``
    and by ``str(item)``. ``names``: other short texts the item shows (an alarm's "Gym" beside its time);
    ``lst.match`` accepts the one item showing the text when no label equals it.
    """

    list_name: str
    index: int
    key: Hashable = None
    label: str = ""
    names: tuple[str, ...] = ()


@runtime_checkable
class Host(Protocol):
    def api_names(self) -> Mapping[str, str]:
        """API name -> element type (a key of ``LANGUAGE`` with ``element=True``)."""
        ...

    def list_options(self, name: str) -> Sequence[str]:
        """The static options of list ``name`` for ``select`` (may be empty)."""
        ...

    def item_fields(self, list_name: str) -> Sequence[str]:
        """Field names reachable as ``item.<field>`` on items of ``list_name`` (may be empty)."""
        ...

    def act(
        self,
        name: str,
        method: str,
        args: tuple,
        item: ItemRef | None = None,
        field: str | None = None,
    ) -> Any:
        """Perform ``method`` on element ``name`` (or on ``item`` of list ``name``, or on its ``field``).

        Returns ``str`` for ``get_text``, a mapping str -> bool|str|int for ``get_attributes``, and
        anything (ignored, recorded in the trace) for actions. ``select`` gets the documented option
        exactly as ``list_options`` spelt it.
        """
        ...

    def list_items(self, name: str) -> Iterator[ItemRef]:
        """The items of list ``name``, lazily, in order (the host scrolls and de-duplicates)."""
        ...

    def back(self) -> Any:
        """Press the system back button."""
        ...
