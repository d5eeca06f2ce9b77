"""Running a script on a fresh ``sim:messages`` for runtime tests: the report and who got which texts."""

from __future__ import annotations

from autodroid.appdoc import load_doc
from autodroid.bench.simtasks import snapshot
from autodroid.device import open_device
from autodroid.runtime import run_on_device

DOC = load_doc("messages")
TYPE = 'conversations_item_screen__thread_type_message_input.set_text("Got home fine")\n'
SEND = "conversations_item_screen__thread_send_message_button.tap()\n"


def run_messages(script: str):
    """(the run's report, conversation title -> texts sent in it) after ``script`` on a fresh sim."""
    with open_device("sim:messages") as device:
        report = run_on_device(script, DOC, device, auto_yes=True)
        return report, {c["title"]: c["sent"] for c in snapshot(device, "messages")["conversations"]}
