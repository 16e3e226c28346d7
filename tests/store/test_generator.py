"""The benchmark generator: deterministic, the documented sizes, a sound finished file."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from kamtui.services.demo import build_demo
from kamtui.services.generator import SIZES
from kamtui.services.report import as_json
from kamtui.store import Workspace, summary
from kamtui.store.migrations import SCHEMA_VERSION

TODAY = dt.date(2026, 11, 26)


def _portfolio_json(path) -> str:
    ws = Workspace.open(path, read_only=True)
    try:
        return json.dumps([as_json(r) for r in summary.portfolio(ws.db, TODAY)], ensure_ascii=False)
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
