"""`autodroid run` and `autodroid plan` with a queued-reply model on the sim notes app: the script is shown
before it runs, each device action is listed, policy confirmations are asked or refused, exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from autodroid.appdoc import load_doc
from autodroid.cli.main import cli
from autodroid.planner.model import FakeModel


@pytest.fixture()
def fake(monkeypatch):
    def install(*replies):
        model = FakeModel(replies=list(replies))
        monkeypatch.setattr("autodroid.planner.load_model", lambda name=None, **kw: model)
        return model
    return install


def _api(description: str, kind: str = "checkbox") -> str:
    doc = load_doc("notes")
    return next(n for n, e in doc.elements.items() if e.type == kind and e.description == description)


def test_run_shows_the_script_then_the_actions_and_exits_0(fake, tmp_path):
    line = f"{_api('Autosave notes')}.tap()"
    fake(line, "")
    trace = tmp_path / "t.jsonl"
    result = CliRunner().invoke(cli, ["run", "--device", "sim:notes", "--app", "notes", "--no-examples",
                                      "--trace", str(trace), "turn on autosave notes"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.index("planning ...") < out.index("script:") < out.index(f"    {line}") < out.index("running on sim:notes")
    assert "[navigation] main_screen__more_options_button.tap()" in out
    assert f"  {line}  settings_screen -> settings_screen" in out
    assert "done: 3 device actions, 1 attempt" in out
    events = [json.loads(x)["event"] for x in trace.read_text().splitlines()]
    assert events[0] == "task" and events[-1] == "task_end"


def test_a_sensitive_action_is_refused_without_yes_and_done_with_it(fake):
    doc = load_doc("notes")
    delete = next(n for n, e in doc.elements.items()
                  if e.risk == "sensitive" and e.type == "button" and e.description == "Delete")
    row = next(e for e in doc.navigation if e.to == doc.elements[delete].screen and e.option)
    pick = f'{row.element}.select("{row.option}")'  # the note the task means (tests/test_runtime_unnamed_item.py)
    fake(pick, f"{delete}.tap()", "")
    refused = CliRunner().invoke(cli, ["run", "--device", "sim:notes", "--app", "notes", "--no-examples",
                                       f"delete the note {row.option}"])
    assert refused.exit_code == 1 and "PolicyRefused" in refused.output
    fake(pick, f"{delete}.tap()", "")
    allowed = CliRunner().invoke(cli, ["run", "--device", "sim:notes", "--app", "notes", "--no-examples", "--yes",
                                       f"delete the note {row.option}"])
    assert allowed.exit_code == 0, allowed.output


def test_plan_json_has_the_plan_record(fake):
    fake(f"{_api('Autosave notes')}.tap()", "")
    result = CliRunner().invoke(cli, ["plan", "--app", "notes", "--no-examples", "--json", "turn on autosave"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["script"].endswith(".tap()") and record["prompt_tokens"] > 0 and record["candidates"]


def test_unknown_app_is_one_error_line():
    result = CliRunner().invoke(cli, ["plan", "--app", "no_such_app", "x"])
    assert result.exit_code == 2 and result.output.count("error:") == 1 and "autodroid explore" in result.output
