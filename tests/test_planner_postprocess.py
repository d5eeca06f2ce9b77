"""Post-processing: repeated lines, trailing back(), and auto-confirm of dialogs (never sensitive ones)."""

from __future__ import annotations

from planner_helpers import demo_doc

from autodroid.appdoc import parse_doc
from autodroid.planner.planner import Planner
from autodroid.planner.postprocess import confirm_button, parse_line, postprocess

DOC = demo_doc()


def test_stops_at_the_first_repeated_line():
    script = "main_screen__settings_button.tap()\nsettings_screen__autosave_checkbox.tap()\n" \
             "main_screen__settings_button.tap()\nsort_dialog__cancel_button.tap()"
    result = postprocess(script, DOC, auto_confirm=False)
    assert result.script == "main_screen__settings_button.tap()\nsettings_screen__autosave_checkbox.tap()"
    assert result.changes == ("stopped at repeated line 3: main_screen__settings_button.tap()",)


def test_drop_mode_keeps_the_lines_after_a_repeat():
    script = "a__b.tap()\na__b.tap()\nc__d.tap()"
    assert postprocess(script, DOC, repeats="drop", auto_confirm=False).script == "a__b.tap()\nc__d.tap()"


def test_trailing_back_is_dropped_but_not_a_back_in_the_middle():
    script = "back()\nsettings_screen__autosave_checkbox.tap()\nback()\nback()"
    result = postprocess(script, DOC, repeats="drop", auto_confirm=False)
    assert result.script == "back()\nsettings_screen__autosave_checkbox.tap()"


def test_confirm_is_added_after_the_last_line_in_a_dialog():
    script = 'create_dialog__title_input.set_text("groceries")\ncreate_dialog__checklist_checkbox.tap()\n' \
             "settings_screen__autosave_checkbox.tap()"
    result = postprocess(script, DOC)
    assert result.script.splitlines() == [
        'create_dialog__title_input.set_text("groceries")', "create_dialog__checklist_checkbox.tap()",
        "create_dialog__ok_button.tap()", "settings_screen__autosave_checkbox.tap()"]
    assert result.confirms == ("create_dialog__ok_button.tap()",)


def test_no_confirm_when_the_script_confirms_itself():
    script = 'sort_dialog__order_list.select("Descending")\nsort_dialog__ok_button.tap()'
    assert postprocess(script, DOC).script == script


def test_no_confirm_when_the_choice_itself_closes_the_dialog():
    # the doc records that choosing "Large" leads back to settings: OK is not there any more
    assert postprocess('font_size_dialog__radio_list.select("Large")', DOC).confirms == ()
    # an option the log never chose has an unknown outcome: the dialog's OK is added
    assert postprocess('font_size_dialog__radio_list.select("Small")', DOC).confirms == (
        "font_size_dialog__ok_button.tap()",)


def test_never_for_sensitive_elements():
    assert confirm_button(DOC, "delete_dialog") is None
    assert postprocess("delete_dialog__keep_checkbox.tap()", DOC).confirms == ()


def test_cancel_is_not_a_confirm_and_screens_without_one_get_none():
    assert confirm_button(DOC, "sort_dialog").name == "sort_dialog__ok_button"
    assert confirm_button(DOC, "settings_screen") is None
    assert postprocess("settings_screen__autosave_checkbox.tap()", DOC).confirms == ()


def test_scripts_with_blocks_are_left_alone():
    script = "for item in main_screen__notes_list:\n    item.tap()\n    item.tap()"
    assert postprocess(script, DOC).script == script


def test_parse_line_reads_the_string_argument():
    line = parse_line('sort_dialog__order_list.select("Say \\"hi\\"")')
    assert (line.name, line.method, line.arg) == ("sort_dialog__order_list", "select", 'Say "hi"')
    assert parse_line("back()").name is None


BROWSER_DOC = parse_doc("""\
schema: 1
app: browser
package: org.browser
start_screen: settings_screen
screens:
  settings_screen:
    description: the app's start screen
    elements:
      default_browser_button: {type: button, description: Set as default browser, selectors: [{resource_id: dflt}],
                               leads_to: default_dialog}
  default_dialog:
    description: dialog opened by 'Set as default browser'
    elements:
      browsers_list: {type: list, description: browsers, selectors: [{resource_id: list}], options: [Firefox, Chrome]}
      not_now_button: {type: button, description: Not now, selectors: [{resource_id: button2, text: Not now}],
                       leads_to: settings_screen}
      set_as_default_button: {type: button, description: Set as default,
                              selectors: [{resource_id: button1, text: Set as default}], leads_to: settings_screen}
navigation:
- {from: settings_screen, action: tap, element: settings_screen__default_browser_button, to: default_dialog}
- {from: default_dialog, action: tap, element: default_dialog__set_as_default_button, to: settings_screen}
""")


def test_a_dialog_s_positive_button_confirms_it_whatever_it_says():
    """Android's positive button (button1) carries out the dialog: "Set as default" confirms the pick."""
    assert confirm_button(BROWSER_DOC, "default_dialog").name == "default_dialog__set_as_default_button"
    result = postprocess('default_dialog__browsers_list.select("Firefox")', BROWSER_DOC)
    assert result.confirms == ("default_dialog__set_as_default_button.tap()",)
    planner = Planner(model=None, doc=BROWSER_DOC)
    assert planner._confirms("default_dialog__set_as_default_button.tap()")
    assert not planner._confirms("default_dialog__not_now_button.tap()")


def test_a_row_select_right_before_a_line_acting_on_that_row_in_its_list_is_dropped():
    script = ('main_screen__notes_list.select("Diary")\nmain_screen__notes_list.match("Diary").long_tap()\n'
              'rename_dialog__note_input.set_text("Journal")')
    result = postprocess(script, DOC, auto_confirm=False)
    assert result.script.splitlines() == ['main_screen__notes_list.match("Diary").long_tap()',
                                          'rename_dialog__note_input.set_text("Journal")']
    assert result.changes == ('dropped line 1: main_screen__notes_list.select("Diary") (the next line acts on '
                              'that row in its list)',)


def test_a_row_select_is_kept_before_another_row_a_plain_tap_or_at_the_end():
    for script in ('main_screen__notes_list.select("Diary")\nmain_screen__notes_list.match("Ideas").long_tap()',
                   'main_screen__notes_list.select("Diary")\nview_screen__edit_button.tap()',
                   'main_screen__notes_list.match("Diary").long_tap()\nmain_screen__notes_list.select("Diary")'):
        assert postprocess(script, DOC, auto_confirm=False).script == script


def test_without_the_passing_open_a_rename_on_the_sim_takes_two_actions_fewer():
    from autodroid.appdoc import load_doc
    from autodroid.bench.simtasks import snapshot
    from autodroid.device import open_device
    from autodroid.runtime import run_on_device

    doc = load_doc("notes")
    script = ('main_screen__notes_list.select("Diary")\nmain_screen__notes_list.match("Diary").long_tap()\n'
              'rename_dialog__note_input.set_text("Journal")\nrename_dialog__ok_button.tap()')
    counts = []
    for text in (script, postprocess(script, doc, auto_confirm=False).script):
        with open_device("sim:notes") as device:
            report = run_on_device(text + "\n", doc, device, auto_yes=True)
            assert report.ok, report.error_text
            titles = [note["title"] for note in snapshot(device, "notes")["notes"]]
            assert "Journal" in titles and "Diary" not in titles
            counts.append(len(report.actions))
    assert counts[1] == counts[0] - 2, counts
