"""After a window has gone: is its process gone, is its workspace free and whole? (hang-up tests)"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

EXIT_WITHIN = 2.0  # seconds from the terminal's end to the window's end (issue 13, part D)


def running(pid: int) -> bool:
    """Still running: a zombie has ended (no CPU, no open file) and only waits to be reaped."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def seconds_until_gone(pid: int, limit: float = 10.0) -> float:
    """How long `pid` ran on from now (`limit` if it had not ended by then)."""
    start = time.monotonic()
    while running(pid) and time.monotonic() - start < limit:
        time.sleep(0.02)
    return time.monotonic() - start


def holders(db: Path) -> dict[int, list[str]]:
    """Every process with the workspace, its -wal or its -shm open (the links in /proc/*/fd
    are read, never the files: no descriptor on the workspace is opened here)."""
    names = {str(db.resolve()) + suffix for suffix in ("", "-wal", "-shm")}
    found: dict[int, list[str]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fds = os.listdir(f"/proc/{entry.name}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink(f"/proc/{entry.name}/fd/{fd}")
            except OSError:
                continue
            if target.removesuffix(" (deleted)") in names:
                found.setdefault(int(entry.name), []).append(target)
    return found


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def assert_released_and_whole(db: Path) -> None:
    """No process holds the workspace; another one opens it for writing, writes, and SQLite
    finds it whole."""
    from kamtui.services import accounts
    from kamtui.services.context import Context
    from kamtui.store import Workspace

    assert holders(db) == {}
    ws = Workspace.open(db)
    try:
        assert not ws.read_only
        accounts.create(Context(ws, today=dt.date(2026, 11, 26), user="after"), {"name": "Written after the hang-up"})
        names = [row[0] for row in ws.db.execute("SELECT name FROM account")]
        assert "Written after the hang-up" in names
        assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        ws.close()
