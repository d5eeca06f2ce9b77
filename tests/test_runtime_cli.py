"""`autodroid script run` on sim:notes and a replay device: summary, exit codes, confirmation, trace file."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from autodroid.appdoc import save_doc
from autodroid.cli.main import cli
from autodroid.device import open_device
from autodroid.explorer.fromlog import doc_from_log
from autodroid.runtime.walkdoc import doc_from_walk
from test_runtime_policy import DELETE_BUDGET, NOTES_WALK, names


@pytest.fixture(scope="module")
def notes_doc():
    with open_device("sim:notes") as device:
        return doc_from_walk(device, NOTES_WALK, "notes")


@pytest.fixture(scope="module")
def doc_file(notes_doc, tmp_path_factory):
    return save_doc(notes_doc, tmp_path_factory.mktemp("docs") / "notes" / "doc.yaml")


def invoke(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_runs_a_script_and_prints_the_summary(notes_doc, doc_file, tmp_path):
    script = tmp_path / "new.ds"
    script.write_text(names(notes_doc, "main_screen__fab_new_note_button.tap()\n"
                                       "new_note_screen__title_input.set_text(\"Plan\")\n"))
    trace = tmp_path / "trace.jsonl"
    result = invoke("script", "run", "--device", "sim:notes", "--app", "notes", "--doc", str(doc_file),
                    "--trace", str(trace), str(script))
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stdout.startswith("ok: 2 device actions")
    assert names(notes_doc, "new_note_screen__title_input.set_text('Plan')") in result.stdout
    entries = [json.loads(line) for line in trace.read_text().splitlines()]
    assert entries[0]["event"] == "run_start" and entries[-1] == {**entries[-1], "event": "run_end", "ok": True}


def test_failure_exits_1_with_the_error_for_repair(notes_doc, doc_file):
    result = invoke("script", "run", "--device", "sim:notes", "--app", "notes", "--doc", str(doc_file), "-",
                    input=names(notes_doc, DELETE_BUDGET))
    assert result.exit_code == 1
    assert result.stdout.startswith("FAILED after 1 device actions")
    assert "PolicyRefused" in result.stderr and "Fix: run interactively, pass --yes" in result.stderr


def test_interactive_confirmation_and_yes(notes_doc, doc_file, tmp_path):
    script = tmp_path / "delete.ds"
    script.write_text(names(notes_doc, DELETE_BUDGET))
    base = ["script", "run", "--device", "sim:notes", "--app", "notes", "--doc", str(doc_file)]
    result = invoke(*base, "--interactive", str(script), input="y\nn\n")
    assert result.exit_code == 1 and "declined" in result.stderr
    assert names(notes_doc, "allow notes_item_screen__delete_note_button.tap") in result.stderr  # the question
    result = invoke(*base, "--yes", str(script))
    assert result.exit_code == 0, result.stderr
    assert "(confirmed)" in result.stdout


def test_policy_file_and_bad_inputs(notes_doc, doc_file, tmp_path):
    policy = tmp_path / "p.yaml"
    policy.write_text("rules:\n  - {decision: deny, label: [delete], reason: no deleting}\n")
    script = tmp_path / "delete.ds"
    script.write_text(names(notes_doc, DELETE_BUDGET))
    base = ["script", "run", "--device", "sim:notes", "--app", "notes", "--doc", str(doc_file)]
    result = invoke(*base, "--policy", str(policy), "--yes", str(script))
    assert result.exit_code == 1 and "no deleting" in result.stderr
    result = invoke("script", "run", "--device", "sim:notes", "--app", "clock", "--doc", str(doc_file), str(script))
    assert result.exit_code == 2 and "documents 'notes', not 'clock'" in result.stderr
    result = invoke("script", "run", "--device", "sim:notes", "--app", "no_such_app", str(script))
    assert result.exit_code == 2 and "no doc for app 'no_such_app'" in result.stderr
    (tmp_path / "empty.ds").write_text("\n")
    result = invoke(*base, str(tmp_path / "empty.ds"))
    assert result.exit_code == 2 and "is empty" in result.stderr


def test_replay_device_with_auto_navigation(droidtask, tmp_path):
    clock = doc_from_log(droidtask / "clock")
    doc = save_doc(clock, tmp_path / "clock" / "doc.yaml")
    result = invoke("script", "run", "--device", f"replay:{droidtask / 'clock'}?log", "--app", "clock",
                    "--doc", str(doc), "-", input=names(clock, "alarm_time_dialog__edit_alarm_sound_button.tap()\n"))
    assert result.exit_code == 0, result.stderr
    assert "(2 navigation)" in result.stdout.splitlines()[0]
    assert names(clock, "nav alarm_tab__alarms_list.select('7:00 am')") in result.stdout
