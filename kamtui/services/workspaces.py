"""Opening, creating and checking workspace files."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kamtui.errors import KamtuiError, WorkspaceError
from kamtui.messages import Message
from kamtui.paths import exists
from kamtui.store import Workspace
from kamtui.store.file_checks import damaged_message as store_damaged_message
from kamtui.store.file_checks import reading as store_reading
from kamtui.store.fileinfo import file_mode
from kamtui.store.version import SCHEMA_VERSION


def open_workspace(path: Path, read_only: bool = False, verify: bool = True,
                   progress: Callable[[int, int], None] | None = None,
                   single_writer_by: str | None = None) -> tuple[Workspace, list[str]]:
    """The workspace and the sentences met while opening it (a network filesystem: read-only
    unless one machine alone writes to it, `single_writer_by` stating so), with its cached
    figures made by this program's rules (`current_figures`)."""
    ws = Workspace.open(path, read_only=read_only, verify=verify, single_writer_by=single_writer_by)
    try:
        current_figures(ws, progress)
    except BaseException:
        ws.close()
        raise
    return ws, list(ws.notes)


def current_figures(ws: Workspace, progress: Callable[[int, int], None] | None = None) -> int:
    """Recompute the cached figures that other rules made (an older or newer kamtui, or a
    workspace just migrated): in one write transaction, or, when this process may only read
    the file, into a private copy the reads of this connection use. Returns how many
    accounts were recomputed."""
    from kamtui.store.accounts import stale_accounts

    with store_reading(ws.path):
        stale = stale_accounts(ws.conn)
        if not stale:
            return 0
        from kamtui.store import summary
        from kamtui.store.fileinfo import writable

        if ws.read_only and not writable(ws.path):
            summary.shadow(ws.db, stale, progress)
            ws.private_reads = True  # a second connection would not see the copy
            return len(stale)
        # asked to read only (`kamtui report`), the file writable: store them once for all
        writer = ws if not ws.read_only else Workspace.open(ws.path, verify=not ws.verified)
        try:
            from kamtui.store import write

            with write(writer, who="kamtui") as tx:
                # asked again under the write lock: another process may have done it meanwhile
                summary.rebuild(tx.db, stale_accounts(writer.conn), progress)
        finally:
            if writer is not ws:
                writer.close()
    return len(stale)


def reading(ws: Workspace):
    """Reads of a workspace opened without the up-front quick_check: damage found while
    reading becomes the one clear sentence instead of a traceback."""
    return store_reading(ws.path)


def integrity(ws: Workspace) -> str:
    """SQLite's quick_check of the workspace: "ok", or what it found (see IntegrityCheck);
    "cancelled" when `cancel_integrity(ws)` called it off."""
    check = IntegrityCheck(ws)
    with _LOCK:
        if ws in _CALLED_OFF:
            return "cancelled"
        _RUNNING[ws] = check
    try:
        found = check.run()
        if found == "ok":
            ws.verified = True  # writes no longer need a check of their own
        return found
    finally:
        with _LOCK:
            _RUNNING.pop(ws, None)


def cancel_integrity(ws: Workspace) -> None:
    """Stop the check running on `ws` (from any thread), and any started later."""
    with _LOCK:
        _CALLED_OFF.add(ws)
        check = _RUNNING.get(ws)
    if check is not None:
        check.cancel()


_LOCK = threading.Lock()
_RUNNING: weakref.WeakKeyDictionary[Workspace, IntegrityCheck] = weakref.WeakKeyDictionary()
_CALLED_OFF: weakref.WeakSet[Workspace] = weakref.WeakSet()


class IntegrityCheck:
    """One quick_check of a workspace that can be called off from another thread.

    It reads the whole file (seconds on a large one), so the app runs it in a thread after
    its first paint. It runs on a second, read-only connection: on the app's own connection
    it would hold that connection's mutex throughout and stall every read of the interface.
    `cancel()` interrupts it (quitting must not wait for it); `run()` then answers "cancelled".
    """

    def __init__(self, ws: Workspace):
        self.ws = ws
        self.cancelled = False
        self._other: Workspace | None = None

    def run(self) -> str:
        if self.cancelled:
            return "cancelled"
        try:
            self._other = Workspace.open(self.ws.path, read_only=True, verify=False)
        except (KamtuiError, sqlite3.Error, OSError):  # no second handle: check on the app's own
            return _quick_check(self.ws)
        try:
            if self.cancelled:  # called off while the second connection opened
                return "cancelled"
            # An interrupt sent before the statement starts is lost: the check also asks,
            # every 10,000 steps, whether it was called off.
            self._other.conn.set_progress_handler(lambda: 1 if self.cancelled else 0, 10_000)
            found = _quick_check(self._other)
            return "cancelled" if self.cancelled else found
        finally:
            self._other.close()

    def cancel(self) -> None:
        self.cancelled = True
        other = self._other
        if other is not None:
            try:
                other.conn.interrupt()
            except sqlite3.ProgrammingError:  # closed meanwhile: nothing left to stop
                pass


def _quick_check(ws: Workspace) -> str:
    try:
        return ws.quick_check()
    except sqlite3.DatabaseError as exc:
        return str(exc) or type(exc).__name__


_DAMAGE_WORDS = ("malformed", "not a database", "corrupt")


def damage_detail(exc: BaseException) -> str | None:
    """What SQLite said, when `exc` is damage met while reading a workspace (None otherwise):
    the interface shows its damaged-file dialog for it instead of a traceback."""
    if isinstance(exc, sqlite3.DatabaseError) and any(w in str(exc) for w in _DAMAGE_WORDS):
        return str(exc)
    return None


def damage_message(ws: Workspace, detail: str) -> Message:
    """The one sentence for a damaged workspace, naming its newest verified backup (slow:
    each backup is checked)."""
    return store_damaged_message(ws.path, detail)


def create_workspace(path: Path, team_name: str, shared: bool = False, group: str | None = None,
                     single_writer_by: str | None = None) -> Workspace:
    from kamtui.domain.models import Settings
    from kamtui.services.context import build

    settings = build(Settings, {"team_name": team_name})  # a bad name fails before any file exists
    if exists(path):  # (a folder on the way we may not enter is said here, in one sentence)
        raise WorkspaceError("workspace.exists", path=path)
    gid = _team_group(path, group) if shared else None
    try:
        return Workspace.create(path, team_name=settings.team_name, shared=shared, group=gid,
                                single_writer_by=single_writer_by)
    except sqlite3.Error as exc:  # Workspace.create has removed what it had made
        raise WorkspaceError("workspace.cannot_create_clean", path=path, why=str(exc)) from None


def _team_group(path: Path, group: str | None) -> int:
    """The group a shared workspace (and the folders made for it) gets: `group`, or what the
    folder would give, which must not be the creator's private group (nobody else is in it)."""
    import grp

    from kamtui.store.fileinfo import group_of_new_file, is_private_group, missing_folders

    if group is not None:
        try:
            gid = grp.getgrnam(group).gr_gid
        except KeyError:
            raise WorkspaceError("workspace.no_group", group=group) from None
        if not missing_folders(path) and os.stat(path.parent).st_gid != gid:
            raise WorkspaceError("workspace.folder_other_group", folder=path.parent, group=group)
        return gid
    gid = group_of_new_file(path)
    if is_private_group(gid):
        name = grp.getgrgid(gid).gr_name
        raise WorkspaceError("workspace.private_group", group=name)
    return gid


def list_workspaces(folder: Path) -> list[Path]:
    """The workspace files in a folder: backups and kept copies are not workspaces."""
    from kamtui.store.backup import is_backup_name  # (hashlib, OpenSSL: not at every start)

    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except PermissionError:
        raise WorkspaceError("workspace.cannot_list", folder=folder) from None
    return sorted(folder / n for n in names if n.endswith(".sqlite") and not n.startswith(".")
                  and not is_backup_name(n))


@dataclass(frozen=True)
class CheckReport:
    path: Path
    schema_version: int
    program_schema: int
    sqlite_version: str
    journal_mode: str
    file_mode: str
    quick_check: str
    read_only: bool
    network: bool

    @property
    def ok(self) -> bool:
        return self.quick_check == "ok" and self.schema_version == self.program_schema

    def lines(self) -> list[tuple[str, str]]:
        return [
            ("workspace", str(self.path)),
            ("schema version", f"{self.schema_version} (this kamtui: {self.program_schema})"),
            ("SQLite library", self.sqlite_version),
            ("journal mode", self.journal_mode + (" (network filesystem)" if self.network else "")),
            ("file mode", self.file_mode + (" (read-only here)" if self.read_only else "")),
            ("quick_check", self.quick_check),
        ]


def check(ws: Workspace) -> CheckReport:
    result = ws.quick_check()
    mode = file_mode(ws.path)
    return CheckReport(
        path=ws.path, schema_version=ws.schema_version, program_schema=SCHEMA_VERSION,
        sqlite_version=sqlite3.sqlite_version, journal_mode=ws.journal_mode,
        file_mode=f"{mode:04o} {stat.filemode(os.stat(ws.path).st_mode)}",
        quick_check=result, read_only=ws.read_only, network=ws.network,
    )
