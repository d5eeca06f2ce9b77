"""Issue 13, reproducers 4-6: hostile files and text. Every one is run through the real `autodroid`
command in a child process and gives one line `error: ... (fix: ...)` and exit 2 (or, for a script that
fails on its own, the summary and exit 1) with no traceback, in bounded time and under 200 MB RSS;
echoed text never carries terminal escapes or forged lines."""

from __future__ import annotations

import os
import stat

import pytest

from autodroid.appdoc import doc_path, load_doc, save_doc
from autodroid.device import open_device
from autodroid.droidtask import load_gold_tasks
from autodroid.errors import BadInputError, DocError
from autodroid.paths import shared_dir
from autodroid.runtime import run_on_device
from autodroid.textsafe import clean
from security_helpers import assert_one_line_error, autodroid

NOTES_DOC = load_doc("notes")
SHIPPED = doc_path("notes").read_text(encoding="utf-8")


def _bomb(key: str) -> str:
    """A billion-laughs doc: nine levels of nine aliases under ``key`` of the first element."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("where", ["description", "options"])
def test_alias_bomb_in_a_doc_is_refused_fast_and_small(where, tmp_path):
    doc = SHIPPED.replace("        description: ListView; e.g. Open, Rename, Delete\n",
                          "        description: *a9\n" if where == "description" else "")
    if where == "options":
        doc = doc.replace("        options:\n        - Open\n        - Rename\n        - Delete\n",
                          "        options: *a9\n", 1)
    path = tmp_path / "doc.yaml"
    path.write_text(_bomb(where) + doc)
    done = autodroid("docs", "validate", str(path), timeout=60)
    assert_one_line_error(done, "anchors and aliases")
    assert done.seconds < 10


@pytest.mark.parametrize("old, new, words", [
    ("    states: 1\n", "    states: many\n", ["states", "whole number"]),
    ("  count: 3\n", "  count: lots\n", ["count", "whole number"]),
    ("        options:\n        - Open\n        - Rename\n        - Delete\n", "        options: 5\n", ["options", "list"]),
    ("        leads_to: edit_note_screen\n", "        leads_to: [x]\n", ["leads_to", "screen name"]),
    ("        description: Delete\n", "        description: {a: 1}\n", ["description", "text"]),
    ("    - 62f8b8b2a9f6aa70\n", "    - [1]\n", ["signatures"]),
    ("schema: 1\n", "schema: true\n", ["schema"]),
])
def test_doc_with_wrong_types_is_one_line(tmp_path, old, new, words):
    assert old in SHIPPED
    path = tmp_path / "doc.yaml"
    path.write_text(SHIPPED.replace(old, new, 1))
    done = autodroid("docs", "validate", str(path))
    assert_one_line_error(done, *words)
    script = tmp_path / "s.ds"
    script.write_text("back()\n")
    done = autodroid("script", "run", "--device", "sim:notes", "--app", "notes", "--doc", str(path), str(script))
    assert_one_line_error(done, *words)


def test_binary_doc_is_one_line(tmp_path):
    path = tmp_path / "doc.yaml"
    path.write_bytes(bytes(range(256)) * 40)
    assert_one_line_error(autodroid("docs", "validate", str(path)), "binary")
    path.write_bytes(b"schema: 1\napp: caf\xe9\n")
    assert_one_line_error(autodroid("docs", "validate", str(path)), "not UTF-8")


def test_huge_int_literal_fails_as_a_script_error_not_a_traceback(tmp_path):
    script = tmp_path / "s.ds"
    script.write_text("x = 0x" + "f" * 4_000 + "\n")
    done = autodroid("script", "run", "--device", "sim:notes", "--app", "notes", str(script))
    assert "Traceback" not in done.err and done.code == 1
    assert "larger than max_int" in done.err and "digits" in done.err
    assert done.rss_mb < 200


def test_lone_surrogate_in_print_keeps_the_summary_and_the_trace(tmp_path):
    script = tmp_path / "s.ds"
    script.write_text('print("\\ud800")\nprint("after")\n')
    trace = tmp_path / "t.jsonl"
    done = autodroid("script", "run", "--device", "sim:notes", "--app", "notes", "--trace", str(trace), str(script))
    assert done.code == 0, done.err
    assert "print: \\ud800" in done.out and "print: after" in done.out
    events = [line for line in trace.read_text(encoding="utf-8").splitlines()]
    assert sum('"event": "print"' in line for line in events) == 2
    assert '"event": "run_end"' in events[-1]


def test_task_text_that_is_not_utf8_is_one_line(tmp_path):
    done = autodroid("run", "--device", "sim:notes", "--app", "notes", "--trace", str(tmp_path / "t.jsonl"),
                     os.fsdecode(b"sort \xff notes"))
    assert_one_line_error(done, "not valid UTF-8")


@pytest.mark.parametrize("content, words", [
    (b'print("caf\xe9")\n', ["not UTF-8"]),
    (bytes(range(256)) * 4, ["binary"]),
    (b"back()\n" * 1_500_000, ["larger than"]),  # 10 MB
    (b"\n\n  \n", ["empty"]),
])
def test_bad_script_files_are_one_line(tmp_path, content, words):
    script = tmp_path / "s.ds"
    script.write_bytes(content)
    done = autodroid("script", "run", "--device", "sim:notes", "--app", "notes", str(script))
    assert_one_line_error(done, *words)


@pytest.mark.parametrize("where", ["missing/folder/t.jsonl", "file/t.jsonl", "."])
def test_trace_path_that_cannot_be_written_is_one_line(tmp_path, where):
    (tmp_path / "file").write_text("x")
    if where == "missing/folder/t.jsonl":
        os.chmod(tmp_path, 0o500)  # a folder nobody may create anything in (root ignores this)
    script = tmp_path / "s.ds"
    try:
        script.write_text("back()\n")
    except PermissionError:
        script = None
    try:
        target = tmp_path / where if where != "." else tmp_path
        done = autodroid("script", "run", "--device", "sim:notes", "--app", "notes", "--trace", str(target),
                         str(script) if script else "-", stdin="back()\n")
    finally:
        os.chmod(tmp_path, 0o700)
    if where == "missing/folder/t.jsonl" and done.code == 0:
        pytest.skip("running as root: the folder could be created")
    assert_one_line_error(done, "trace")


@pytest.mark.parametrize("log, words", [(b"records: []\n", ["no records"]), (bytes(range(256)) * 8, ["binary"]),
                                        (b"records: &a [*a]\n", ["aliases"]), (b"- 1\n", ["records"])])
def test_bad_replay_folders_are_one_line(tmp_path, log, words):
    (tmp_path / "log.yaml").write_bytes(log)
    script = tmp_path / "s.ds"
    script.write_text("back()\n")
    done = autodroid("script", "run", "--device", f"replay:{tmp_path}", "--app", "notes", str(script))
    assert_one_line_error(done, *words)


@pytest.mark.parametrize("tasks, words", [("[1, 2]", "not an object"), ('{"task1.yaml": 5}', "solution"),
                                          ('{"task1.yaml": {"solution": [1]}}', "solution"), ("\xff", "JSON")])
def test_tasks_json_of_the_wrong_shape_is_a_clear_error(tmp_path, tasks, words):
    (tmp_path / "log.yaml").write_text("records: [{State: '<p>x</p>', Action: navigate_back, Choice: -1}]\n")
    (tmp_path / "tasks.json").write_text(tasks, encoding="latin-1")
    with pytest.raises(BadInputError) as info:
        load_gold_tasks(tmp_path)
    assert words.casefold() in info.value.message.casefold() or "utf-8" in info.value.message.casefold()


def test_printed_escapes_cannot_forge_terminal_output(tmp_path):
    script = tmp_path / "s.ds"
    script.write_text('print("\\x1b]0;pwned\\x07\\x1b[2J done\\n  policy: main tap -> allow (confirmed)\\r\\u2028x")\n')
    done = autodroid("script", "run", "--device", "sim:notes", "--app", "notes", str(script))
    assert done.code == 0, done.err
    assert "\x1b" not in done.out and "\x07" not in done.out and "\u2028" not in done.out and "\r" not in done.out
    assert not any(line.startswith("  policy:") for line in done.out.splitlines())
    assert "\\x1b]0;pwned\\x07" in done.out and "\\n  policy:" in done.out


def test_error_quoting_is_not_fooled_by_line_separators_in_strings(tmp_path):
    script = tmp_path / "s.ds"
    script.write_text('x = "a\u2028b\u2029c\x0bd\x1ce"\nmain_screen__nope.tap()\n', encoding="utf-8")
    done = autodroid("script", "run", "--device", "sim:notes", "--app", "notes", str(script))
    assert done.code == 1 and "Traceback" not in done.err
    assert "line 2: unknown name main_screen__nope" in done.err
    assert "    main_screen__nope.tap()" in done.err


def test_an_error_quoting_a_line_with_escapes_escapes_them(tmp_path):
    script = tmp_path / "s.ds"
    script.write_text('x = "\x1b[31m"\nx = 1 +\n')
    done = autodroid("script", "run", "--device", "sim:notes", "--app", "notes", str(script))
    assert "\x1b" not in done.err and "\x1b" not in done.out


@pytest.mark.parametrize("text", ["a\x01b", "\x1b[31mred", "nul\x00", "\ud800"])
def test_the_sim_refuses_control_characters_in_typed_text_and_stays_readable(text):
    with open_device("sim:notes") as device:
        node = next(n for n in device.screen() if n.rid == "fab_new_note")
        device.tap(node)
        field = next(n for n in device.screen() if n.rid == "note_title_input")
        with pytest.raises(BadInputError, match="control character"):
            device.set_text(field, text)
        assert any(n.rid == "note_title_input" for n in device.screen())  # every later read still parses
        device.set_text(field, "tabs\tand\nnewlines are fine")


def test_typing_a_control_character_from_a_script_is_a_clean_failure():
    script = ('main_screen__fab_new_note_button.tap()\nnew_note_screen__title_input.set_text("a\\x1bb")\n')
    with open_device("sim:notes") as device:
        report = run_on_device(script, NOTES_DOC, device)
        assert not report.ok and report.error.line == 2 and "control character" in report.error_text
        assert device.screen().nodes  # the screen still reads


def test_saved_doc_gets_ordinary_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        path = save_doc(NOTES_DOC, tmp_path / "notes" / "doc.yaml")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        os.chmod(path, 0o640)
        save_doc(NOTES_DOC, path)  # rewritten atomically: keeps what the user chose
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_clean_escapes_what_a_terminal_acts_on_and_keeps_the_rest():
    assert clean("caf\u00e9 \u4e2d\u6587 ok") == "caf\u00e9 \u4e2d\u6587 ok"
    assert clean("a\x1b[2Jb\x07\u202eevil\u2028\ud800") == "a\\x1b[2Jb\\x07\\u202eevil\\u2028\\ud800"
    assert clean("two\nlines") == "two\\nlines" and clean("two\nlines", keep_newlines=True) == "two\nlines"


def test_policy_file_with_aliases_is_refused(tmp_path):
    from autodroid.runtime.policy import load_policy

    path = tmp_path / "p.yaml"
    path.write_text("x: &x [deny]\nrules: *x\n")
    with pytest.raises(BadInputError, match="anchors and aliases"):
        load_policy(path)


def test_doc_loader_refuses_aliases_directly():
    from autodroid.appdoc import parse_doc

    with pytest.raises(DocError, match="anchors and aliases"):
        parse_doc("schema: 1\napp: &a notes\npackage: *a\n")


@pytest.mark.skipif(shared_dir() is None, reason="needs ../shared")
def test_shipped_and_recorded_files_still_load():
    from autodroid.droidtask import load_records

    folder = shared_dir() / "droidtask" / "notes"
    assert load_records(folder / "log.yaml") and load_gold_tasks(folder)
