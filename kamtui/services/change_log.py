"""Who changed a record, when, before → after: the audit log of one record or one account,
newest first, with the names the ids stand for (people, departments, team members…)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from kamtui.services.context import Context
from kamtui.store import audit

if TYPE_CHECKING:
    from kamtui.services.assessments.history import RatingMove

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
    account_id: str | None = None
    # an assessment's entry: the ratings it moved against the snapshot before it (None: not
    # an assessment, or one no longer kept), and the activity a re-rating came from
    moves: tuple[RatingMove, ...] | None = None
    activity: str = ""  # that activity's type value
    activity_on: str = ""  # its date, ISO
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RecordHistory:
    entries: list[LogEntry]
    names: dict[str, str]  # id -> name, for the ids the entries mention
    more: bool  # the log holds older entries than these
    activities: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (type, date)


def _entries(rows: list[dict]) -> list[LogEntry]:
    return [LogEntry(r["at"], r["who"], r["action"], r["entity"], r["entity_id"],
                     tuple(FieldChange(k, v[0], v[1]) for k, v in r["changes"].items()
                           if isinstance(v, list) and len(v) == 2 and k != "version"), r.get("account_id"))
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


def _assessment_moves(ctx: Context, entries: list[LogEntry], names: dict[str, str]) -> list[LogEntry]:
    """An assessment's entry read as what it rated: the raw record holds every rating of the
    snapshot (2,000 people's, as data), the reader wants what moved since the one before."""
    wanted = [e for e in entries if e.entity == "assessment" and e.action != "delete"]
    if not wanted:
        return entries
    from kamtui.services.assessments.history import compare
    from kamtui.store import activities as store_activities
    from kamtui.store import assessments as store_assessments

    snapshots: dict[str, list] = {}
    for account_id in {e.account_id for e in wanted} - {None}:
        snapshots[account_id] = sorted(store_assessments.assessments(ctx.db, account_id),  # type: ignore[arg-type]
                                       key=lambda a: (a.assessed_on, a.id))
    out = []
    for e in entries:
        found = None
        if e in wanted:
            found = next(((chain, i) for chain in snapshots.values() for i, a in enumerate(chain)
                          if a.id == e.entity_id), None)
        if found is None:
            out.append(e)
            continue
        chain, i = found
        snap = chain[i]
        moves = compare(chain[i - 1] if i else None, snap, names, names, detail=True)
        act = store_activities.find(ctx.db, snap.evidence_activity_id) if snap.evidence_activity_id else None
        out.append(replace(e, moves=tuple(moves), activity=act.type.value if act else "",
                           activity_on=act.planned_on.isoformat() if act and act.planned_on else "",
                           extra={"assessed_on": snap.assessed_on.isoformat(), "note": snap.note}))
    return out


def _history(ctx: Context, rows: list[dict]) -> RecordHistory:
    entries = _entries(rows[:LIMIT])
    names = _names(ctx, entries)
    if any(e.entity == "assessment" for e in entries):
        from kamtui.store import people as store_people

        accounts = {e.account_id for e in entries if e.entity == "assessment"}
        for account_id in accounts - {None}:
            names.update(store_people.person_names(ctx.db, account_id))  # type: ignore[arg-type]
            names.update({d.id: d.name for d in store_people.departments(ctx.db, account_id, include_archived=True)})  # type: ignore[arg-type]
        entries = _assessment_moves(ctx, entries, names)
    return RecordHistory(entries, names, len(rows) > LIMIT, _activities(ctx, entries))


def _activities(ctx: Context, entries: list[LogEntry]) -> dict[str, tuple[str, str]]:
    """The activities the entries are about: id -> (type value, ISO date or ""); an activity
    has no name, these are what the reader knows it by."""
    from kamtui.store import activities as store_activities

    out: dict[str, tuple[str, str]] = {}
    for e in entries:
        if e.entity == "activity" and e.entity_id not in out:
            a = store_activities.find(ctx.db, e.entity_id)
            if a is not None:
                out[e.entity_id] = (a.type.value, a.planned_on.isoformat() if a.planned_on else "")
    return out


def record_history(ctx: Context, entity: str, entity_id: str) -> RecordHistory:
    """One record's changes (a person, a department, an activity, the account row…)."""
    return _history(ctx, audit.newest(ctx.db, entity=entity, entity_id=entity_id, limit=LIMIT + 1))


def account_history(ctx: Context, account_id: str) -> RecordHistory:
    """Every change within an account: the account and its people, departments, activities…"""
    return _history(ctx, audit.newest(ctx.db, account_id=account_id, limit=LIMIT + 1))
