"""The written spec cannot drift from LANGUAGE, and the package stays pure-stdlib."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import droidscript
from droidscript import BUILTINS, LANGUAGE, Budgets, check_script
from droidscript.spec import main as spec_main
from droidscript.spec import render

PACKAGE = Path(droidscript.__file__).parent
README = PACKAGE.parent / "README.md"


def test_readme_generated_sections_are_current():
    text = README.read_text(encoding="utf-8")
    assert render(text) == text, "run: python -m droidscript.spec interpreter/README.md"
    assert spec_main([str(README), "--check"]) == 0


def test_readme_method_table_matches_language_row_by_row():
    # Read the table back independently of spec.py's renderer.
    text = README.read_text(encoding="utf-8")
    section = text.split("<!-- droidscript:methods -->")[1].split("<!-- /droidscript:methods -->")[0]
    rows = set()
    for line in section.strip().splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        rows.add((cells[0].strip("`"), cells[1].strip("`"), cells[2], cells[3] == "yes"))
    expected = {
        (t.name, m.signature(), m.returns, m.acts) for t in LANGUAGE.values() for m in t.methods.values()
    }
    assert rows == expected


def test_readme_lists_every_builtin_and_budget():
    text = README.read_text(encoding="utf-8")
    for b in BUILTINS.values():
        assert f"`{b.signature}`" in text
    for name in Budgets.__dataclass_fields__:
        assert f"`{name}`" in text


def test_spec_check_fails_on_a_stale_readme(tmp_path):
    stale = tmp_path / "README.md"
    stale.write_text(README.read_text(encoding="utf-8").replace("| `button` | `tap()` |", "| `button` | `tapp()` |"))
    assert spec_main([str(stale), "--check"]) == 1
    assert spec_main([str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == README.read_text(encoding="utf-8")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_package_imports_only_the_standard_library():
    stdlib = set(sys.stdlib_module_names)
    for path in PACKAGE.rglob("*.py"):
        outside = _imports(path) - stdlib
        assert not outside, f"{path.name} imports {outside}: the interpreter must run on a bare Python"


def test_package_imports_without_autodroid_or_third_party_modules():
    code = (
        "import sys, droidscript, droidscript.spec\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('autodroid', 'yaml', 'lxml', 'click', 'jinja2', 'rich', 'llama_cpp', 'hypothesis', 'pytest'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_import_package_name_is_not_interpreter():
    assert droidscript.__name__ == "droidscript"
    assert not re.search(r"^\s*(from|import)\s+interpreter\b", "\n".join(
        p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")), re.M)


def test_readme_example_script_is_valid():
    text = README.read_text(encoding="utf-8")
    example = text.split("```python\n", 1)[1].split("```", 1)[0]
    apis = {"main_screen__sort_button": "button", "sorting_dialog__order": "list", "main_screen__notes_list": "list"}
    errors = check_script(example, apis, {"sorting_dialog__order": ["Ascending", "Descending"]},
                          {"main_screen__notes_list": ["delete_button"]})
    assert errors == []
