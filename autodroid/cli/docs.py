"""`autodroid docs show|validate|describe <app>`: read an app's API doc the way the model sees it, check it, and
let the local model describe its elements in user words."""

from __future__ import annotations

import click

from autodroid.appdoc import approx_tokens, load_doc, render_doc
from autodroid.textsafe import clean


@click.group()
def docs() -> None:
    """Show or validate app docs (app_docs/<app>/doc.yaml)."""


@docs.command()
@click.argument("app")
@click.option("--screen", "screens", multiple=True, help="Only these screens (repeatable).")
def show(app: str, screens: tuple[str, ...]) -> None:
    """Print the doc as the stubs the model reads, with its size."""
    doc = load_doc(app)
    names = None
    if screens:
        names = [n for s in screens for n in doc.screens[s].elements] if all(s in doc.screens for s in screens) else []
        if not names:
            from autodroid.errors import DocError

            raise DocError(f"{app} has no screen named {', '.join(screens)}",
                           fix=f"use one of {', '.join(doc.screens)}")
    text = render_doc(doc, names)
    click.echo(clean(text, keep_newlines=True))  # a doc is data: its texts come from app screens
    click.echo(f"# {len(doc.screens)} screens, {len(doc.elements)} APIs, {len(doc.navigation)} navigation edges, "
               f"~{approx_tokens(text)} tokens (estimate; the planner counts with the model's tokenizer)", err=True)


@docs.command()
@click.argument("app")
def validate(app: str) -> None:
    """Load and validate a doc by app name or path; exit 2 with the line and the fix when it is bad."""
    doc = load_doc(app)
    click.echo(clean(f"ok: {doc.app} doc version {doc.version}: {len(doc.screens)} screens, {len(doc.elements)} APIs"))


@docs.command("build-sim")
def build_sim() -> None:
    """Regenerate the shipped docs of the built-in sim apps by exploring them."""
    from autodroid.explorer.simdocs import build_sim_docs

    for path in build_sim_docs():
        click.echo(f"wrote {path}")


@docs.command()
@click.argument("app")
@click.option("--model", "model_name", default=None, help="Registry name, .gguf path or server URL (default model if omitted).")
@click.option("--force", is_flag=True, help="Rewrite every `about` line, hand-edited ones too.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False), default=None,
              help="Write the described doc here (default: the app's doc in your app docs folder).")
def describe(app: str, model_name: str | None, force: bool, out_path: str | None) -> None:
    """Let the local model write what each element does, in a user's words (`about`), once per app version."""
    from pathlib import Path

    from autodroid.appdoc import save_doc
    from autodroid.paths import app_docs_dir
    from autodroid.planner import load_model
    from autodroid.planner.describe import describe_doc

    doc = load_doc(app)
    source = Path(app)
    if out_path:
        target = Path(out_path)
    elif source.suffix in (".yaml", ".yml") and source.is_file():
        target = source
    else:
        target = app_docs_dir() / doc.app / "doc.yaml"  # never into the installed package
    model = load_model(model_name)
    try:
        described, report = describe_doc(doc, model, force=force,
                                         on_element=lambda name, about: click.echo(clean(f"{name}: {about}")))
    finally:
        model.close()
    save_doc(described, target)
    click.echo(clean(f"described {report.described} elements ({report.kept} kept) in {report.seconds:.0f} s: "
                     f"wrote {target} (doc version {described.version})"), err=True)
