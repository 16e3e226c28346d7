"""The audit log read newest first, for one record or one account (the TUI's history)."""

from __future__ import annotations

import json
from typing import Any


def newest(db: Any, *, entity: str | None = None, entity_id: str | None = None,
           account_id: str | None = None, limit: int = 300) -> list[dict]:
    """Audit rows, newest first: one record's (entity + entity_id, index audit_entity) or an
    account's (account_id, index audit_account); `changes` parsed."""
    if entity is not None:
        sql, params = "SELECT * FROM audit WHERE entity = :e AND entity_id = :i", {"e": entity, "i": entity_id}
    else:
        sql, params = "SELECT * FROM audit WHERE account_id = :a", {"a": account_id}
    cur = db.execute(sql + " ORDER BY id DESC LIMIT :n", {**params, "n": int(limit)})
    names = [c[0] for c in cur.description]
    out = []
    for values in cur:
        r = dict(zip(names, values))
        r["changes"] = json.loads(r["changes"] or "{}")
        out.append(r)
    return out


def names(db: Any, ids: list[str], tables: tuple[str, ...]) -> dict[str, str]:
    """id -> name for those of `ids` that are rows of `tables` (each has id and name)."""
    out: dict[str, str] = {}
    marks = ",".join("?" * len(ids))
    for table in tables:
        for rid, name in db.execute(f"SELECT id, name FROM {table} WHERE id IN ({marks})", ids):
            out[rid] = name
    return out
