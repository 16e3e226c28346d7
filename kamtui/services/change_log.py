"""Who changed a record, when, before → after: the audit log of one record or one account,
newest first, with the names the ids stand for (people, departments, team members…)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kamtui.services.context import Context
from kamtui.store import audit

LIMIT = 300  # entries shown: the newest; `kamtui log` prints them all

# the tables whose rows carry names, for ids found in the changes
_NAMED = ("person", "department", "team_member", "competitor", "account")


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class LogEntry:
    at: str  # ISO timestamp, UTC
    who: str
    action: str  # create | update | delete | import | …
    entity: str  # the table: person, department, activity, account…
    entity_id: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class RecordHistory:
    entries: list[LogEntry]
    names: dict[str, str]  # id -> name, for the ids the entries mention
    more: bool  # the log holds older entries than these


def _entries(rows: list[dict]) -> list[LogEntry]:
    return [LogEntry(r["at"], r["who"], r["action"], r["entity"], r["entity_id"],
                     tuple(FieldChange(k, v[0], v[1]) for k, v in r["changes"].items()
                           if isinstance(v, list) and len(v) == 2 and k != "version"))
            for r in rows]


def _names(ctx: Context, entries: list[LogEntry]) -> dict[str, str]:
    ids: set[str] = set()
    for e in entries:
        ids.add(e.entity_id)
        for c in e.changes:
            for v in (c.before, c.after):
                if isinstance(v, str) and len(v) == 32:
                    ids.add(v)
                elif isinstance(v, list):
                    ids.update(x for x in v if isinstance(x, str) and len(x) == 32)
    return audit.names(ctx.db, sorted(ids), _NAMED) if ids else {}


def record_history(ctx: Context, entity: str, entity_id: str) -> RecordHistory:
    """One record's changes (a person, a department, an activity, the account row…)."""
    rows = audit.newest(ctx.db, entity=entity, entity_id=entity_id, limit=LIMIT + 1)
    entries = _entries(rows[:LIMIT])
    return RecordHistory(entries, _names(ctx, entries), len(rows) > LIMIT)


def account_history(ctx: Context, account_id: str) -> RecordHistory:
    """Every change within an account: the account and its people, departments, activities…"""
    rows = audit.newest(ctx.db, account_id=account_id, limit=LIMIT + 1)
    entries = _entries(rows[:LIMIT])
    return RecordHistory(entries, _names(ctx, entries), len(rows) > LIMIT)
