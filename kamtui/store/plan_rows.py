"""An account's records as the workspace stores them: plain rows (column -> stored value),
read without the models, for the export that writes them as they are
(`services/plans/light_export.py`; a test holds its files byte-equal to the model-based
export's)."""

from __future__ import annotations

from typing import Any

from kamtui.store.tables import TABLES

# plan file kind -> table (the tables of kamtui.store.tables)
TABLE_OF = {"account": "account", "department": "department", "person": "person", "link": "person_link",
            "competitor": "competitor", "assessment": "assessment", "target": "layer_target",
            "activity": "activity", "dismissal": "pitfall_dismissal"}


def account_rows(conn: Any, account_id: str) -> dict[str, list[dict[str, Any]]]:
    """kind -> the account's rows of that kind (the account's own row under "account")."""
    out: dict[str, list[dict[str, Any]]] = {}
    for kind, table in TABLE_OF.items():
        # (in the kind's list order, as the store's model reads give them)
        cur = conn.execute(f"SELECT * FROM {table} WHERE {'id' if kind == 'account' else 'account_id'} = ? "
                           f"ORDER BY {TABLES[table].order_by()}", [account_id])
        names = [d[0] for d in cur.description]
        out[kind] = [dict(zip(names, r)) for r in cur.fetchall()]
    return out


def has_kept_conflicts(conn: Any, account_id: str) -> bool:
    """Whether an import kept a conflict of the account's records (its file then carries the
    file's version of them, which the model-based export writes)."""
    return conn.execute("SELECT 1 FROM sync_base WHERE conflict IS NOT NULL AND account_id = ? LIMIT 1",
                        [account_id]).fetchone() is not None
