"""Reads that need no model: what the app asks before its first frame (language, team name).

On the plain sqlite3 connection, so that start-up loads neither sqlite-utils nor pydantic.
"""

from __future__ import annotations

import sqlite3

DEFAULT_TEAM = "My team"  # as domain.models.Settings defaults them
DEFAULT_LANG = "en"


def preference(conn: sqlite3.Connection, owner: str, key: str) -> str | None:
    found = conn.execute("SELECT value FROM preference WHERE owner = ? AND key = ?", [owner, key]).fetchone()
    return found[0] if found else None


def team_and_language(conn: sqlite3.Connection) -> tuple[str, str]:
    """The settings' team name and default language (their defaults when never saved)."""
    found = conn.execute("SELECT team_name, default_lang FROM settings WHERE id = 1").fetchone()
    return (found[0], found[1]) if found else (DEFAULT_TEAM, DEFAULT_LANG)


STALE_SQL = """
SELECT a.id FROM account a LEFT JOIN account_summary s ON s.account_id = a.id
WHERE s.rules_version IS NOT :version ORDER BY a.id
"""


def stale_accounts(conn: sqlite3.Connection) -> list[str]:
    """Accounts whose cached figures are missing or were made by other rules (RULES_VERSION):
    asked at every open, so one plain read and no model (store.summary recomputes them)."""
    from kamtui.domain.rules.version import RULES_VERSION

    return [r[0] for r in conn.execute(STALE_SQL, {"version": RULES_VERSION})]
