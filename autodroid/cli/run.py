"""`autodroid run` (plan one script with the local model and run it), `autodroid plan` (print the script
only) and `autodroid examples` (synthesize and verify an app's few-shot examples)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from autodroid.errors import BadInputError
from autodroid.textsafe import clean

DEVICE_HELP = "sim:<app>, replay:<folder>[?log], u2:<serial>"


def _load_doc(app: str, doc_path: Path | None, spec: str | None):
    """The doc: --doc, else for a replay device the doc built from its recording's exploration log, else
    app_docs/<app>/doc.yaml."""
    from autodroid.appdoc import load_doc

    if doc_path is not None:
        doc = load_doc(doc_path)
        if doc.app != app:
            raise BadInputError(f"{doc_path} documents {doc.app!r}, not {app!r}", fix=f"pass --app {doc.app}")
        return doc
    if spec and spec.startswith("replay:"):
        from autodroid.bench.dataset import app_doc

        folder = Path(spec[len("replay:"):].split("?", 1)[0])
        return app_doc(folder).doc
    return load_doc(app)


MAX_TASK_CHARS = 2_000


def check_task(task: str) -> str:
    """The task sentence as given on the command line: valid text (a shell may pass bytes that are not
    UTF-8: Python keeps them as lone surrogates, which nothing downstream can encode), not empty, not huge."""
    bad = next((c for c in task if "\ud800" <= c <= "\udfff"), None)
    if bad is not None:
        raise BadInputError(f"the task text is not valid UTF-8 (byte 0x{ord(bad) & 0xff:02x} at position "
                            f"{task.index(bad)})", fix="write the task in UTF-8 text")
    if not task.strip():
        raise BadInputError("the task text is empty", fix='say what to do, e.g. "sort the notes by title"')
    if len(task) > MAX_TASK_CHARS:
        raise BadInputError(f"the task text has {len(task):,} characters, more than {MAX_TASK_CHARS:,}",
                            fix="describe the task in a sentence or two")
    return task


def _load_model(name: str | None, quiet: bool):
    from autodroid.planner import load_model

    started = time.perf_counter()
    _say(f"loading model {name or '(default)'} ...", quiet, nl=False)
    try:
        model = load_model(name)
    except BaseException:
        _say("", quiet)  # the error line starts on a line of its own
        raise
    _say(f" {model.name}, {time.perf_counter() - started:.1f} s", quiet)
    return model


def _say(text: str, quiet: bool, *, nl: bool = True) -> None:
    if not quiet:
        click.echo(clean(text), err=True, nl=nl)


def _plan_line(plan) -> str:
    fresh = plan.prompt_tokens - plan.cached_prefix_tokens
    prefix = f"; prefix {plan.prefix.source} {plan.prefix.seconds:.1f} s" if plan.prefix else ""
    return (f"planned in {plan.plan_seconds:.1f} s (prompt {plan.prompt_tokens} tokens, {fresh} new{prefix}; "
            f"{plan.generated_tokens} generated)")


def _show_script(script: str, title: str = "script") -> None:
    click.echo(f"{title}:")
    for line in script.split("\n"):  # model output: shown with control characters escaped
        click.echo(f"    {clean(line)}")


def _describe_action(action) -> str:
    role = "" if action.role == "script" else f"[{action.role}] "
    target = action.api or action.action
    args = ", ".join(repr(a) for a in action.args)
    verb = action.action if action.api else ""
    call = f"{target}.{verb}({args})" if verb else f"{target}({args})"
    return f"  {role}{call}  {action.screen_before or '?'} -> {action.screen_after or '?'}"


@click.command()
@click.option("--device", "spec", required=True, help=DEVICE_HELP)
@click.option("--app", required=True, help="the app (its doc: app_docs/<app>/doc.yaml)")
@click.option("--doc", "doc_path", type=click.Path(dir_okay=False, path_type=Path), help="use this doc.yaml")
@click.option("--model", "model_name", default=None, help="registry name, .gguf path or server URL (default model if omitted)")
@click.option("--yes", "auto_yes", is_flag=True, help="confirm every action the policy marks `confirm` (never `deny`)")
@click.option("--policy", "policy_path", default=None, metavar="FILE|none",
              help="privilege policy file (YAML or TOML); default: the shipped policies/default.yaml; `none`: no policy")
@click.option("--trace", "trace_path", type=click.Path(dir_okay=False, path_type=Path), help="append a JSONL trace of every attempt")
@click.option("--repairs", type=click.IntRange(0, 5), default=2, show_default=True, help="re-plans after a failed run")
@click.option("--examples/--no-examples", default=True, show_default=True, help="few-shot examples from the app's examples.yaml")
@click.option("--quiet", is_flag=True, help="print only the script and the outcome")
@click.argument("task")
def run(spec: str, app: str, doc_path: Path | None, model_name: str | None, auto_yes: bool, policy_path: str | None,
        trace_path: Path | None, repairs: int, examples: bool, quiet: bool, task: str) -> None:
    """Do TASK on the device: plan one script with the local model, show it, run it (repairing on failure).
    Exit 0 when the task ran to the end, 1 when it failed."""
    from autodroid.agent import run_task
    from autodroid.device import open_device
    from autodroid.cli.script import load_cli_policy

    check_task(task)
    doc = _load_doc(app, doc_path, spec)
    policy = load_cli_policy(policy_path)
    interactive = sys.stdin.isatty() and not auto_yes
    model = _load_model(model_name, quiet)

    def on_event(event: dict) -> None:
        kind = event["event"]
        if kind == "planning":
            _say("planning ..." if event["attempt"] == 1 else f"repairing (attempt {event['attempt']}) ...", quiet)
        elif kind == "planned":
            plan = event["plan"]
            _say(_plan_line(plan), quiet)
            for change in plan.changes:
                _say(f"  ({change})", quiet)
            if plan.ok:
                _show_script(plan.script)
            else:
                _say(f"  the answer is not a valid script: {plan.problems[0]}", quiet)
        elif kind == "running":
            _say(f"running on {spec} ...", quiet)
        elif kind == "attempt":
            attempt = event["attempt"]
            for action in attempt.actions:
                _say(_describe_action(action), quiet)
            for line in attempt.skipped:
                _say(f"  (no recorded outcome for {line}: counted as done, continuing)", quiet)
            if not attempt.ok:
                _say(f"  failed: {' '.join(attempt.error.split())[:400]}", quiet)

    try:
        with open_device(spec) as device:
            if doc.package and device.current_app() != doc.package:
                device.app_start(doc.package)
            result = run_task(task, doc, device, model, repairs=repairs, policy=policy,
                              confirm=_ask if interactive else None, auto_yes=auto_yes, trace_path=trace_path,
                              on_event=on_event, examples="auto" if examples else None)
    finally:
        model.close()
    if quiet and result.attempts:
        _show_script(result.script)
    actions = len(result.actions)
    if result.ok:
        click.echo(f"done: {actions} device action{'s' * (actions != 1)}, {len(result.attempts)} attempt"
                   f"{'s' * (len(result.attempts) != 1)}, {result.seconds:.1f} s")
        return
    click.echo(f"error: the task failed after {len(result.attempts)} attempt{'s' * (len(result.attempts) != 1)}: "
               f"{clean(result.error or 'no script', keep_newlines=True)}", err=True)
    sys.exit(1)


@click.command()
@click.option("--app", required=True, help="the app (its doc: app_docs/<app>/doc.yaml)")
@click.option("--doc", "doc_path", type=click.Path(dir_okay=False, path_type=Path), help="use this doc.yaml")
@click.option("--device", "spec", default=None, help="only to pick the doc of a replay: device (nothing is run)")
@click.option("--model", "model_name", default=None, help="registry name, .gguf path or server URL (default model if omitted)")
@click.option("--examples/--no-examples", default=True, show_default=True, help="few-shot examples from the app's examples.yaml")
@click.option("--json", "as_json", is_flag=True, help="print the whole plan record as JSON")
@click.argument("task")
def plan(app: str, doc_path: Path | None, spec: str | None, model_name: str | None, examples: bool, as_json: bool,
         task: str) -> None:
    """Print the script the model writes for TASK, without running it."""
    import json

    from autodroid.planner.examples import default_store
    from autodroid.planner.planner import Planner, require_valid

    check_task(task)
    doc = _load_doc(app, doc_path, spec)
    model = _load_model(model_name, as_json)
    try:
        planner = Planner(model, doc, examples=default_store(doc) if examples else None)
        result = planner.plan(task)
    finally:
        model.close()
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=1, ensure_ascii=False))
        if not result.ok:
            sys.exit(1)
        return
    _say(_plan_line(result), False)
    for change in result.changes:
        _say(f"  ({change})", False)
    require_valid(result)
    click.echo(clean(result.script, keep_newlines=True))


@click.command()
@click.option("--device", "spec", required=True, help=DEVICE_HELP)
@click.option("--app", required=True, help="the app (its doc: app_docs/<app>/doc.yaml)")
@click.option("--doc", "doc_path", type=click.Path(dir_okay=False, path_type=Path), help="use this doc.yaml")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="where to write (default: app_docs/<app>/examples.yaml for the repo's doc, else the cache)")
@click.option("--verbose", is_flag=True, help="print every candidate and why it was dropped")
def examples(spec: str, app: str, doc_path: Path | None, out: Path | None, verbose: bool) -> None:
    """Synthesize few-shot examples from the app's doc and keep those that run on the device."""
    from autodroid.appdoc import doc_path as repo_doc_path
    from autodroid.appdoc import load_doc
    from autodroid.device import open_device
    from autodroid.planner.examples import examples_cache_path, examples_path, save_examples, synthesize, verify
    from autodroid.paths import app_docs_dir

    doc = _load_doc(app, doc_path, spec)
    repo_doc = repo_doc_path(app)
    # examples go beside the doc only where docs are written (a checkout's app_docs/), never into a wheel's
    in_repo = doc_path is None and not spec.startswith("replay:") and repo_doc.is_file() \
        and repo_doc.parent.parent == app_docs_dir() and load_doc(repo_doc).version == doc.version
    target = out or (examples_path(app) if in_repo else examples_cache_path(doc))
    devices: list = []

    def fresh():
        while devices:
            devices.pop().close()
        device = open_device(spec)
        devices.append(device)
        if doc.package and device.current_app() != doc.package:
            device.app_start(doc.package)
        return device

    def report(candidate, ok: bool, why: str) -> None:
        if verbose:
            click.echo(f"{'kept   ' if ok else 'dropped'} {candidate.task!r}: {candidate.script}"
                       + ("" if ok else f"  ({why})"))

    candidates = synthesize(doc)
    try:
        kept = verify(doc, candidates, fresh, on_result=report)
    finally:
        while devices:
            devices.pop().close()
    save_examples(target, doc, kept, device=spec)
    click.echo(f"{len(kept)} of {len(candidates)} examples ran on {spec}; written to {target}")


def _ask(request) -> bool:
    return click.confirm(clean(request.question()), default=False, err=True)
