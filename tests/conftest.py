"""Shared by every test folder: a private workspaces folder and a fixed user, per test."""

from __future__ import annotations

import pytest

import fileguard

fileguard.install()


@pytest.fixture(autouse=True)
def file_guard(request):
    """Fails a test in which Python code opened a workspace file (or its -wal/-shm) while a
    SQLite connection to it was open in this process (see tests/fileguard.py)."""
    guard = fileguard.GUARD
    guard.violations.clear()
    guard.active = request.node.get_closest_marker("raw_open") is None
    yield guard
    found, guard.active = list(guard.violations), True
    guard.violations.clear()
    assert not found, "raw open of a connected workspace file:\n" + "\n".join(found)


@pytest.fixture(autouse=True)
def env_setup(tmp_path_factory, monkeypatch):
    """Workspaces resolve into a fresh folder; audit entries name "tester"; the user's own
    config, data and cache folders are out of reach."""
    monkeypatch.setenv("KAMTUI_WORKSPACES", str(tmp_path_factory.mktemp("workspaces")))
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("KAMTUI_USER", "tester")
    monkeypatch.delenv("KAMTUI_WORKSPACE", raising=False)


@pytest.fixture
def ws(tmp_path):
    """A new, empty workspace of its own in this test's tmp_path."""
    from kamtui.store import Workspace

    workspace = Workspace.create(tmp_path / "ws.sqlite", team_name="Test team")
    yield workspace
    workspace.close()


# The demo workspace, built once per run: build_demo leaves a closed, self-contained file in WAL
# mode, so each test gets a private copy of it.
@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    from kamtui.services.demo import build_demo

    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    build_demo(path, "demo")
    return path


@pytest.fixture(scope="session")
def demo_file(demo_template):
    """The built demo file itself (closed): copy it, never open it in place."""
    return demo_template


@pytest.fixture
def demo_ws(tmp_path, demo_template):
    import shutil

    folder = tmp_path / "ws"
    folder.mkdir()
    path = folder / "demo.sqlite"
    shutil.copy(demo_template, path)
    from kamtui.store import Workspace

    opened = Workspace.open(path)
    yield opened
    opened.close()


@pytest.fixture
def empty_ws(tmp_path):
    folder = tmp_path / "ws"
    folder.mkdir(exist_ok=True)
    from kamtui.store import Workspace

    opened = Workspace.create(folder / "empty.sqlite", team_name="New team")
    yield opened
    opened.close()


@pytest.fixture
def make():
    """make(ws, lang="en", user="tester") -> the app as the CLI builds it, today fixed."""
    import datetime as dt

    from kamtui.ui.app import make_app

    def build(ws, lang="en", user="tester"):
        return make_app(ws, today=dt.date(2026, 11, 26), lang=lang, user=user)

    return build


@pytest.fixture
def isolated_screens(monkeypatch):
    """The account screens of keys 2/3/4 replaced by an empty table a test may fill with
    stand-ins, name -> factory (the UI folders use it for every test: the shell and portfolio
    alone); apps read the table as it is when a key is pressed."""
    from kamtui.ui.app import KamtuiApp

    screens: dict = {}
    monkeypatch.setattr(KamtuiApp, "ACCOUNT_SCREENS", screens)
    return screens
