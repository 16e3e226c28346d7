"""Damaging a workspace the way a failing disk would: one index's root page overwritten with a
page header SQLite cannot read. The file stays a SQLite file with kamtui's application id, so
only the quick_check (or a read of that index) finds the damage."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def corrupt(path: Path, index: str = "competitor_account", *, checkpoint: bool = False) -> None:
    """`checkpoint`: move a WAL's pages into the file first, so the damage is not hidden by a
    newer copy of the page in the -wal."""
    conn = sqlite3.connect(path)
    if checkpoint:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = dict(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE type = 'index'"))[index]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\x0d\x00\x00\x00\x00\xff\xff\xff" * 4)
