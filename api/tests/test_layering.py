"""The api app sits above knowledge and search: nothing below imports it, no module of the
project imports itself back through others, and project modules are imported at module top
only, but in AppConfig.ready() (read from the source, not by importing it). The benchmark
counts too: its worker processes set Django up when ``bench.workers`` is imported, and its
orchestrator never imports that package (it starts its modules as processes)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("api", "bench", "cms", "feedback", "home", "knowledge", "parcours", "search")


def module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules():
    return {
        module_name(path): path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def imports(path, modules):
    """(imported project module, at module level?) for each import statement of ``path``."""
    found = []

    def resolve(name):
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    def visit(node, nested):
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                names = [f"{child.module}.{alias.name}" for alias in child.names]
            else:
                visit(child, inner)
                continue
            for name in names:
                if (target := resolve(name)) is not None:
                    found.append((target, not inner))

    visit(ast.parse(path.read_text()), False)
    return found


def test_no_import_circle_between_modules_of_the_project():
    modules = project_modules()
    graph = {
        name: {target for target, top in imports(path, modules) if top and target != name}
        for name, path in modules.items()
    }
    # Importing a.b.c imports the packages a and a.b first.
    for name, targets in graph.items():
        for target in list(targets):
            parts = target.split(".")
            graph[name] |= {
                ".".join(parts[:i])
                for i in range(1, len(parts))
                if not name.startswith(".".join(parts[:i]))
            }

    def reaches(start, goal):
        seen, todo = set(), list(graph[start])
        while todo:
            name = todo.pop()
            if name == goal:
                return True
            if name not in seen and name in graph:
                seen.add(name)
                todo.extend(graph[name])
        return False

    assert [name for name in graph if reaches(name, name)] == []


def test_nothing_below_imports_the_api():
    modules = project_modules()
    below = {n: p for n, p in modules.items() if n.split(".")[0] in ("knowledge", "search", "home")}
    offending = [
        (name, target)
        for name, path in below.items()
        for target, _top in imports(path, modules)
        if target.split(".")[0] == "api"
    ]
    assert offending == []


def test_project_modules_are_imported_at_module_top_only():
    modules = project_modules()
    nested = [
        (name, target)
        for name, path in modules.items()
        for target, top in imports(path, modules)
        if not top and path.name != "apps.py"
    ]
    assert nested == []


def imported_packages(path):
    """The top-level package of each absolute import statement of ``path``, at any depth."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def test_the_benchmark_orchestrator_imports_nothing_that_needs_django():
    # bench.settings and bench.urls are the gunicorns' configuration, read by Django itself.
    django_side = ("bench.workers", "bench.settings", "bench.urls")
    needs_django = {"django", "wagtail", *PACKAGES} - {"bench"}
    modules = project_modules()
    orchestrator = {
        name: path
        for name, path in modules.items()
        if name.split(".")[0] == "bench" and not name.startswith(django_side)
    }
    offending = [
        (name, target)
        for name, path in orchestrator.items()
        for target, _top in imports(path, modules)
        if target.startswith(django_side)
    ] + [
        (name, package)
        for name, path in orchestrator.items()
        for package in imported_packages(path)
        if package in needs_django
    ]
    assert orchestrator and offending == []
