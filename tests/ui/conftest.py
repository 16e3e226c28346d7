"""UI tests: the demo and empty workspaces and `make` come from tests/conftest.py.

The account screens of other issues (keys 2/3/4) are isolated away by default, so that these
tests and snapshots show the shell and the portfolio alone; a test that needs a registered
account screen registers its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.ui.app import KamtuiApp
from kamtui.ui.screens import registry


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMTUI_WORKSPACES", str(tmp_path / "workspaces"))
    monkeypatch.setenv("KAMTUI_USER", "tester")


@pytest.fixture
def real_screens(monkeypatch: pytest.MonkeyPatch) -> None:
    """The account screens as shipped (the autouse isolation empties them)."""
    monkeypatch.setattr(KamtuiApp, "ACCOUNT_SCREENS", registry.ACCOUNT_SCREENS)


@pytest.fixture(autouse=True)
def _isolated_registry(isolated_screens: dict) -> dict:
    return isolated_screens
