"""Copies of a live workspace through SQLite's backup API (never a file copy).

A backup is written under a temporary name in its folder (`.<final name>.partial-…`, which
no backup pattern matches and no listing shows), verified, flushed to disk and only then
renamed to its final name: whatever kills the process, a file under a backup's name is a
whole, verified workspace. Temporary files of killed backups are removed by the next backup
into the same folder (see `remove_stale_partials`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
import socket
import sqlite3
import time
from pathlib import Path

from kamtui.errors import WorkspaceError
from kamtui.messages import Message
from kamtui.store.fileinfo import APPLICATION_ID, sqlite_uri

_LABELS = r"backup|pre-v\d+|pre-import|replaced"
# the final name of a backup: `<stem>.<label>-<stamp><suffix>`, nothing after the suffix
_STAMP = re.compile(rf"\.({_LABELS})-(\d{{8}}-\d{{6}}-\d{{6}})\.[^.]+$")
# a backup being written (or left by a killed one), and its journal
_PARTIAL = re.compile(r"^\..+\.partial-(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[0-9a-f]{8}(-journal)?$")
_HOST = hashlib.sha1(socket.gethostname().encode()).hexdigest()[:8]
STALE_AFTER = 3600  # seconds without a write after which another machine's partial is dead


def is_backup_name(name: str) -> bool:
    return not name.startswith(".") and _STAMP.search(name) is not None


def backup_path(workspace: Path, label: str = "backup", folder: Path | None = None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    name = f"{workspace.stem}.{label}-{stamp}{workspace.suffix or '.sqlite'}"
    return (folder or workspace.parent) / name


def backups_of(workspace: Path, folder: Path | None = None) -> list[Path]:
    """Backups of a workspace next to it, newest first (never a partial one)."""
    folder = folder or workspace.parent
    found = []
    for p in folder.glob(f"{workspace.stem}.*{workspace.suffix or '.sqlite'}"):
        m = _STAMP.search(p.name)
        if m and is_backup_name(p.name) and p.name.startswith(workspace.stem + "."):
            found.append((m.group(2), p))
    return [p for _, p in sorted(found, reverse=True)]


def verify(path: Path) -> str:
    """`ok`, or what is wrong: integrity_check's finding, or that it is no kamtui workspace
    (an empty or half-written file passes integrity_check)."""
    try:
        conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
        try:
            found = conn.execute("PRAGMA integrity_check(1)").fetchone()[0]
            if found != "ok":
                return found
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return NOT_KAMTUI
            if conn.execute("PRAGMA user_version").fetchone()[0] < 1:
                return NO_SCHEMA
            return "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)


NOT_KAMTUI, NO_SCHEMA = "not a kamtui workspace", "no schema"


def finding(check: str) -> Message | str:
    """What verify() found, worded (SQLite's own findings stay as SQLite says them)."""
    return {NOT_KAMTUI: Message("backup.finding.not_kamtui"), NO_SCHEMA: Message("backup.finding.no_schema")}.get(
        check, check)


def newest_verified(workspace: Path) -> Path | None:
    return next((p for p in backups_of(workspace) if verify(p) == "ok"), None)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _partial_name(final: Path) -> Path:
    return final.with_name(f".{final.name}.partial-{_HOST}-{os.getpid()}-{secrets.token_hex(4)}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_stale_partials(folder: Path) -> list[Path]:
    """Remove what killed backups left in `folder`: a partial (and its journal) is stale when
    it was made on this machine by a process that is gone, or when nothing has written it
    for STALE_AFTER (another machine's on a shared folder, or a pid used again)."""
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _PARTIAL.match(entry.name)
        if not m:
            continue
        try:
            idle = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        gone = m["host"] == _HOST and int(m["pid"]) != os.getpid() and not _alive(int(m["pid"]))
        if gone or idle > STALE_AFTER:
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    return removed


def _write_aside(source: sqlite3.Connection, final: Path, mode: int) -> Path:
    """The content of `source` in a verified, flushed partial file next to `final`."""
    tmp = _partial_name(final)
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        out = sqlite3.connect(str(tmp))
        try:
            source.backup(out)
            out.execute("PRAGMA journal_mode = delete")  # a self-contained file: no -wal to carry
        finally:
            out.close()
        check = verify(tmp)
        if check != "ok":
            raise WorkspaceError("backup.copy_failed_check", path=final, check=finding(check))
        os.chmod(tmp, mode)
        _fsync(tmp)
        return tmp
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: Path) -> None:
    for leftover in (tmp, Path(f"{tmp}-journal")):
        leftover.unlink(missing_ok=True)


def _put_in_place(tmp: Path, final: Path) -> Path:
    try:
        if os.path.lexists(final):
            raise WorkspaceError("backup.exists", path=final)
        os.rename(tmp, final)
    except BaseException:
        _discard(tmp)
        raise
    _sync_folder(final.parent)
    return final


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot flush a folder
        pass
    finally:
        os.close(fd)


_NO_SHM = {"SQLITE_CANTOPEN", "SQLITE_READONLY_DIRECTORY", "SQLITE_READONLY_CANTINIT"}


def _read_connection(workspace: Path) -> sqlite3.Connection:
    """A read-only connection to a workspace. In a folder we may not write, a WAL file whose
    -shm is gone cannot be opened so; with no -wal content either (nobody is writing it
    through WAL) the main file is all there is, and it is read as immutable."""
    conn = sqlite3.connect(sqlite_uri(workspace, mode="ro"), uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        wal = Path(f"{workspace}-wal")
        if getattr(exc, "sqlite_errorname", "") not in _NO_SHM or (wal.exists() and wal.stat().st_size > 0):
            raise
    return sqlite3.connect(sqlite_uri(workspace, mode="ro", immutable="1"), uri=True)


def backup_to(workspace: Path, dest: Path) -> Path:
    """Back up through a separate read connection: written aside, verified, flushed, given
    the source's permission bits, then renamed to `dest`."""
    remove_stale_partials(dest.parent)
    try:
        src = _read_connection(workspace)
        try:
            tmp = _write_aside(src, dest, os.stat(workspace).st_mode & 0o7777)
        finally:
            src.close()
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError("backup.failed", path=workspace, why=str(exc)) from None
    return _put_in_place(tmp, dest)


def is_whole(path: Path) -> bool:
    """Cheaply, whether a file under a backup's name is a finished backup: no journal of an
    unfinished write beside it, and a kamtui workspace header (a partial of an older kamtui,
    which wrote under the final name, has a hot journal or no header)."""
    if os.path.lexists(f"{path}-journal"):
        return False
    try:
        conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
        try:
            return (conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
                    and conn.execute("PRAGMA user_version").fetchone()[0] >= 1)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def rotate(workspace: Path, keep: int, folder: Path | None = None, label: str = "backup") -> list[Path]:
    """Keep the newest `keep` whole backups of one kind; delete older ones, and any
    unfinished one (with its journal); returns the deleted paths."""
    plain = [p for p in backups_of(workspace, folder) if f".{label}-" in p.name]
    whole = [p for p in plain if is_whole(p)]
    doomed = whole[keep:] + [p for p in plain if p not in whole]
    for p in doomed:
        _discard(p)
    return doomed


def restore_into(workspace: Path, backup: Path, keep_as: Path) -> None:
    """Replace the workspace's content with the backup's, keeping the old content as `keep_as`.

    Refuses while another connection has the workspace open: leaving WAL mode needs
    exclusive access, so a failure to do so means someone else is using it. The content
    moves through the backup API; no live file is copied, moved or deleted.
    """
    check = verify(backup)
    if check != "ok":
        raise WorkspaceError("backup.not_sound", path=backup, check=finding(check))
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
            raise WorkspaceError("workspace.open_elsewhere_restore", path=workspace)
        _put_in_place(_write_aside(conn, keep_as, os.stat(workspace).st_mode & 0o7777), keep_as)
        src = sqlite3.connect(sqlite_uri(backup, mode="ro"), uri=True)
        try:
            src.backup(conn)
        finally:
            src.close()
        conn.execute("PRAGMA locking_mode = normal")
        conn.execute("PRAGMA journal_mode = wal")
    finally:
        conn.close()


def _restore_damaged(workspace: Path, backup: Path, keep_as: Path) -> None:
    """A damaged file cannot be read through SQLite: the backup's content is written aside
    first, then the damaged file (and its journals) is set aside by renaming and the new one
    renamed into its place."""
    mode = os.stat(workspace).st_mode & 0o7777
    src = sqlite3.connect(sqlite_uri(backup, mode="ro"), uri=True)
    try:
        fresh = _write_aside(src, workspace, mode)
    finally:
        src.close()
    try:
        os.rename(workspace, keep_as)
        for suffix in ("-wal", "-shm", "-journal"):
            side = Path(f"{workspace}{suffix}")
            if side.exists():
                os.rename(side, Path(f"{keep_as}{suffix}"))
    except BaseException:
        _discard(fresh)
        raise
    _put_in_place(fresh, workspace)


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
                raise WorkspaceError("workspace.open_elsewhere", path=workspace)
        finally:
            conn.close()
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{workspace}{suffix}").unlink(missing_ok=True)
    os.replace(new_file, workspace)
