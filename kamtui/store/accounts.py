"""Reads of accounts: each account's line of the portfolio (from the cached account_summary),
the name search behind its filter, the accounts as models, and an account's whole plan.

The portfolio's lines are the first screen's data and `kamtui report`'s: this module imports
neither pydantic nor sqlite-utils (any object with DB-API `execute`, a sqlite3 connection or a
sqlite-utils Database, will do); the model reads load them when first called.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from kamtui.domain.enums import Indicator, OrgDimension, OrgLevel, PitfallKey, Tier
from kamtui.domain.portfolio import LayerState, PortfolioRow
from kamtui.domain.rules.dated import DatedFacts
from kamtui.store.tables import (
    ACCOUNT, ACTIVITY, ASSESSMENT, COMPETITOR, DEPARTMENT, DISMISSAL, LINK, PERSON, TARGET, enum_of,
)

if TYPE_CHECKING:
    from kamtui.domain.models import Account
    from kamtui.domain.plan import AccountPlan


# -- the portfolio -------------------------------------------------------------------------
def _state(r: dict) -> LayerState:
    day = dt.date.fromisoformat

    def known(cls: Any, column: str, value: Any) -> Any:
        return enum_of(cls, "account_summary", column, value)

    return LayerState(
        org_level=known(OrgLevel, "org_level", r["org_level"]) if r["org_level"] else None,
        org_holding=tuple(known(OrgDimension, "org_holding", d) for d in json.loads(r["org_holding"] or "[]")),
        org_target=known(OrgLevel, "org_target", r["org_target"]) if r["org_target"] else None,
        key_index=r["key_index"], key_target=r["key_target"], coverage=r["coverage"],
        red_flags=r["red_flags"] or 0, key_index_now=r["key_index_now"],
        coverage_now=r["coverage_now"], red_flags_now=r["red_flags_now"] or 0,
        extensive_index=r["extensive_index"],
        extensive_target=r["extensive_target"], sb_department=r["sb_department"],
        sb_indicator=known(Indicator, "sb_indicator", r["sb_indicator"]) if r["sb_indicator"] else None,
        sb_value=r["sb_value"], last_assessed=day(r["last_assessed"]) if r["last_assessed"] else None,
        pitfalls=tuple(known(PitfallKey, "pitfalls", k) for k in json.loads(r["pitfalls"] or "[]")),
        dismissed=tuple(json.loads(r["dismissed"] or "[]")),
        facts=DatedFacts.from_json(json.loads(r["dated_facts"] or "{}")),
        people=r["people"] or 0, departments=r["departments"] or 0,
        activities=r["activities"] or 0, assessments=r["assessments"] or 0,
        next_step=json.loads(r["next_step"]) if r.get("next_step") else None,
    )


# The account_summary columns a line's figures are made of (`_state`).
_SUMMARY = ", ".join(f"s.{c}" for c in (
    "account_id", "org_level", "org_holding", "org_target", "key_index", "key_target", "coverage",
    "red_flags", "key_index_now", "coverage_now", "red_flags_now", "extensive_index",
    "extensive_target", "sb_department", "sb_indicator", "sb_value",
    "last_assessed", "dated_facts", "pitfalls", "dismissed", "people", "departments", "activities",
    "assessments", "next_step"))
_OPEN = "status IN ('planned', 'in_progress') AND archived = 0"  # as ActivityStatus.is_open
# Each account's open activities, overdue and undated among them (`o`, joined on `a`).
_OPEN_COUNTS = f"""LEFT JOIN (
    SELECT account_id, count(*) AS open, sum(planned_on < :today) AS overdue,
           sum(planned_on IS NULL) AS undated
    FROM activity WHERE {_OPEN}
    GROUP BY account_id
) o ON o.account_id = a.id"""

PORTFOLIO_SQL = f"""
SELECT a.id, a.name, a.short_name, a.industry, a.tier, a.archived,
       coalesce(m.name, '') AS owner, {_SUMMARY},
       coalesce(o.open, 0) AS open_activities, coalesce(o.overdue, 0) AS overdue_activities,
       coalesce(o.undated, 0) AS undated_activities
FROM account a
LEFT JOIN account_summary s ON s.account_id = a.id
LEFT JOIN team_member m ON m.id = a.owner_id
{_OPEN_COUNTS}
WHERE (:archived OR a.archived = 0)
ORDER BY {ACCOUNT.order_by("a")}
"""


# The first screenful by name: the open/overdue counts of those accounts only (the index
# activity_open answers each), not the whole activity table grouped.
FIRST_ROWS_SQL = f"""
WITH page AS (
    SELECT a.id, a.name, a.short_name, a.industry, a.tier, a.archived, a.owner_id
    FROM account a WHERE (:archived OR a.archived = 0)
    ORDER BY {ACCOUNT.order_by("a")} LIMIT :limit
)
SELECT p.id, p.name, p.short_name, p.industry, p.tier, p.archived,
       coalesce(m.name, '') AS owner, {_SUMMARY},
       (SELECT count(*) FROM activity v WHERE v.account_id = p.id
            AND v.{_OPEN}) AS open_activities,
       (SELECT count(*) FROM activity v WHERE v.account_id = p.id AND v.planned_on < :today
            AND v.{_OPEN}) AS overdue_activities,
       (SELECT count(*) FROM activity v WHERE v.account_id = p.id AND v.planned_on IS NULL
            AND v.{_OPEN}) AS undated_activities
FROM page p
LEFT JOIN account_summary s ON s.account_id = p.id
LEFT JOIN team_member m ON m.id = p.owner_id
ORDER BY {ACCOUNT.order_by("p")}
"""


def first_rows(db: Any, today: dt.date, limit: int, include_archived: bool = False) -> list[PortfolioRow]:
    """The first `limit` lines of `portfolio()`, equal to them, without reading the rest."""
    cur = db.execute(FIRST_ROWS_SQL, {"today": today.isoformat(), "archived": int(include_archived),
                                      "limit": limit})
    return _rows(cur, today)


def portfolio(db: Any, today: dt.date, include_archived: bool = False) -> list[PortfolioRow]:
    """Every account's line: one SQL round trip, figures from the cached summary (parsed
    when a row's figures are first needed)."""
    cur = db.execute(PORTFOLIO_SQL, {"today": today.isoformat(), "archived": int(include_archived)})
    return _rows(cur, today)


def _rows(cur: Any, today: dt.date) -> list[PortfolioRow]:
    names = [c[0] for c in cur.description]
    tiers = {t.value: t for t in Tier}
    out = []
    for values in cur:
        r = dict(zip(names, values))
        tier = tiers.get(r["tier"]) or enum_of(Tier, "account", "tier", r["tier"])
        out.append(PortfolioRow(
            r["id"], r["name"], r["short_name"], r["industry"], tier, r["owner"],
            bool(r["archived"]), open_activities=r["open_activities"],
            overdue_activities=r["overdue_activities"] or 0, undated_activities=r["undated_activities"] or 0,
            load=partial(_state, r) if r["account_id"] else LayerState,
            red_flags=r["red_flags"] or 0, today=today,
        ))
    return out


# `kamtui report`: only the columns its JSON shows (not archived accounts, as the portfolio).
REPORT_SQL = f"""
SELECT a.id, a.name, s.org_level, s.key_index, s.coverage, s.red_flags, s.key_index_now,
       s.coverage_now, s.red_flags_now, s.extensive_index, s.sb_department,
       s.sb_indicator, coalesce(o.open, 0) AS open_activities,
       coalesce(o.overdue, 0) AS overdue_activities, s.last_assessed, s.pitfalls, s.dismissed,
       s.dated_facts, s.next_step, coalesce(o.undated, 0) AS undated_activities
FROM account a
LEFT JOIN account_summary s ON s.account_id = a.id
{_OPEN_COUNTS}
WHERE a.archived = 0
ORDER BY {ACCOUNT.order_by("a")}
"""


def report_values(db: Any, today: dt.date) -> list[tuple]:
    """REPORT_SQL's rows as they are (JSON columns still text): the report's one read."""
    return db.execute(REPORT_SQL, {"today": today.isoformat()}).fetchall()


STALE_SQL = """
SELECT a.id FROM account a LEFT JOIN account_summary s ON s.account_id = a.id
WHERE s.rules_version IS NOT :version ORDER BY a.id
"""


def stale_accounts(db: Any) -> list[str]:
    """Accounts whose cached figures are missing or were made by other rules (RULES_VERSION):
    asked at every open, so one plain read and no model (store.summary recomputes them)."""
    from kamtui.domain.rules.version import RULES_VERSION

    return [r[0] for r in db.execute(STALE_SQL, {"version": RULES_VERSION})]


def summary_facts(db: Any, account_id: str) -> tuple[list[str], float | None, str | None] | None:
    """From the summary every write keeps current: the open calendar-free pitfall keys, the
    key index as last assessed and that date (None: no summary row for the account yet)."""
    found = db.execute("SELECT pitfalls, key_index, last_assessed FROM account_summary "
                       "WHERE account_id = ?", [account_id]).fetchone()
    if found is None:
        return None
    return json.loads(found[0] or "[]"), found[1], found[2]


def account_count(db: Any, include_archived: bool = False) -> int:
    """How many accounts the portfolio will list: tells the UI whether to load off its thread."""
    where = "" if include_archived else " WHERE archived = 0"
    return db.execute(f"SELECT count(*) FROM account{where}").fetchone()[0]


# -- finding accounts by the names of their people and departments ---------------------------
@dataclass(frozen=True, slots=True)
class Hit:
    kind: str  # person | department
    ref_id: str
    account_id: str
    text: str


def _has_no_case(term: str) -> bool:
    return term.lower() == term.upper()


def via_names(db: Any, term: str) -> list[Hit]:
    """For each account with a person or department whose name contains `term`
    (case-insensitively), the first such one: why the portfolio filter keeps that account.

    One row per account, however many names match: a short term matches most of 200,000 names,
    and the filter needs only to know which accounts and one name to show for each.

    Terms of three characters and more are answered by the FTS5 trigram index. Shorter terms
    (one or two Chinese characters are common) have no trigram: one without letters of any
    case (Chinese, digits) is a plain substring test, an ASCII one is what SQLite's LIKE
    already folds; only the rest (e.g. "Mü") takes the casefolding path.
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


# -- accounts as models --------------------------------------------------------------------
def accounts(db: Any, include_archived: bool = False) -> list[Account]:
    return ACCOUNT.models(db, "" if include_archived else "archived = 0")


def account(db: Any, account_id: str) -> Account:
    return ACCOUNT.get(db, account_id)


def account_ids(db: Any) -> list[str]:
    return [r[0] for r in db.execute(f"SELECT id FROM account ORDER BY {ACCOUNT.order_by()}")]


def plan(db: Any, account_id: str) -> AccountPlan:
    """The account and everything hanging off it (archived records included)."""
    from kamtui.domain.plan import AccountPlan

    a = [account_id]
    return AccountPlan(
        account=account(db, account_id),
        departments=DEPARTMENT.models(db, "account_id = ?", a),
        people=PERSON.models(db, "account_id = ?", a),
        links=LINK.models(db, "account_id = ?", a),
        competitors=COMPETITOR.models(db, "account_id = ?", a),
        assessments=ASSESSMENT.models(db, "account_id = ?", a),
        targets=TARGET.models(db, "account_id = ?", a),
        activities=ACTIVITY.models(db, "account_id = ?", a),
        dismissals=DISMISSAL.models(db, "account_id = ?", a),
    )


def counts(db: Any, account_id: str) -> dict[str, int]:
    """What goes with an account: people, departments, activities, assessments, competitors."""
    out = {}
    for table in ("person", "department", "activity", "assessment", "competitor"):
        out[table] = db.execute(
            f"SELECT count(*) FROM {table} WHERE account_id = ?", [account_id]
        ).fetchone()[0]
    return out


# -- the team view -------------------------------------------------------------------------
class TeamAccount(NamedTuple):
    id: str
    name: str
    owner: str  # the owner's name, "" for none
    tier: Tier
    awaiting_approval: int | None  # cached, None when missing or made by other rules


def team_accounts(db: Any, rules_version: int) -> list[TeamAccount]:
    """The active accounts, by name, each with its owner and tier, and its count awaiting
    approval as its cached figures hold it (kept current by every write: store.summary) when
    they were made by `rules_version`.

    Read as one JSON text (`one_text`): the team view reads this off the UI thread, and a
    row-by-row fetch hands the interpreter lock back and forth once per account."""
    tiers = {t.value: t for t in Tier}
    rows = one_text(db, "SELECT json_group_array(json_array(a.id, a.name, m.name, a.tier, s.rules_version, "
                        "s.awaiting_approval)) FROM account a LEFT JOIN team_member m ON m.id = a.owner_id "
                        "LEFT JOIN account_summary s ON s.account_id = a.id WHERE a.archived = 0")
    rows.sort(key=lambda r: (r[1], r[0]))  # by name, id: Python's str order is SQLite's BINARY order
    return [TeamAccount(r[0], r[1], r[2] or "", tiers[r[3]], r[5] if r[4] == rules_version else None)
            for r in rows]


def one_text(db: Any, sql: str, params: Any = ()) -> list:
    """The JSON array that `sql` builds in one row, as Python lists. For many rows read off the
    UI thread: SQLite builds the text with the interpreter lock released, where fetching each
    row would take the lock once per row (and wait for the UI thread each time). Only for
    integers and text: SQLite writes reals in JSON with 15 digits, not exactly."""
    found = db.execute(sql, params).fetchone()[0]
    return json.loads(found) if found else []
