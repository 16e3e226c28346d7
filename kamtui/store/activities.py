"""Reads of activities: an account's (as models or light rows), those naming a person, who has
met whom, and the acting user's agenda across accounts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kamtui.store.tables import ACTIVITY

if TYPE_CHECKING:
    from kamtui.domain.models import Activity

ActivityRow = ACTIVITY.row


def activities(
    db: Any, account_id: str | None = None, start: str | None = None, end: str | None = None,
    owner_id: str | None = None, include_archived: bool = False,
) -> list[Activity]:
    clauses, params = [], []
    for clause, value in (("account_id = ?", account_id), ("planned_on >= ?", start),
                          ("planned_on <= ?", end), ("owner_id = ?", owner_id)):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    if not include_archived:
        clauses.append("archived = 0")
    return ACTIVITY.models(db, " AND ".join(clauses), params)


def activity(db: Any, activity_id: str) -> Activity:
    return ACTIVITY.get(db, activity_id)


def activity_rows(db: Any, account_id: str) -> list[ActivityRow]:
    """Every activity of the account (archived ones included) as light rows, in list order:
    one plain read, where validating each costs ten times as much."""
    return ACTIVITY.rows(db, "account_id = ?", [account_id])


def targeting(db: Any, person_id: str, year: int | None = None, *,
              include_archived: bool = True) -> list[Activity]:
    """The activities naming the person among their targets (of one year's dates)."""
    # Scoped to the person's account (indexed) before looking inside each target list.
    where = ("account_id = (SELECT account_id FROM person WHERE id = ?) AND EXISTS "
             "(SELECT 1 FROM json_each(activity.target_person_ids) j WHERE j.value = ?)")
    params: list = [person_id, person_id]
    if year is not None:
        where += " AND planned_on >= ? AND planned_on < ?"
        params += [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"]
    if not include_archived:
        where += " AND archived = 0"
    return ACTIVITY.models(db, where, params)


def contacts(db: Any, account_id: str, statuses: list[str]) -> list[tuple[str, str]]:
    """(person id, owner id) for each active activity of these statuses targeting the person."""
    marks = ", ".join("?" for _ in statuses)
    return [tuple(r) for r in db.execute(
        "SELECT DISTINCT j.value, a.owner_id FROM activity a, json_each(a.target_person_ids) j "
        f"WHERE a.account_id = ? AND a.archived = 0 AND a.owner_id IS NOT NULL AND a.status IN ({marks})",
        [account_id, *statuses]).fetchall()]


# -- the agenda ------------------------------------------------------------------------------
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
SELECT {ACTIVITY.column_list("a")}, acc.name AS account_name, coalesce(d.name, '') AS department_name,
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


def agenda(db: Any, user: str, today: dt.date, until: dt.date, limit: int = 300) -> AgendaPage:
    """Open activities owned by the user's team member up to `until`, overdue ones first."""
    n = len(ACTIVITY.columns)
    cur = db.execute(AGENDA_SQL, {"user": user, "today": today.isoformat(),
                                  "until": until.isoformat(), "limit": limit})
    out, total = [], 0
    for values in cur:
        total = values[-1]
        out.append(AgendaEntry(ACTIVITY.model_of(values[:n]), values[n], values[n + 1], values[n + 2] or ""))
    return AgendaPage(out, total)
