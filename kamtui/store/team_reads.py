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
from kamtui.domain.models import Activity
from kamtui.domain.rules.extensive import RatedDepartment
from kamtui.domain.team import ActivityFact, Point, RatedKeyPerson, point
from kamtui.store.tables import table_for


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


def _point(on: str, org: str, people: str, departments: str) -> Point:
    return point(
        _DAY(on), {OrgDimension(d): r["value"] for d, r in json.loads(org).items()},
        [RatedKeyPerson(p["person_id"], Attitude(p.get("attitude", "unknown")), p.get("influence", 3),
                        ChainRole(p["role"]) if p.get("role") else None) for p in json.loads(people)],
        [RatedDepartment(d["department_id"], d["department_id"], d.get("importance", 2),
                         {Indicator(k): v for k, v in d.get("ratings", {}).items()})
         for d in json.loads(departments)],
    )


_SNAPSHOT = "a.assessed_on, a.org, a.people, a.departments"


def period_points(db: Any, start: dt.date, end: dt.date) -> dict[str, list[Point]]:
    """Per account: the assessment in force at `start` (the latest on or before it; the last
    recorded of a day) and every one after it up to `end`."""
    out: dict[str, list[Point]] = {}
    found = db.execute(f"""
        WITH ranked AS (
            SELECT id, account_id, row_number() OVER (
                PARTITION BY account_id ORDER BY assessed_on DESC, rowid DESC) AS n
            FROM assessment WHERE assessed_on <= :start)
        SELECT a.account_id, {_SNAPSHOT} FROM ranked r JOIN assessment a ON a.id = r.id WHERE r.n = 1
        UNION ALL
        SELECT a.account_id, {_SNAPSHOT} FROM assessment a
        WHERE a.assessed_on > :start AND a.assessed_on <= :end
        """, {"start": start.isoformat(), "end": end.isoformat()})
    for account_id, *snapshot in found:
        out.setdefault(account_id, []).append(_point(*snapshot))
    return out


def history(db: Any, account_id: str) -> list[Point]:
    """Every assessment of one account, oldest first (its chart)."""
    return [_point(*r) for r in db.execute(
        f"SELECT {_SNAPSHOT} FROM assessment a WHERE a.account_id = ? ORDER BY a.assessed_on, a.rowid",
        [account_id])]


# When an activity was marked done: the audit entry of the last change of its status to done.
_DONE_ON = """
    SELECT entity_id AS id, max(at) AS at FROM audit
    WHERE entity = 'activity' AND action = 'update' AND json_extract(changes, '$.status[1]') = 'done'
    GROUP BY entity_id"""


def activity_facts(db: Any, start: dt.date, end: dt.date) -> dict[str, list[ActivityFact]]:
    """Per account: its activities planned in [start, end] and its open undated ones."""
    done_on = {r[0]: r[1] for r in db.execute(_DONE_ON)}  # few: read apart, not joined per row
    out: dict[str, list[ActivityFact]] = {}
    found = db.execute("""
        SELECT account_id, id, planned_on, status FROM activity
        WHERE archived = 0 AND planned_on BETWEEN :start AND :end
        UNION ALL
        SELECT account_id, id, NULL, status FROM activity
        WHERE archived = 0 AND planned_on IS NULL AND status IN ('planned', 'in_progress')
        """, {"start": start.isoformat(), "end": end.isoformat()})
    day, status_of = _DAY, ActivityStatus
    for account_id, id_, planned, status in found:
        at = done_on.get(id_) if status == "done" else None
        out.setdefault(account_id, []).append(ActivityFact(
            day(planned) if planned else None, status_of(status), day(at[:10]) if at else None))
    return out


def regulated_activities(db: Any, types: list[str]) -> dict[str, list[Activity]]:
    """Per account with an open, unapproved activity of these types: its activities of these
    types (the compliance rules' yearly totals count no other), validated."""
    marks = ", ".join("?" for _ in types)
    t = table_for(Activity)
    out: dict[str, list[Activity]] = {}
    rows = db.execute(f"""
        SELECT * FROM activity WHERE type IN ({marks}) AND account_id IN (
            SELECT account_id FROM activity WHERE type IN ({marks}) AND archived = 0
            AND approval IS NULL AND status IN ('planned', 'in_progress'))
        """, [*types, *types])
    names = [c[0] for c in rows.description]
    fields = set(Activity.model_fields)
    for r in rows:
        row = dict(zip(names, r))
        # validated when written; constructed without checks (hundreds of thousands of rows)
        data = {f: row[t.col(f)] for f in fields}
        data["target_person_ids"] = json.loads(data["target_person_ids"] or "[]")
        data["approval"] = json.loads(data["approval"]) if data["approval"] else None
        data["planned_on"] = _DAY(data["planned_on"]) if data["planned_on"] else None
        data["type"], data["status"] = ActivityType(data["type"]), ActivityStatus(data["status"])
        data["archived"] = bool(data["archived"])
        a = Activity.model_construct(**data)
        out.setdefault(a.account_id, []).append(a)
    return out


def tier_criteria(db: Any) -> dict[Tier, tuple[str, str]]:
    """What the team wrote per tier: (short name, criteria); absent tiers have none."""
    return {Tier(r[0]): (r[1], r[2]) for r in db.execute("SELECT tier, label, criteria FROM tier_criteria")}
