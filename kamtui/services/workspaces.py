"""Opening, creating and checking workspace files."""

from __future__ import annotations

import os
import sqlite3
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path

from kamtui.store import Workspace
from kamtui.store.workspace import reading as store_reading
from kamtui.domain.models import Settings
from kamtui.services.context import build
from kamtui.store.backup import is_backup_name
from kamtui.store.fileinfo import file_mode
from kamtui.store.migrations import SCHEMA_VERSION


def open_workspace(path: Path, read_only: bool = False, verify: bool = True) -> tuple[Workspace, list[str]]:
    """The workspace and any warnings met while opening it (network filesystem…)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ws = Workspace.open(path, read_only=read_only, verify=verify)
    return ws, [str(w.message) for w in caught]


def reading(ws: Workspace):
    """Reads of a workspace opened without the up-front quick_check: damage found while
    reading becomes the one clear sentence instead of a traceback."""
    return store_reading(ws.path)


def create_workspace(path: Path, team_name: str, shared: bool = False) -> Workspace:
    settings = build(Settings, {"team_name": team_name})  # a bad name fails before any file exists
    return Workspace.create(path, team_name=settings.team_name, shared=shared)


def list_workspaces(folder: Path) -> list[Path]:
    """The workspace files in a folder: backups and kept copies are not workspaces."""
    return sorted(p for p in folder.glob("*.sqlite") if not is_backup_name(p.name))


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
