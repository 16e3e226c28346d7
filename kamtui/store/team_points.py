"""assessment_point: each assessment's figures as the team view compares them (its org level,
key and extensive index, decision makers rated and known, the people flagged), computed from
the stored snapshot inside the write that changed the account, like account_summary.

The team view reads a period's points from here instead of parsing every snapshot's JSON and
running the rules again at each open; a point missing or made by other rules
(RULES_VERSION) is computed from its snapshot as before (`assessments.snapshot_point`).
"""

from __future__ import annotations

import datetime as dt
import json
import operator
from collections.abc import Iterable
from typing import Any

from kamtui.domain.enums import OrgLevel
from kamtui.domain.rules import version
from kamtui.domain.team import Point
from kamtui.store.assessments import SNAPSHOT, snapshot_point

_LEVEL = {lv.value: lv for lv in OrgLevel}


def refresh(db: Any, account_ids: Iterable[str]) -> None:
    """Recompute the points of every assessment of these accounts (inside the caller's
    transaction; the accounts' own rows were written)."""
    ids = list(account_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        db.execute(f"DELETE FROM assessment_point WHERE account_id IN ({marks})", chunk)
        rows = []
        for assessment_id, account_id, seq, *snapshot in db.execute(
                f"SELECT a.id, a.account_id, a.rowid, {SNAPSHOT} FROM assessment a WHERE a.account_id IN ({marks})",
                chunk).fetchall():
            p = snapshot_point(*snapshot)
            row = (account_id, p.on.isoformat(), p.org_level.value if p.org_level else None, p.key_index,
                   p.extensive_index, p.key_people, p.key_known, json.dumps(sorted(p.flagged)), seq)
            rows.append((assessment_id, version.RULES_VERSION, *row, figures_text(row)))
        db.conn.executemany(
            "INSERT OR REPLACE INTO assessment_point (assessment_id, rules_version, account_id, assessed_on, "
            "org_level, key_index, extensive_index, key_people, key_known, flagged, seq, figures) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def figures_text(row: tuple) -> str:
    """A point's columns (account_id, assessed_on, org_level, key_index, extensive_index,
    key_people, key_known, flagged, seq) as the JSON text of its `figures` column: what
    `period_points` reads many of in one step. Python writes floats exactly (SQLite's own
    JSON would write 15 digits)."""
    return json.dumps(list(row), ensure_ascii=False)


_FLAGGED: dict[str, frozenset[str]] = {"[]": frozenset()}
_SEQ = operator.itemgetter(-1)


def _point(on: str, level: str | None, key: float | None, ext: float | None, kp: int, kk: int,
           flagged: str) -> Point:
    found = _FLAGGED.get(flagged)
    if found is None:
        found = frozenset(json.loads(flagged))
        if len(_FLAGGED) < 4096:
            _FLAGGED[flagged] = found
    return Point(dt.date.fromisoformat(on), _LEVEL[level] if level else None, key, ext, kp, kk, found)


# Per account the point in force at :start (the latest on or before it; of one day, the last
# recorded: SQLite takes a bare column of a max() aggregate from the row holding the max),
# then those inside the period; as one JSON text of their `figures` (no row-by-row fetch off
# the UI thread: accounts.one_text), put in the order recorded (`seq`) when read.
_PERIOD = """
SELECT '[' || group_concat(figures, ',') || ']' FROM (
    SELECT figures, max(assessed_on || printf('%012d', seq)) FROM assessment_point
    WHERE assessed_on <= :start GROUP BY account_id
    UNION ALL
    SELECT figures, NULL FROM assessment_point WHERE assessed_on > :start AND assessed_on <= :end)"""


def period_points(db: Any, start: dt.date, end: dt.date) -> dict[str, list[Point]]:
    """Per account: the assessment in force at `start` (the latest on or before it; the last
    recorded of a day) and every one after it up to `end`, in the order recorded."""
    s, e = start.isoformat(), end.isoformat()
    assessments, current = db.execute(
        "SELECT (SELECT count(*) FROM assessment), (SELECT count(*) FROM assessment_point "
        "WHERE rules_version = ? AND figures IS NOT NULL)", [version.RULES_VERSION]).fetchone()
    out: dict[str, list[Point]] = {}
    if assessments == current:  # every assessment has its point: no snapshot to read
        text = db.execute(_PERIOD, {"start": s, "end": e}).fetchone()[0]
        rows = json.loads(text) if text else []
        rows.sort(key=_SEQ)
        for account_id, *fields, _seq in rows:
            found = out.get(account_id)
            if found is None:
                out[account_id] = [_point(*fields)]
            else:
                found.append(_point(*fields))
        return out
    found = db.execute("""
        WITH chosen AS (
            SELECT id, account_id, assessed_on, rowid AS seq FROM (
                SELECT id, account_id, assessed_on, rowid, row_number() OVER (
                    PARTITION BY account_id ORDER BY assessed_on DESC, rowid DESC) AS n
                FROM assessment WHERE assessed_on <= :start) WHERE n = 1
            UNION ALL
            SELECT id, account_id, assessed_on, rowid FROM assessment
            WHERE assessed_on > :start AND assessed_on <= :end)
        SELECT c.account_id, c.id, c.assessed_on, p.rules_version, p.org_level, p.key_index,
               p.extensive_index, p.key_people, p.key_known, p.flagged
        FROM chosen c LEFT JOIN assessment_point p ON p.assessment_id = c.id
        ORDER BY c.seq
        """, {"start": s, "end": e}).fetchall()
    missing: list[str] = []
    for account_id, assessment_id, on, made_by, *fields in found:
        if made_by != version.RULES_VERSION:
            missing.append(assessment_id)
    computed = _from_snapshots(db, missing) if missing else {}
    for account_id, assessment_id, on, made_by, *fields in found:
        point = computed.get(assessment_id) if made_by != version.RULES_VERSION else _point(on, *fields)
        out.setdefault(account_id, []).append(point)  # type: ignore[arg-type]
    return out


def _from_snapshots(db: Any, ids: list[str]) -> dict[str, Point]:
    out: dict[str, Point] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for assessment_id, *snapshot in db.execute(
                f"SELECT a.id, {SNAPSHOT} FROM assessment a WHERE a.id IN ({', '.join('?' for _ in chunk)})",
                chunk):
            out[assessment_id] = snapshot_point(*snapshot)
    return out
