"""The adapter uses only the uiautomator2 calls the recorded fake implements, and only u2.py imports
uiautomator2."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import autodroid
from autodroid.device import u2
from u2_fake import FAKE_CALLS, RecordedU2

U2_SOURCE = Path(u2.__file__).read_text(encoding="utf-8")


def calls_on_the_phone_object(source: str) -> tuple[set[str], list[str]]:
    """Method names called as ``self._u2.<name>(...)``, and any other use of ``_u2`` (which would let
    a call slip past this check)."""
    tree = ast.parse(source)
    called: set[str] = set()
    handled: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if isinstance(owner, ast.Attribute) and owner.attr == "_u2":
                called.add(node.func.attr)
                handled.add(id(owner))
    other = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "_u2" and id(node) not in handled:
            if not isinstance(node.ctx, ast.Store):
                other.append(f"line {node.lineno}: {ast.unparse(node)} used other than as self._u2.<call>()")
    return called, other


def test_adapter_calls_only_what_the_fake_implements():
    called, other = calls_on_the_phone_object(U2_SOURCE)
    assert other == []
    assert called, "found no calls: the parser of this test is broken"
    assert called <= FAKE_CALLS, f"not in the fake: {sorted(called - FAKE_CALLS)}"
    assert called == set(u2.U2_CALLS) == set(FAKE_CALLS), "U2_CALLS, the fake and the adapter disagree"


def test_the_check_would_catch_a_new_call():
    called, other = calls_on_the_phone_object("def f(self):\n    self._u2.xpath('//a').click()\n    g(self._u2)\n")
    assert "xpath" in called and len(other) == 1


def test_fake_implements_each_call_with_uiautomator2s_parameters():
    uiautomator2 = pytest.importorskip("uiautomator2")
    for name in sorted(FAKE_CALLS):
        real = inspect.signature(getattr(uiautomator2.Device, name))
        fake = inspect.signature(getattr(RecordedU2, name))
        assert list(fake.parameters) == list(real.parameters), f"{name}: fake {fake} vs uiautomator2 {real}"


def test_only_u2_module_imports_uiautomator2():
    root = Path(autodroid.__file__).parent
    importers = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in ("uiautomator2", "adbutils") for name in names):
                importers.append(path.relative_to(root).as_posix())
    assert sorted(set(importers)) == ["device/u2.py"]
