"""The shipped docs of the sim apps are exactly what the explorer writes today (`autodroid docs build-sim`)."""

from __future__ import annotations

import pytest

from autodroid.appdoc import doc_path, dump_doc_text, load_doc
from autodroid.device.sim import sim_apps
from autodroid.explorer.simdocs import build_sim_doc
from autodroid.paths import PROJECT_DIR


@pytest.mark.parametrize("app", sim_apps())
def test_shipped_sim_doc_is_current(app):
    shipped = doc_path(app, PROJECT_DIR / "app_docs")
    assert shipped.is_file(), "run `autodroid docs build-sim`"
    fresh = dump_doc_text(build_sim_doc(app))
    assert shipped.read_text(encoding="utf-8") == fresh, "stale doc: run `autodroid docs build-sim` and commit"
    doc = load_doc(app, PROJECT_DIR / "app_docs")
    assert len(doc.screens) >= 8 and doc.start_screen == "main_screen"


def test_look_alike_dialogs_are_named_by_their_openers_ids():
    """sim:clock's alarm and timer 'Max reminder duration' dialogs look the same and their openers say the
    same words: the openers' ids ('alarm', 'timer') tell them apart, a radio picked inside one does not
    'open' the other, and the states a radio pick reaches stay in their dialog (no nameless third copy)."""
    doc = load_doc("clock", PROJECT_DIR / "app_docs")
    alarm, timer = "max_reminder_duration_alarm_dialog", "max_reminder_duration_timer_dialog"
    assert {alarm, timer} <= set(doc.screens)
    assert doc.elements["settings_screen__alarm_max_reminder_holder_button"].leads_to == alarm
    assert doc.elements["settings_screen__timer_max_reminder_holder_button"].leads_to == timer
    assert "(alarm)" in doc.screens[alarm].description and "(timer)" in doc.screens[timer].description
    for dialog in (alarm, timer):
        assert doc.elements[f"{dialog}__dialog_radio_group_list"].leads_to is None
    radio_lists = [e for e in doc.elements.values() if e.short_name == "dialog_radio_group_list"]
    assert {alarm, timer} <= {e.screen for e in radio_lists}
    assert not any(name.startswith("dialog_radio") for name in doc.screens), sorted(doc.screens)
