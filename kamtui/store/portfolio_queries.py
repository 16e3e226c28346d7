"""Reads for the portfolio filter: name search that stays fast on short terms.

store.search.search() answers terms of three characters and more from the FTS5 trigram index.
Shorter terms (one or two Chinese characters are common) have no trigram, and its fallback
casefolds all 245,000 names of the `xl` workspace in Python per keystroke (≈400 ms). Most short
terms need no Python at all: one without letters of any case (Chinese, digits) is a plain
substring test, an ASCII one is what SQLite's LIKE already folds. Only the rest (e.g. "Mü")
takes the casefolding path.
"""

from __future__ import annotations

from typing import Any

from kamtui.store.search import Hit, search


def _has_no_case(term: str) -> bool:
    return term.lower() == term.upper()


def search_names(db: Any, term: str, limit: int = 2000) -> list[Hit]:
    """Accounts, people and departments whose name contains `term`, case-insensitively."""
    term = term.strip()
    if not term or len(term) >= 3:
        return search(db, term, limit)
    if _has_no_case(term):
        sql = "SELECT kind, ref_id, account_id, text FROM search WHERE instr(text, ?) > 0 LIMIT ?"
        params: list = [term, limit]
    elif term.isascii():
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        sql = "SELECT kind, ref_id, account_id, text FROM search WHERE text LIKE ? ESCAPE '\\' LIMIT ?"
        params = [f"%{escaped}%", limit]
    else:
        return search(db, term, limit)
    return [Hit(*row) for row in db.execute(sql, params)]


def account_count(db: Any, include_archived: bool = False) -> int:
    """How many accounts the portfolio will list: tells the UI whether to load off its thread."""
    where = "" if include_archived else " WHERE archived = 0"
    return db.execute(f"SELECT count(*) FROM account{where}").fetchone()[0]
