"""Copies of a live workspace through SQLite's backup API (never a file copy)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from kamtui.errors import WorkspaceError


def backup_path(workspace: Path, label: str = "backup") -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return workspace.with_name(f"{workspace.stem}.{label}-{stamp}{workspace.suffix or '.sqlite'}")


def backup_to(workspace: Path, dest: Path) -> Path:
    """Back up through a separate read connection, fsync, verify, match the source's mode."""
    src = sqlite3.connect(f"file:{workspace.resolve()}?mode=ro", uri=True)
    try:
        fd = os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        out = sqlite3.connect(str(dest))
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode = delete")
            check = out.execute("PRAGMA integrity_check(1)").fetchone()[0]
        finally:
            out.close()
        if check != "ok":
            dest.unlink(missing_ok=True)
            raise WorkspaceError(f"The backup of {workspace} failed its integrity check: {check}.")
        os.chmod(dest, os.stat(workspace).st_mode & 0o7777)
        fd = os.open(dest, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        return dest
    finally:
        src.close()
