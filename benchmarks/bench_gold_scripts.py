"""DroidTask gold tasks as droidscript scripts on the replay device: success shares per app.

For every gold task that replays from the log's start screen (replay_status.tsv), a script is generated
from tasks.json and a doc built from log.yaml only, then run on ReplayDevice(log + that demonstration):
- full: every gold step as a script line; the device must receive exactly the gold actions in order;
- target-only: navigation steps dropped; the kept gold actions must happen in order (auto-navigation
  finds the way).
Shares are of the replayable tasks. Prints a table and each failure's reason.

    python benchmarks/bench_gold_scripts.py [app ...]
"""

from __future__ import annotations

import sys
import time

from autodroid.explorer.fromlog import doc_from_log
from autodroid.paths import shared_dir
from autodroid.runtime.gold import evaluate_app, format_table, replayable_tasks

APPS = ("applauncher", "camera", "clock", "filemanager", "firefox", "gallery", "music", "notes", "voicerecorder")


def main(argv: list[str]) -> int:
    shared = shared_dir()
    if shared is None:
        print("needs ../shared/droidtask (the DroidTask recordings); not found")
        return 1
    droidtask = shared / "droidtask"
    replayable = replayable_tasks(droidtask)
    started = time.perf_counter()
    outcomes = []
    for app in argv or APPS:
        only = {file for a, file in replayable if a == app}
        outcomes.append(evaluate_app(droidtask / app, doc_from_log(droidtask / app), only))
    print(format_table(outcomes))
    print(f"\n({time.perf_counter() - started:.1f}s)")
    for outcome in outcomes:
        for task in outcome.tasks:
            if not (task.full_ok and task.target_ok):
                print(f"- {outcome.app}/{task.file}: {task.why.splitlines()[0] if task.why else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
