"""`autodroid docs show|validate <app>`: read an app's API doc the way the model sees it."""

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
