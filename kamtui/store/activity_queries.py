"""Reads of the activity planner that kamtui.store.queries does not have, one round trip each."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlite_utils import Database

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import ActivityStatus, Layer, Scope
from kamtui.domain.models import Activity, Approval, Assessment, TeamMember
from kamtui.store.tables import table_for

# The acting user's team members: by login, or by name when no login matches (a team that
# never filled in logins still gets an agenda).
_ME = """
me AS (
    SELECT id FROM team_member WHERE login = :user
    UNION
    SELECT id FROM team_member WHERE name = :user
        AND NOT EXISTS (SELECT 1 FROM team_member WHERE login = :user)
)"""

# Target names come from json_each over the activity's id list, in the list's order.
_TARGET_NAMES = """
(SELECT group_concat(name, ', ') FROM (
    SELECT p.name AS name FROM json_each(a.target_person_ids) j
    JOIN person p ON p.id = j.value ORDER BY j.key
)) AS target_names"""

AGENDA_SQL = f"""
WITH {_ME}
SELECT a.*, acc.name AS account_name, coalesce(d.name, '') AS department_name,
       {_TARGET_NAMES}, count(*) OVER () AS total
FROM activity a
JOIN account acc ON acc.id = a.account_id AND acc.archived = 0
LEFT JOIN department d ON d.id = a.target_department_id
WHERE a.owner_id IN (SELECT id FROM me)
  AND a.archived = 0 AND a.status IN ('planned', 'in_progress')
  AND a.planned_on IS NOT NULL AND a.planned_on <= :until
ORDER BY a.planned_on >= :today, a.planned_on, acc.name, a.id
LIMIT :limit
"""


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """One open activity of the acting user, with the names it is shown with."""

    activity: Activity
    account_name: str
    department_name: str
    target_names: str


@dataclass(frozen=True, slots=True)
class AgendaPage:
    entries: list[AgendaEntry]
    total: int  # how many there are in all (entries stops at the limit)

    @property
    def truncated(self) -> bool:
        return self.total > len(self.entries)


def agenda(db: Database, user: str, today: dt.date, until: dt.date, limit: int = 300) -> AgendaPage:
    """Open activities owned by the user's team member up to `until`, overdue ones first."""
    t = table_for(Activity)
    cur = db.execute(AGENDA_SQL, {"user": user, "today": today.isoformat(),
                                  "until": until.isoformat(), "limit": limit})
    names = [c[0] for c in cur.description]
    out, total = [], 0
    for values in cur:
        r = dict(zip(names, values))
        total = r["total"]
        out.append(AgendaEntry(t.from_row(r), r["account_name"], r["department_name"],
                               r["target_names"] or ""))
    return AgendaPage(out, total)


def member_for_user(db: Database, user: str) -> TeamMember | None:
    """The team member a login belongs to (by login, else by name)."""
    t = table_for(TeamMember)
    rows = list(db.query(
        "SELECT * FROM team_member WHERE login = :u OR name = :u "
        "ORDER BY login = :u DESC, archived, name, id LIMIT 1", {"u": user}))
    return t.from_row(rows[0]) if rows else None


@dataclass(frozen=True, slots=True)
class PersonName:
    id: str
    name: str
    department_id: str | None
    archived: bool


def person_names(db: Database, account_id: str) -> list[PersonName]:
    """The account's people as (id, name, department): what pickers and labels need, unvalidated
    so that a 2,000-person account costs a plain read."""
    cur = db.execute(
        "SELECT id, name, department_id, archived FROM person WHERE account_id = ? ORDER BY name, id",
        [account_id])
    return [PersonName(r[0], r[1], r[2], bool(r[3])) for r in cur]


def activities_targeting(db: Database, person_id: str, year: int | None = None) -> list[Activity]:
    """Every activity that names the person among its targets (archived ones included)."""
    t = table_for(Activity)
    # Scoped to the person's account (indexed) before looking inside each target list.
    sql = ("SELECT a.* FROM activity a "
           "WHERE a.account_id = (SELECT account_id FROM person WHERE id = :p) "
           "AND EXISTS (SELECT 1 FROM json_each(a.target_person_ids) j WHERE j.value = :p)")
    params: dict = {"p": person_id}
    if year is not None:
        sql += " AND a.planned_on >= :start AND a.planned_on < :end"
        params.update(start=f"{year:04d}-01-01", end=f"{year + 1:04d}-01-01")
    return [t.from_row(r) for r in db.query(sql + " ORDER BY a.planned_on, a.id", params)]


def foreign_people(db: Database, account_id: str, person_ids: list[str]) -> set[str]:
    """Those of `person_ids` that are not people of the account."""
    found = {r[0] for r in db.execute(
        "SELECT id FROM person WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))",
        [account_id, json.dumps(list(person_ids))])}
    return set(person_ids) - found


def account_of_person(db: Database, person_id: str) -> str | None:
    found = db.execute("SELECT account_id FROM person WHERE id = ?", [person_id]).fetchone()
    return found[0] if found else None


# -- the planner's light read ------------------------------------------------------------
_TYPES = {t.value: t for t in ActivityType}
_SCOPES = {s.value: s for s in Scope}
_LAYERS = {x.value: x for x in Layer}
_STATUSES = {x.value: x for x in ActivityStatus}
_DATE = dt.date.fromisoformat


@dataclass(frozen=True, slots=True)
class ActivityLine:
    """An activity as stored, read without pydantic: the same fields and values as `Activity`
    (enums, dates, the list of target ids), so the planner's lists, panels and compliance
    totals read it like one. Every row was validated when written; the planner turns the
    one it changes into an `Activity` (`activity()`) before a write or a form."""

    id: str
    account_id: str
    type: ActivityType
    scope: Scope
    layer: Layer
    target_person_ids: list[str]
    target_department_id: str | None
    target_business_line: str
    short_board: str
    objective: str
    planned_on: dt.date | None
    owner_id: str | None
    status: ActivityStatus
    outcome: str
    cancel_reason: str
    cost: float
    currency: str
    needs_level: int | None
    compliance_reviewed: bool
    approval: Approval | None
    archived: bool
    version: int

    def is_overdue(self, today: dt.date) -> bool:
        return self.status.is_open and self.planned_on is not None and self.planned_on < today

    def is_undated(self) -> bool:
        return self.status.is_open and self.planned_on is None

    def activity(self) -> Activity:
        """The validated model of the same row (what services that write take)."""
        data = {f: getattr(self, f) for f in Activity.model_fields}
        data["target_person_ids"] = list(self.target_person_ids)
        if self.approval is not None:
            data["approval"] = self.approval.model_dump()
        return Activity.model_validate(data)


_LINE_SQL = """
SELECT id, account_id, type, scope, layer, target_person_ids, target_department_id,
       target_business_line, short_board, objective, planned_on, owner_id, status, outcome,
       cancel_reason, cost, currency, needs_level, compliance_reviewed, approval, archived, version
FROM activity WHERE account_id = ?
ORDER BY planned_on IS NULL, planned_on, id
"""


def _line(r: tuple) -> ActivityLine:
    targets = r[5]
    return ActivityLine(
        r[0], r[1], _TYPES[r[2]], _SCOPES[r[3]], _LAYERS[r[4]],
        json.loads(targets) if targets and targets != "[]" else [], r[6], r[7] or "",
        r[8] or "", r[9] or "", _DATE(r[10]) if r[10] else None, r[11], _STATUSES[r[12]], r[13] or "",
        r[14] or "", float(r[15] or 0.0), r[16], r[17], bool(r[18]),
        Approval.model_validate_json(r[19]) if r[19] else None, bool(r[20]), r[21])


def activity_lines(db: Database, account_id: str) -> list[ActivityLine]:
    """Every activity of the account (archived ones included), in `queries.activities`'
    order: one plain read, ≈1 µs a row where validating each one costs ≈12."""
    return [_line(r) for r in db.execute(_LINE_SQL, [account_id])]


def latest_assessment(db: Database, account_id: str) -> Assessment | None:
    """The account's newest assessment (by date, then id): the only one the planner uses."""
    t = table_for(Assessment)
    found = list(db.query("SELECT * FROM assessment WHERE account_id = :a "
                          "ORDER BY assessed_on DESC, id DESC LIMIT 1", {"a": account_id}))
    return t.from_row(found[0]) if found else None
