"""What scripts do when they run: the language's semantics against the in-memory host."""

from __future__ import annotations

import json

import pytest

from droidscript import (
    ActionError,
    Budgets,
    BudgetExceeded,
    DroidScriptError,
    ItemRef,
    NoSuchItem,
    ScriptError,
    run_script,
)
from test_droidscript_fakehost import DeviceBroke, FakeHost


def run(src: str, host: FakeHost | None = None, **kw):
    host = host if host is not None else FakeHost()
    return run_script(src, host, **kw), host


def test_straight_line_actions_reach_host_in_order():
    result, host = run(
        'main__sort_button.tap()\nsort_dialog__order.select("descending")\nsort_dialog__ok_button.tap()\n'
        'editor__title_input.set_text("Shopping")\nmain__pane.scroll("down")\nmain__add_button.long_tap()\n'
    )
    assert host.actions() == [
        ("main__sort_button", "tap", (), None, None),
        ("sort_dialog__order", "select", ("Descending",), None, None),  # canonical spelling from the doc
        ("sort_dialog__ok_button", "tap", (), None, None),
        ("editor__title_input", "set_text", ("Shopping",), None, None),
        ("main__pane", "scroll", ("down",), None, None),
        ("main__add_button", "long_tap", (), None, None),
    ]
    assert [a.line for a in result.actions] == [1, 2, 3, 4, 5, 6]
    assert result.actions[0].result == "done"


def test_select_normalises_case_and_spaces_to_the_documented_option():
    _, host = run('sort_dialog__order.select("  by DATE ")')
    assert host.actions() == [("sort_dialog__order", "select", ("By  date",), None, None)]


def test_for_over_list_with_if_and_break_stops_fetching():
    src = (
        "for item in main__notes:\n"
        '    if item.get_text() == "Work  Plan":\n'
        "        item.tap()\n"
        "        break\n"
    )
    result, host = run(src)
    assert host.actions() == [("main__notes", "tap", (), "Work  Plan", None)]
    assert host.items_fetched == 2  # lazy: the break stopped the listing
    assert result.loop_iterations == 2


def test_match_ignores_case_and_spacing_and_item_fields_reach_host():
    _, host = run('main__notes.match("work plan").delete_button.tap()\nmain__notes.match("TODO").tap()')
    assert host.actions() == [
        ("main__notes", "tap", (), "Work  Plan", "delete_button"),
        ("main__notes", "tap", (), "todo", None),
    ]


def test_match_without_hit_is_no_such_item_naming_near_labels():
    with pytest.raises(NoSuchItem) as e:
        run('main__notes.match("groceris").tap()')
    assert "Groceries" in e.value.message
    assert e.value.line == 1
    assert isinstance(e.value, ActionError)


def test_index_len_and_negative_index():
    result, host = run(
        "n = len(main__notes)\nmain__notes[-1].tap()\nmain__notes[0].long_tap()\nprint(n, main__notes[1])"
    )
    assert result.printed == ("4 Work  Plan",)
    assert host.actions() == [
        ("main__notes", "tap", (), "Birthday ideas", None),
        ("main__notes", "long_tap", (), "Groceries", None),
    ]


def test_index_out_of_range_on_host_list():
    with pytest.raises(NoSuchItem, match="has 4 items; index 9"):
        run("main__notes[9].tap()")
    with pytest.raises(NoSuchItem, match="has 4 items; index -5"):
        run("main__notes[-5].tap()")


def test_item_field_assigned_then_used():
    _, host = run("it = main__notes[2]\nf = it.title\nprint(f.get_text())\nf.set_text(\"x\")")
    assert host.log[-1] == ("main__notes", "set_text", ("x",), "todo", "title")


def test_get_attributes_is_a_plain_dict_with_none_values_dropped():
    result, _ = run(
        'a = main__dark_mode.get_attributes()\nprint(a["checked"], a["enabled"], "missing" in a, len(a))\n'
        "if not a[\"checked\"]:\n    main__dark_mode.tap()\n"
        'print(main__dark_mode.get_attributes()["checked"])'
    )
    assert result.printed == ("False True False 4", "True")
    assert result.reads == 2


def test_while_continue_augassign_and_arithmetic():
    src = (
        "i = 0\ntotal = 0\n"
        "while i < 10:\n"
        "    i += 1\n"
        "    if i % 2 == 0:\n"
        "        continue\n"
        "    total = total + i * 2 - 1\n"
        "print(total, 17 // 5, -7 % 3, 3 - -2)\n"
    )
    result, _ = run(src)
    assert result.printed == ("45 3 2 5",)


def test_for_over_range_and_list_literal_and_nested_loops():
    src = (
        'names = ["Groceries", "todo"]\n'
        "for name in names:\n"
        "    main__notes.match(name).tap()\n"
        "for i in range(1, 7, 2):\n"
        "    print(i)\n"
    )
    result, host = run(src)
    assert [a[3] for a in host.actions()] == ["Groceries", "todo"]
    assert result.printed == ("1", "3", "5")


def test_fstrings_bool_ops_and_comparisons():
    src = (
        'x = "ab"\nn = 3\n'
        'print(f"{x}-{n}-{n > 2}-{None}-{main__title.get_text()}")\n'
        'print(x < "b" and 1 <= n < 4, n == 3 or missing_is_fine, not "", "a" in x, 5 not in [1, 2])\n'
        "print([1, \"q\"], str(main__notes), str(main__notes[0].title))\n"
    )
    result, _ = run(src.replace("missing_is_fine", "0"))
    assert result.printed == (
        "ab-3-True-None-Notes",
        "True True True True True",
        "[1, 'q'] main__notes Groceries.title",
    )


def test_int_and_str_builtins():
    result, _ = run('print(int(" 42 ") + 1, int(True), str(7) + "x", int("-3"))')
    assert result.printed == ("43 1 7x -3",)
    with pytest.raises(ScriptError, match="int\\(\\) cannot convert"):
        run('int("1e9")')


def test_runtime_type_errors_are_script_errors_with_line():
    # Each one passes the static pass (types only known at run time) and fails while running.
    mixed = 'x = "a"\nif len(main__notes) == 0:\n    x = 1\n'
    cases = {
        "x = 1\ny = 0\nz = x // y": "division by zero",
        mixed + "y = x + 1": "cannot apply + to str and int",
        mixed + "y = x < 2": "cannot compare str < int",
        "x = [1]\ny = x[3]": "out of range",
        'a = main__dark_mode.get_attributes()\nb = a["chekced"]': "no attribute 'chekced'",
        mixed + "y = x * 3": "cannot apply * to str and int",
        mixed.replace("x = 1", "x = [1]") + "y = x[0]": "cannot index str",
    }
    for src, fragment in cases.items():
        with pytest.raises(ScriptError) as e:
            run(src)
        assert fragment in e.value.message, src
        assert e.value.phase == "runtime", src
        assert e.value.line == src.count("\n") + 1, src
        assert e.value.partial is not None


def test_obvious_type_errors_are_caught_statically():
    for src, fragment in {
        'x = "a" + 1': "cannot add a string and an int",
        "x = True + 1": "needs two ints",
        'x = "a" * 3': "does not work on strings",
    }.items():
        with pytest.raises(ScriptError, match=fragment) as e:
            run(src)
        assert e.value.phase == "static"


def test_host_exception_becomes_action_error_with_cause_and_partial_result():
    host = FakeHost(fail={("editor__save_button", "tap"): DeviceBroke("usb unplugged")})
    with pytest.raises(ActionError) as e:
        run('main__sort_button.tap()\neditor__title_input.set_text("a")\neditor__save_button.tap()\n', host)
    err = e.value
    assert isinstance(err.cause, DeviceBroke) and err.__cause__ is err.cause
    assert err.line == 3 and err.source_line == "editor__save_button.tap()"
    assert "usb unplugged" in err.message and "editor__save_button.tap()" in err.message
    assert [a.method for a in err.partial.actions] == ["tap", "set_text"]


def test_host_droidscript_error_passes_through():
    host = FakeHost(fail={("main__sort_button", "tap"): BudgetExceeded("custom", 1, "host says stop")})
    with pytest.raises(BudgetExceeded, match="host says stop") as e:
        run("main__sort_button.tap()", host)
    assert e.value.line == 1


def test_host_bad_return_types_are_action_errors():
    class BadHost(FakeHost):
        def act(self, name, method, args, item=None, field=None):
            return 42 if method == "get_text" else {"k": object()}

    with pytest.raises(ActionError, match="returned int"):
        run_script("x = main__title.get_text()", BadHost())
    with pytest.raises(ActionError, match="str -> bool"):
        run_script("x = main__title.get_attributes()", BadHost())


def test_host_list_items_failures_and_bad_items():
    class Broken(FakeHost):
        def list_items(self, name):
            yield ItemRef(name, 0, 0, "one")
            raise DeviceBroke("scroll failed")

    with pytest.raises(ActionError, match="scroll failed") as e:
        run_script("for it in main__notes:\n    it.tap()", Broken())
    assert isinstance(e.value.cause, DeviceBroke)

    class Liar(FakeHost):
        def list_items(self, name):
            yield "not an item"

    with pytest.raises(ActionError, match="expected an ItemRef"):
        run_script("x = main__notes[0]", Liar())


def test_host_table_failures_are_typed():
    class NoApi(FakeHost):
        def api_names(self):
            raise DeviceBroke("doc missing")

    with pytest.raises(ActionError, match="doc missing"):
        run_script("back()", NoApi())
    with pytest.raises(ActionError, match="unknown element type"):
        run_script("back()", FakeHost(apis={"a__b": "slider"}))
    with pytest.raises(ActionError, match="not usable"):
        run_script("back()", FakeHost(apis={"__import__": "button"}))


def test_events_cover_statements_actions_reads_prints_and_end():
    events: list[dict] = []
    run('main__sort_button.tap()\nx = main__title.get_text()\nprint(x)\n', on_event=events.append)
    kinds = [e["event"] for e in events]
    assert kinds == ["start", "statement", "action", "statement", "read", "statement", "print", "end"]
    assert events[2]["name"] == "main__sort_button" and events[2]["line"] == 1
    assert events[-1]["ok"] is True
    for e in events:
        json.dumps(e)  # a trace writer can write every event as a JSON line


def test_failure_event_carries_typed_error():
    events: list[dict] = []
    with pytest.raises(ScriptError):
        run("x = 1 // 0", on_event=events.append)
    assert events[-1]["event"] == "end" and events[-1]["ok"] is False
    assert events[-1]["error"]["type"] == "ScriptError" and events[-1]["error"]["line"] == 1


def test_on_event_exception_is_typed():
    def sink(event):
        raise ValueError("disk full")

    with pytest.raises(ActionError, match="disk full"):
        run("back()", on_event=sink)


def test_static_errors_stop_before_any_action():
    host = FakeHost()
    with pytest.raises(ScriptError) as e:
        run_script("main__sort_button.tap()\nmain__sort_buton.tap()\nimport os\n", host)
    assert host.log == []
    assert e.value.line == 2 and len(e.value.more) == 1 and e.value.more[0].line == 3
    assert e.value.partial is None


def test_result_counts():
    result, _ = run("for i in range(3):\n    x = i\nback()")
    assert result.loop_iterations == 3
    assert result.ops > 10
    assert result.elapsed_s >= 0
    assert len(result.actions) == 1


def test_every_error_is_a_droidscript_error():
    for cls in (ScriptError, BudgetExceeded, ActionError, NoSuchItem):
        assert issubclass(cls, DroidScriptError)


def test_budgets_reject_nonsense_values():
    with pytest.raises(ValueError):
        Budgets(max_seconds=-1)
    with pytest.raises(ValueError):
        Budgets(max_ops=True)
