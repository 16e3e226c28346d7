"""How the test folders find their helpers: `pythonpath` in pyproject.toml, nothing else.

A `from conftest import …` answers with whichever folder's conftest was imported first (plans
beside sync failed to collect); a conftest that edits sys.path hides a folder missing from
`pythonpath` until the tests run in another order.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

TESTS = Path(__file__).parent
ROOT = TESTS.parent


def _modules() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "perf" not in p.relative_to(TESTS).parts)


def _imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def _pythonpath() -> list[Path]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [ROOT / p for p in config["tool"]["pytest"]["ini_options"]["pythonpath"]]


def test_no_test_imports_a_conftest_by_name():
    offenders = [str(p.relative_to(TESTS)) for p in _modules() if "conftest" in _imported(p)]
    assert offenders == []


def test_no_conftest_edits_sys_path():
    offenders = [str(p.relative_to(TESTS)) for p in TESTS.rglob("conftest.py")
                 if "sys.path" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_every_helper_a_test_imports_is_on_the_pythonpath_under_one_name():
    folders = _pythonpath()
    helpers: dict[str, list[Path]] = {}
    for folder in folders:
        for p in folder.glob("*.py"):
            if p.name != "conftest.py" and not p.name.startswith("test_"):
                helpers.setdefault(p.stem, []).append(p)
    assert {n: ps for n, ps in helpers.items() if len(ps) > 1} == {}
    local = {p.stem for p in TESTS.rglob("*.py") if not p.name.startswith(("test_", "conftest"))
             and "perf" not in p.relative_to(TESTS).parts}
    for path in _modules():
        for name in _imported(path) & local:
            assert name in helpers, f"{path.relative_to(TESTS)} imports {name}, not on the pythonpath"
