"""The package layout's import directions (README, "Architecture").

Each sub-package says in its ``__init__`` what it may import; this test reads
every module's imports with ``ast`` and fails when one points the wrong way,
so the tree keeps showing the architecture as the code grows.
"""

import ast
import importlib
import warnings
from pathlib import Path

import pytest

PACKAGE = "wagtail_eventcal"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE

# Thin aliases kept for one release; nothing inside the package may use them.
DEPRECATED = {
    "eligibility": "rules.eligibility",
    "business_days": "rules.business_days",
    "api": "feeds.api",
    "sitemaps": "feeds.sitemaps",
    "rich_text": "editing.rich_text",
    "permissions.backends": "delegation.backends",
}

# (importing sub-package, imported sub-package or module) pairs that are refused
# anywhere in the importer, at module level or inside a function.
FORBIDDEN = {
    "public": {"workflow", "delegation", "organizations", "editing", "wagtail_hooks"},
    "feeds": {"workflow", "delegation", "organizations", "editing", "wagtail_hooks"},
    "workflow": {"delegation", "organizations", "public", "feeds", "editing", "wagtail_hooks"},
    "delegation": {"public", "feeds", "wagtail_hooks"},
    "organizations": {"public", "feeds", "wagtail_hooks"},
    "editing": {"public", "feeds", "wagtail_hooks"},
    "models": {"wagtail_hooks"},
    "webhooks": {"workflow", "delegation", "organizations", "editing", "public", "wagtail_hooks"},
    "exchange": {"workflow", "delegation", "organizations", "editing", "wagtail_hooks"},
}
# Refused only at module level: the page models' routes import their views
# lazily, inside the route handler.
FORBIDDEN_AT_MODULE_LEVEL = {
    "models": {"public", "feeds", "delegation", "organizations", "webhooks", "exchange"}
}
# rules/ is pure: of the package, only these; and no database layer at all.
RULES_MAY_IMPORT = {"choices", "conf", "bilingual", "rules"}
RULES_NEVER = ("django.db", "wagtail.models", "django.apps")


def module_name(path):
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts), path.name == "__init__.py"


def is_module(dotted):
    path = ROOT.parent / dotted.replace(".", "/")
    return path.with_suffix(".py").exists() or path.is_dir()


def imports(path):
    """(imported module, at module level) for each import of ``path``."""
    name, is_package = module_name(path)
    package = name if is_package else name.rpartition(".")[0]
    tree = ast.parse(path.read_text())
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(base + ([node.module] if node.module else []))
            else:
                base = node.module
            # "from . import x" imports module x when there is one.
            targets = [
                f"{base}.{alias.name}" if is_module(f"{base}.{alias.name}") else base
                for alias in node.names
            ]
        else:
            continue
        found.extend((target, id(node) in top_level) for target in targets)
    return found


def sources():
    return sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.parts)


def area(module):
    """The sub-package (or top-level module) a dotted name belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == PACKAGE else None


def violations():
    found = []
    for path in sources():
        name, _ = module_name(path)
        here = area(name)
        relative_name = name.partition(".")[2]
        if relative_name in DEPRECATED or relative_name == "permissions":
            continue
        for target, at_module_level in imports(path):
            there = area(target)
            if there is None:
                if here == "rules" and target.startswith(RULES_NEVER):
                    found.append(f"{name} imports {target} (rules/ is pure)")
                continue
            if there == here:
                continue
            if target.partition(".")[2] in DEPRECATED:
                found.append(f"{name} imports the deprecated alias {target}")
            if here == "rules" and there not in RULES_MAY_IMPORT:
                found.append(f"{name} imports {target} (rules/ imports {RULES_MAY_IMPORT})")
            if there in FORBIDDEN.get(here, ()):
                found.append(f"{name} imports {target}")
            if at_module_level and there in FORBIDDEN_AT_MODULE_LEVEL.get(here, ()):
                found.append(f"{name} imports {target} at module level")
    return found


def test_imports_point_one_way():
    assert violations() == []


def test_the_checker_sees_a_wrong_import(tmp_path, monkeypatch):
    """The test above can fail: a models module importing a view at module
    level, and a rules module importing models, are both reported."""
    package = tmp_path / PACKAGE
    for sub in ("models", "rules", "public"):
        (package / sub).mkdir(parents=True)
        (package / sub / "__init__.py").write_text("")
    (package / "public" / "views.py").write_text("")
    (package / "models" / "pages.py").write_text(
        "from ..public.views import month\n\ndef route():\n    from ..public import views\n"
    )
    (package / "rules" / "eligibility.py").write_text("from ..models import EventPage\n")
    monkeypatch.setattr(f"{__name__}.ROOT", package)
    found = sorted(violations())
    assert len(found) == 2, found
    assert found[0].startswith("wagtail_eventcal.models.pages imports wagtail_eventcal.public")
    assert found[0].endswith("at module level")
    assert found[1].startswith("wagtail_eventcal.rules.eligibility imports wagtail_eventcal.models")


def test_wagtail_hooks_only_wires():
    """Only imports and calls at the top of wagtail_hooks.py: no functions or
    classes of its own (they belong to the sub-package they serve)."""
    tree = ast.parse((ROOT / "wagtail_hooks.py").read_text())
    kinds = {type(node).__name__ for node in tree.body}
    assert kinds <= {"Import", "ImportFrom", "Expr"}


def test_every_sub_package_says_what_it_owns():
    for init in ROOT.glob("*/__init__.py"):
        if init.parent.name in {"migrations", "management", "templatetags", "permissions"}:
            continue
        docstring = ast.get_docstring(ast.parse(init.read_text()))
        assert docstring and "import" in docstring, init


@pytest.mark.parametrize("old,new", sorted(DEPRECATED.items()))
def test_old_import_paths_still_work(old, new):
    """README's dotted paths of the previous release import, with a warning
    that names the new place, and give the very same objects."""
    import sys

    sys.modules.pop(f"{PACKAGE}.{old}", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        alias = importlib.import_module(f"{PACKAGE}.{old}")
    assert any(issubclass(w.category, DeprecationWarning) and new in str(w.message) for w in caught)
    moved = importlib.import_module(f"{PACKAGE}.{new}")
    public = [name for name in vars(moved) if not name.startswith("_")]
    assert public
    for name in public:
        assert getattr(alias, name) is getattr(moved, name), name


def test_names_the_readme_promises():
    from wagtail_eventcal.api import api_router
    from wagtail_eventcal.business_days import add_business_days, is_business_day
    from wagtail_eventcal.eligibility import evaluate
    from wagtail_eventcal.permissions.backends import DelegationBackend
    from wagtail_eventcal.rich_text import LabelledDraftailRichTextArea
    from wagtail_eventcal.sitemaps import EventCalendarSitemap

    assert all(
        (
            api_router,
            add_business_days,
            is_business_day,
            evaluate,
            DelegationBackend,
            LabelledDraftailRichTextArea,
            EventCalendarSitemap,
        )
    )
