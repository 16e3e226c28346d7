"""Imports point down the layers; only the store speaks SQL; the core never loads Textual.

    cli ──► ui ──► services ──► store ──► domain
      └──────────► services
    leaves any layer may use: kamtui/__init__.py, errors.py, paths.py, formatting.py, safe_text.py,
    messages.py, message_catalogue.py and message_catalogue_files.py
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "kamtui"
LEAVES = {"kamtui", "kamtui.errors", "kamtui.paths", "kamtui.formatting", "kamtui.safe_text", "kamtui.messages",
          "kamtui.message_catalogue", "kamtui.message_catalogue_files"}
ALLOWED = {
    "cli": {"cli", "ui", "services", "leaf"},
    "ui": {"ui", "services", "domain", "leaf"},
    "services": {"services", "store", "domain", "leaf"},
    "store": {"store", "domain", "leaf"},
    "domain": {"domain", "leaf"},  # and not formatting (it reads the domain)
    "leaf": {"leaf", "domain"},
}
FORBIDDEN_EXTERNAL = {
    "ui": {"sqlite3", "sqlite_utils"},
    "cli": {"sqlite3", "sqlite_utils"},
    "domain": {"textual", "rich", "click", "sqlite3", "sqlite_utils"},
    "store": {"textual", "click"},
    "services": {"textual", "click"},
    "leaf": {"textual", "sqlite3", "sqlite_utils", "click"},
}
DOMAIN_THIRD_PARTY = {"pydantic", "pydantic_core", "typing_extensions", "annotated_types"}

# Known violations, each reported as a bug: remove the entry with the fix.
IMPORT_BUGS: dict[str, str] = {}
SQL_BUGS: dict[str, str] = {}


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(name: str) -> str | None:
    """The layer of a kamtui module name (None: not placed in any layer)."""
    if name in LEAVES:
        return "leaf"
    parts = name.split(".")
    if len(parts) >= 2 and parts[1] in ("domain", "store", "services", "ui"):
        return parts[1]
    if len(parts) == 2 and (parts[1] == "__main__" or parts[1] == "cli" or parts[1].startswith("cli_")):
        return "cli"
    return None


@cache
def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PKG.rglob("*.py"))}


@dataclass(frozen=True)
class Import:
    target: str  # absolute module name
    line: int


@cache
def imports_of(path: Path) -> tuple[Import, ...]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    modules = all_modules()
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [Import(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            for alias in node.names:
                sub = f"{origin}.{alias.name}"
                out.append(Import(sub if sub in modules else origin, node.lineno))
    return tuple(out)


def _module_params(bugs: dict[str, str]) -> list:
    params = []
    for name, path in all_modules().items():
        rel = str(path.relative_to(ROOT))
        marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=bugs[rel])] if rel in bugs else []
        params.append(pytest.param(path, id=rel, marks=marks))
    return params


def test_the_walk_finds_the_layers():
    layers = {layer_of(n) for n in all_modules()}
    assert {"domain", "store", "services", "cli", "leaf"} <= layers
    assert len(all_modules()) > 30


def test_every_module_has_a_layer():
    unplaced = [n for n in all_modules() if layer_of(n) is None]
    assert not unplaced, f"modules in no layer (place them in test_architecture.py): {unplaced}"


@pytest.mark.parametrize("path", _module_params(IMPORT_BUGS))
def test_imports_point_down(path):
    me = module_name(path)
    mine = layer_of(me)
    bad = []
    for imp in imports_of(path):
        top = imp.target.split(".")[0]
        if top == "kamtui":
            theirs = layer_of(imp.target)
            if theirs is None and imp.target in all_modules():
                continue  # reported by test_every_module_has_a_layer
            if theirs not in ALLOWED[mine]:
                bad.append(f"line {imp.line}: {mine} -> {theirs} ({imp.target})")
            elif mine == "domain" and imp.target == "kamtui.formatting":
                bad.append(f"line {imp.line}: domain -> formatting")
            elif mine == "cli" and imp.target.startswith("kamtui.store"):
                bad.append(f"line {imp.line}: cli imports the store ({imp.target})")
        elif top in FORBIDDEN_EXTERNAL.get(mine, ()):
            bad.append(f"line {imp.line}: {mine} imports {imp.target}")
        elif mine == "domain" and top not in sys.stdlib_module_names and top not in DOMAIN_THIRD_PARTY:
            bad.append(f"line {imp.line}: domain imports third-party {imp.target}")
    assert not bad, f"{path.relative_to(ROOT)}:\n" + "\n".join(bad)


_SQL = re.compile(
    r"^\s*(SELECT\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|"
    r"CREATE\s+(TABLE|INDEX|TRIGGER|VIEW|VIRTUAL)\s|DROP\s+(TABLE|INDEX)\s|ALTER\s+TABLE\s|"
    r"PRAGMA\s|BEGIN(\s|$)|COMMIT\b|ROLLBACK\b|VACUUM\b|SAVEPOINT\s)"
)
_EXECUTE = {"execute", "executemany", "executescript"}


def _sql_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in _EXECUTE:
                found.append(f"line {node.lineno}: .{node.func.attr}(...)")
            elif node.func.attr == "query" and node.args:
                first = node.args[0]
                text = first.value if isinstance(first, ast.Constant) else None
                if isinstance(first, ast.JoinedStr):
                    text = "".join(v.value for v in first.values if isinstance(v, ast.Constant))
                if isinstance(text, str) and _SQL.match(text):
                    found.append(f"line {node.lineno}: .query({text[:40]!r})")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.match(node.value):
            found.append(f"line {node.lineno}: SQL literal {node.value[:50]!r}")
    return found


def test_the_sql_check_sees_the_store():
    assert _sql_uses(PKG / "store" / "writes.py")
    assert _sql_uses(PKG / "store" / "people.py")


@pytest.mark.parametrize("path", [p for p in _module_params(SQL_BUGS)
                                  if not str(p.values[0].relative_to(ROOT)).startswith("kamtui/store/")])
def test_no_sql_outside_the_store(path):
    found = _sql_uses(path)
    assert not found, f"{path.relative_to(ROOT)} speaks SQL:\n" + "\n".join(found)


def _core_modules() -> list[str]:
    return sorted(n for n in all_modules()
                  if layer_of(n) in ("domain", "store", "services", "leaf") and not n.endswith("__main__"))


def test_the_core_never_imports_textual():
    names = _core_modules()
    assert "kamtui.domain" in names and "kamtui.store" in names and "kamtui.services.accounts" in names
    code = (
        f"import importlib, sys\n"
        f"for name in {names!r}:\n"
        f"    importlib.import_module(name)\n"
        f"loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        f"assert not loaded, loaded\n"
        f"print('ok', len({names!r}))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ok")


def test_the_cli_module_imports_nothing_heavy():
    """Heavy imports happen inside the command that needs them (`kamtui --version` stays fast)."""
    code = (
        "import sys, kamtui.cli\n"
        "heavy = [m for m in ('textual', 'sqlite_utils', 'pydantic', 'kamtui.store', 'kamtui.ui')"
        " if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
