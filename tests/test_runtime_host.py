"""The runtime host as droidscript sees it: protocol, device reads per action, errors written for repair."""

from __future__ import annotations

import pytest
from droidscript import Host, check_script

from autodroid.device import open_device
from autodroid.runtime import RuntimeHost, run_on_device
from autodroid.runtime.walkdoc import doc_from_walk
from test_runtime_policy import NOTES_WALK, names


@pytest.fixture(scope="module")
def notes_doc():
    with open_device("sim:notes") as device:
        return doc_from_walk(device, NOTES_WALK, "notes")


class CountingDevice:
    def __init__(self, inner):
        self.inner, self.spec, self.reads = inner, inner.spec, 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def screen(self):
        self.reads += 1
        return self.inner.screen()


def test_host_implements_the_protocol_and_its_tables_check_scripts(notes_doc):
    with open_device("sim:notes") as device:
        host = RuntimeHost(notes_doc, device)
        assert isinstance(host, Host)
        notes_list = names(notes_doc, "main_screen__notes_list")
        assert host.api_names()[notes_list] == "list"
        assert "Budget" in host.list_options(notes_list)
        assert "note_title" in host.item_fields(notes_list)
        good = f'{notes_list}.match("Budget").note_title.tap()\n'
        assert check_script(good, host.api_names(), {notes_list: host.list_options(notes_list)},
                            {notes_list: host.item_fields(notes_list)}) == []


def test_one_screen_read_per_script_call_and_one_after_each_action(notes_doc):
    with open_device("sim:notes") as sim:
        device = CountingDevice(sim)
        report = run_on_device(names(notes_doc, "main_screen__fab_new_note_button.tap()\nback()\n"
                                     "main_screen__search_button.tap()\nback()\n"
                                     "print(main_screen__notes_list[0].get_text())\n"), notes_doc, device)
        assert report.ok, report.error_text
        actions = len(report.actions)
        assert actions == 4 and report.printed == ("Books to read",)
        calls = 6  # five script calls + the list read
        assert device.reads <= calls + actions + 1, device.reads


def test_a_dialog_the_doc_never_saw_is_not_taken_for_a_look_alike(notes_doc):
    # Leaving an edited note asks "Discard your changes?" in the very layout of the delete dialog.
    with open_device("sim:notes") as device:
        report = run_on_device(names(notes_doc, 'main_screen__fab_new_note_button.tap()\n'
                                     'new_note_screen__title_input.set_text("A")\n'
                                     "back()\n"  # the script leaves the edit itself (issue 13: the runtime won't)
                                     "print(len(main_screen__notes_list))\n"), notes_doc, device, auto_yes=True)
        assert device.screen_kind() in ("notes.discard_dialog", "notes.editor")
    assert not report.ok  # the only way back the doc knows does not hold now
    unknown = [e for e in report.trace if e["event"] == "device" and e.get("screen_after", {}).get("screens") == []]
    assert unknown, "the discard dialog must be recognised as undocumented"
    assert not any(a.api == names(notes_doc, "delete_dialog__delete_button") for a in report.actions)


def test_error_text_names_line_source_screen_nearby_apis_and_fix(notes_doc):
    with open_device("sim:notes") as device:
        report = run_on_device(names(notes_doc, "main_screen__fab_new_note_button.tap()\n\n"
                                     "notes_item_screen__delete_note_button.tap()\n"), notes_doc, device)
    assert not report.ok
    assert [a.role for a in report.actions] == ["script", "navigation", "navigation"]  # back, then the note
    text = report.error_text
    delete = names(notes_doc, "notes_item_screen__delete_note_button")
    assert text.startswith(f"line 3: {delete}.tap() failed (PolicyRefused)")
    assert f"    {delete}.tap()" in text  # the source line, quoted
    assert "Screen now:" in text and "Elements here:" in text
    assert "\nFix: " in text


def test_api_for_finds_a_widget_by_what_it_is(notes_doc):
    from autodroid.errors import DocError
    from autodroid.runtime.docquery import api_for

    fab = api_for(notes_doc, resource_id="fab_new_note")
    assert notes_doc.elements[fab].type == "button"
    assert api_for(notes_doc, type="list", option="Descending") != api_for(notes_doc, type="list", option="Title")
    with pytest.raises(DocError, match="elements of notes fit text='Cancel'"):
        api_for(notes_doc, text="Cancel")  # the sort dialog and the delete dialog both have one
