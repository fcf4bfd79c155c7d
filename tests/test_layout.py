"""The apps import only downwards: consultation <- workgroups <- {participants, offers} <- commitments.

Every Python file of every app is parsed (not imported), so an import hidden inside a function counts too.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from django.conf import settings

# Each app, by its Python package, and the apps it may import from.
ALLOWED = {
    "consultation": set(),
    "workgroups": {"consultation"},
    "registry.participants": {"consultation", "workgroups"},
    "registry.offers": {"consultation", "workgroups"},
    "commitments": {"consultation", "workgroups", "registry.participants", "registry.offers"},
}


def _app_of(module: str) -> str | None:
    for app in ALLOWED:
        if module == app or module.startswith(f"{app}."):
            return app
    return None


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(settings.BASE_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported_modules(path: Path) -> set[str]:
    """The absolute names of the modules a file imports, relative imports resolved against its package."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module
            found.add(name)
            found |= {f"{name}.{alias.name}" for alias in node.names}
    return found


def _imports_between_apps() -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) -> the files that do it, for every pair of different apps."""
    edges: dict[tuple[str, str], list[str]] = {}
    for app in ALLOWED:
        folder = Path(settings.BASE_DIR, *app.split("."))
        for path in sorted(folder.rglob("*.py")):
            for imported in _imported_modules(path):
                target = _app_of(imported)
                if target is not None and target != app:
                    files = edges.setdefault((app, target), [])
                    if str(path.relative_to(settings.BASE_DIR)) not in files:
                        files.append(str(path.relative_to(settings.BASE_DIR)))
    return edges


def test_every_installed_project_app_is_in_the_table():
    project_apps = {
        app for app in settings.INSTALLED_APPS if Path(settings.BASE_DIR, *app.split("."), "apps.py").exists()
    }

    assert project_apps == set(ALLOWED)


@pytest.mark.parametrize("app", ALLOWED)
def test_app_imports_only_from_the_apps_below_it(app):
    edges = _imports_between_apps()

    upwards = {target: files for (source, target), files in edges.items() if source == app}
    assert {target: files for target, files in upwards.items() if target not in ALLOWED[app]} == {}


def test_participants_and_offers_never_import_each_other():
    edges = _imports_between_apps()

    assert edges.get(("registry.participants", "registry.offers")) is None
    assert edges.get(("registry.offers", "registry.participants")) is None


def test_the_import_reader_resolves_relative_imports():
    # The reader itself: a relative import inside an app's subpackage names the app's module.
    views = Path(settings.BASE_DIR, "registry", "participants", "views", "desk.py")

    assert "registry.participants.services" in _imported_modules(views)


# The address table at the top of consultation/urls.py, as data: each app's URL module and its prefixes.
ADDRESS_OWNERS = {
    "workgroups.urls": ["<slug:slug>/groups/"],
    "registry.participants.urls": [
        "<slug:slug>/register/",
        "<slug:slug>/registration/",
        "<slug:slug>/privacy/",
        "<slug:slug>/desk/",
        "<slug:slug>/groups/<int:number>/participants/",
    ],
    "registry.offers.urls": [
        "<slug:slug>/wall/",
        "<slug:slug>/offers/",
        "<slug:slug>/questionnaire/",
        "<slug:slug>/directory/",
        "<slug:slug>/coverage/",
        "<slug:slug>/open-data/",
    ],
    "commitments.urls": [
        "<slug:slug>/commitments/",
        "<slug:slug>/groups/<int:number>/workspace/",
        "<slug:slug>/results/",
    ],
}


@pytest.mark.parametrize("module", ADDRESS_OWNERS)
def test_every_address_of_an_app_is_under_a_prefix_the_root_table_gives_it(module):
    urlpatterns = importlib.import_module(module).urlpatterns

    outside = [
        str(p.pattern) for p in urlpatterns if not str(p.pattern).startswith(tuple(ADDRESS_OWNERS[module]))
    ]
    assert outside == []


def test_the_root_table_names_every_prefix():
    table = importlib.import_module("consultation.urls").__doc__

    missing = [
        prefix
        for prefixes in ADDRESS_OWNERS.values()
        for prefix in prefixes
        if prefix.replace("<slug:slug>", "<slug>").replace("<int:number>", "<n>").rstrip("/") not in table
    ]
    assert missing == []
