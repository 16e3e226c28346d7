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
from kamtui.domain.team import PeriodEnds, Point
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
    out: dict[str, list[Point]] = {}
    if _all_current(db):  # every assessment has its point: no snapshot to read
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


# A period's ends, for groups only (`period_ends`): per account the point in force at :start
# and those inside the period, each as a short JSON array (account, day, level, key and
# extensive index as their exact text in `figures`, key people rated and known, the people
# flagged, seq). Who is flagged is only carried where a change inside the period is counted:
# the inside points' and, of an account with any, its start point's.
_ENDS = """
SELECT '[' || group_concat(json_array(
    p.account_id, p.assessed_on, p.org_level, p.figures -> 3, p.figures -> 4, p.key_people, p.key_known,
    CASE WHEN c.inside OR EXISTS (SELECT 1 FROM assessment_point q WHERE q.account_id = p.account_id
                                   AND q.assessed_on > :start AND q.assessed_on <= :end)
         THEN json(p.flagged) END,
    p.seq), ',') || ']'
FROM (SELECT rowid AS id, 0 AS inside, max(assessed_on || printf('%012d', seq)) FROM assessment_point
      WHERE assessed_on <= :start GROUP BY account_id
      UNION ALL
      SELECT rowid, 1, NULL FROM assessment_point WHERE assessed_on > :start AND assessed_on <= :end) c
JOIN assessment_point p ON p.rowid = c.id"""


def period_ends(db: Any, start: dt.date, end: dt.date) -> dict[str, PeriodEnds] | None:
    """Per account with a point on or before `end`: its PeriodEnds over [start, end], as
    domain.team.figures_with finds them from `period_points` (the point in force at `start`,
    the last inside, flags compared from one point to the next in the order (day, recorded)).
    None when some assessment has no current point: then only `period_points` can say."""
    if not _all_current(db):
        return None
    s = start.isoformat()
    text = db.execute(_ENDS, {"start": s, "end": end.isoformat()}).fetchone()[0]
    rows = json.loads(text) if text else []
    rows.sort(key=_SEQ)
    by_account: dict[str, list] = {}
    for row in rows:
        found = by_account.get(row[0])
        if found is None:
            by_account[row[0]] = [row]
        else:
            found.append(row)
    out: dict[str, PeriodEnds] = {}
    for account_id, points in by_account.items():
        if len(points) == 1:
            p = points[0]
            level = _LEVEL[p[2]] if p[2] else None
            if p[1] <= s:  # in force at the start, and still at the end
                out[account_id] = PeriodEnds(level, level, p[3], p[3], p[4], p[4], p[5], p[6], 0, 0)
            else:  # first assessed inside the period: every flag it carries was opened
                out[account_id] = PeriodEnds(None, level, None, p[3], None, p[4], p[5], p[6], len(p[7]), 0)
            continue
        points.sort(key=_DAY)  # stable: of one day, in the order recorded (ISO days sort as dates)
        first = points[0] if points[0][1] <= s else None  # at most one on or before the start
        inside = points[1:] if first is not None else points
        last = inside[-1]
        opened = cleared = 0
        before: frozenset[str] = frozenset(first[7]) if first is not None else frozenset()
        for p in inside:
            now = frozenset(p[7])
            opened += len(now - before)
            cleared += len(before - now)
            before = now
        a = _LEVEL[first[2]] if first is not None and first[2] else None
        b = _LEVEL[last[2]] if last[2] else None
        out[account_id] = PeriodEnds(a, b, first[3] if first else None, last[3], first[4] if first else None, last[4],
                               last[5], last[6], opened, cleared)
    return out


_DAY = operator.itemgetter(1)


def _all_current(db: Any) -> bool:
    """Whether every assessment has its point, made by these rules."""
    assessments, current = db.execute(
        "SELECT (SELECT count(*) FROM assessment), (SELECT count(*) FROM assessment_point "
        "WHERE rules_version = ? AND figures IS NOT NULL)", [version.RULES_VERSION]).fetchone()
    return assessments == current


def _from_snapshots(db: Any, ids: list[str]) -> dict[str, Point]:
    out: dict[str, Point] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for assessment_id, *snapshot in db.execute(
                f"SELECT a.id, {SNAPSHOT} FROM assessment a WHERE a.id IN ({', '.join('?' for _ in chunk)})",
                chunk):
            out[assessment_id] = snapshot_point(*snapshot)
    return out
