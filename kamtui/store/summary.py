"""account_summary: each account's figures, recomputed inside the transaction that changed them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from sqlite_utils import Database

from kamtui.domain.enums import Indicator, OrgDimension, OrgLevel, PitfallKey, Tier
from kamtui.domain.portfolio import LayerState, PortfolioRow, layer_state, open_pitfalls
from kamtui.domain.rules.pitfalls import DatedFacts
from kamtui.store import queries

_COLUMNS = (
    "account_id", "org_level", "org_holding", "org_target", "key_index", "key_target", "coverage",
    "red_flags", "extensive_index", "extensive_target", "sb_department", "sb_indicator", "sb_value",
    "last_assessed", "dated_facts", "pitfalls", "dismissed", "people", "departments", "activities",
    "assessments",
)


def _row(account_id: str, s: LayerState) -> tuple:
    return (
        account_id, s.org_level.value if s.org_level else None,
        json.dumps([d.value for d in s.org_holding]), s.org_target.value if s.org_target else None,
        s.key_index, s.key_target, s.coverage, s.red_flags, s.extensive_index, s.extensive_target,
        s.sb_department, s.sb_indicator.value if s.sb_indicator else None, s.sb_value,
        s.last_assessed.isoformat() if s.last_assessed else None,
        json.dumps(s.facts.to_json()), json.dumps([k.value for k in s.pitfalls]),
        json.dumps(list(s.dismissed)), s.people, s.departments, s.activities, s.assessments,
    )


def refresh(db: Database, account_ids: Iterable[str]) -> None:
    """Recompute the summary of each account (those deleted meanwhile lose theirs)."""
    policy = queries.settings(db).policy
    rows = []
    for account_id in account_ids:
        exists = db.execute("SELECT 1 FROM account WHERE id = ?", [account_id]).fetchone()
        if not exists:
            db.execute("DELETE FROM account_summary WHERE account_id = ?", [account_id])
            continue
        rows.append(_row(account_id, layer_state(queries.plan(db, account_id), policy)))
    if rows:
        db.conn.executemany(
            f"INSERT OR REPLACE INTO account_summary ({', '.join(_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in _COLUMNS)})",
            rows,
        )


def _state(r: dict) -> LayerState:
    day = dt.date.fromisoformat
    return LayerState(
        org_level=OrgLevel(r["org_level"]) if r["org_level"] else None,
        org_holding=tuple(OrgDimension(d) for d in json.loads(r["org_holding"] or "[]")),
        org_target=OrgLevel(r["org_target"]) if r["org_target"] else None,
        key_index=r["key_index"], key_target=r["key_target"], coverage=r["coverage"] or 0.0,
        red_flags=r["red_flags"] or 0, extensive_index=r["extensive_index"],
        extensive_target=r["extensive_target"], sb_department=r["sb_department"],
        sb_indicator=Indicator(r["sb_indicator"]) if r["sb_indicator"] else None,
        sb_value=r["sb_value"], last_assessed=day(r["last_assessed"]) if r["last_assessed"] else None,
        pitfalls=tuple(PitfallKey(k) for k in json.loads(r["pitfalls"] or "[]")),
        dismissed=tuple(json.loads(r["dismissed"] or "[]")),
        facts=DatedFacts.from_json(json.loads(r["dated_facts"] or "{}")),
        people=r["people"] or 0, departments=r["departments"] or 0,
        activities=r["activities"] or 0, assessments=r["assessments"] or 0,
    )


PORTFOLIO_SQL = """
SELECT a.id, a.name, a.short_name, a.industry, a.tier, a.archived,
       coalesce(m.name, '') AS owner, s.*,
       coalesce(o.open, 0) AS open_activities, coalesce(o.overdue, 0) AS overdue_activities
FROM account a
LEFT JOIN account_summary s ON s.account_id = a.id
LEFT JOIN team_member m ON m.id = a.owner_id
LEFT JOIN (
    SELECT account_id, count(*) AS open, sum(planned_on < :today) AS overdue
    FROM activity WHERE status IN ('planned', 'in_progress') AND archived = 0
    GROUP BY account_id
) o ON o.account_id = a.id
WHERE (:archived OR a.archived = 0)
ORDER BY a.name, a.id
"""


def portfolio(db: Database, today: dt.date, include_archived: bool = False) -> list[PortfolioRow]:
    """Every account's line: one SQL round trip, figures from the cached summary."""
    out = []
    cur = db.execute(PORTFOLIO_SQL, {"today": today.isoformat(), "archived": int(include_archived)})
    names = [c[0] for c in cur.description]
    for values in cur:
        r = dict(zip(names, values))
        state = _state(r) if r["account_id"] else LayerState()
        out.append(PortfolioRow(
            id=r["id"], name=r["name"], short_name=r["short_name"], industry=r["industry"],
            tier=Tier(r["tier"]), owner=r["owner"], archived=bool(r["archived"]), state=state,
            open_activities=r["open_activities"], overdue_activities=r["overdue_activities"] or 0,
            pitfalls=open_pitfalls(state, today),
        ))
    return out
