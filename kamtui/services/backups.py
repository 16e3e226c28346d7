"""Backups, restore and the change log of a workspace."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from kamtui.errors import WorkspaceError
from kamtui.paths import exists
from kamtui.store import backup as store_backup
from kamtui.store.file_checks import check_file
from kamtui.store.workspace import Workspace

DEFAULT_KEEP = 10


def backup(path: Path, dest: Path | None = None, keep: int = DEFAULT_KEEP) -> tuple[Path, list[Path]]:
    """Back up `path` (to DEST file or folder, else next to it); rotate plain backups there.

    Returns the backup and what was removed: old backups beyond the newest `keep`, and the
    unfinished files of killed backups (their names start with a dot: `is_unfinished`).
    """
    check_file(path)
    folder = None
    if dest is not None and exists(dest) and dest.is_dir():
        folder, dest = dest, store_backup.backup_path(path, folder=dest)
    target = dest or store_backup.backup_path(path)
    if exists(target):
        raise WorkspaceError("backup.exists", path=target)
    where = target.parent
    if not exists(where) or not where.is_dir():
        raise WorkspaceError("backup.no_folder", folder=where)
    if not os.access(where, os.W_OK | os.X_OK):
        if dest is None:
            raise WorkspaceError("backup.folder_not_writable", folder=where, path=path)
        raise WorkspaceError("backup.folder_not_writable_dest", folder=where)
    unfinished = store_backup.remove_stale_partials(where)
    made = store_backup.backup_to(path, target)
    rotated = store_backup.rotate(path, keep, folder or made.parent) if dest is None or folder else []
    return made, unfinished + rotated


def is_unfinished(path: Path) -> bool:
    """Whether a removed file was an interrupted backup's (not an old, whole one)."""
    return not store_backup.is_backup_name(path.name)


def check_restore(path: Path, from_backup: Path) -> None:
    """Raise what a restore of `from_backup` into `path` would refuse (no workspace there, a
    file that is no sound kamtui workspace): asked before the user is asked to confirm."""
    if not exists(path):
        raise WorkspaceError("workspace.none_at", path=path)
    check_file(from_backup)
    found = store_backup.verify(from_backup)
    if found != "ok":
        raise WorkspaceError("backup.not_sound", path=from_backup, check=store_backup.finding(found))


def restore(path: Path, from_backup: Path) -> Path:
    """Replace the workspace's content with a backup; returns where the old content was kept."""
    if not exists(path):
        raise WorkspaceError("workspace.none_at", path=path)
    check_file(from_backup)
    keep_as = store_backup.backup_path(path, "replaced")
    store_backup.restore_into(path, from_backup, keep_as)
    return keep_as


def newest_verified_backup(path: Path) -> Path | None:
    """The newest backup next to the workspace that passes SQLite's integrity check, if any
    (each candidate is read whole: call it off the interface's thread)."""
    return store_backup.newest_verified(Path(path))


def log(ws: Workspace, account_id: str | None = None, since: dt.date | None = None) -> list[dict]:
    from kamtui.store import audit

    return audit.entries(ws.conn, account_id, since.isoformat() if since else None)


def before_import(ws: Workspace, keep: int = DEFAULT_KEEP) -> Path | None:
    """The automatic backup taken before an import writes (none for an empty workspace)."""
    from kamtui.store import accounts

    if not accounts.account_ids(ws.conn):
        return None
    made = store_backup.backup_to(ws.path, store_backup.backup_path(ws.path, "pre-import"))
    store_backup.rotate(ws.path, keep, label="pre-import")
    return made
