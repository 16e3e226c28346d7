"""What an import did (or would do): counts per kind of record, and the conflicts met."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kamtui import safe_text
from kamtui.errors import KamtuiError

EXIT_CONFLICTS = 3  # the CLI's exit status when conflicts were left undecided


class ConflictsLeft(KamtuiError):
    """Records were left as they are in the workspace because of conflicts (exit status 3)."""

    exit_code = EXIT_CONFLICTS


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0  # skipped; overwritten ones count as updated

    def as_changes(self) -> dict[str, list]:
        return {k: [None, v] for k, v in vars(self).items() if v}


@dataclass(frozen=True)
class FieldConflict:
    """One field both sides changed differently since the last sync (values as the record's
    JSON form has them; None: empty)."""

    path: str
    base: Any
    workspace: Any
    file: Any


@dataclass(frozen=True)
class Conflict:
    """A record both the workspace and the file changed, in the same fields, since the last
    sync (or since a merge of the file left both values in it: `recorded`)."""

    kind: str
    key: str
    label: str  # the record's name, for people to recognise it
    where: str  # "bank.toml: people[3]"
    fields: tuple[FieldConflict, ...]
    workspace_by: str | None  # who changed the workspace's side (audit log), when
    workspace_at: str | None
    file_by: str | None  # who changed the file's side, where known (git, or the merge entry)
    resolution: str = ""  # "" skipped; "file", "workspace" (the import's option) or "chosen" (field by field)
    recorded: bool = False  # the file itself carries the conflict (a merge of two sites' edits)

    @property
    def overwritten(self) -> bool:
        return self.resolution == "file"

    def describe(self) -> str:
        """One line for the CLI: who and when come from the audit log or git, which any program
        may have written, so the line reads through the output filter."""
        by = f" by {self.workspace_by}" if self.workspace_by else ""
        at = f" on {self.workspace_at[:10]}" if self.workspace_at else ""
        file_by = f" by {self.file_by}" if self.file_by else ""
        values = "; ".join(f"{f.path}: workspace {_show(f.workspace)}, file {_show(f.file)}" for f in self.fields)
        verb = {"file": "the file's values taken", "workspace": "the workspace's values kept",
                "chosen": "decided field by field"}.get(self.resolution, "skipped")
        return safe_text.line(f"{self.where}: {self.kind} {self.label!r} changed both in the workspace{by}{at} "
                              f"and in the file{file_by} since the last sync ({values}): {verb}")


def _show(value: Any) -> str:
    if value is None:
        return "(empty)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = text if len(text) <= 60 else text[:59] + "…"
    return repr(text) if isinstance(value, str) else text


@dataclass
class ImportResult:
    counts: dict[str, Counts]
    conflicts: list[Conflict]
    files: int
    dry_run: bool
    overwrite: bool
    diverged: bool = False  # some record is left other than the files have it
    audit_span: tuple[int, int] | None = None  # the audit entries the import wrote: ids after, up to

    @property
    def written(self) -> int:
        return sum(c.created + c.updated for c in self.counts.values())

    @property
    def skipped(self) -> list[Conflict]:
        return [c for c in self.conflicts if not c.resolution]


def summary_rows(result: ImportResult) -> list[tuple[str, int, int, int, int]]:
    """(kind, created, updated, unchanged, conflicts) for the kinds the files held."""
    return [(kind, c.created, c.updated, c.unchanged, c.conflicts)
            for kind, c in result.counts.items() if c.created or c.updated or c.unchanged or c.conflicts]
