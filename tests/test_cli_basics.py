"""The CLI shell: screens, acting by id, docs, and one-line errors with exit code 2."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from autodroid.appdoc import save_doc
from autodroid.cli.main import cli
from tests.conftest import SHARED, needs_shared
from tests.test_appdoc import small_doc


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env)


def test_screen_of_a_sim_app_in_every_format():
    html = run("screen", "--device", "sim:notes")
    assert html.exit_code == 0 and "<button" in html.output
    data = json.loads(run("screen", "--device", "sim:notes", "--format", "json").output)
    assert data["package"] == "org.autodroid.notes" and data["nodes"]
    assert "<hierarchy" in run("screen", "--device", "sim:clock", "--format", "xml").output


def test_act_changes_the_sim_screen():
    screen = json.loads(run("screen", "--device", "sim:notes", "--format", "json").output)
    fab = next(n for n in screen["nodes"] if "New note" in (n["desc"] or n["text"]))
    result = run("act", "--device", "sim:notes", f"tap {fab['id']}")
    assert result.exit_code == 0, result.output
    assert "screen changed" in result.output and "<input" in result.output


@needs_shared
def test_screen_of_a_replay_app():
    result = run("screen", "--device", f"replay:{SHARED / 'droidtask' / 'clock'}")
    assert result.exit_code == 0 and "resource_id='settings'" in result.output


@pytest.mark.parametrize("args, needle", [
    (("screen", "--device", "bogus:x"), "unknown device spec"),
    (("screen", "--device", "replay:/no/such/folder"), "no app folder at /no/such/folder"),
    (("screen", "--device", "sim:calculator"), "calculator"),
    (("act", "--device", "sim:notes", "tap 99999"), "no node with id 99999"),
    (("act", "--device", "sim:notes", "wiggle 3"), "cannot read action"),
    (("docs", "show", "no_such_app"), "no doc for app 'no_such_app'"),
])
def test_bad_input_is_one_line_with_fix_and_exit_2(args, needle):
    result = run(*args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and needle in lines[0] and "(fix: " in lines[0]


def test_docs_show_and_validate(tmp_path):
    save_doc(small_doc(), tmp_path / "demo" / "doc.yaml")
    env = {"AUTODROID_APP_DOCS": str(tmp_path)}
    shown = run("docs", "show", "demo", env=env)
    assert shown.exit_code == 0 and "main_screen__sort_button: button" in shown.output
    assert "tokens" in shown.output
    assert run("docs", "validate", "demo", env=env).exit_code == 0
    (tmp_path / "demo" / "doc.yaml").write_text("schema: 1\napp: demo\nstart_screen: x\nscreens: {}\nextra: 1\n")
    bad = run("docs", "validate", "demo", env=env)
    assert bad.exit_code == 2 and "line 5" in bad.output and "unknown field 'extra'" in bad.output
