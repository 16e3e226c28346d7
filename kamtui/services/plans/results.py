"""What an import did (or would do): counts per kind of record, and the conflicts met."""

from __future__ import annotations

from dataclasses import dataclass

from kamtui import safe_text


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0  # skipped; overwritten ones count as updated

    def as_changes(self) -> dict[str, list]:
        return {k: [None, v] for k, v in vars(self).items() if v}


@dataclass(frozen=True)
class Conflict:
    kind: str
    key: str
    label: str  # the record's name, for people to recognise it
    where: str  # "bank.toml: people[3]"
    file_version: int
    stored_version: int
    stored_by: str | None
    stored_at: str | None
    overwritten: bool

    def describe(self) -> str:
        """One line for the CLI: who and when come from the audit log, which any program may
        have written, so the line reads through the output filter."""
        by = f" by {self.stored_by}" if self.stored_by else ""
        at = f" on {self.stored_at[:10]}" if self.stored_at else ""
        verb = "overwritten" if self.overwritten else "skipped"
        return safe_text.line(f"{self.where}: {self.kind} {self.label!r} changed in the workspace{by}{at} "
                              f"(version {self.stored_version}) since the file's version {self.file_version}: {verb}")


@dataclass
class ImportResult:
    counts: dict[str, Counts]
    conflicts: list[Conflict]
    files: int
    dry_run: bool
    overwrite: bool

    @property
    def written(self) -> int:
        return sum(c.created + c.updated for c in self.counts.values())

    @property
    def skipped(self) -> list[Conflict]:
        return [c for c in self.conflicts if not c.overwritten]


def summary_rows(result: ImportResult) -> list[tuple[str, int, int, int, int]]:
    """(kind, created, updated, unchanged, conflicts) for the kinds the files held."""
    return [(kind, c.created, c.updated, c.unchanged, c.conflicts)
            for kind, c in result.counts.items() if c.created or c.updated or c.unchanged or c.conflicts]
