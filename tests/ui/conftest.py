"""UI tests: the demo workspace (built once, copied per test), an empty one, and an app factory.

The account screens of other issues (keys 2/3/4) are isolated away by default, so that these
tests and snapshots show the shell and the portfolio alone; a test that needs a registered
account screen registers its own.
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

sys.path.insert(0, str(Path(__file__).parent))
from ui_helpers import TODAY  # noqa: E402



@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMTUI_WORKSPACES", str(tmp_path / "workspaces"))
    monkeypatch.setenv("KAMTUI_USER", "tester")


REAL_LOAD = registry.load


@pytest.fixture
def real_load():
    """registry.load as shipped (the autouse isolation replaces it with a no-op)."""
    return REAL_LOAD


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
