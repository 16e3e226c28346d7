"""Comparing snapshots (the review's up / down / same, the history's diff) and the history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kamtui.domain.enums import Attitude, Evidence, Indicator, Layer, OrgDimension, OrgLevel
from kamtui.domain.models import Activity, Assessment
from kamtui.domain.ordering import sort_key
from kamtui.domain.rules.summary import LayerFigures, figures
from kamtui.services.context import Context
from kamtui.store import accounts, audit, team


@dataclass(frozen=True)
class RatingMove:
    """One rating in two snapshots (`before` None: not rated then)."""

    kind: str  # "org" | "evidence" | "attitude" | "needs" | "indicator"
    before: Any
    after: Any
    dimension: OrgDimension | None = None
    person_id: str = ""
    person: str = ""
    department_id: str = ""
    department: str = ""
    indicator: Indicator | None = None
    evidence: Evidence | None = None
    by: str = ""  # who recorded the later value (history)
    on: dt.date | None = None  # the date of the snapshot that recorded it (history)
    activity_id: str = ""  # the activity that snapshot came from, if a re-rating (history)

    @property
    def direction(self) -> int | None:
        """+1 up, -1 down, 0 same; None when it changed without an order (to or from unknown)."""
        b, a = self.before, self.after
        if isinstance(b, Attitude) or isinstance(a, Attitude):
            b = b.value_score if b is not None else None
            a = a.value_score if a is not None else None
        if b is None or a is None:
            return 0 if self.before == self.after else None
        return (a > b) - (a < b)

    @property
    def key(self) -> tuple:
        return (self.kind, self.dimension, self.person_id, self.department_id, self.indicator, self.evidence)

    @property
    def rating_key(self) -> tuple:
        """The key of `_ratings` this move compares."""
        if self.kind == "org":
            return ("org", self.dimension)
        if self.kind == "evidence":
            return ("evidence", self.evidence)
        if self.kind in ("attitude", "needs"):
            return (self.kind, self.person_id)
        return ("indicator", self.department_id, self.indicator)


@dataclass(frozen=True)
class FigureMove:
    """One layer figure in the previous snapshot and now."""

    name: str  # org_level | key_index | coverage | red_flags | extensive_index | short_board
    layer: Layer
    before: Any
    after: Any

    @staticmethod
    def _num(v: Any) -> float | None:
        if isinstance(v, OrgLevel):
            return v.rank
        return getattr(v, "value", v) if not isinstance(v, (int, float)) or isinstance(v, bool) else v

    @property
    def direction(self) -> int | None:
        if self.name == "short_board" and _board_of(self.before) != _board_of(self.after):
            return None  # another department or indicator: changed, whatever its value
        b, a = self._num(self.before), self._num(self.after)
        if b is None or a is None:
            return 0 if b is None and a is None else None
        return (a > b) - (a < b)


def _board_of(v: Any) -> tuple | None:
    """Which (department, indicator) a short board is, apart from its value."""
    return None if v is None else (v.department_id, v.indicator)


def figure_moves(before: LayerFigures | None, after: LayerFigures) -> list[FigureMove]:
    def pick(f: LayerFigures | None) -> dict[str, Any]:
        if f is None:
            return {}
        return {"org_level": f.org_level, "key_index": f.key_index, "coverage": f.coverage,
                "red_flags": len(f.red_flags), "extensive_index": f.extensive_index,
                "short_board": f.short_board}
    old, new = pick(before), pick(after)
    layers = {"org_level": Layer.organization, "key_index": Layer.key, "coverage": Layer.key,
              "red_flags": Layer.key, "extensive_index": Layer.extensive, "short_board": Layer.extensive}
    return [FigureMove(n, layers[n], old.get(n), new[n]) for n in layers]


def _ratings(a: Assessment | None, detail: bool = False) -> dict[tuple, Any]:
    """Every rating of a snapshot by key; `detail` adds needs levels and evidence items."""
    if a is None:
        return {}
    out: dict[tuple, Any] = {("org", dim): r.value for dim, r in a.org.items()}
    out.update({("attitude", p.person_id): p.attitude for p in a.people})
    out.update({("indicator", d.department_id, ind): v for d in a.departments for ind, v in d.ratings.items()})
    if detail:
        out.update({("evidence", e): True for e in a.evidence})
        out.update({("needs", p.person_id): p.needs_level for p in a.people if p.needs_level is not None})
    return out


_KINDS = ("org", "evidence", "attitude", "needs", "indicator")


def compare(before: Assessment | None, after: Assessment, person_names: dict[str, str],
            department_names: dict[str, str], include_same: bool = False,
            detail: bool = False) -> list[RatingMove]:
    """Every org rating, attitude and department indicator of `after` (or `before`) that moved;
    with `detail`, evidence items (ticked or not) and needs levels too."""
    old, new = _ratings(before, detail), _ratings(after, detail)
    dims, inds, items = list(OrgDimension), list(Indicator), list(Evidence)

    def order(key: tuple) -> tuple:
        kind = _KINDS.index(key[0])
        if key[0] == "org":
            return (kind, dims.index(key[1]), "")
        if key[0] == "evidence":
            return (kind, items.index(key[1]), "")
        if key[0] in ("attitude", "needs"):
            return (2, 0, person_names.get(key[1], key[1]), key[1], kind)
        return (4, 0, department_names.get(key[1], key[1]), key[1], inds.index(key[2]))

    out = []
    for key in sorted(set(old) | set(new), key=order):
        b, a = old.get(key), new.get(key)
        if key[0] == "evidence":
            b, a = bool(b), bool(a)
        if b == a and not include_same:
            continue
        kind = key[0]
        if kind == "org":
            out.append(RatingMove(kind, b, a, dimension=key[1]))
        elif kind == "evidence":
            out.append(RatingMove(kind, b, a, evidence=key[1]))
        elif kind in ("attitude", "needs"):
            out.append(RatingMove(kind, b, a, person_id=key[1], person=person_names.get(key[1], key[1])))
        else:
            out.append(RatingMove(kind, b, a, department_id=key[1],
                                  department=department_names.get(key[1], key[1]), indicator=key[2]))
    return out


@dataclass(frozen=True)
class HistoryEntry:
    assessment: Assessment
    figures: LayerFigures
    recorded_by: str  # who, from the audit log when it holds the snapshot, else recorded_by
    recorded_at: str | None
    activity: Activity | None = None  # a re-rating: the activity that was its evidence


@dataclass
class History:
    entries: list[HistoryEntry]  # oldest first
    person_names: dict[str, str]
    department_names: dict[str, str]
    activities: dict[str, Activity] = field(default_factory=dict)  # those that moved a rating

    def entry(self, assessment_id: str) -> HistoryEntry:
        return next(e for e in self.entries if e.assessment.id == assessment_id)

    def diff(self, first_id: str, second_id: str) -> list[RatingMove]:
        """What moved from one snapshot to the other (needs levels and evidence items too),
        each with who recorded its final value, on which date, from which activity."""
        ids = [e.assessment.id for e in self.entries]
        i, j = sorted((ids.index(first_id), ids.index(second_id)))
        a, b = self.entries[i], self.entries[j]
        moves = compare(a.assessment, b.assessment, self.person_names, self.department_names, detail=True)
        steps = [(_ratings(x.assessment, True), x) for x in self.entries[i:j + 1]]
        out = []
        for m in moves:
            key = m.rating_key
            last = b
            for (prev, _), (cur, entry) in zip(steps, steps[1:]):
                if prev.get(key) != cur.get(key):
                    last = entry  # the last snapshot in the range that changed it
            out.append(RatingMove(**{**m.__dict__, "by": last.recorded_by, "on": last.assessment.assessed_on,
                                     "activity_id": last.activity.id if last.activity else ""}))
        return out


def history(ctx: Context, account_id: str) -> History:
    plan = accounts.plan(ctx.db, account_id)
    names = {d.id: d.name for d in plan.departments}
    members = {m.login: m.name for m in team.members(ctx.db, include_archived=True) if m.login}
    by_id = {a.id: a for a in plan.activities}
    entries = []
    for a in sorted(plan.assessments, key=sort_key("Assessment")):
        who, at = audit.last_change(ctx.db, "assessment", a.id)
        login = who or a.recorded_by
        source = by_id.get(a.evidence_activity_id) if a.evidence_activity_id else None
        entries.append(HistoryEntry(a, figures(a, names), members.get(login, login), at, source))
    used = {e.activity.id: e.activity for e in entries if e.activity is not None}
    return History(entries, {p.id: p.name for p in plan.people}, names, used)
