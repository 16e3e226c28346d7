"""Opening a workspace file: checks before any write (file_checks.py says what is refused),
pragmas, forward migration, and noticing the file replaced under an open connection."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

from kamtui.errors import WorkspaceChangedError, WorkspaceError
from kamtui.messages import Message, os_reason
from kamtui.store import connections, fileinfo
from kamtui.store.file_checks import (
    NETWORK_READ_ONLY, NETWORK_SINGLE_WRITER, SINGLE_WRITER, check_file, damaged_message, describe, single_writer,
)
from kamtui.store.version import SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 5000


def _fold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value



class Workspace:
    """An open workspace file. Construct with `Workspace.open()` or `Workspace.create()`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool, network: bool):
        self.path = path
        self.conn = conn  # plain reads on the start path use this: sqlite-utils loads on demand
        self._db: Database | None = None
        self._view: Workspace | None = None
        self.read_only = read_only
        self.network = network
        # why it is read-only when nobody asked: "network" (a network filesystem without a
        # single-writer statement); and the sentences opening it gave (shown, never raised)
        self.read_only_reason = ""
        self.notes: list[str] = []
        self.last_backup: Path | None = None
        # quick_check has passed on this file: nothing writes to a file before it has
        # (the app opens without it and runs it after the first paint)
        self.verified = False
        self._identity: tuple = ()  # (dev, inode) of the file and its WAL files, at open
        self._watched: tuple[Path, ...] = ()
        # reads must stay on this connection (it holds private TEMP data, summary.shadow)
        self.private_reads = False

    # -- opening ---------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, verify: bool = True,
             single_writer_by: str | None = None, _creating: bool = False) -> "Workspace":
        """`single_writer_by`: a user states that only one machine writes to this workspace
        (remembered in it): on a network filesystem it then opens writable."""
        path = Path(path)
        check_file(path)
        asked_read_only = read_only
        read_only = read_only or not fileinfo.writable(path)
        network = fileinfo.is_network_fs(path)
        note, reason = "", ""
        if network:
            fs = fileinfo.filesystem_type(path) or "network"
            stated = None if read_only else (single_writer_by and f"{single_writer_by}") or single_writer(path)
            if stated is None and not read_only and not _creating:
                read_only, reason = True, "network"
                note = NETWORK_READ_ONLY.format(path=path, fs=fs)
            elif stated is not None:
                note = NETWORK_SINGLE_WRITER.format(path=path, fs=fs, who=stated.split(" ")[0])
        try:
            conn = connections.connect(path, read_only)
        except sqlite3.DatabaseError as exc:
            raise WorkspaceError.saying(describe(path, exc)) from None
        try:
            conn.create_function("kam_fold", 1, _fold, deterministic=True)
            ws = cls(path, conn, read_only, network)
            ws.read_only_reason = reason
            ws.notes = [note] if note else []
            ws.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # as sqlite-utils sets it (REPLACE fires delete triggers: the FTS index stays true),
            # from the start, whether or not sqlite-utils is ever loaded
            ws.conn.execute("PRAGMA recursive_triggers = on")
            if verify:
                ws._quick_check()
            ws._configure()
            actual = ws.schema_version  # the header can lag behind a WAL
            if actual > SCHEMA_VERSION:
                raise WorkspaceError("workspace.newer_schema", path=path, found=actual)
            if actual < SCHEMA_VERSION and read_only and asked_read_only and fileinfo.writable(path):
                ws.close()  # migrate through a writable open, then read as asked
                cls.open(path, verify=False).close()
                return cls.open(path, read_only=True, verify=False)
            if actual < SCHEMA_VERSION:
                if read_only:
                    raise WorkspaceError("workspace.upgrade_read_only", path=path)
                ws.ensure_verified()
                ws._migrate()
            ws.conn.execute("PRAGMA foreign_keys = ON")
            if not read_only:
                ws._identity = ws._files_identity()
            if network and single_writer_by and not read_only:
                ws._state_single_writer(single_writer_by)
            return ws
        except BaseException as exc:
            # a refused file is let go at once, not when the traceback is collected
            conn.close()
            if isinstance(exc, sqlite3.DatabaseError):
                raise WorkspaceError.saying(describe(path, exc)) from None
            raise

    @classmethod
    def create(cls, path: Path | str, *, team_name: str = "My team", shared: bool = False,
               single_writer_by: str | None = None, group: int | None = None) -> "Workspace":
        path = Path(path)
        if path.exists():
            raise WorkspaceError("workspace.exists", path=path)
        try:
            fileinfo.create_private_file(path, shared, group)
        except OSError as exc:
            raise WorkspaceError("workspace.cannot_create", path=path, why=os_reason(exc)) from None
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA application_id = {fileinfo.APPLICATION_ID}")
            conn.close()
            ws = cls.open(path, verify=False, single_writer_by=single_writer_by, _creating=True)
            from kamtui.store.writes import initial_settings

            ws.verified = True  # made just now, by this process
            initial_settings(ws, team_name)
            if ws.network and single_writer_by is None:  # the next open will be read-only: say so now
                fs = fileinfo.filesystem_type(path) or "network"
                ws.notes = [NETWORK_READ_ONLY.format(path=path, fs=fs)]
            return ws
        except BaseException:
            for leftover in (path, *(Path(f"{path}{s}") for s in ("-wal", "-shm", "-journal"))):
                leftover.unlink(missing_ok=True)
            raise

    def _state_single_writer(self, who: str) -> None:
        import datetime as dt

        from kamtui.store.sync_base import option, set_option
        from kamtui.store.writes import write

        if option(self.conn, SINGLE_WRITER) is None:
            with write(self, who=who) as tx:
                set_option(tx.db, SINGLE_WRITER, f"{who} {dt.date.today().isoformat()}")
                tx.audit("workspace", SINGLE_WRITER, None, "update", {SINGLE_WRITER: [None, who]})

    def _configure(self) -> None:
        db = self.conn
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not self.read_only:
            mode = "delete" if self.network else "wal"  # WAL needs shared memory: one machine
            current = db.execute("PRAGMA journal_mode").fetchone()[0]
            if current != mode:
                self.ensure_verified()  # the switch writes the header: never on a damaged file
                self._switch_journal(mode)
        db.execute("PRAGMA synchronous = FULL")

    def _switch_journal(self, mode: str) -> None:
        """The switch answers "locked" at once while another connection writes, whatever the
        busy timeout: retry until the timeout has passed."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                got = self.conn.execute(f"PRAGMA journal_mode = {mode}").fetchone()[0]
                if got == mode:
                    return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
            if time.monotonic() > deadline:
                raise WorkspaceError("workspace.locked", path=self.path)
            time.sleep(0.02)

    def quick_check(self) -> str:
        return self.conn.execute("PRAGMA quick_check").fetchone()[0]

    def finish_build(self) -> None:
        """A freshly built workspace leaves as one self-contained file: its -wal folded in
        (and deleted when the builder closes it). It stays in WAL mode, as every workspace
        in use is: opening it needs no journal switch (a write)."""
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _quick_check(self) -> None:
        result = self.conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if result != "ok":
            raise WorkspaceError.saying(damaged_message(self.path, result))
        self.verified = True

    def ensure_verified(self) -> None:
        """quick_check now unless it has passed: the last step before anything writes."""
        if not self.verified:
            self._quick_check()

    # -- the files under this connection ---------------------------------------------
    def _files_identity(self) -> tuple:
        """(device, inode) of the file and, in WAL mode, of its -wal and -shm, which SQLite
        keeps while any connection is open: os.stat, never a descriptor (see fileinfo)."""
        if not self._watched:
            wal = self.journal_mode == "wal"
            self._watched = (self.path, *((Path(f"{self.path}-wal"), Path(f"{self.path}-shm")) if wal else ()))
        out = []
        for f in self._watched:
            try:
                st = os.stat(f)
                out.append((st.st_dev, st.st_ino))
            except OSError:
                out.append(None)
        return tuple(out)

    def is_own_file(self, path: Path) -> bool:
        """`path` is this workspace's file or one SQLite keeps beside it (-wal, -shm, -journal),
        by (device, inode), asked with os.stat alone: reading one of them with a descriptor of
        our own would drop this process's locks when it closes (see the class's callers)."""
        try:
            st = os.stat(path)
        except OSError:
            return False
        for f in (self.path, *(Path(f"{self.path}{s}") for s in ("-wal", "-shm", "-journal"))):
            try:
                own = os.stat(f)
            except OSError:
                continue
            if (own.st_dev, own.st_ino) == (st.st_dev, st.st_ino):
                return True
        return False

    def files_replaced(self) -> bool:
        """The file, its -wal or -shm was deleted or replaced since this connection opened it."""
        return bool(self._identity) and self._files_identity() != self._identity

    def ensure_current(self) -> None:
        """Before a write: if the files under this connection were deleted or replaced (a
        restore by hand, `rm`, a sync tool), a commit would go where nobody reads it.
        Refuse, and reopen the workspace at its path for the next attempt."""
        if not self.files_replaced():
            return
        try:
            self.reopen()
        except WorkspaceError as exc:
            why = Message(exc.code, **exc.params)
            raise WorkspaceChangedError("workspace.replaced_gone", reopened=False, why=why) from None
        raise WorkspaceChangedError("workspace.replaced", reopened=True)

    def reopen(self) -> None:
        """Let go of this object's connections (without their close-time checkpoint) and
        open the file now at this path in their place; callers keep holding this object.

        The stale connections go first: within one process SQLite shares a file's lock and
        -shm state between connections, so a new one beside them would inherit the stale
        -shm. Until a new connection is had, this object stays on its old one, read-only.
        """
        # A path that holds no workspace now is refused before anything is let go: the old
        # connection then keeps serving reads, and every write says why it cannot be saved.
        # The same file with new WAL files needs no check, and must not get one through
        # SQLite while the stale connections share its lock and -shm state.
        if self._files_identity()[0] != self._identity[0]:
            check_file(self.path)
        stale = [self.conn, *([self._view.conn] if self._view is not None else [])]
        for conn in stale:
            connections.abandon(conn, self.path)
        self._db = None
        try:
            fresh = Workspace.open(self.path, read_only=self.read_only, verify=True)
        except WorkspaceError:
            self.conn, self.read_only = _view_connection(self.path), True
            raise
        self.conn, self.read_only, self.network = fresh.conn, fresh.read_only, fresh.network
        self.verified, self._identity, self._watched = fresh.verified, fresh._identity, fresh._watched
        if self._view is not None:  # a view handed out before keeps working, on a new connection
            self._view.conn = _view_connection(self.path)

    def _migrate(self) -> None:
        """Each pending migration with its version bump in one BEGIN IMMEDIATE transaction.

        The version is re-read under the write lock, so of several processes opening an
        old workspace at once exactly one migrates it; the first one backs it up first.
        """
        from kamtui.store.migrations import MIGRATIONS

        names = [m.name for m in MIGRATIONS._migrations]
        touched = False  # this process has migrated (or backed up) already
        for target in range(1, SCHEMA_VERSION + 1):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                current = self.db.execute("PRAGMA user_version").fetchone()[0]
                if current >= target:
                    self.db.execute("COMMIT")
                    continue
                if current > 0 and not touched:
                    # an existing workspace: back it up before its first change (the backup
                    # module, with hashlib and OpenSSL, loads only then: not at every start)
                    from kamtui.store.backup import backup_path, backup_to

                    self.last_backup = backup_to(self.path, backup_path(self.path, f"pre-v{SCHEMA_VERSION}"))
                touched = True
                name = names[target - 1]
                pending = [m.name for m in MIGRATIONS.pending(self.db)]
                if name in pending:  # apply exactly this one, however the rest stand
                    MIGRATIONS.apply(self.db, stop_before=[n for n in pending if n != name])
                self.db.execute(f"PRAGMA user_version = {target}")
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.conn.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    # -- facts -----------------------------------------------------------------------
    @property
    def db(self) -> Database:
        """The connection wrapped by sqlite-utils (imported on first use, after start-up)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @property
    def journal_mode(self) -> str:
        return self.conn.execute("PRAGMA journal_mode").fetchone()[0]

    def change_stamp(self) -> tuple[int, int]:
        """Changes when anyone has written since: another connection's commit moves the
        data_version, ours moves the connection's total_changes."""
        return self.data_version(), self.conn.total_changes

    def data_version(self) -> int:
        """Changes whenever another connection commits: cheap polling for live refresh."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def read_view(self) -> "Workspace":
        """The same workspace on a second, read-only connection, for reads off the UI thread.

        On the app's own connection a worker's read would join a write transaction the UI
        thread has open, and see rows that may yet be rolled back. Opened once, closed with
        this workspace; where a second connection cannot be had, this workspace itself.
        """
        if self.private_reads:
            return self
        if self._view is None:
            try:
                conn = _view_connection(self.path)
            except sqlite3.Error:
                return self
            self._view = Workspace(self.path, conn, True, self.network)
        return self._view

    def close(self) -> None:
        if self._view is not None:
            self._view.close()
        self.conn.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _view_connection(path: Path) -> sqlite3.Connection:
    conn = connections.connect(path, read_only=True)
    conn.create_function("kam_fold", 1, _fold, deterministic=True)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


