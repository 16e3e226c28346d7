"""account_summary: each account's figures, recomputed inside the transaction that changed them.

Reading it back for the portfolio is `portfolio_read` (kept apart: it must stay light).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlite_utils import Database

from kamtui.domain.portfolio import LayerState
from kamtui.domain.rules.state import layer_state
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
