"""The benchmark generator: deterministic, the documented sizes, a sound finished file."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from kamtui.services.demo import build_demo
from kamtui.services.generator import SIZES
from kamtui.services.report import as_json
from kamtui.store import Workspace
from kamtui.store import accounts as store_accounts
from kamtui.store.migrations import SCHEMA_VERSION

TODAY = dt.date(2026, 11, 26)


def _portfolio_json(path) -> str:
    ws = Workspace.open(path, read_only=True)
    try:
        return json.dumps([as_json(r) for r in store_accounts.portfolio(ws.db, TODAY)], ensure_ascii=False)
    finally:
        ws.close()


def _table_digest(path) -> dict[str, list]:
    """Every row of the data tables (not audit/settings, which carry the build's clock)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = {}
    for table in ("team_member", "account", "competitor", "department", "person", "assessment",
                  "layer_target", "activity", "account_summary"):
        out[table] = conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
    conn.close()
    return out


def test_documented_sizes():
    assert (SIZES["small"].accounts, SIZES["small"].people, SIZES["small"].activities) == (50, 2_000, 10_000)
    assert (SIZES["large"].accounts, SIZES["large"].people, SIZES["large"].activities) == (500, 20_000, 100_000)
    assert (SIZES["xl"].accounts, SIZES["xl"].people, SIZES["xl"].activities) == (5_000, 200_000, 1_000_000)


def test_small_is_deterministic_and_has_its_sizes(tmp_path):
    a, b = tmp_path / "a" / "small.sqlite", tmp_path / "b" / "small.sqlite"
    for p in (a, b):
        p.parent.mkdir()
        build_demo(p, "small")
    assert _portfolio_json(a) == _portfolio_json(b)
    assert _table_digest(a) == _table_digest(b)

    conn = sqlite3.connect(f"file:{a}?mode=ro", uri=True)
    count = lambda t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: E731
    assert count("account") == 50
    assert count("person") == 2_000
    assert count("activity") == 10_000
    assert count("account_summary") == 50  # the portfolio is ready without recomputation
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()
    rows = json.loads(_portfolio_json(a))
    assert len(rows) == 50
    assert all(r["last_assessed"] for r in rows)


def test_build_leaves_only_the_workspace(tmp_path):
    """Built under a temporary name and moved into place: nothing else is left in the folder."""
    build_demo(tmp_path / "demo.sqlite", "demo")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite"]


def test_an_interrupted_build_leaves_no_workspace(tmp_path, monkeypatch):
    import kamtui.services.generator as generator

    def interrupted(ctx, size, *args, **kwargs):
        raise KeyboardInterrupt  # Ctrl-C half-way through a large build

    monkeypatch.setattr(generator, "generate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_demo(tmp_path / "large.sqlite", "large")
    assert not (tmp_path / "large.sqlite").exists()


def test_an_interrupted_build_leaves_nothing_behind(tmp_path, monkeypatch):
    import kamtui.services.generator as generator

    def interrupted(ctx, size, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(generator, "generate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_demo(tmp_path / "large.sqlite", "large")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.raw_open  # copies a live -wal, as a crash leaves it
def test_a_stale_wal_is_not_replayed_into_a_new_demo(tmp_path):
    """Journals of a deleted workspace must not leak into the one built in its place."""
    import sqlite3

    from kamtui.services.demo import build_demo

    path = tmp_path / "demo.sqlite"
    build_demo(path, "demo")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE account SET name = 'STALE' WHERE rowid = 1")
    stale_wal = (tmp_path / "demo.sqlite-wal").read_bytes()
    conn.close()  # closing checkpoints; put the un-checkpointed WAL back as a crash leaves it
    path.unlink()
    (tmp_path / "demo.sqlite-wal").write_bytes(stale_wal)
    build_demo(path, "demo")
    names = [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM account")]
    assert "STALE" not in names and len(names) == 4


def test_rebuild_refuses_a_workspace_in_use(tmp_path):
    import sqlite3

    import pytest

    from kamtui.errors import WorkspaceError
    from kamtui.services.demo import build_demo

    path = tmp_path / "demo.sqlite"
    build_demo(path, "demo")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = wal")
    holder.execute("SELECT count(*) FROM account").fetchone()
    with pytest.raises(WorkspaceError, match="open in another"):
        build_demo(path, "demo")
    holder.close()
    assert not list(tmp_path.glob(".demo.sqlite.building-*"))
