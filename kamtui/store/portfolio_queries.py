"""Reads for the portfolio filter: name search that stays fast on short terms.

Terms of three characters and more are answered by the FTS5 trigram index. Shorter terms
(one or two Chinese characters are common) have no trigram, and a casefolding scan of all
245,000 names of the `xl` workspace in Python per keystroke (≈400 ms). Most short
terms need no Python at all: one without letters of any case (Chinese, digits) is a plain
substring test, an ASCII one is what SQLite's LIKE already folds. Only the rest (e.g. "Mü")
takes the casefolding path.
"""

from __future__ import annotations

from typing import Any

from kamtui.store.search import Hit


def _has_no_case(term: str) -> bool:
    return term.lower() == term.upper()


def via_names(db: Any, term: str) -> list[Hit]:
    """For each account with a person or department whose name contains `term`
    (case-insensitively), the first such one: why the portfolio filter keeps that account.

    One row per account, however many names match: a short term matches most of 200,000 names,
    and the filter needs only to know which accounts and one name to show for each.
    """
    term = term.strip()
    if not term:
        return []
    if len(term) >= 3:
        where, params = "text MATCH ?", ['"' + term.replace('"', '""') + '"']
    elif _has_no_case(term):
        where, params = "instr(text, ?) > 0", [term]
    elif term.isascii():
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where, params = "text LIKE ? ESCAPE '\\'", [f"%{escaped}%"]
    else:  # LIKE folds ASCII only ("MÜ" would miss "Müller")
        where, params = "instr(kam_fold(text), ?) > 0", [term.casefold()]
    sql = (f"SELECT kind, ref_id, account_id, text, min(rowid) FROM search "
           f"WHERE {where} AND kind != 'account' GROUP BY account_id")
    return [Hit(*row[:4]) for row in db.execute(sql, params)]


# Every account's person and department names in one string, each line "<kind code><text>"
# (1 person, 2 department; control characters never occur in names or in a typed term), in
# the order of the search table's rows: the portfolio keeps it to filter without a scan.
NAMES_SQL = """
SELECT account_id, group_concat(line, char(10)) FROM (
    SELECT account_id, char(1) || name || ' ' || title AS line, rowid * 4 + 2 AS r FROM person
    UNION ALL
    SELECT account_id, char(2) || name || ' ' || business_line, rowid * 4 + 3 FROM department
    ORDER BY account_id, r
) GROUP BY account_id
"""


def names_by_account(db: Any) -> list[tuple[str, str]]:
    """(account id, its names as NAMES_SQL joins them) for every account with any."""
    return db.execute(NAMES_SQL).fetchall()


def account_count(db: Any, include_archived: bool = False) -> int:
    """How many accounts the portfolio will list: tells the UI whether to load off its thread."""
    where = "" if include_archived else " WHERE archived = 0"
    return db.execute(f"SELECT count(*) FROM account{where}").fetchone()[0]
