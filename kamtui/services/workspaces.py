"""Opening, creating and checking workspace files."""

from __future__ import annotations

import os
import sqlite3
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path

from kamtui.store import Workspace
from kamtui.store.fileinfo import file_mode
from kamtui.store.migrations import SCHEMA_VERSION


def open_workspace(path: Path, read_only: bool = False, verify: bool = True) -> tuple[Workspace, list[str]]:
    """The workspace and any warnings met while opening it (network filesystem…)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ws = Workspace.open(path, read_only=read_only, verify=verify)
    return ws, [str(w.message) for w in caught]


def create_workspace(path: Path, team_name: str, shared: bool = False) -> Workspace:
    return Workspace.create(path, team_name=team_name, shared=shared)


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
    result = ws.db.execute("PRAGMA quick_check").fetchone()[0]
    mode = file_mode(ws.path)
    return CheckReport(
        path=ws.path, schema_version=ws.schema_version, program_schema=SCHEMA_VERSION,
        sqlite_version=sqlite3.sqlite_version, journal_mode=ws.journal_mode,
        file_mode=f"{mode:04o} {stat.filemode(os.stat(ws.path).st_mode)}",
        quick_check=result, read_only=ws.read_only, network=ws.network,
    )
