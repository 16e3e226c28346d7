"""Reads of activities: an account's (as models or light rows), those naming a person, who has
met whom, the acting user's agenda across accounts, and for the team view each account's plan
execution over a period (kept ready per month at write time) and what the compliance rules
read."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import ActivityStatus

from kamtui.store.accounts import one_text
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


def find(db: Any, activity_id: str) -> Activity | None:
    """The activity, or None where it is no longer kept."""
    found = ACTIVITY.models(db, "id = ?", [activity_id])
    return found[0] if found else None


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


# -- plan execution (the team view: docs/team.md) --------------------------------------------
# An activity's completion day is the audit's: `activity_done` (m010) holds, per activity, the
# day of its latest audited change of status to done; done without one is "unrecorded".
_DONE, _OPEN = "a.status = 'done'", "a.status IN ('planned', 'in_progress')"
_OUTCOMES = f"""count(*) FILTER (WHERE {_DONE} AND d.day <= a.planned_on),
       count(*) FILTER (WHERE {_DONE} AND d.day > a.planned_on),
       count(*) FILTER (WHERE {_DONE} AND d.day IS NULL), count(*) FILTER (WHERE a.status = 'cancelled')"""

_EXECUTION_MONTHS = f"""
INSERT INTO execution_month (account_id, month, planned, on_time, late, unrecorded, cancelled, open)
SELECT a.account_id, coalesce(substr(a.planned_on, 1, 7), ''), count(*), {_OUTCOMES},
       count(*) FILTER (WHERE {_OPEN})
FROM activity a LEFT JOIN activity_done d ON d.activity_id = a.id
WHERE a.archived = 0 AND a.account_id IN ({{marks}}) GROUP BY a.account_id, 2"""


def refresh_execution(db: Any, account_ids: list[str]) -> None:
    """Recount these accounts' `execution_month` rows (inside the caller's write, beside their
    cached figures: store.summary). Done or cancelled is final for a month's bucket; which of
    its open activities are overdue depends on the day it is read (`execution_counts`)."""
    for start in range(0, len(account_ids), 500):
        chunk = account_ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        db.execute(f"DELETE FROM execution_month WHERE account_id IN ({marks})", chunk)
        db.execute(_EXECUTION_MONTHS.format(marks=marks), chunk)


# Per account, over the activities planned in [:start, :end], Execution's fields but undated.
_COUNTED = f"""
SELECT a.account_id, count(*), {_OUTCOMES},
       count(*) FILTER (WHERE {_OPEN} AND a.planned_on < :today),
       count(*) FILTER (WHERE {_OPEN} AND a.planned_on >= :today)
FROM activity a LEFT JOIN activity_done d ON a.status = 'done' AND d.activity_id = a.id
WHERE a.archived = 0 AND a.planned_on BETWEEN :start AND :end GROUP BY a.account_id"""

# The period's whole months :first to :last, per account, as Execution's fields: open ones
# before the month holding :today overdue, those after it upcoming, and of that month's those
# planned before :today (counted over the index `activity_period`) overdue; undated ones
# from the month ''. No Python per activity nor per month: one row per account.
_MONTHS = f"""
WITH months AS (
    SELECT account_id, sum(planned) AS planned, sum(on_time) AS on_time, sum(late) AS late,
           sum(unrecorded) AS unrecorded, sum(cancelled) AS cancelled,
           total(open) FILTER (WHERE month < :this) AS overdue, total(open) FILTER (WHERE month >= :this) AS later
    FROM execution_month WHERE month BETWEEN :first AND :last GROUP BY account_id),
now AS (
    SELECT account_id, count(*) AS overdue FROM activity a
    WHERE :this BETWEEN :first AND :last
      AND planned_on >= :this_start AND planned_on < :today AND {_OPEN} AND archived = 0
    GROUP BY account_id),
undated AS (SELECT account_id, open FROM execution_month WHERE month = '' AND open > 0)
SELECT m.account_id, m.planned, m.on_time, m.late, m.unrecorded,
       CAST(m.overdue AS INTEGER) + coalesce(n.overdue, 0) AS overdue,
       CAST(m.later AS INTEGER) - coalesce(n.overdue, 0) AS upcoming, m.cancelled, coalesce(u.open, 0) AS undated
FROM months m LEFT JOIN now n ON n.account_id = m.account_id LEFT JOIN undated u ON u.account_id = m.account_id
UNION ALL
SELECT u.account_id, 0, 0, 0, 0, 0, 0, 0, u.open FROM undated u
WHERE u.account_id NOT IN (SELECT account_id FROM months)"""

# Execution's fields, in its order.
PLANNED, ON_TIME, LATE, UNRECORDED, OVERDUE, UPCOMING, CANCELLED, UNDATED = range(8)


def _month_after(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _add_counted(counts: dict[str, list[int]], db: Any, start: dt.date, end: dt.date, today: dt.date,
                 only: set[str] | None = None) -> None:
    for account_id, planned, on_time, late, unrecorded, cancelled, overdue, upcoming in db.execute(
            _COUNTED, {"start": start.isoformat(), "end": end.isoformat(), "today": today.isoformat()}):
        if only is None or account_id in only:
            c = counts.get(account_id) or counts.setdefault(account_id, [0] * 8)
            c[PLANNED] += planned
            c[ON_TIME] += on_time
            c[LATE] += late
            c[UNRECORDED] += unrecorded
            c[OVERDUE] += overdue
            c[UPCOMING] += upcoming
            c[CANCELLED] += cancelled


def execution_counts(db: Any, start: dt.date, end: dt.date, today: dt.date, stale: set[str]) -> dict[str, list[int]]:
    """Per account: the fields of `domain.team.execution` over its activities for [start, end]
    and `today` (in Execution's order). The period's whole months are read from
    `execution_month` (of the month holding `today`, which of its open activities are overdue
    is counted from the index `activity_period`), its partial edge months counted over that
    index; the accounts in `stale` (their cached figures made by other rules, so possibly
    their months too) are counted over the index for the whole period."""
    first = start if start.day == 1 else _month_after(start)
    last = _month_after(end) - dt.timedelta(days=1)
    if last != end:
        last = end.replace(day=1) - dt.timedelta(days=1)  # the end of the last whole month
    counts: dict[str, list[int]] = {}
    if first > last:  # no whole month: count it all
        _add_counted(counts, db, start, end, today)
    else:
        if start < first:
            _add_counted(counts, db, start, first - dt.timedelta(days=1), today)
        if last < end:
            _add_counted(counts, db, last + dt.timedelta(days=1), end, today)
        if stale:
            _add_counted(counts, db, first, last, today, stale)
    this_month = today.isoformat()[:7]
    whole = first <= last
    params = {"first": first.isoformat()[:7] if whole else "~", "last": last.isoformat()[:7],
              "this": this_month, "this_start": f"{this_month}-01", "today": today.isoformat()}
    rows = one_text(db, f"SELECT json_group_array(json_array(account_id, planned, on_time, late, unrecorded, "
                        f"overdue, upcoming, cancelled, undated)) FROM ({_MONTHS})", params)
    if not counts and not stale:  # the common case (whole months): the rows are the answer
        return {r[0]: r[1:] for r in rows}
    for account_id, *fields in rows:
        if account_id in stale:
            continue
        c = counts.get(account_id)
        if c is None:
            counts[account_id] = fields
        else:
            for i in range(UNDATED):
                c[i] += fields[i]
            c[UNDATED] = fields[UNDATED]
    if stale:
        for account_id, undated in db.execute(
                f"SELECT account_id, count(*) FROM activity a WHERE archived = 0 AND planned_on IS NULL "
                f"AND {_OPEN} GROUP BY account_id"):
            if account_id in stale:
                counts.setdefault(account_id, [0] * 8)[UNDATED] = undated
    return counts


# -- what the compliance rules read (the team view's count awaiting approval) ----------------
class Regulated(NamedTuple):
    """What the compliance rules read of an activity (`rules.compliance.check_all`)."""

    id: str
    account_id: str
    type: ActivityType
    status: ActivityStatus
    planned_on: dt.date | None
    target_person_ids: list[str]
    cost: float
    archived: bool
    approval: str | None  # the stored approval (JSON), None when not approved


def regulated_activities(db: Any, types: list[str]) -> dict[str, list[Regulated]]:
    """Per account with an open, unapproved activity of these types: its activities of these
    types (the compliance rules' yearly totals count no other). Validated when written, read
    as plain tuples: there are hundreds of thousands in a large workspace."""
    marks = ", ".join("?" for _ in types)
    out: dict[str, list[Regulated]] = {}
    days: dict[str, dt.date] = {}
    type_of, status_of = {t.value: t for t in ActivityType}, {s.value: s for s in ActivityStatus}
    rows = db.execute(f"""
        SELECT id, account_id, type, status, planned_on, target_person_ids, cost, archived, approval
        FROM activity WHERE type IN ({marks}) AND account_id IN (
            SELECT account_id FROM activity WHERE type IN ({marks}) AND archived = 0
            AND approval IS NULL AND status IN ('planned', 'in_progress'))
        """, [*types, *types])
    for id_, account_id, type_, status, planned, targets, cost, archived, approval in rows:
        day = (days.get(planned) or days.setdefault(planned, dt.date.fromisoformat(planned))) if planned else None
        out.setdefault(account_id, []).append(Regulated(
            id_, account_id, type_of[type_], status_of[status], day, json.loads(targets or "[]"),
            cost, bool(archived), approval))
    return out
