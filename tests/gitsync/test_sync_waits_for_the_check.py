"""A sync makes its plan files while the workspace's quick_check runs (issue 18, point 8: the
check reads the whole file and was the longest wait of a sync of one changed account), but
writes nothing, in the clone or the workspace, before the check has passed."""

from __future__ import annotations

import pytest

from sites import git, two_sites

from kamtui.errors import WorkspaceError
from kamtui.services import gitsync
from kamtui.services.context import Context
from kamtui.store import Workspace
from kamtui.store.sync_base import option

DAMAGE = "*** in database main ***\nPage 12: btreeInitPage() returns error code 11"


def _changed_account(site) -> str:
    account = site.account("Harbourline")
    site.update(account, industry="Banking, changed before a check that fails")
    return account.id


def _bases(ws: Workspace) -> list:
    return ws.conn.execute("SELECT kind, key, data FROM sync_base ORDER BY kind, key").fetchall()


def test_a_failed_check_leaves_clone_and_workspace_as_they_were(tmp_path, demo_file, monkeypatch):
    a, _b, _ = two_sites(tmp_path, demo_file)
    account_id = _changed_account(a)
    head = git(a.clone, "rev-parse", "HEAD").strip()
    before = {p.name: p.read_bytes() for p in a.clone.glob("*.toml")}
    monkeypatch.setattr("kamtui.services.workspaces.integrity", lambda ws: DAMAGE)
    ws = Workspace.open(a.workspace, verify=False)
    try:
        bases_before, audit_before = _bases(ws), option(ws.conn, "sync_audit")
        with pytest.raises(WorkspaceError) as raised:
            gitsync.sync(Context(ws, user="alice"), a.clone)
        assert "damaged" in raised.value.message("en")
        assert _bases(ws) == bases_before and option(ws.conn, "sync_audit") == audit_before
    finally:
        ws.close()
    assert git(a.clone, "status", "--porcelain") == ""
    assert git(a.clone, "rev-parse", "HEAD").strip() == head
    assert {p.name: p.read_bytes() for p in a.clone.glob("*.toml")} == before
    # the same sync, with the check passing, exports the account as before
    done = a.sync()
    assert done.returncode == 0, done.stderr
    changed = git(a.clone, "show", "--name-only", "--format=", "HEAD").split()
    assert [n for n in changed if account_id in n] and "changed before a check" in next(
        (a.clone / n).read_text(encoding="utf-8") for n in changed if account_id in n)
