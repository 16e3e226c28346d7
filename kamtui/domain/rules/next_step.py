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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product

from kamtui.domain.enums import Attitude, Evidence, Indicator, OrgDimension, OrgLevel
from kamtui.domain.rules.extensive import RatedDepartment, extensive_index, short_board
from kamtui.domain.rules.key import RatedPerson, key_index, red_flags
from kamtui.domain.rules.org import org_level

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


def _level_of(values: Sequence[int]) -> int:
    result = org_level(dict(zip(OrgDimension, values)))
    assert result is not None
    return result.level.rank


def org_path(ratings: Mapping[OrgDimension, int], ticked: Iterable[Evidence] = ()) -> OrgPath | None:
    """For each level above the current one, the rating rises of the smallest total size that
    reach it (fewest dimensions, then the method's dimension order, breaking ties), and the
    evidence items of that level not ticked yet. None until all four dimensions are rated.

    Found by trying every combination of rises (at most 4⁴ = 256): small enough to be exact.
    """
    current = org_level(ratings)
    if current is None:
        return None
    have = set(ticked)
    start = [ratings[d] for d in OrgDimension]
    candidates = []
    for values in product(*(range(v, MAX_RATING + 1) for v in start)):
        changed = tuple(i for i, (a, b) in enumerate(zip(start, values)) if a != b)
        candidates.append((sum(values) - sum(start), len(changed), changed, values, _level_of(values)))
    steps = []
    for rank in range(current.level.rank + 1, 5):
        reaching = sorted(c for c in candidates if c[4] >= rank)
        best = reaching[0]
        alternatives = sum(1 for c in reaching[1:] if c[:2] == best[:2])
        dims = list(OrgDimension)
        rises = tuple(Rise(dims[i], start[i], best[3][i]) for i in best[2])
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
class _Rated:
    attitude: Attitude
    influence: int
    role: object


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
    influence, then input order), the red flags to clear, and who is still unassessed."""
    now = key_index(people)
    levers = []
    for i, p in enumerate(people):
        nxt = NEXT_ATTITUDE[p.attitude]
        if nxt is None:
            continue
        moved = [_Rated(nxt, q.influence, q.role) if j == i else q for j, q in enumerate(people)]
        after = key_index(moved)
        assert after is not None and now is not None  # p has a known attitude
        levers.append(KeyLever(i, p.attitude, nxt, after, after - now))
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
