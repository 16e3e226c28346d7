"""account_summary: each account's figures, recomputed inside the transaction that changed them.

Reading it back for the portfolio is `accounts.portfolio` (kept apart: it must stay light).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from sqlite_utils import Database

from kamtui.domain.models import Policy
from kamtui.domain.plan import AccountPlan
from kamtui.domain.portfolio import LayerState
from kamtui.domain.rules.state import layer_state
from kamtui.domain.rules import version
from kamtui.domain.team import awaiting_approval
from kamtui.store import accounts, activities, team, team_points

_COLUMNS = (
    "account_id", "rules_version", "org_level", "org_holding", "org_target", "key_index",
    "key_target", "coverage", "red_flags", "key_index_now", "coverage_now", "red_flags_now",
    "extensive_index", "extensive_target", "sb_department", "sb_indicator", "sb_value",
    "last_assessed", "dated_facts", "pitfalls", "dismissed", "people", "departments", "activities",
    "assessments", "next_step", "awaiting_approval",
)


def _row(account_id: str, s: LayerState, awaiting: int) -> tuple:
    return (
        account_id, version.RULES_VERSION, s.org_level.value if s.org_level else None,
        json.dumps([d.value for d in s.org_holding]), s.org_target.value if s.org_target else None,
        s.key_index, s.key_target, s.coverage, s.red_flags, s.key_index_now, s.coverage_now,
        s.red_flags_now, s.extensive_index, s.extensive_target,
        s.sb_department, s.sb_indicator.value if s.sb_indicator else None, s.sb_value,
        s.last_assessed.isoformat() if s.last_assessed else None,
        json.dumps(s.facts.to_json()), json.dumps([k.value for k in s.pitfalls]),
        json.dumps(list(s.dismissed)), s.people, s.departments, s.activities, s.assessments,
        json.dumps(s.next_step, ensure_ascii=False) if s.next_step is not None else None, awaiting,
    )


def _as_stored(plan: AccountPlan) -> AccountPlan:
    """The plan with its lists in the order `accounts.plan` reads them back (domain.ordering), so
    that ties the rules break by position (the short board…) fall the same way. SQLite's
    BINARY order of UTF-8 text is Python's code-point order of str, and dates are ISO text."""
    def name_id(m): return (m.name, m.id)
    def by_id(m): return m.id
    def dated(a): return (a.planned_on is None, a.planned_on or dt.date.min, a.id)
    return AccountPlan.model_construct(
        account=plan.account,
        departments=sorted(plan.departments, key=name_id),
        people=sorted(plan.people, key=name_id),
        links=sorted(plan.links, key=by_id),
        competitors=sorted(plan.competitors, key=name_id),
        assessments=sorted(plan.assessments, key=lambda a: (a.assessed_on, a.id)),
        targets=sorted(plan.targets, key=lambda t: t.layer.value),
        activities=sorted(plan.activities, key=dated),
        dismissals=sorted(plan.dismissals, key=lambda d: d.key),
    )


def row_of_plan(plan: AccountPlan, policy: Policy) -> tuple:
    """The summary row of an account whose records are exactly `plan` (in any order): what
    `refresh` would store once they are written, without reading them back."""
    return _row(plan.account.id, layer_state(_as_stored(plan), policy), awaiting_approval(plan.activities, policy))


def store_rows(db: Database, rows: Iterable[tuple]) -> None:
    """Summary rows computed by `row_of_plan`, stored as they are (and, from the accounts'
    records now written, the points of their assessments, store.team_points, and their
    execution per month, store.activities.refresh_execution)."""
    rows = list(rows)
    db.conn.executemany(
        f"INSERT OR REPLACE INTO account_summary ({', '.join(_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in _COLUMNS)})",
        rows,
    )
    ids = [r[0] for r in rows]
    team_points.refresh(db, ids)
    activities.refresh_execution(db, ids)


def refresh(db: Database, account_ids: Iterable[str]) -> None:
    """Recompute the summary of each account (those deleted meanwhile lose theirs)."""
    policy = team.settings(db).policy
    rows = []
    for account_id in account_ids:
        exists = db.execute("SELECT 1 FROM account WHERE id = ?", [account_id]).fetchone()
        if not exists:
            db.execute("DELETE FROM account_summary WHERE account_id = ?", [account_id])
            db.execute("DELETE FROM execution_month WHERE account_id = ?", [account_id])
            continue
        plan = accounts.plan(db, account_id)
        rows.append(_row(account_id, layer_state(plan, policy), awaiting_approval(plan.activities, policy)))
    if rows:
        store_rows(db, rows)  # with the points of their assessments


def rebuild(db: Database, account_ids: list[str], progress=None, batch: int = 200) -> None:
    """Recompute the figures of these accounts (inside the caller's transaction), telling
    `progress(done, total)` after each batch."""
    for start in range(0, len(account_ids), batch):
        refresh(db, account_ids[start:start + batch])
        if progress is not None:
            progress(min(start + batch, len(account_ids)), len(account_ids))


def shadow(db: Database, account_ids: list[str], progress=None) -> None:
    """For a workspace this process may only read: current figures in a TEMP table of the
    same name, which SQLite finds before the stored one for every unqualified read on this
    connection. Nothing is written to the file."""
    db.execute("DROP TABLE IF EXISTS temp.account_summary")
    db.execute("CREATE TEMP TABLE account_summary AS SELECT * FROM main.account_summary "
               "WHERE rules_version = ?", [version.RULES_VERSION])
    db.execute("DROP TABLE IF EXISTS temp.assessment_point")
    db.execute("CREATE TEMP TABLE assessment_point AS SELECT * FROM main.assessment_point "
               "WHERE rules_version = ?", [version.RULES_VERSION])
    db.execute("DROP TABLE IF EXISTS temp.execution_month")
    db.execute("CREATE TEMP TABLE execution_month AS SELECT * FROM main.execution_month WHERE account_id IN "
               "(SELECT account_id FROM temp.account_summary)")
    rebuild(db, account_ids, progress)
