"""Shared by every test folder: a private workspaces folder and a fixed user, per test."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def env_setup(tmp_path_factory, monkeypatch):
    """Workspaces resolve into a fresh folder; audit entries name "tester"."""
    monkeypatch.setenv("KAMTUI_WORKSPACES", str(tmp_path_factory.mktemp("workspaces")))
    monkeypatch.setenv("KAMTUI_USER", "tester")
    monkeypatch.delenv("KAMTUI_WORKSPACE", raising=False)


@pytest.fixture
def ws(tmp_path):
    """A new, empty workspace of its own in this test's tmp_path."""
    from kamtui.store import Workspace

    workspace = Workspace.create(tmp_path / "ws.sqlite", team_name="Test team")
    yield workspace
    workspace.close()
