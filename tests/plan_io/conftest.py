"""Plan export / import from the TUI: the demo workspace (built once, copied per test), the
app as the CLI builds it, and a working folder of the test's own as the current directory
(where the dialogs propose and look for files).

The account screens of other issues (keys 2/3/4) are isolated away; a test that needs one
registers a stand-in.
"""

from __future__ import annotations

from pathlib import Path

import pytest


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
def _isolated_registry(isolated_screens: dict) -> dict:
    return isolated_screens
