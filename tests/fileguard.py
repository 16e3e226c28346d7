"""A guard for the rule in kamtui/store/fileinfo.py: no code opens a workspace file, its
`-wal`, `-shm` or `-journal` outside SQLite while a connection to it is open in the process
(closing that descriptor would drop every POSIX lock the process holds on the file).

`sys.addaudithook` sees every Python-level `open` (built-in `open`, `os.open`, `Path.read_bytes`,
`shutil.copy`…) but not SQLite's own opens, which happen in C. The hook notes each database
`sqlite3.connect` names; when Python later opens one of those files (or a sidecar), it asks the
kernel whether the process still has the database open (a descriptor in /proc/self/fd that
points at it) and, if so, refuses the open with `RawOpenWhileConnected` and records it. The
test fixture in tests/conftest.py fails the test that did it. Linux only (as CI).

Installed once per process (audit hooks cannot be removed); `GUARD.active` turns the check off
for a test that breaks the rule on purpose (`@pytest.mark.raw_open`).
"""

from __future__ import annotations

import os
import sys
import threading
from urllib.parse import unquote, urlsplit

SIDECARS = ("", "-wal", "-shm", "-journal")


class RawOpenWhileConnected(RuntimeError):
    """Raised into the code that opened a workspace file with a connection to it open."""


def _database_path(database: object) -> str | None:
    if isinstance(database, bytes):
        database = os.fsdecode(database)
    if not isinstance(database, (str, os.PathLike)):
        return None
    text = os.fspath(database)
    if text in ("", ":memory:") or text.startswith("file::memory:"):
        return None
    if text.startswith("file:"):
        parts = urlsplit(text)
        if "mode=memory" in parts.query:
            return None
        text = unquote(parts.path)
    return os.path.realpath(text)


def _open_in_process(path: str) -> bool:
    """Does this process hold a descriptor on `path` (SQLite's, since Python's are audited)?"""
    try:
        fds = os.listdir("/proc/self/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target == path:
            return True
    return False


class FileGuard:
    def __init__(self) -> None:
        self.databases: set[str] = set()  # every file sqlite3.connect named in this process
        self.violations: list[str] = []
        self.active = True
        self._busy = threading.local()

    def hook(self, event: str, args: tuple) -> None:
        if event == "sqlite3.connect":
            path = _database_path(args[0])
            if path:
                self.databases.add(path)
        elif event == "open" and self.active and self.databases:
            self._check_open(args[0])

    def _check_open(self, target: object) -> None:
        if isinstance(target, int) or getattr(self._busy, "on", False):
            return
        if isinstance(target, bytes):
            target = os.fsdecode(target)
        if not isinstance(target, (str, os.PathLike)):
            return
        self._busy.on = True
        try:
            real = os.path.realpath(os.fspath(target))
            for suffix in SIDECARS:
                if suffix and not real.endswith(suffix):
                    continue
                db = real[: len(real) - len(suffix)] if suffix else real
                if db in self.databases and _open_in_process(db):
                    message = (f"{real} opened outside SQLite while this process has a "
                               f"connection to {db} open")
                    self.violations.append(message)
                    raise RawOpenWhileConnected(message)
        finally:
            self._busy.on = False


GUARD = FileGuard()


def install() -> FileGuard:
    if not getattr(sys, "_kamtui_file_guard", False):
        sys.addaudithook(GUARD.hook)
        sys._kamtui_file_guard = True  # type: ignore[attr-defined]
    return GUARD
