"""`autodroid paths`: where autodroid reads its shipped data and writes the user's files."""

from __future__ import annotations

import json
import os

import click


def path_rows() -> list[dict]:
    from autodroid import paths
    from autodroid.planner.registry import user_registry_path

    rows = [{"what": what, "path": str(path), "set by": how} for what, path, how in paths.user_paths()]
    rows.insert(2, {"what": "user model registry", "path": str(user_registry_path()),
                    "set by": "AUTODROID_CACHE or XDG_CACHE_HOME"})
    for row in rows:
        row["exists"] = os.path.exists(row["path"])
    return rows


@click.command("paths")
@click.option("--json", "as_json", is_flag=True, help="print as JSON")
def paths_command(as_json: bool) -> None:
    """Print where autodroid keeps everything: your app docs and caches (written) and the shipped registry,
    policy and sim docs (read-only), with the variable that moves each."""
    from autodroid import paths

    rows = path_rows()
    if as_json:
        click.echo(json.dumps({"install": "checkout" if paths.is_checkout() else "package", "paths": rows}, indent=1))
        return
    click.echo(f"install: {'checkout ' + str(paths.PROJECT_DIR) if paths.is_checkout() else 'package ' + str(paths.PACKAGE_DIR)}")
    width = max(len(row["what"]) for row in rows)
    for row in rows:
        missing = "" if row["exists"] else "  (not created yet)"
        setter = "" if row["set by"] == "shipped" else f"  [{row['set by']}]"
        click.echo(f"{row['what']:<{width}}  {row['path']}{missing}{setter}")
