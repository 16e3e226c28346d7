"""Unfinished work kept per (account, user, kind): the `draft` table (migration m002).

A draft is the owner's private scratch state, so writing it refreshes no account summary.
Its version makes two windows of the same user that keep the same draft conflict instead
of silently overwriting each other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from kamtui.errors import ConflictError

if TYPE_CHECKING:
    from kamtui.store.writes import Tx


@dataclass(frozen=True)
class Draft:
    account_id: str
    owner: str
    kind: str
    data: dict[str, Any]
    updated_at: str
    version: int


def _entity_id(account_id: str, owner: str, kind: str) -> str:
    return f"{account_id}:{owner}:{kind}"


def get(db: Database, account_id: str, owner: str, kind: str) -> Draft | None:
    found = db.execute(
        "SELECT data, updated_at, version FROM draft WHERE account_id = ? AND owner = ? AND kind = ?",
        [account_id, owner, kind],
    ).fetchone()
    if found is None:
        return None
    return Draft(account_id, owner, kind, json.loads(found[0]), found[1], found[2])


def owners(db: Database, account_id: str, kind: str) -> list[str]:
    """Who keeps a draft of this kind on the account (for "also being assessed by …")."""
    return [r[0] for r in db.execute(
        "SELECT owner FROM draft WHERE account_id = ? AND kind = ? ORDER BY owner", [account_id, kind]
    )]


def _conflict(tx: "Tx", account_id: str, owner: str, kind: str, base: int | None,
              attempted: dict[str, Any]) -> ConflictError:
    stored = get(tx.db, account_id, owner, kind)
    return ConflictError(
        "draft", _entity_id(account_id, owner, kind), -1 if base is None else base,
        {"version": stored.version, "updated_at": stored.updated_at} if stored else None,
        attempted, owner, stored.updated_at if stored else None,
    )


def save(tx: "Tx", account_id: str, owner: str, kind: str, data: dict[str, Any],
         base_version: int | None) -> int:
    """Write the draft; `base_version` None means "there is none yet". Returns the new version."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    at = tx.now.isoformat(timespec="seconds")
    if base_version is None:
        exists = tx.db.execute(
            "SELECT 1 FROM draft WHERE account_id = ? AND owner = ? AND kind = ?", [account_id, owner, kind]
        ).fetchone()
        if exists:
            raise _conflict(tx, account_id, owner, kind, None, {"updated_at": at})
        tx.db.execute(
            "INSERT INTO draft(account_id, owner, kind, data, updated_at, version) VALUES (?, ?, ?, ?, ?, 0)",
            [account_id, owner, kind, text, at],
        )
        tx.audit("draft", _entity_id(account_id, owner, kind), account_id, "create", {"updated_at": [None, at]})
        return 0
    cur = tx.db.execute(
        "UPDATE draft SET data = ?, updated_at = ?, version = version + 1 "
        "WHERE account_id = ? AND owner = ? AND kind = ? AND version = ?",
        [text, at, account_id, owner, kind, base_version],
    )
    if cur.rowcount != 1:
        raise _conflict(tx, account_id, owner, kind, base_version, {"updated_at": at})
    tx.audit("draft", _entity_id(account_id, owner, kind), account_id, "update", {"updated_at": [None, at]})
    return base_version + 1


def delete(tx: "Tx", account_id: str, owner: str, kind: str, base_version: int | None = None) -> bool:
    """Remove the draft (if `base_version` is given, only that version). True if one was removed."""
    sql = "DELETE FROM draft WHERE account_id = ? AND owner = ? AND kind = ?"
    params: list[Any] = [account_id, owner, kind]
    if base_version is not None:
        sql += " AND version = ?"
        params.append(base_version)
    cur = tx.db.execute(sql, params)
    if cur.rowcount == 0:
        if base_version is not None and get(tx.db, account_id, owner, kind) is not None:
            raise _conflict(tx, account_id, owner, kind, base_version, {})
        return False
    tx.audit("draft", _entity_id(account_id, owner, kind), account_id, "delete", {})
    return True
