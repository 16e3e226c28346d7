"""Full-text search over account, person and department names (FTS5 trigram)."""

from __future__ import annotations

from dataclasses import dataclass

from typing import Any


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str  # account | person | department
    ref_id: str
    account_id: str
    text: str


def search(db: Any, term: str, limit: int = 2000) -> list[Hit]:
    """Substring matches, case-insensitive, Chinese included.

    The trigram index needs three characters; shorter terms (common with Chinese names)
    scan the same table with LIKE, which stays fast at these sizes.
    """
    term = term.strip()
    if not term:
        return []
    if len(term) >= 3:
        quoted = '"' + term.replace('"', '""') + '"'
        sql = "SELECT kind, ref_id, account_id, text FROM search WHERE text MATCH ? LIMIT ?"
        params: list = [quoted, limit]
    else:
        # LIKE folds ASCII only ("MÜ" would miss "Müller"): compare casefolded text instead
        sql = "SELECT kind, ref_id, account_id, text FROM search WHERE instr(kam_fold(text), ?) > 0 LIMIT ?"
        params = [term.casefold(), limit]
    return [Hit(*row) for row in db.execute(sql, params)]
