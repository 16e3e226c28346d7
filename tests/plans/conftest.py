"""Plan files: an empty workspace, table dumps (the demo workspace comes from tests/conftest.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kamtui.services.context import Context
from kamtui.store import Workspace

_HERE = str(Path(__file__).parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

TODAY_ISO = "2026-11-26"


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


def dump(ws: Workspace) -> dict[str, list[tuple]]:
    """Every row of every table (audit and summaries included), to prove nothing was written."""
    names = [r[0] for r in ws.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'search_%' ORDER BY name")]
    return {n: ws.db.execute(f"SELECT * FROM [{n}] ORDER BY rowid").fetchall() for n in names}
