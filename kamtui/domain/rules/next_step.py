"""The path to the next level, per layer: what it takes, not only what holds the level down.

The method asks where the breakthrough point of the next stage is (突破点、发力点). These rules
answer it from the figures' own definitions, so applying the answer reaches what it promises:
- organization: the smallest set of rating rises that reaches each higher level, and the
  evidence items that level still lacks;
- key decision makers: the people whose attitude moving one step up would raise the key
  index most (influence-weighted), and the red flags to clear;
- extensive: the short board and how far the index rises when it goes up one step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Any

from kamtui.domain.enums import Attitude, Evidence, Indicator, OrgDimension, OrgLevel
from kamtui.domain.models import Assessment, PersonRating
from kamtui.domain.rules.extensive import RatedDepartment, extensive_index, short_board
from kamtui.domain.rules.key import RatedPerson, index_of, key_sums, red_flags
from kamtui.domain.rules.org import org_level
from kamtui.domain.rules.summary import rated_departments

MAX_RATING = 4
MAX_INDICATOR = 5

# -- organization ------------------------------------------------------------------------

# What each level looks like on the evidence checklist (method.md §1: the level table).
EVIDENCE_OF_LEVEL: dict[OrgLevel, tuple[Evidence, ...]] = {
    OrgLevel.vendor: (),
    OrgLevel.supplier: (),
    OrgLevel.strategic_supplier: (Evidence.cxo_visits, Evidence.exec_workshops,
                                  Evidence.key_products, Evidence.framework_contract),
    OrgLevel.partner: (Evidence.strategic_agreement, Evidence.exec_annual_meeting,
                       Evidence.sponsor_groups),
}


def evidence_for(level: OrgLevel) -> tuple[Evidence, ...]:
    """Every evidence item a relationship at `level` shows (those of the levels below too)."""
    return tuple(e for lv in OrgLevel if lv.rank <= level.rank for e in EVIDENCE_OF_LEVEL[lv])


@dataclass(frozen=True)
class Rise:
    dimension: OrgDimension
    before: int
    after: int


@dataclass(frozen=True)
class LevelStep:
    """The smallest rises that reach `level`; `alternatives` other sets are as small."""

    level: OrgLevel
    rises: tuple[Rise, ...]
    alternatives: int
    missing_evidence: tuple[Evidence, ...]

    @property
    def size(self) -> int:
        return sum(r.after - r.before for r in self.rises)


@dataclass(frozen=True)
class OrgPath:
    level: OrgLevel
    steps: tuple[LevelStep, ...]  # one per higher level, nearest first; empty at partner


@lru_cache(maxsize=None)
def _rank_of(values: tuple[int, ...]) -> int:
    result = org_level(dict(zip(OrgDimension, values)))
    assert result is not None
    return result.level.rank


@lru_cache(maxsize=None)
def _smallest_rises(start: tuple[int, ...]) -> tuple[tuple[tuple[int, ...], tuple[int, ...], int], ...]:
    """For each rank above the level of `start` (nearest first): (changed positions, the
    raised values, how many other sets are as small). Every combination of rises is tried (at
    most 4⁴ = 256): small enough to be exact; there are only 256 starting points, so each
    is worked out once per process (the summary of every account asks)."""
    candidates = []
    for values in product(*(range(v, MAX_RATING + 1) for v in start)):
        changed = tuple(i for i, (a, b) in enumerate(zip(start, values)) if a != b)
        candidates.append((sum(values) - sum(start), len(changed), changed, values, _rank_of(values)))
    out = []
    for rank in range(_rank_of(start) + 1, 5):
        reaching = sorted(c for c in candidates if c[4] >= rank)
        best = reaching[0]
        alternatives = sum(1 for c in reaching[1:] if c[:2] == best[:2])
        out.append((best[2], best[3], alternatives))
    return tuple(out)


def org_path(ratings: Mapping[OrgDimension, int], ticked: Iterable[Evidence] = ()) -> OrgPath | None:
    """For each level above the current one, the rating rises of the smallest total size that
    reach it (fewest dimensions, then the method's dimension order, breaking ties), and the
    evidence items of that level not ticked yet. None until all four dimensions are rated."""
    current = org_level(ratings)
    if current is None:
        return None
    have = set(ticked)
    start = tuple(ratings[d] for d in OrgDimension)
    dims = list(OrgDimension)
    steps = []
    for rank, (changed, values, alternatives) in enumerate(_smallest_rises(start), current.level.rank + 1):
        rises = tuple(Rise(dims[i], start[i], values[i]) for i in changed)
        level = OrgLevel.of_rank(rank)
        missing = tuple(e for e in evidence_for(level) if e not in have)
        steps.append(LevelStep(level, rises, alternatives, missing))
    return OrgPath(current.level, tuple(steps))


# -- key decision makers ---------------------------------------------------------------

# One step up the attitude ladder; an unknown attitude's next step is to find it out.
NEXT_ATTITUDE: dict[Attitude, Attitude | None] = {
    Attitude.threat: Attitude.commodity,
    Attitude.commodity: Attitude.accepting,
    Attitude.accepting: Attitude.advocate,
    Attitude.advocate: None,
    Attitude.unknown: None,
}


@dataclass(frozen=True)
class KeyLever:
    index: int  # position in the input
    before: Attitude
    after: Attitude
    key_index_after: float
    gain: float  # key index points


@dataclass(frozen=True)
class KeyPath:
    key_index: float | None
    levers: tuple[KeyLever, ...]  # largest gain first
    red_flags: tuple[int, ...]  # positions of the people holding a red flag
    unknown: tuple[int, ...]  # positions of people whose attitude is still unknown


def key_path(people: Sequence[RatedPerson], top: int = 3) -> KeyPath:
    """The `top` people whose attitude one step up raises the key index most (ties: more
    influence, then input order), the red flags to clear, and who is still unassessed.

    One pass: moving one person changes only the index's numerator (the denominator counts
    the same known attitudes), so a 2,000-person account costs 2,000 steps, not 2,000²."""
    num, den = key_sums(people)
    now = index_of(num, den)
    levers = []
    for i, p in enumerate(people):
        nxt = NEXT_ATTITUDE[p.attitude]
        if nxt is None:
            continue
        moved = num + p.influence * (nxt.value_score - p.attitude.value_score)  # type: ignore[operator]
        after = 100.0 * moved / den
        levers.append(KeyLever(i, p.attitude, nxt, after, after - now))  # type: ignore[operator]
    levers.sort(key=lambda lv: (-lv.gain, -people[lv.index].influence, lv.index))
    flags = tuple(f.index for f in red_flags(people))
    unknown = tuple(i for i, p in enumerate(people) if p.attitude == Attitude.unknown)
    return KeyPath(now, tuple(levers[:top]), flags, unknown)


# -- extensive -------------------------------------------------------------------------

@dataclass(frozen=True)
class ExtensiveStep:
    department_id: str
    department: str
    indicator: Indicator
    before: int
    after: int
    index_before: float
    index_after: float

    @property
    def gain(self) -> float:
        return self.index_after - self.index_before


def extensive_step(departments: Sequence[RatedDepartment]) -> ExtensiveStep | None:
    """The short board one step up, and the extensive index before and after. None when
    nothing is rated, or the short board is at the top of the scale already."""
    board = short_board(departments)
    if board is None or board.value >= MAX_INDICATOR:
        return None
    before = extensive_index(departments)
    raised = [
        RatedDepartment(d.department_id, d.name, d.importance,
                        {**d.ratings, board.indicator: board.value + 1})
        if d.department_id == board.department_id else d
        for d in departments
    ]
    after = extensive_index(raised)
    assert before is not None and after is not None
    return ExtensiveStep(board.department_id, board.department, board.indicator,
                         board.value, board.value + 1, before, after)


# -- one account ------------------------------------------------------------------------

@dataclass(frozen=True)
class NextStep:
    """The three layers' paths of one assessment (the figures "as assessed": docs/figures.md).
    `people` are the assessment's people in the order `key`'s positions count."""

    assessed_on: dt.date
    org: OrgPath | None
    key: KeyPath
    people: tuple[PersonRating, ...]
    extensive: ExtensiveStep | None

    def person_id(self, index: int) -> str:
        return self.people[index].person_id


def next_step(assessment: Assessment, department_names: Mapping[str, str]) -> NextStep:
    org = {d: r.value for d, r in assessment.org.items()}
    return NextStep(
        assessment.assessed_on,
        org_path(org, assessment.evidence),
        key_path(assessment.people),
        tuple(assessment.people),
        extensive_step(rated_departments(assessment, department_names)),
    )


def _num(v: float | None) -> float | None:
    return None if v is None else round(v, 1)


def next_step_json(step: NextStep | None, person_names: Mapping[str, str]) -> dict[str, Any] | None:
    """The report's `next_step` object (README lists its keys): plain JSON values, enum keys."""
    if step is None:
        return None
    org = None
    if step.org is not None:
        org = {"level": step.org.level.value, "steps": [
            {"level": s.level.value,
             "rises": [{"dimension": r.dimension.value, "from": r.before, "to": r.after} for r in s.rises],
             "alternatives": s.alternatives,
             "missing_evidence": [e.value for e in s.missing_evidence]}
            for s in step.org.steps]}

    def who(index: int) -> dict[str, Any]:
        pid = step.person_id(index)
        return {"person_id": pid, "name": person_names.get(pid, "")}

    flags = {f.index: f.reason for f in red_flags(step.people)}
    key = {
        "key_index": _num(step.key.key_index),
        "levers": [{**who(lv.index), "from": lv.before.value, "to": lv.after.value,
                    "key_index_after": _num(lv.key_index_after), "gain": _num(lv.gain)}
                   for lv in step.key.levers],
        "red_flags": [{**who(i), "reason": flags[i]} for i in step.key.red_flags],
        "unknown_attitudes": len(step.key.unknown),
    }
    ext = None
    if step.extensive is not None:
        e = step.extensive
        ext = {"department_id": e.department_id, "department": e.department, "indicator": e.indicator.value,
               "from": e.before, "to": e.after, "index_before": _num(e.index_before),
               "index_after": _num(e.index_after)}
    return {"assessed_on": step.assessed_on.isoformat(), "organization": org, "key": key, "extensive": ext}
