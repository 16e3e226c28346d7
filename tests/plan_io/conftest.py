"""Plan export / import from the TUI: the demo workspace (built once, copied per test), the
app as the CLI builds it, and a working folder of the test's own as the current directory
(where the dialogs propose and look for files).

The account screens of other issues (keys 2/3/4) are isolated away; a test that needs one
registers a stand-in.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kamtui.services.demo import build_demo
from kamtui.store import Workspace
from kamtui.ui.screens import registry

_HERE = str(Path(__file__).parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from plan_io_helpers import TODAY  # noqa: E402


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KAMTUI_WORKSPACES", str(tmp_path / "workspaces"))
    monkeypatch.setenv("KAMTUI_USER", "tester")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture
def work(_env: Path) -> Path:
    """The current directory of the test: the dialogs propose paths in it."""
    return _env


@pytest.fixture(autouse=True)
def _isolated_registry(monkeypatch: pytest.MonkeyPatch) -> dict:
    screens: dict = {}
    monkeypatch.setattr(registry, "ACCOUNT_SCREENS", screens)
    monkeypatch.setattr(registry, "FAILED", {})
    monkeypatch.setattr(registry, "load", lambda: None)
    return screens


@pytest.fixture
def make() -> Callable:
    """make(ws, lang="en") -> the app as the CLI builds it, with today fixed."""
    from kamtui.ui.app import make_app

    def build(ws, lang: str | None = "en", user: str = "tester"):
        return make_app(ws, today=TODAY, lang=lang, user=user)  # type: ignore[arg-type]

    return build
