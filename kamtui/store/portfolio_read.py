"""The portfolio read from the cached account_summary: one SQL round trip, no plan loaded.

This is the first screen's data and `kamtui report`'s: it imports neither pydantic nor
sqlite-utils (any object with DB-API `execute`, a sqlite3 connection or a sqlite-utils
Database, will do).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import partial
from typing import Any

from kamtui.domain.enums import Indicator, OrgDimension, OrgLevel, PitfallKey, Tier
from kamtui.domain.portfolio import LayerState, PortfolioRow, open_pitfalls
from kamtui.domain.rules.dated import DatedFacts


def _state(r: dict) -> LayerState:
    day = dt.date.fromisoformat
    return LayerState(
        org_level=OrgLevel(r["org_level"]) if r["org_level"] else None,
        org_holding=tuple(OrgDimension(d) for d in json.loads(r["org_holding"] or "[]")),
        org_target=OrgLevel(r["org_target"]) if r["org_target"] else None,
        key_index=r["key_index"], key_target=r["key_target"], coverage=r["coverage"],
        red_flags=r["red_flags"] or 0, key_index_now=r["key_index_now"],
        coverage_now=r["coverage_now"], red_flags_now=r["red_flags_now"] or 0,
        extensive_index=r["extensive_index"],
        extensive_target=r["extensive_target"], sb_department=r["sb_department"],
        sb_indicator=Indicator(r["sb_indicator"]) if r["sb_indicator"] else None,
        sb_value=r["sb_value"], last_assessed=day(r["last_assessed"]) if r["last_assessed"] else None,
        pitfalls=tuple(PitfallKey(k) for k in json.loads(r["pitfalls"] or "[]")),
        dismissed=tuple(json.loads(r["dismissed"] or "[]")),
        facts=DatedFacts.from_json(json.loads(r["dated_facts"] or "{}")),
        people=r["people"] or 0, departments=r["departments"] or 0,
        activities=r["activities"] or 0, assessments=r["assessments"] or 0,
        next_step=json.loads(r["next_step"]) if r.get("next_step") else None,
    )


PORTFOLIO_SQL = """
SELECT a.id, a.name, a.short_name, a.industry, a.tier, a.archived,
       coalesce(m.name, '') AS owner, s.*,
       coalesce(o.open, 0) AS open_activities, coalesce(o.overdue, 0) AS overdue_activities,
       coalesce(o.undated, 0) AS undated_activities
FROM account a
LEFT JOIN account_summary s ON s.account_id = a.id
LEFT JOIN team_member m ON m.id = a.owner_id
LEFT JOIN (
    SELECT account_id, count(*) AS open, sum(planned_on < :today) AS overdue,
           sum(planned_on IS NULL) AS undated
    FROM activity WHERE status IN ('planned', 'in_progress') AND archived = 0
    GROUP BY account_id
) o ON o.account_id = a.id
WHERE (:archived OR a.archived = 0)
ORDER BY a.name, a.id
"""


# The first screenful by name: the open/overdue counts of those accounts only (the index
# activity_open answers each), not the whole activity table grouped.
FIRST_ROWS_SQL = """
WITH page AS (
    SELECT a.id, a.name, a.short_name, a.industry, a.tier, a.archived, a.owner_id
    FROM account a WHERE (:archived OR a.archived = 0)
    ORDER BY a.name, a.id LIMIT :limit
)
SELECT p.id, p.name, p.short_name, p.industry, p.tier, p.archived,
       coalesce(m.name, '') AS owner, s.*,
       (SELECT count(*) FROM activity v WHERE v.account_id = p.id
            AND v.status IN ('planned', 'in_progress') AND v.archived = 0) AS open_activities,
       (SELECT count(*) FROM activity v WHERE v.account_id = p.id AND v.planned_on < :today
            AND v.status IN ('planned', 'in_progress') AND v.archived = 0) AS overdue_activities,
       (SELECT count(*) FROM activity v WHERE v.account_id = p.id AND v.planned_on IS NULL
            AND v.status IN ('planned', 'in_progress') AND v.archived = 0) AS undated_activities
FROM page p
LEFT JOIN account_summary s ON s.account_id = p.id
LEFT JOIN team_member m ON m.id = p.owner_id
ORDER BY p.name, p.id
"""


def first_rows(db: Any, today: dt.date, limit: int, include_archived: bool = False) -> list[PortfolioRow]:
    """The first `limit` lines of `portfolio()`, equal to them, without reading the rest."""
    cur = db.execute(FIRST_ROWS_SQL, {"today": today.isoformat(), "archived": int(include_archived),
                                      "limit": limit})
    return _rows(cur, today)


def portfolio(db: Any, today: dt.date, include_archived: bool = False) -> list[PortfolioRow]:
    """Every account's line: one SQL round trip, figures from the cached summary (parsed
    when a row's figures are first needed)."""
    cur = db.execute(PORTFOLIO_SQL, {"today": today.isoformat(), "archived": int(include_archived)})
    return _rows(cur, today)


def _rows(cur: Any, today: dt.date) -> list[PortfolioRow]:
    names = [c[0] for c in cur.description]
    out = []
    for values in cur:
        r = dict(zip(names, values))
        out.append(PortfolioRow(
            r["id"], r["name"], r["short_name"], r["industry"], Tier(r["tier"]), r["owner"],
            bool(r["archived"]), open_activities=r["open_activities"],
            overdue_activities=r["overdue_activities"] or 0, undated_activities=r["undated_activities"] or 0,
            load=partial(_state, r) if r["account_id"] else LayerState,
            red_flags=r["red_flags"] or 0, today=today,
        ))
    return out


# `kamtui report`: only the columns its JSON shows (not archived accounts, as the portfolio).
REPORT_SQL = """
SELECT a.id, a.name, s.org_level, s.key_index, s.coverage, s.red_flags, s.key_index_now,
       s.coverage_now, s.red_flags_now, s.extensive_index, s.sb_department,
       s.sb_indicator, coalesce(o.open, 0) AS open_activities,
       coalesce(o.overdue, 0) AS overdue_activities, s.last_assessed, s.pitfalls, s.dismissed,
       s.dated_facts, s.next_step, coalesce(o.undated, 0) AS undated_activities
FROM account a
LEFT JOIN account_summary s ON s.account_id = a.id
LEFT JOIN (
    SELECT account_id, count(*) AS open, sum(planned_on < :today) AS overdue,
           sum(planned_on IS NULL) AS undated
    FROM activity WHERE status IN ('planned', 'in_progress') AND archived = 0
    GROUP BY account_id
) o ON o.account_id = a.id
WHERE a.archived = 0
ORDER BY a.name, a.id
"""


def report_values(db: Any, today: dt.date) -> list[tuple]:
    """REPORT_SQL's rows as they are (JSON columns still text): the report's one read."""
    return db.execute(REPORT_SQL, {"today": today.isoformat()}).fetchall()
