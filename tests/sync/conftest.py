"""Two people on one workspace file: two apps (or an app and a service "process"), each on its
own connection to the same demo file; the account screens of other issues stay isolated."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kamtui.store import Workspace
from sync_helpers import TODAY


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMTUI_WORKSPACES", str(tmp_path / "workspaces"))
    monkeypatch.setenv("KAMTUI_USER", "tester")


@pytest.fixture(autouse=True)
def _isolated_registry(isolated_screens: dict) -> dict:
    return isolated_screens


@pytest.fixture
def demo_path(tmp_path: Path, demo_template: Path) -> Path:
    folder = tmp_path / "ws"
    folder.mkdir()
    path = folder / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def open_ws(demo_path: Path):
    """open_ws(read_only=False) -> a new connection to the test's demo file (closed after)."""
    opened: list[Workspace] = []

    def open_(read_only: bool = False) -> Workspace:
        ws = Workspace.open(demo_path, read_only=read_only, verify=False)
        opened.append(ws)
        return ws

    yield open_
    for ws in opened:
        ws.close()


@pytest.fixture
def make() -> Callable:
    """make(ws, lang="en", user="anna") -> the app as the CLI builds it, today fixed."""
    from kamtui.ui.app import make_app

    def build(ws, lang: str = "en", user: str = "anna"):
        return make_app(ws, today=TODAY, lang=lang, user=user)  # type: ignore[arg-type]

    return build
