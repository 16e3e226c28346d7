"""Copies of a live workspace through SQLite's backup API (never a file copy)."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from kamtui.errors import WorkspaceError

_STAMP = re.compile(r"\.(backup|pre-v\d+|pre-import|replaced)-(\d{8}-\d{6}-\d{6})\.")


def is_backup_name(name: str) -> bool:
    return _STAMP.search(name) is not None


def backup_path(workspace: Path, label: str = "backup", folder: Path | None = None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    name = f"{workspace.stem}.{label}-{stamp}{workspace.suffix or '.sqlite'}"
    return (folder or workspace.parent) / name


def backups_of(workspace: Path, folder: Path | None = None) -> list[Path]:
    """Backups of a workspace next to it, newest first."""
    folder = folder or workspace.parent
    found = []
    for p in folder.glob(f"{workspace.stem}.*{workspace.suffix or '.sqlite'}"):
        m = _STAMP.search(p.name)
        if m and p.name.startswith(workspace.stem + "."):
            found.append((m.group(2), p))
    return [p for _, p in sorted(found, reverse=True)]


def verify(path: Path) -> str:
    """`ok`, or what integrity_check found (a file that is no database says so)."""
    try:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA integrity_check(1)").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)


def newest_verified(workspace: Path) -> Path | None:
    return next((p for p in backups_of(workspace) if verify(p) == "ok"), None)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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
        _fsync(dest)
        return dest
    except sqlite3.DatabaseError as exc:
        dest.unlink(missing_ok=True)
        raise WorkspaceError(f"Could not back up {workspace}: {exc}.") from None
    finally:
        src.close()


def rotate(workspace: Path, keep: int, folder: Path | None = None, label: str = "backup") -> list[Path]:
    """Delete all but the newest `keep` backups of one kind; returns the deleted paths."""
    plain = [p for p in backups_of(workspace, folder) if f".{label}-" in p.name]
    doomed = plain[keep:]
    for p in doomed:
        p.unlink(missing_ok=True)
    return doomed


def restore_into(workspace: Path, backup: Path, keep_as: Path) -> None:
    """Replace the workspace's content with the backup's, keeping the old content as `keep_as`.

    Refuses while another connection has the workspace open: leaving WAL mode needs
    exclusive access, so a failure to do so means someone else is using it. The content
    moves through the backup API; no live file is copied, moved or deleted.
    """
    check = verify(backup)
    if check != "ok":
        raise WorkspaceError(f"{backup} is not a sound backup ({check}): choose another.")
    if verify(workspace) != "ok":
        _restore_damaged(workspace, backup, keep_as)
        return
    conn = sqlite3.connect(str(workspace), isolation_level=None, timeout=0)
    try:
        try:
            mode = conn.execute("PRAGMA journal_mode = delete").fetchone()[0]
            conn.execute("PRAGMA locking_mode = exclusive")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")  # takes and (in exclusive locking mode) keeps the lock
        except sqlite3.OperationalError:
            mode = None
        if mode != "delete":
            raise WorkspaceError(
                f"{workspace} is open in another kamtui (or process): close it there, then restore."
            )
        fd = os.open(keep_as, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        kept = sqlite3.connect(str(keep_as))
        try:
            conn.backup(kept)
        finally:
            kept.close()
        os.chmod(keep_as, os.stat(workspace).st_mode & 0o7777)
        _fsync(keep_as)
        src = sqlite3.connect(f"file:{backup.resolve()}?mode=ro", uri=True)
        try:
            src.backup(conn)
        finally:
            src.close()
        conn.execute("PRAGMA locking_mode = normal")
        conn.execute("PRAGMA journal_mode = wal")
    finally:
        conn.close()


def _restore_damaged(workspace: Path, backup: Path, keep_as: Path) -> None:
    """A damaged file cannot be read through SQLite: set it (and its journals) aside by
    renaming, then write the backup's content into a new file at the workspace's path."""
    mode = os.stat(workspace).st_mode & 0o7777
    os.rename(workspace, keep_as)
    for suffix in ("-wal", "-shm", "-journal"):
        side = Path(f"{workspace}{suffix}")
        if side.exists():
            os.rename(side, Path(f"{keep_as}{suffix}"))
    fd = os.open(workspace, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
    os.close(fd)
    os.chmod(workspace, mode)
    src = sqlite3.connect(f"file:{backup.resolve()}?mode=ro", uri=True)
    out = sqlite3.connect(str(workspace), isolation_level=None)
    try:
        src.backup(out)
        out.execute("PRAGMA journal_mode = wal")
    finally:
        out.close()
        src.close()
    _fsync(workspace)


def replace_with(workspace: Path, new_file: Path) -> None:
    """Put a freshly built, closed file in place of `workspace` (demo rebuilds).

    An existing workspace must not be in use (leaving WAL needs exclusive access) and its
    journals are folded in first; journals left by a workspace that no longer exists are
    stale and would be replayed into the new file, so they go.
    """
    if workspace.exists():
        conn = sqlite3.connect(str(workspace), isolation_level=None, timeout=0)
        try:
            try:
                mode = conn.execute("PRAGMA journal_mode = delete").fetchone()[0]
            except sqlite3.DatabaseError:
                mode = None
            if mode != "delete":
                raise WorkspaceError(f"{workspace} is open in another kamtui (or process): close it first.")
        finally:
            conn.close()
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{workspace}{suffix}").unlink(missing_ok=True)
    os.replace(new_file, workspace)
