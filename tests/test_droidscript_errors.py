"""Error messages a model repairs from: nearest names, line numbers, the quoted source line."""

from __future__ import annotations

import pytest

from droidscript import ScriptError, check_script, run_script
from test_droidscript_fakehost import APIS, FIELDS, OPTIONS, FakeHost


def check(src: str) -> list[ScriptError]:
    return check_script(src, APIS, OPTIONS, FIELDS)


def test_valid_script_has_no_errors():
    src = (
        "main__sort_button.tap()\n"
        'sort_dialog__order.select("Descending")\n'
        "for item in main__notes:\n"
        '    if item.title.get_text() == "todo":\n'
        "        item.delete_button.tap()\n"
        "n = len(main__notes)\n"
        'print(f"{n} notes")\n'
    )
    assert check(src) == []


def test_unknown_name_suggests_nearest_and_never_substitutes():
    host = FakeHost()
    errors = check("main__sort_buton.tap()")
    assert len(errors) == 1
    err = errors[0]
    assert err.suggestions[0] == "main__sort_button"
    assert "unknown name main__sort_buton" in err.message and "main__sort_button" in err.message
    assert err.line == 1 and err.col == 1 and err.source_line == "main__sort_buton.tap()"
    with pytest.raises(ScriptError):
        run_script("main__sort_buton.tap()", host)
    assert host.log == []  # nothing was tapped on a guess


def test_missing_screen_prefix_suggests_the_full_name():
    err = check("ok_button.tap()")[0]
    assert err.suggestions[0] == "sort_dialog__ok_button"


def test_wrong_method_for_type_lists_valid_methods():
    err = check("x = 1\nmain__dark_mode.set_text(\"on\")")[0]
    assert err.line == 2
    assert "main__dark_mode (a checkbox) has no method set_text" in err.message
    assert "tap, get_attributes, get_text" in err.message
    err = check("main__add_button.tapp()")[0]
    assert err.suggestions[0] == "tap"


def test_error_str_quotes_line_and_source():
    err = check("back()\n\n    \nmain__notes.select(\"x\")")[0]
    text = str(err)
    assert text.startswith("line 4: main__notes has no documented options")
    assert text.endswith('\n    main__notes.select("x")')
    assert "main__notes.match(\"text\").tap()" in err.message


def test_undocumented_option_lists_the_options():
    err = check('sort_dialog__order.select("Descendng")')[0]
    assert "'Ascending', 'Descending', 'By  date'" in err.message
    assert err.suggestions[0] == "'Descending'"


def test_bad_direction_and_argument_counts():
    assert "direction must be one of up, down, left, right" in check('main__pane.scroll("dwon")')[0].message
    assert check('main__pane.scroll("dwon")')[0].suggestions == ("down",)
    assert "takes 1 argument(s), got 0" in check("editor__title_input.set_text()")[0].message
    assert "takes 0 argument(s), got 1" in check('main__sort_button.tap("x")')[0].message
    assert "needs a string" in check("editor__title_input.set_text(5)")[0].message


def test_unknown_item_field_suggests_fields():
    err = check("for it in main__notes:\n    it.delet_button.tap()")[0]
    assert err.line == 2 and err.suggestions[0] == "delete_button"


def test_element_alone_and_uncalled_method_explain_the_fix():
    assert "call a method, e.g. main__sort_button.tap()" in check("main__sort_button")[0].message
    assert "must be called" in check("main__sort_button.tap")[0].message


def test_all_errors_are_reported_sorted_by_line():
    errors = check("import os\nmain__x.tap()\nx = 1.5\nwhile True:\n    pass\nbreak\n")
    assert [e.line for e in errors] == [1, 2, 3, 6]
    assert "break outside a loop" in errors[-1].message


def test_syntax_error_is_a_script_error_with_position():
    err = check("main__sort_button.tap(\nback()")[0]
    assert err.message.startswith("syntax error")
    assert err.line == 1


def test_runtime_error_carries_line_and_suggestion():
    with pytest.raises(ScriptError) as e:
        run_script('a = main__dark_mode.get_attributes()\nif a["chekced"]:\n    back()', FakeHost())
    assert e.value.line == 2 and e.value.phase == "runtime"
    assert e.value.suggestions == ("checked",)
    assert e.value.source_line == 'if a["chekced"]:'


def test_to_dict_and_one_line_are_flat_and_readable():
    err = check("main__sort_buton.tap()")[0]
    d = err.to_dict()
    assert d["type"] == "ScriptError" and d["line"] == 1 and d["suggestions"][0] == "main__sort_button"
    assert "\n" not in err.one_line() and err.one_line().startswith("line 1: unknown name")


def test_bad_tables_raise_value_error_naming_the_entry():
    with pytest.raises(ValueError, match="unknown element type 'slider'"):
        check_script("back()", {"a__b": "slider"})
    with pytest.raises(ValueError, match="'main:button'"):
        check_script("back()", {"main:button": "button"})
    with pytest.raises(ValueError, match="must contain only strings"):
        check_script("back()", APIS, {"sort_dialog__order": [1]})


def test_comparing_an_item_with_a_string_is_refused_not_silently_false():
    err = check('for item in main__notes:\n    if item == "todo":\n        item.tap()')[0]
    assert err.line == 2 and "compare its text instead" in err.message
    with pytest.raises(ScriptError, match="compare its text instead") as e:
        run_script('x = 1\nif len(main__notes) > 0:\n    x = main__notes[0]\nif x != "todo":\n    back()', FakeHost())
    assert e.value.phase == "runtime" and e.value.line == 4


def test_refusal_before_running_still_ends_the_event_stream():
    events = []
    with pytest.raises(ScriptError):
        run_script("main__sort_buton.tap()", FakeHost(), on_event=events.append)
    assert events == [{"event": "end", "ok": False, "error": events[0]["error"], "actions": 0, "ops": 0,
                       "elapsed_s": 0.0}]
    assert events[0]["error"]["suggestions"][0] == "main__sort_button"


def test_empty_script_is_an_error():
    for src in ("", "\n\n", "# only a comment\n"):
        errors = check(src)
        assert [e.message for e in errors] == ["the script has no statements"]
    with pytest.raises(ScriptError, match="no statements"):
        run_script("", FakeHost())
