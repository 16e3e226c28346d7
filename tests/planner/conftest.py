"""Planner tests: the demo workspace (built once per session, copied per test), an app whose
base screen is blank (so these tests do not depend on other screens being finished), and
helpers that read what the planner shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner_helpers import TODAY


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMTUI_WORKSPACES", str(tmp_path / "workspaces"))
    monkeypatch.setenv("KAMTUI_USER", "tester")
    monkeypatch.chdir(tmp_path)  # suggested export paths land here


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the planner is registered; the base screen is blank; no other module is loaded."""
    from kamtui.ui.app import KamtuiApp
    from kamtui.ui.screens.base import KamScreen
    from kamtui.ui.screens.planner import PlannerScreen

    class BlankScreen(KamScreen):
        pass

    monkeypatch.setattr(KamtuiApp, "ACCOUNT_SCREENS", {"activities": PlannerScreen})
    monkeypatch.setattr(KamtuiApp, "get_default_screen", lambda self: BlankScreen())


@pytest.fixture
def ctx(demo_ws):
    from kamtui.services.context import Context

    return Context(demo_ws, today=TODAY, user="demo")


@pytest.fixture
def accounts(demo_ws) -> dict[str, str]:
    """short name -> account id of the demo accounts."""
    from kamtui.store import accounts as store_accounts

    return {a.short_name: a.id for a in store_accounts.accounts(demo_ws.db)}
