"""Every DroidTask State parses; concrete facts of real recorded screens."""

from __future__ import annotations

import pytest

from autodroid.droidtask import load_records, parse_state, task_files
from autodroid.errors import BadInputError, ScreenParseError
from autodroid.ui import parse_droidtask_html
from tests.conftest import DROIDTASK_APPS, needs_shared


@needs_shared
@pytest.mark.parametrize("app", DROIDTASK_APPS)
def test_every_state_of_every_record_file_parses(droidtask, app):
    folder = droidtask / app
    files = [folder / "log.yaml", *task_files(folder)]
    states = 0
    for path in files:
        for record in load_records(path):
            screen = parse_state(record.state)
            states += 1
            assert len(screen) == record.state.count(" id='")
            if record.choice is not None:
                assert screen.get(record.choice) is not None, (path.name, record.index)
    assert states > 10


@needs_shared
def test_clock_start_screen_facts(droidtask):
    first = load_records(droidtask / "clock" / "log.yaml")[0]
    screen = parse_droidtask_html(first.state)
    settings = screen.node(9)
    assert settings.rid == "settings" and settings.desc == "Settings" and settings.tag == "button"
    assert screen.node(40).text == "05:00" and screen.node(40).clickable
    assert screen.node(12).scrollable and screen.node(12).tag == "scrollbar"
    [alarm_tab] = screen.xpath("//*[@resource_id='tab_item_label' and text()='Alarm']")
    assert alarm_tab.id == 53
    assert "<button id=9 resource_id='settings' alt='Settings'></button>" in screen.html()


@needs_shared
def test_selected_checkbox_and_multiline_text(droidtask):
    seen_selected = seen_unselected = False
    for record in load_records(droidtask / "clock" / "log.yaml"):
        screen = parse_state(record.state)
        for node in screen:
            if node.tag == "checkbox":
                seen_selected |= node.checked
                seen_unselected |= not node.checked
            assert "\n" not in node.text
    assert seen_selected and seen_unselected


@needs_shared
def test_signature_ignores_text_but_not_layout(droidtask):
    records = load_records(droidtask / "clock" / "log.yaml")
    screens = [parse_state(r.state) for r in records]
    assert len({s.signature for s in screens}) < len({r.state for r in records})
    assert len({s.signature for s in screens}) > 3


def test_malformed_states_are_clear_errors():
    for bad in ["", "<p id='1'>", "<p>no id</p>", "<a id='1'><b id='1'/></a>"]:
        with pytest.raises(ScreenParseError):
            parse_droidtask_html(bad)


def test_bad_record_file(tmp_path):
    path = tmp_path / "log.yaml"
    path.write_text("records: [ {State: 1")
    with pytest.raises(BadInputError, match="malformed YAML"):
        load_records(path)
    path.write_text("records:\n- {State: \"<p id='0'/>\", Action: fly, Choice: 1}\n")
    with pytest.raises(BadInputError, match="unknown Action"):
        load_records(path)
