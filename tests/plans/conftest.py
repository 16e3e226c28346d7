"""Plan files: an empty workspace (the demo workspace comes from tests/conftest.py; table dumps
from plans_helpers)."""

from __future__ import annotations

import pytest

from kamtui.services.context import Context
from kamtui.store import Workspace


@pytest.fixture
def empty_ws(tmp_path):
    ws = Workspace.create(tmp_path / "empty.sqlite", team_name="Empty team")
    yield ws
    ws.close()


@pytest.fixture
def ctx_of():
    import datetime as dt

    def make(ws: Workspace) -> Context:
        return Context(ws, today=dt.date(2026, 11, 26), user="tester")
    return make
