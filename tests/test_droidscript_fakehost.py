"""An in-memory Host for the droidscript tests (imported by the other test_droidscript_* modules),
plus checks that the fake itself behaves like the protocol says."""

from __future__ import annotations

from typing import Any, Iterator

from droidscript import Host, ItemRef, run_script

APIS = {
    "main__sort_button": "button",
    "main__add_button": "button",
    "main__notes": "list",
    "main__search": "input",
    "main__dark_mode": "checkbox",
    "main__title": "text",
    "main__pane": "scrollable",
    "sort_dialog__order": "list",
    "sort_dialog__ok_button": "button",
    "editor__title_input": "input",
    "editor__save_button": "button",
}
OPTIONS = {"sort_dialog__order": ["Ascending", "Descending", "By  date"]}
FIELDS = {"main__notes": ["delete_button", "title", "pin"]}
NOTES = ["Groceries", "Work  Plan", "todo", "Birthday ideas"]


class DeviceBroke(RuntimeError):
    pass


class FakeHost:
    """Records every call. ``fail`` maps (name, method) -> exception to raise from ``act``."""

    def __init__(
        self,
        apis: dict[str, str] | None = None,
        options: dict[str, list[str]] | None = None,
        fields: dict[str, list[str]] | None = None,
        lists: dict[str, list[str]] | None = None,
        fail: dict[tuple[str, str], BaseException] | None = None,
    ):
        self.apis = dict(APIS if apis is None else apis)
        self.options = dict(OPTIONS if options is None else options)
        self.fields = dict(FIELDS if fields is None else fields)
        self.lists = {"main__notes": list(NOTES), "sort_dialog__order": list(OPTIONS["sort_dialog__order"])}
        if lists is not None:
            self.lists.update(lists)
        self.fail = dict(fail or {})
        self.texts: dict[str, str] = {"main__title": "Notes", "main__search": ""}
        self.checked: dict[str, bool] = {"main__dark_mode": False}
        self.log: list[tuple] = []
        self.items_fetched = 0

    def api_names(self):
        return self.apis

    def list_options(self, name):
        return self.options.get(name, [])

    def item_fields(self, list_name):
        return self.fields.get(list_name, [])

    def act(self, name: str, method: str, args: tuple, item: ItemRef | None = None, field: str | None = None) -> Any:
        self.log.append((name, method, args, None if item is None else item.label, field))
        if (name, method) in self.fail:
            raise self.fail[(name, method)]
        if method == "get_text":
            if item is not None:
                return item.label if field is None else f"{item.label}/{field}"
            return self.texts.get(name, name)
        if method == "get_attributes":
            return {"checked": self.checked.get(name, False), "enabled": True, "text": self.texts.get(name, ""),
                    "index": 0 if item is None else item.index, "missing": None}
        if method == "set_text":
            self.texts[name] = args[0]
        if method == "tap" and name in self.checked:
            self.checked[name] = not self.checked[name]
        return "done"

    def list_items(self, name: str) -> Iterator[ItemRef]:
        for i, label in enumerate(self.lists.get(name, [])):
            self.items_fetched += 1
            yield ItemRef(name, i, ("key", name, i), label)

    def back(self):
        self.log.append(("", "back", (), None, None))
        return "back"

    def actions(self) -> list[tuple]:
        return [e for e in self.log if e[1] not in ("get_text", "get_attributes")]


def test_fake_host_satisfies_protocol():
    assert isinstance(FakeHost(), Host)


def test_fake_host_runs_a_tiny_script_and_records_calls():
    host = FakeHost()
    result = run_script("main__sort_button.tap()\nback()\n", host)
    assert host.log == [("main__sort_button", "tap", (), None, None), ("", "back", (), None, None)]
    assert [(a.name, a.method) for a in result.actions] == [("main__sort_button", "tap"), ("", "back")]
