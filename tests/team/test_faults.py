"""A save that hits a full disk rolls back whole and leaves the workspace usable."""

from __future__ import annotations

import datetime as dt

import pytest

from kamtui.errors import WorkspaceError
from kamtui.services import accounts
from kamtui.services.context import Context
from kamtui.store import Workspace


def test_disk_full_rolls_back_and_keeps_working(tmp_path):
    ws = Workspace.create(tmp_path / "full.sqlite", team_name="Full")
    ctx = Context(ws, today=dt.date(2026, 11, 26), user="tester")
    accounts.create(ctx, {"name": "Before"})
    pages = ws.db.execute("PRAGMA page_count").fetchone()[0]
    # SQLITE_FULL exactly as a full disk reports it: no page may be added
    ws.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(WorkspaceError, match="full"):
        accounts.create(ctx, {"name": "X" * 200, "strategy_notes": "n" * 10_000})
    assert not ws.db.conn.in_transaction
    names = [a.name for a in accounts.portfolio(ctx)]
    assert names == ["Before"]
    audits = ws.db.execute("SELECT count(*) FROM audit WHERE entity = 'account'").fetchone()[0]
    assert audits == 1
    ws.db.execute("PRAGMA max_page_count = 1073741823")
    accounts.create(ctx, {"name": "After"})
    assert [a.name for a in accounts.portfolio(ctx)] == ["After", "Before"]
    assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
