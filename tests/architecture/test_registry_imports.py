"""The registry and the features reading it know no content app: they reach the models through the registry."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTENT_APPS = {"directory", "press", "partnerships", "international", "pages", "newsroom"}
UPPER = CONTENT_APPS | {"search", "pagecache", "inserm_cms", "demo"}

# Each module, and the top-level packages it may not import.
RULES = {
    **{str(path.relative_to(ROOT)): UPPER for path in (ROOT / "core").rglob("*.py")},
    **{
        str(path.relative_to(ROOT)): UPPER
        for path in (ROOT / "workflow").rglob("*.py")
        if "migrations" not in path.parts
    },
    "search/documents.py": CONTENT_APPS,
    "search/engine.py": CONTENT_APPS,
    "search/metadata.py": CONTENT_APPS,
    "inserm_cms/sitemaps.py": CONTENT_APPS,
    "inserm_cms/api_urls.py": CONTENT_APPS,
    "pagecache/signals.py": CONTENT_APPS,
}


def imported_packages(path):
    """Return the top-level packages ``path`` imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("module", sorted(RULES))
def test_module_imports_no_app_above_it(module):
    forbidden = imported_packages(ROOT / module) & RULES[module]

    assert not forbidden, f"{module} imports {sorted(forbidden)}: read the content-type registry instead"


def test_the_rules_cover_the_registry():
    """A positive control: the walk sees imports, and the registry's module is among those checked."""
    assert "core/content_types.py" in RULES
    assert "directory" in imported_packages(ROOT / "press" / "content_types.py")
