"""`autodroid models list|path|check`: which models exist, where their GGUF is, whether they work."""

from __future__ import annotations

import click

from autodroid.planner import registry as reg


@click.group()
def models() -> None:
    """List, locate and check the local language models."""


@models.command("list")
def list_models() -> None:
    """Every registered model: size, whether it is installed, and the default (*)."""
    registry = reg.load_registry()
    for spec in registry.models.values():
        mark = "*" if spec.name == registry.default else " "
        size = f"{spec.size / 1e6:,.0f} MB" if spec.size else "-"
        click.echo(f"{mark} {spec.name:<22} {size:>9}  {_state(spec):<14} {spec.description or spec.source.describe()}")
    click.echo(f"(* default; add models in {reg.user_registry_path()} or set AUTODROID_MODEL=<.gguf|name|URL>)")


def _state(spec: reg.ModelSpec) -> str:
    if isinstance(spec.source, reg.ServerSource):
        return "server"
    if not reg.is_installed(spec):
        return "not installed"
    if isinstance(spec.source, reg.ChunkSource) and not spec.assembled_path.is_file():
        return "installed"
    return "ready"


@models.command("path")
@click.argument("name", required=False)
def model_path(name: str | None) -> None:
    """Print the GGUF file of NAME (default model if omitted), assembling it first if needed."""
    spec = reg.resolve(name)
    if isinstance(spec.source, reg.ServerSource):
        click.echo(spec.source.base_url)
        return
    click.echo(str(reg.model_file(spec)))


@models.command("check")
@click.argument("name", required=False)
def check(name: str | None) -> None:
    """Re-hash NAME's file in full (a corrupt assembled file is rebuilt), load it and generate one token."""
    spec = reg.resolve(name)
    result = reg.verify_model(spec)
    where = f" {result.path}" if result.path else ""
    click.echo(f"{spec.name}: {result.message}{where}")
    model = reg.open_model(spec)
    try:
        completion = model.complete("Hello", max_tokens=1)
        loaded = getattr(model, "load_seconds", None)
        timing = f" in {loaded:.2f}s" if loaded is not None else ""
        click.echo(f"{spec.name}: loads{timing}; generated {completion.generated_tokens} token "
                   f"({completion.seconds:.2f}s)")
    finally:
        model.close()
