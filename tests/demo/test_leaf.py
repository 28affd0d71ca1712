"""The demo is a leaf app: the project's own modules never import it (only its commands and the tests use it)."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
LEFT_OUT = {"demo", "tests", ".venv", "node_modules", ".git"}


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_no_module_outside_the_demo_imports_it():
    sources = [path for path in ROOT.rglob("*.py") if not LEFT_OUT & set(path.relative_to(ROOT).parts)]
    importers = sorted(
        str(path.relative_to(ROOT))
        for path in sources
        for module in imported_modules(path)
        if module == "demo" or module.startswith("demo.")
    )

    assert len(sources) > 100  # the walk did find the project's modules
    assert importers == []


def test_the_demo_app_comes_last():
    assert settings.INSTALLED_APPS[-1] == "demo"
