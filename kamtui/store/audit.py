"""Reads of the audit log: who changed what, and when (written by every write, `Tx.audit`)."""

from __future__ import annotations

import json
from typing import Any

_COLUMNS = ("id", "at", "who", "entity", "entity_id", "account_id", "action", "changes")


def last_change(db: Any, entity: str, entity_id: str) -> tuple[str | None, str | None]:
    """Who changed a record last, and when."""
    found = db.execute(
        "SELECT who, at FROM audit WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1",
        [entity, entity_id],
    ).fetchone()
    return (found[0], found[1]) if found else (None, None)


def entries(db: Any, account_id: str | None = None, since: str | None = None,
            limit: int | None = None) -> list[dict[str, Any]]:
    """The log's entries, oldest first, as dicts of its columns (`changes` decoded)."""
    clauses, params = [], []
    if account_id is not None:
        clauses.append("account_id = ?")
        params.append(account_id)
    if since is not None:
        clauses.append("at >= ?")
        params.append(since)
    sql = f"SELECT {', '.join(_COLUMNS)} FROM audit"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    out = []
    for values in db.execute(sql, params):
        r = dict(zip(_COLUMNS, values))
        r["changes"] = json.loads(r["changes"])
        out.append(r)
    return out

# -- newest first: one record's or one account's history (the TUI's history key) ---------
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
