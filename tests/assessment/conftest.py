"""The demo workspace per test (built once, copied while closed) and an app around the wizard."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

from kamtui.services.context import Context
from kamtui.services.demo import build_demo
from kamtui.store import Workspace

_HERE = str(Path(__file__).parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """Built once; build_demo leaves a closed file in rollback-journal mode, safe to copy."""
    path = tmp_path_factory.mktemp("demo-build") / "demo.sqlite"
    build_demo(path, "demo")
    return path


@pytest.fixture
def demo_ws(demo_file, tmp_path):
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    ws = Workspace.open(path)
    yield ws
    ws.close()


@pytest.fixture
def ctx(demo_ws) -> Context:
    return Context(demo_ws, today=dt.date(2026, 11, 26), user="tester")
