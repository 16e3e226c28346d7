"""Cached figures carry the rules' version: a workspace whose figures other rules made is
recomputed when opened (in one write transaction; privately when it may only be read)."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from kamtui.domain.rules import summary as rules_summary
from kamtui.domain.rules import version as rules_version
from kamtui.services import accounts
from kamtui.services.context import Context
from kamtui.services.overview import overview
from kamtui.services.workspaces import open_workspace
from kamtui.store.accounts import stale_accounts


@pytest.fixture
def demo_copy(tmp_path, demo_template):
    path = tmp_path / "team.sqlite"
    shutil.copy(demo_template, path)
    return path


def _figures(ws):
    ctx = Context(ws)
    rows = accounts.portfolio(ctx)
    return {r.id: (r.state.key_index, overview(ctx, r.id).figures) for r in rows}


def _new_rules(monkeypatch):
    """A release that halves the key index, and says so with a new rules version."""
    original = rules_summary.key_index
    monkeypatch.setattr(rules_summary, "key_index",
                        lambda people: None if original(people) is None else original(people) / 2)
    monkeypatch.setattr(rules_version, "RULES_VERSION", rules_version.RULES_VERSION + 1)


def test_figures_made_by_other_rules_are_recomputed_when_opened(demo_copy, monkeypatch):
    ws, _ = open_workspace(demo_copy)
    before = {i: k for i, (k, _) in _figures(ws).items()}
    ws.close()
    _new_rules(monkeypatch)
    seen = []
    ws, _ = open_workspace(demo_copy, progress=lambda done, total: seen.append((done, total)))
    try:
        after = _figures(ws)
        assert seen[-1] == (len(after), len(after))
        for account_id, (cached, figs) in after.items():
            # the portfolio (cache) and the overview (computed now) agree, under the new rule
            assert cached == (figs.key_index if figs else None)
            if before[account_id] is not None:
                assert cached == pytest.approx(before[account_id] / 2)
        assert stale_accounts(ws.conn) == []
    finally:
        ws.close()
    ws, _ = open_workspace(demo_copy)  # nothing left to do the second time
    try:
        assert stale_accounts(ws.conn) == []
    finally:
        ws.close()


def test_one_write_transaction_recomputes_them_all(demo_copy, monkeypatch):
    _new_rules(monkeypatch)
    from kamtui.store import writes

    began = []
    real = writes._begin_immediate
    monkeypatch.setattr(writes, "_begin_immediate", lambda ws: (began.append(1), real(ws))[1])
    ws, _ = open_workspace(demo_copy)
    ws.close()
    assert began == [1]


def test_a_read_only_open_shows_current_figures_and_writes_nothing(demo_copy, monkeypatch):
    """A file this user may not write (faked: root writes anyway)."""
    from kamtui.store import fileinfo

    _new_rules(monkeypatch)
    digest = hashlib.sha256(demo_copy.read_bytes()).hexdigest()
    monkeypatch.setattr(fileinfo, "writable", lambda path: False)
    ws, _ = open_workspace(demo_copy, read_only=True)
    try:
        for cached, figs in _figures(ws).values():
            assert cached == (figs.key_index if figs else None)
        assert ws.read_view() is ws  # a second connection would not see the private copy
    finally:
        ws.close()
    assert hashlib.sha256(demo_copy.read_bytes()).hexdigest() == digest
    monkeypatch.undo()
    _new_rules(monkeypatch)
    ws, _ = open_workspace(demo_copy)  # the next writable open stores them
    try:
        assert stale_accounts(ws.conn) == []
    finally:
        ws.close()


def test_a_report_asked_read_only_of_a_writable_file_stores_them_once(demo_copy, monkeypatch):
    """`kamtui report` opens read-only: on a file it may write, the recomputed figures are
    stored (once), not recomputed privately at every report."""
    _new_rules(monkeypatch)
    ws, _ = open_workspace(demo_copy, read_only=True)
    try:
        assert ws.read_view() is not ws  # nothing private: the figures are in the file
        assert stale_accounts(ws.conn) == []
    finally:
        ws.close()
