"""A workspace file's quick_check in a thread, on its own read-only connection, started from
the file's path alone: `kamtui sync` starts it in its first lines, before the workspace is
opened and before the sync's code is loaded, so that the check (which reads the whole file,
the longest of a sync's waits) runs beside all of that. The sync writes nothing to the
workspace, and pushes nothing, before it has passed (docs/trust.md)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from kamtui.store.fileinfo import sqlite_uri


class BackgroundCheck:
    """`wait()` answers "ok", what the check found, or None when it could not run here (no
    read-only connection to the file: the caller checks on its own connection instead)."""

    def __init__(self, path: Path):
        self.path = path
        self.found: str | None = None
        self._cancelled = False
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="kamtui-quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(sqlite_uri(self.path, mode="ro"), uri=True, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error:
            return
        with self._lock:
            if self._cancelled:
                conn.close()
                return
            self._conn = conn
        try:
            # No progress handler: it would take the GIL every so many steps, and wait for it
            # each time the sync's own thread runs Python meanwhile (a check 20-40 % longer
            # beside the export's work, measured); `cancel` interrupts instead.
            self.found = conn.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.OperationalError:  # locked, interrupted, cannot read: not an answer
            self.found = None
        except sqlite3.DatabaseError as exc:  # malformed, not a database: what it found
            self.found = str(exc) or type(exc).__name__
        finally:
            with self._lock:
                self._conn = None
            conn.close()

    def wait(self) -> str | None:
        self._thread.join()
        return self.found

    def cancel(self) -> None:
        """Called off (from any thread): the sync ended without writing."""
        with self._lock:
            self._cancelled = True
        # An interrupt reaches only a statement already running (one sent while the thread is
        # between its connection and its statement is lost): sent again until the thread ends.
        while self._thread.is_alive():
            with self._lock:
                if self._conn is not None:
                    self._conn.interrupt()
            self._thread.join(0.002)
