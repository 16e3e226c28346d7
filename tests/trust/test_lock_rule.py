"""The trap of sqlite.org/howtocorrupt.html §2.2, with real processes: whatever a kamtui
process does beside its open connection, another process opening and closing the workspace
must not delete the -wal under it, and its later commits must reach everyone."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kamtui.domain.models import Account
from kamtui.services import backups
from kamtui.services import workspaces as workspaces_service
from kamtui.store import Workspace, write
from kamtui.store.file_checks import check_file

KAMTUI = [sys.executable, "-m", "kamtui"]

# What a process holding a connection does that used to read the file outside SQLite.
ACTIONS = {
    "check_file": lambda ws: check_file(ws.path),
    "second open": lambda ws: Workspace.open(ws.path, read_only=True, verify=False).close(),
    "integrity check": lambda ws: workspaces_service.integrity(ws),
    "read view": lambda ws: ws.read_view().conn.execute("SELECT count(*) FROM account").fetchone(),
    "backup": lambda ws: backups.backup(ws.path),
    "reopen": lambda ws: ws.reopen(),
}


def names_seen_by_another_process(path: Path) -> list[str]:
    code = textwrap.dedent(f"""
        import sqlite3
        c = sqlite3.connect({str(path)!r})
        print("\\n".join(r[0] for r in c.execute("SELECT name FROM account ORDER BY name")))
        c.close()
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


@pytest.mark.parametrize("action", list(ACTIONS))
def test_a_commit_after_any_in_process_read_reaches_other_processes(tmp_path, action):
    path = tmp_path / "team.sqlite"
    ws = Workspace.create(path)
    try:
        with write(ws) as tx:
            tx.insert(Account(name="Before"))
        ACTIONS[action](ws)
        wal = os.stat(f"{path}-wal").st_ino
        # another process opens and closes the workspace, as `kamtui check` does
        done = subprocess.run([*KAMTUI, "check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert os.stat(f"{path}-wal").st_ino == wal, "the -wal was deleted under the open connection"
        with write(ws) as tx:
            tx.insert(Account(name="After"))
        assert names_seen_by_another_process(path) == ["After", "Before"]
    finally:
        ws.close()
    assert names_seen_by_another_process(path) == ["After", "Before"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_the_guard_refuses_a_plain_open_beside_a_connection(tmp_path):
    """tests/fileguard.py, in a process of its own (here it is on for every test)."""
    code = textwrap.dedent(f"""
        import sqlite3, sys
        sys.path.insert(0, {str(Path(__file__).parents[1])!r})
        import fileguard
        guard = fileguard.install()
        p = {str(tmp_path / "g.sqlite")!r}
        open(p, "wb").close()            # no connection yet: allowed
        c = sqlite3.connect(p)
        c.execute("CREATE TABLE t(x)")
        for target in (p, p + "-journal"):
            try:
                open(target, "rb").close()
            except fileguard.RawOpenWhileConnected:
                print("refused", "journal" if target.endswith("-journal") else "db")
        c.close()
        open(p, "rb").close()            # closed again: allowed
        print(len(guard.violations))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["refused", "db", "refused", "journal", "2"]
