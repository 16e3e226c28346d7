"""The one error family the CLI turns into a single line and a non-zero exit."""

from __future__ import annotations

from typing import Any

from kamtui import safe_text


class KamtuiError(Exception):
    """An expected failure with a message meant for the user (one sentence).

    Messages name records ("No account named …"), so they read through the output filter:
    the CLI prints them and screens show them, whoever wrote the name into the file.
    """

    exit_code = 1

    def __str__(self) -> str:
        return safe_text.line(super().__str__())


class WorkspaceError(KamtuiError):
    """The workspace file cannot be used: missing, foreign, corrupt, newer, locked."""


class ReadOnlyError(WorkspaceError):
    """A write was attempted on a workspace opened read-only."""


class WorkspaceChangedError(WorkspaceError):
    """The file under an open window was deleted or replaced: nothing was saved; `reopened`
    says whether the workspace now at its path was opened in its place."""

    def __init__(self, message: str, reopened: bool):
        super().__init__(message)
        self.reopened = reopened


class BusyError(WorkspaceError):
    """Another process held the write lock longer than the busy timeout."""


class NotFoundError(KamtuiError):
    """A record that was asked for does not exist (or was deleted meanwhile)."""


class InputError(KamtuiError):
    """User input that does not validate; `problems` lists (field path, message)."""

    def __init__(self, message: str, problems: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.problems = [(safe_text.line(where), safe_text.line(what)) for where, what in problems or []]


class ConflictError(KamtuiError):
    """Someone else changed (or deleted) the record since it was read.

    `stored` is the row as it is now (None when it was deleted), `attempted` the
    values this writer tried to save, `base_version` the version it had read.
    """

    def __init__(
        self,
        entity: str,
        entity_id: str,
        base_version: int,
        stored: dict[str, Any] | None,
        attempted: dict[str, Any],
        stored_by: str | None = None,
        stored_at: str | None = None,
    ):
        what = "deleted" if stored is None else "changed"
        super().__init__(f"This {entity} was {what} by someone else since you opened it.")
        self.entity = entity
        self.entity_id = entity_id
        self.base_version = base_version
        self.stored = stored
        self.attempted = attempted
        self.stored_by = stored_by
        self.stored_at = stored_at
