"""Helpers the plan tests import by name (a conftest is not a module to import from: another
folder's conftest may answer to the same name)."""

from __future__ import annotations

from kamtui.store import Workspace

TODAY_ISO = "2026-11-26"


def dump(ws: Workspace) -> dict[str, list[tuple]]:
    """Every row of every table (audit and summaries included), to prove nothing was written."""
    names = [r[0] for r in ws.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'search_%' ORDER BY name")]
    return {n: ws.db.execute(f"SELECT * FROM [{n}] ORDER BY rowid").fetchall() for n in names}
