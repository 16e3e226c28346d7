"""SQLite connections to a workspace file: opening one, and letting go of a stale one safely."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from kamtui.store import fileinfo

_NO_CKPT_ON_CLOSE = 1006  # SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE (sqlite3.h, since 3.16)


def connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        uri = fileinfo.sqlite_uri(path, mode="ro")
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            # A WAL file in a read-only folder cannot get its -shm: read it as immutable.
            uri = fileinfo.sqlite_uri(path, mode="ro", immutable="1")
    else:
        uri = fileinfo.sqlite_uri(path, mode="rw")
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)


def abandon(conn: sqlite3.Connection, path: Path) -> None:
    """Close a connection whose files were deleted or replaced under it, without the
    checkpoint SQLite runs when the last connection to a file closes: that would copy this
    connection's stale pages into whatever file has the name now and then delete the live
    -wal by name. Where the checkpoint cannot be turned off, the connection is kept open
    until the process ends (its descriptors then close without one)."""
    if _checkpoint_off(conn, path):
        conn.close()
    else:
        _KEPT.append(conn)


_KEPT: list[sqlite3.Connection] = []


def _checkpoint_off(conn: sqlite3.Connection, path: Path) -> bool:
    setconfig = getattr(conn, "setconfig", None)  # Python 3.12+
    if setconfig is not None and hasattr(sqlite3, "SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE"):
        setconfig(sqlite3.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, True)
        return True
    if sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 11):
        return False
    try:
        return _checkpoint_off_311(conn, path)
    except (OSError, AttributeError, ValueError):
        return False


def _checkpoint_off_311(conn: sqlite3.Connection, path: Path) -> bool:
    """CPython 3.11 has no setconfig: reach sqlite3_db_config through ctypes. The handle is
    the first field after the object header of `pysqlite_Connection` (Modules/_sqlite/
    connection.h in 3.11); it is used only once sqlite3_db_filename, asked through it,
    names this connection's file."""
    import ctypes

    import _sqlite3

    lib = ctypes.CDLL(_sqlite3.__file__)
    handle = ctypes.c_void_p.from_address(id(conn) + object.__basicsize__).value
    if not handle:
        return False
    lib.sqlite3_db_filename.restype = ctypes.c_char_p
    lib.sqlite3_db_filename.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    name = lib.sqlite3_db_filename(handle, b"main")
    if not name or os.fsdecode(name) != os.path.realpath(path):
        return False
    lib.sqlite3_db_config.restype = ctypes.c_int
    result = ctypes.c_int(-1)
    rc = lib.sqlite3_db_config(ctypes.c_void_p(handle), ctypes.c_int(_NO_CKPT_ON_CLOSE),
                               ctypes.c_int(1), ctypes.byref(result))
    return rc == 0 and result.value == 1
