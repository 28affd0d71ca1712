"""The imports of our apps point one way, and no module imports itself back at import time.

Layers, lowest first (an app may import its own layer's public modules and any lower layer):

    core → workflow → assets → directory → pages, press, partnerships, international, newsroom
    → search, pagecache → inserm_cms (project) → demo (a leaf)

Feature apps never import each other's internals: what one shows of another's objects comes from that app's
``public`` module (the summary serializer, the live queryset), and what directory pages show of the feature
apps comes through ``directory.related``, filled by the feature apps' ``AppConfig.ready()``.

The walk reads the source (``ast``), so it sees imports inside functions too: those count for the layers but
not for cycles (they run after every module is loaded). Each one we keep is listed below with its reason.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LAYERS = [
    {"core"},
    {"workflow"},
    {"assets"},
    {"directory"},
    {"pages", "press", "partnerships", "international", "newsroom"},
    {"search", "pagecache"},
    {"inserm_cms"},
    {"demo"},
]
LAYER = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}
APPS = sorted(LAYER)
SKIPPED_DIRS = {"migrations", "tests", ".venv", "node_modules", "__pycache__"}

# A module another app of the same layer may import: what the app offers the others.
PUBLIC_MODULE = "public"

# (importing app or module, imported module or package): reason. Kept short; each entry is a debt or a choice.
LAYER_EXCEPTIONS = {
    ("press", "pagecache.generation"): "filter facet counts are cached until the content generation changes; "
    "the generation is pagecache's only public function",
    ("partnerships", "pagecache.generation"): "same: cached facet counts",
    ("international", "pagecache.generation"): "same: the cached map and overview figures",
    ("search", "pagecache.generation"): "same layer: the search facets are cached like the lists' facets",
    ("newsroom", "press.models"): "newsroom mails press releases: Mailing.release is a foreign key to "
    "PressRelease, the app is built on press",
    ("newsroom.tasks", "inserm_cms.tasks"): "scheduled jobs run once per ScheduledRun slot (ops infrastructure)",
    ("partnerships.tasks", "inserm_cms.tasks"): "same: once_per_run of the scheduler",
}

# Imports inside a function that stay there: (module, imported module): reason.
DEFERRED_IMPORTS = {
    ("core.apps", "core.content_types"): "AppConfig.ready(): discovers each app's content_types.py",
    ("workflow.apps", "workflow.history"): "AppConfig.ready(): registers the history of models once they are loaded",
    ("pagecache.apps", "pagecache.signals"): "AppConfig.ready(): connects the invalidation signals",
    ("pagecache.apps", "pagecache.generation"): "AppConfig.ready(): installs the derived-value cache "
    "(core.derived) once the models are loaded",
    ("inserm_cms.apps", "inserm_cms.checks"): "AppConfig.ready(): registers the system checks",
    ("press.apps", "press.related"): "AppConfig.ready(): adds the releases to directory pages",
    ("partnerships.apps", "partnerships.related"): "AppConfig.ready(): adds the agreements to directory pages",
    ("international.apps", "international.related"): "AppConfig.ready(): adds the sites to directory pages",
    ("press.models", "press.importer.service"): "the importer builds on press.models (a cycle if at the top)",
    ("workflow.notifications", "workflow.tasks"): "the task module builds on notifications (a cycle if at the top)",
    ("workflow.transitions", "workflow.permissions"): "kept as the workflow branch wrote it",
    ("assets.mediakit", "assets.tasks"): "the task imports mediakit to run it (a cycle if at the top)",
    ("newsroom.services", "newsroom.tasks"): "the tasks import services to run them (a cycle if at the top)",
    ("workflow.sites", "workflow.dashboard"): "the site is built while apps load (AdminConfig.default_site), "
    "before the content models the dashboard imports",
    ("workflow.sites", "workflow.preferences"): "the site is built while apps load, before the models it imports",
    ("workflow.sites", "workflow.admin_exchange"): "the site is built while apps load, before the models its "
    "translation exchange screens use",
    ("workflow.dashboard", "workflow.admin"): "no cycle any more; dashboard.py is being rewritten by the "
    "content-type registry branch, which decides",
    ("workflow.checks", "workflow.admin"): "the admin imports the pre-publication checks (a cycle if at the top)",
    ("workflow.admin", "workflow.exchange"): "the XLIFF/PO export loads translate-toolkit only when used",
    ("press.views", "press.pdf"): "WeasyPrint loads only when a PDF is asked for",
}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def our_modules():
    """Return {module name: path} for every Python file of our apps, outside migrations and tests."""
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if SKIPPED_DIRS.isdisjoint(path.relative_to(ROOT).parts):
                modules[module_name(path)] = path
    return modules


def is_type_checking(node):
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports(module, path, modules):
    """Yield ``(imported module, line, deferred)`` for each import of one of our modules by ``module``."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def resolve(name):
        # The deepest of our modules the dotted name designates ("press.models.PressRelease" → press.models).
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    def visit(node, deferred):
        for child in ast.iter_child_nodes(node):
            if is_type_checking(child):
                continue
            inner = deferred or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            names = []
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parts = package.split(".")
                    parts = parts[: len(parts) - child.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                names = [f"{base}.{alias.name}" for alias in child.names]
            for name in names:
                target = resolve(name)
                if target and target != module:
                    yield target, child.lineno, inner
            yield from visit(child, inner)

    yield from visit(ast.parse(path.read_text(), filename=str(path)), False)


def import_graph():
    """Return the list of ``(importer, imported, line, deferred)`` between our modules."""
    modules = our_modules()
    return [
        (module, target, line, deferred)
        for module, path in sorted(modules.items())
        for target, line, deferred in imports(module, path, modules)
    ]


def app_of(module):
    return module.split(".")[0]


def excepted(importer, imported, table):
    """Find the entry of ``table`` covering the import: keys name the importer and the imported by prefix."""
    for importer_key, imported_key in table:
        if (importer == importer_key or importer.startswith(importer_key + ".")) and (
            imported == imported_key or imported.startswith(imported_key + ".")
        ):
            return importer_key, imported_key
    return None


def layer_violation(importer, imported):
    """Return why the import breaks the layers, or None."""
    source, target = app_of(importer), app_of(imported)
    if source == target or LAYER[target] < LAYER[source]:
        return None
    if LAYER[target] == LAYER[source]:
        if imported == f"{target}.{PUBLIC_MODULE}":
            return None
        return f"imports the internals of {target}, of its own layer (only {target}.{PUBLIC_MODULE} is open)"
    return f"imports {target}, of a higher layer"


@pytest.fixture(scope="module")
def graph():
    assert len(our_modules()) > 150, "the walk found too few modules: has the layout changed?"
    return import_graph()


def import_cycles(edges):
    """Return the groups of modules that import one another at import time (Tarjan's strongly connected parts)."""
    following = defaultdict(set)
    for importer, imported, _line, deferred in edges:
        if not deferred:
            following[importer].add(imported)
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def connect(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(following[node]):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                part.add(member)
                if member == node:
                    break
            if len(part) > 1:
                cycles.append(sorted(part))

    for node in sorted(following):
        if node not in index:
            connect(node)
    return cycles


def test_no_import_cycle_at_import_time(graph):
    """No chain of top-level imports leads from a module back to itself."""
    assert import_cycles(graph) == [], "import cycles at import time"


def test_layers_point_one_way(graph):
    """Each import goes to a lower layer or to a same-layer app's public module, unless listed with a reason."""
    violations = [
        f"{importer}:{line} → {imported}: {reason}"
        for importer, imported, line, _deferred in graph
        if (reason := layer_violation(importer, imported)) and not excepted(importer, imported, LAYER_EXCEPTIONS)
    ]
    assert violations == [], "imports against the layers:\n" + "\n".join(violations)


def test_deferred_imports_are_listed(graph):
    """An import inside a function hides a dependency from the cycle check: each one kept needs a reason."""
    unlisted = [
        f"{importer}:{line} → {imported}"
        for importer, imported, line, deferred in graph
        if deferred and not excepted(importer, imported, DEFERRED_IMPORTS)
    ]
    assert unlisted == [], "imports inside functions without a reason in DEFERRED_IMPORTS:\n" + "\n".join(unlisted)


def test_exception_lists_have_no_stale_entry(graph):
    """An exception no import needs any more is removed, so the lists only shrink as the debt is paid."""
    used = set()
    for importer, imported, _line, deferred in graph:
        if layer_violation(importer, imported):
            used.add(excepted(importer, imported, LAYER_EXCEPTIONS))
        if deferred:
            used.add(excepted(importer, imported, DEFERRED_IMPORTS))
    stale = sorted((set(LAYER_EXCEPTIONS) | set(DEFERRED_IMPORTS)) - used)
    assert stale == [], f"exceptions no import needs any more: {stale}"


def test_the_checks_see_what_they_look_for():
    """A cycle through three modules is found, and the same chain with one deferred import is not."""
    chain = [("a", "b", 1, False), ("b", "c", 1, False), ("c", "a", 1, False), ("c", "d", 1, False)]
    assert import_cycles(chain) == [["a", "b", "c"]]
    assert import_cycles([*chain[:2], ("c", "a", 1, True)]) == []


def test_the_walk_sees_a_violation():
    """The checker flags a feature app reaching into another's models, and accepts the public module."""
    assert layer_violation("directory.views", "press.models") == "imports press, of a higher layer"
    assert layer_violation("partnerships.api", "press.models").startswith("imports the internals of press")
    assert layer_violation("partnerships.api", "press.public") is None
    assert layer_violation("press.views", "directory.views") is None
