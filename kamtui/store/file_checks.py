"""What a workspace file must be before kamtui opens it, and the one sentence for each way it
is not: missing, a folder, not SQLite, another program's, newer than this kamtui, damaged,
locked, read-only; and the sentences for a workspace on a network filesystem."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kamtui.errors import WorkspaceError
from kamtui.messages import Message, os_reason
from kamtui.store import fileinfo
from kamtui.store.version import SCHEMA_VERSION

SINGLE_WRITER = "single_writer"  # workspace_option: who said one machine alone writes, when
NETWORK_READ_ONLY = ("{path} is on a network filesystem ({fs}): opened read-only, because SQLite's "
                     "locks do not hold between machines there and two writers corrupt the file; "
                     "if only this machine ever writes to it, open it once with --single-writer.")
NETWORK_SINGLE_WRITER = ("{path} is on a network filesystem ({fs}): writable with the rollback journal "
                         "because {who} stated that only one machine writes to it.")


def single_writer(path: Path) -> str | None:
    """Who stated (and when) that one machine alone writes to the workspace at `path`: read
    through a short-lived read-only connection, before this process has one of its own."""
    from kamtui.store.sync_base import option

    try:
        conn = sqlite3.connect(fileinfo.sqlite_uri(path, mode="ro"), uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        return option(conn, SINGLE_WRITER)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def check_file(path: Path) -> fileinfo.Header:
    """Refuse anything that is not a kamtui workspace this program can open, reading only
    (through SQLite: see `fileinfo`)."""
    try:
        if not path.exists():
            raise WorkspaceError("workspace.missing", path=path)
        if path.is_dir():
            raise WorkspaceError("workspace.is_folder", path=path)
        header = fileinfo.read_header(path)
    except PermissionError:
        raise WorkspaceError("workspace.no_permission", path=path) from None
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError.saying(describe(path, exc)) from None
    except OSError as exc:
        raise WorkspaceError("workspace.cannot_read", path=path, why=os_reason(exc)) from None
    if header.size == 0:
        raise WorkspaceError("workspace.empty_file", path=path)
    if not header.is_sqlite:
        raise WorkspaceError("workspace.not_sqlite", path=path)
    if header.application_id != fileinfo.APPLICATION_ID:
        raise WorkspaceError("workspace.foreign", path=path)
    if header.user_version > SCHEMA_VERSION:
        raise WorkspaceError("workspace.newer", path=path, found=header.user_version, known=SCHEMA_VERSION)
    return header


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """Turn SQLite errors met while reading into the one-sentence WorkspaceError."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError.saying(describe(path, exc)) from None


def damaged_message(path: Path, detail: str) -> Message:
    """The one sentence for a damaged file, naming the newest backup that verifies."""
    from kamtui.store.backup import newest_verified

    detail = " ".join(detail.replace("*", "").split())
    good = newest_verified(path)
    if good:
        return Message("workspace.damaged", path=path, detail=detail, backup=good)
    return Message("workspace.damaged_no_backup", path=path, detail=detail)


def describe(path: Path, exc: sqlite3.DatabaseError) -> Message:
    msg = str(exc)
    if "locked" in msg or "busy" in msg:
        return Message("workspace.locked", path=path)
    if "malformed" in msg or "not a database" in msg or "corrupt" in msg:
        return damaged_message(path, msg)
    if "readonly" in msg or "read-only" in msg:
        return Message("workspace.read_only", path=path)
    if "unable to open" in msg:
        return Message("workspace.cannot_open", path=path)
    return Message("workspace.unusable", path=path, why=msg)
