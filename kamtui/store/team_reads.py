"""Reads of the team view (issue 16): every account's owner and tier, the assessments a
period compares, the activities' plan dates, statuses and completion days, and tier criteria.

Stored rows were validated when written: assessments are read as plain JSON into the small
tuples the rules read (thousands of snapshots), not as pydantic models.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, NamedTuple

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import ActivityStatus, Attitude, ChainRole, Indicator, OrgDimension, Tier
from kamtui.domain.rules.extensive import RatedDepartment
from kamtui.domain.team import Execution, Point, RatedKeyPerson, point


class TeamAccount(NamedTuple):
    id: str
    name: str
    owner: str  # the owner's name, "" for none
    tier: Tier


def accounts(db: Any) -> list[TeamAccount]:
    """The active accounts, by name."""
    return [TeamAccount(r[0], r[1], r[2] or "", Tier(r[3])) for r in db.execute(
        "SELECT a.id, a.name, m.name, a.tier FROM account a "
        "LEFT JOIN team_member m ON m.id = a.owner_id WHERE a.archived = 0 ORDER BY a.name, a.id")]


_DAY = dt.date.fromisoformat


def snapshot_point(on: str, org: str, people: str, departments: str) -> Point:
    return point(
        _DAY(on), {OrgDimension(d): r["value"] for d, r in json.loads(org).items()},
        [RatedKeyPerson(p["person_id"], Attitude(p.get("attitude", "unknown")), p.get("influence", 3),
                        ChainRole(p["role"]) if p.get("role") else None) for p in json.loads(people)],
        [RatedDepartment(d["department_id"], d["department_id"], d.get("importance", 2),
                         {Indicator(k): v for k, v in d.get("ratings", {}).items()})
         for d in json.loads(departments)],
    )


SNAPSHOT = "a.assessed_on, a.org, a.people, a.departments"


def history(db: Any, account_id: str) -> list[Point]:
    """Every assessment of one account, oldest first (its chart)."""
    return [snapshot_point(*r) for r in db.execute(
        f"SELECT {SNAPSHOT} FROM assessment a WHERE a.account_id = ? ORDER BY a.assessed_on, a.rowid",
        [account_id])]


# When an activity was marked done: the audit entry of the last change of its status to done.
_DONE_ON = """
    SELECT entity_id AS id, max(at) AS at FROM audit
    WHERE entity = 'activity' AND action = 'update' AND json_extract(changes, '$.status[1]') = 'done'
    GROUP BY entity_id"""


def execution_counts(db: Any, start: dt.date, end: dt.date, today: dt.date) -> dict[str, Execution]:
    """Per account: what `domain.team.execution` gives over its activities for [start, end]
    and `today`, counted by SQLite over the index `activity_period` instead of one tuple per
    activity in Python (a quarter of an xl workspace is 200,000 of them). Activities whose
    completion day the audit holds are read apart, with that day."""
    params = {"start": start.isoformat(), "end": end.isoformat(), "today": today.isoformat()}
    recorded = db.execute(f"""
        WITH done AS ({_DONE_ON})
        SELECT a.account_id, a.planned_on, done.at FROM done JOIN activity a ON a.id = done.id
        WHERE a.status = 'done' AND a.archived = 0 AND a.planned_on BETWEEN :start AND :end
        """, params).fetchall()
    skip = f"AND NOT (status = 'done' AND id IN (SELECT id FROM ({_DONE_ON})))" if recorded else ""
    counts: dict[str, list[int]] = {}  # Execution's fields, in its order
    for account_id, planned, cancelled, unrecorded, overdue in db.execute(f"""
            SELECT account_id, count(*), sum(status = 'cancelled'), sum(status = 'done'),
                   sum(status NOT IN ('cancelled', 'done') AND planned_on < :today)
            FROM activity WHERE archived = 0 AND planned_on BETWEEN :start AND :end {skip}
            GROUP BY account_id""", params):
        counts[account_id] = [planned, 0, 0, unrecorded, overdue, planned - cancelled - unrecorded - overdue,
                              cancelled, 0]
    for account_id, planned, at in recorded:
        c = counts.setdefault(account_id, [0] * 8)
        c[0] += 1
        c[1 if at[:10] <= planned else 2] += 1  # on time: done on or before its planned day
    for account_id, undated in db.execute(
            "SELECT account_id, count(*) FROM activity WHERE archived = 0 AND planned_on IS NULL "
            "AND status IN ('planned', 'in_progress') GROUP BY account_id"):
        counts.setdefault(account_id, [0] * 8)[7] = undated
    return {account_id: Execution(*c) for account_id, c in counts.items()}


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
        day = (days.get(planned) or days.setdefault(planned, _DAY(planned))) if planned else None
        out.setdefault(account_id, []).append(Regulated(
            id_, account_id, type_of[type_], status_of[status], day, json.loads(targets or "[]"),
            cost, bool(archived), approval))
    return out


def cached_awaiting_approval(db: Any, rules_version: int) -> tuple[dict[str, int], list[str]]:
    """Per active account, the count awaiting approval its cached figures hold (those made by
    `rules_version`, kept current by every write: store.summary), and the accounts whose
    cache is missing or made by other rules."""
    counts: dict[str, int] = {}
    stale: list[str] = []
    for account_id, made_by, n in db.execute(
            "SELECT a.id, s.rules_version, s.awaiting_approval FROM account a "
            "LEFT JOIN account_summary s ON s.account_id = a.id WHERE a.archived = 0"):
        if made_by != rules_version or n is None:
            stale.append(account_id)
        elif n:
            counts[account_id] = n
    return counts, stale


def tier_criteria(db: Any) -> dict[Tier, tuple[str, str]]:
    """What the team wrote per tier: (short name, criteria); absent tiers have none."""
    return {Tier(r[0]): (r[1], r[2]) for r in db.execute("SELECT tier, label, criteria FROM tier_criteria")}
