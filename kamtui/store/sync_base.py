"""The last synced state of each record (table `sync_base`) and the workspace's own options.

A record's base is its content when it last went through a plan file: the export that
wrote it or the import that read it: the record's columns (the store's encoding, `version`
left out), stored as a JSON array of their values in `ARRAY_COLUMNS`' order (a JSON object of
them where the record's kind or columns are not those: a workspace synced before, settings),
keyed by kind and key (a record's id; targets
`account:layer`, dismissals `account:key`). A three-way import compares the file, the
workspace and this base, field by field. `data` NULL: no base is known (a conflict met
before the record was ever synced). `conflict`: a conflict the import stopped, as JSON
({"record": the file's row, "entries": [...]}), or {"resolved": true} once decided, until
the next export writes the record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

BaseRow = tuple[str, str, str | None, dict[str, Any] | None]  # (kind, key, account, columns)
RESOLVED = {"resolved": True}

# kind -> a stored base's columns, the order of the values of its JSON array. An object would
# repeat every column's name in every row: the bases are then most of a synced workspace's
# bytes (90 of the 178 MB of the `large` one, 48 as arrays), and every sync's quick_check reads
# all of them. The model's columns without `version` (tests/sync/test_base_encoding.py holds
# them equal); append only: a column added later is missing from the arrays stored before,
# read as a base without it, as an object stored before it would be.
ARRAY_COLUMNS: dict[str, tuple[str, ...]] = {
    "member": ("id", "name", "title", "login", "archived"),
    "account": ("id", "name", "short_name", "industry", "region", "tier", "owner_id", "strategy_notes",
                "archived"),
    "department": ("id", "account_id", "parent_id", "name", "importance", "business_line", "archived"),
    "person": ("id", "account_id", "department_id", "name", "title", "email", "phone", "reports_to_id", "role",
               "influence", "attitude", "executive", "hidden_decision_maker", "rising_star", "needs_level",
               "personal_needs", "career_needs", "private_notes", "owner_id", "leaning_known",
               "leaning_competitor_id", "last_contact", "archived"),
    "link": ("id", "account_id", "from_id", "to_id", "kind"),
    "competitor": ("id", "account_id", "name", "position", "notes"),
    "assessment": ("id", "account_id", "assessed_on", "recorded_by", "note", "org", "evidence", "people",
                   "departments", "evidence_activity_id"),
    "target": ("account_id", "layer", "level", "target_index", "due", "notes"),
    "activity": ("id", "account_id", "type", "scope", "layer", "target_person_ids", "target_department_id",
                 "target_business_line", "short_board", "objective", "planned_on", "owner_id", "status",
                 "outcome", "cancel_reason", "cost", "currency", "needs_level", "compliance_reviewed",
                 "approval", "archived"),
    "dismissal": ("account_id", "key", "reason", "dismissed_by", "dismissed_on"),
}


def encode(kind: str, data: dict[str, Any]) -> str:
    """A base as stored: the array of its values when its columns are the kind's, in order."""
    if tuple(data) == ARRAY_COLUMNS.get(kind):
        return json.dumps(list(data.values()), ensure_ascii=False)
    return json.dumps(data, ensure_ascii=False)


def decode(kind: str, text: str) -> dict[str, Any]:
    """A stored base as its columns (either form)."""
    found = json.loads(text)
    if isinstance(found, list):
        return dict(zip(ARRAY_COLUMNS[kind], found))
    return found


def key_text(key: Any) -> str:
    """A record's key as one string: an id, or the parts of a composite key joined by ':'."""
    return ":".join(str(k) for k in key) if isinstance(key, tuple) else str(key)


def bases(db: Any, kind: str, keys: Iterable[Any]) -> dict[str, tuple[dict | None, dict | None]]:
    """{key text: (base columns or None, conflict or None)} of the records of `kind` asked for."""
    wanted = [key_text(k) for k in keys]
    if not wanted:
        return {}
    cur = db.execute(
        "SELECT key, data, conflict FROM sync_base WHERE kind = ? AND key IN (SELECT value FROM json_each(?))",
        [kind, json.dumps(wanted)])
    return {k: (decode(kind, d) if d is not None else None, json.loads(c) if c is not None else None)
            for k, d, c in cur.fetchall()}


def put(db: Any, rows: Iterable[BaseRow]) -> None:
    """Set these records' bases (and clear their conflicts): they were just synced."""
    db.conn.executemany(
        "INSERT INTO sync_base(kind, key, account_id, data, conflict) VALUES (?, ?, ?, ?, NULL) "
        "ON CONFLICT(kind, key) DO UPDATE SET account_id = excluded.account_id, data = excluded.data, "
        "conflict = NULL",
        [(kind, key, account, encode(kind, data) if data is not None else None)
         for kind, key, account, data in rows])


def put_from_table(db: Any, kind: str, table: str, columns: list[str], key_columns: list[str],
                   account_column: str | None) -> None:
    """The bases of every row of `table` (an attached staging table of a bulk import): built by
    SQLite itself, the rows never come back into Python."""
    names = [c for c in columns if c != "version"]
    if tuple(names) == ARRAY_COLUMNS.get(kind):  # (as `encode` stores it)
        data = f"json_array({', '.join(names)})"
    else:
        pairs = ", ".join(f"'{c}', {c}" for c in names)
        data = f"json_object({pairs})"
    key = " || ':' || ".join(key_columns)
    account = account_column or "NULL"
    db.execute(
        f"INSERT INTO sync_base(kind, key, account_id, data, conflict) "
        f"SELECT ?, {key}, {account}, {data}, NULL FROM {table} WHERE true "
        f"ON CONFLICT(kind, key) DO UPDATE SET account_id = excluded.account_id, data = excluded.data, "
        f"conflict = NULL", [kind])


def mark_conflict(db: Any, kind: str, key: str, account: str | None, conflict: dict[str, Any]) -> None:
    """Keep a conflict the import stopped (the base stays as it was)."""
    db.execute(
        "INSERT INTO sync_base(kind, key, account_id, data, conflict) VALUES (?, ?, ?, NULL, ?) "
        "ON CONFLICT(kind, key) DO UPDATE SET conflict = excluded.conflict",
        [kind, key, account, json.dumps(conflict, ensure_ascii=False)])


def forget(db: Any, kind: str, keys: Iterable[str]) -> None:
    db.conn.executemany("DELETE FROM sync_base WHERE kind = ? AND key = ?", [(kind, k) for k in keys])


def conflicts(db: Any, account_ids: Iterable[str] | None = None) -> list[tuple[str, str, str | None, dict]]:
    """(kind, key, account, conflict) of the conflicts kept, for some accounts or all."""
    sql = "SELECT kind, key, account_id, conflict FROM sync_base WHERE conflict IS NOT NULL"
    params: list[Any] = []
    if account_ids is not None:
        sql += " AND account_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(list(account_ids)))
    return [(k, key, a, json.loads(c)) for k, key, a, c in db.execute(sql + " ORDER BY rowid", params).fetchall()]


def account_ids(db: Any) -> list[str]:
    return [r[0] for r in db.execute("SELECT id FROM account ORDER BY id").fetchall()]


def is_synced(db: Any) -> bool:
    """Whether anything of this workspace ever went through a plan file."""
    return db.execute("SELECT 1 FROM sync_base LIMIT 1").fetchone() is not None


# -- the workspace's own options ------------------------------------------------------------

def option(conn: Any, key: str) -> str | None:
    """An option of the workspace file; None when unset (or the schema predates options)."""
    try:
        row = conn.execute("SELECT value FROM workspace_option WHERE key = ?", [key]).fetchone()
    except Exception as exc:  # noqa: BLE001 - sqlite3.OperationalError: no such table (older schema)
        if "no such table" in str(exc):
            return None
        raise
    return row[0] if row else None


def set_option(db: Any, key: str, value: str | None) -> None:
    if value is None:
        db.execute("DELETE FROM workspace_option WHERE key = ?", [key])
    else:
        db.execute("INSERT INTO workspace_option(key, value) VALUES (?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])


# -- what changed since the last sync (from the audit log) ----------------------------------

def audit_mark(db: Any) -> int:
    """The audit log's position now: changes after it are changes since."""
    return db.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0]


def changed_since(db: Any, mark: int | None) -> tuple[list[str], bool]:
    """(accounts changed after audit entry `mark`, whether the team's settings or members
    changed): every account, and the team, when there is no mark."""
    if mark is None:
        return [r[0] for r in db.execute("SELECT id FROM account ORDER BY id").fetchall()], True
    accounts = [r[0] for r in db.execute(
        "SELECT DISTINCT a.account_id FROM audit a JOIN account ON account.id = a.account_id "
        "WHERE a.id > ? ORDER BY a.account_id", [mark]).fetchall()]
    team = db.execute("SELECT 1 FROM audit WHERE id > ? AND entity IN ('settings', 'team_member', 'workspace') "
                      "LIMIT 1", [mark]).fetchone() is not None
    return accounts, team
