"""The demo workspace, built once per module and copied per test (a closed file: safe to copy)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    from kamtui.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(path, "demo")
    return path


@pytest.fixture
def demo_ws(demo_file, tmp_path):
    from kamtui.store import Workspace

    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    ws = Workspace.open(path)
    yield ws
    ws.close()


