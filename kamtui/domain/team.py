"""The team view's figures over a period (issue 16): pure functions over an account's dated
assessments and its activities. Stdlib and the method's rules only.

What each figure is when something is missing (docs/team.md says the same in words):
- an account with no assessment on or before the period's start has no start figures
  (`level_start`, `key_start`, `extensive_start` are None): its level change is "new", not an
  up, and its index deltas are None, left out of the team's mean delta;
- a figure at the period's end is that of the latest assessment on or before the end;
- an account that rose and fell inside the period is unchanged (start == end), but each move
  inside the period is counted in `level_moves`;
- red flags opened / cleared are counted along every assessment in the period, from the one in
  force at its start: a flag raised and cleared inside the period counts once in each.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from kamtui.domain.enums import ActivityStatus, Attitude, ChainRole, OrgDimension, OrgLevel
from kamtui.domain.models import Assessment, Policy
from kamtui.domain.rules.compliance import check_all
from kamtui.domain.rules.extensive import RatedDepartment, extensive_index
from kamtui.domain.rules.key import key_index, red_flags
from kamtui.domain.rules.org import org_level
from kamtui.domain.rules.summary import rated_departments


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def quarter_of(day: dt.date) -> Period:
    """The calendar quarter holding `day` (the team view's default period)."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    nxt = dt.date(day.year + (first_month == 10), 1 if first_month == 10 else first_month + 3, 1)
    return Period(start, nxt - dt.timedelta(days=1))


class Point(NamedTuple):
    """One dated assessment's figures (what a chart plots and what a period compares). A
    tuple: a large workspace's period reads thousands of them."""

    on: dt.date
    org_level: OrgLevel | None
    key_index: float | None
    extensive_index: float | None
    key_people: int  # decision makers and influencers rated
    key_known: int  # of them, with a known attitude
    flagged: frozenset[str]  # people carrying a red flag

    @property
    def coverage(self) -> float | None:
        return self.key_known / self.key_people if self.key_people else None


class RatedKeyPerson(NamedTuple):
    """A person as one assessment rated them (what the key rules read), with their id."""

    person_id: str
    attitude: Attitude
    influence: int
    role: ChainRole | None


def point(on: dt.date, org: Mapping[OrgDimension, int], people: Sequence[RatedKeyPerson],
          departments: Iterable[RatedDepartment]) -> Point:
    """One assessment's figures, by the same rules as every other screen."""
    result = org_level(org)
    key = [p for p in people if p.role in (ChainRole.decision_maker, ChainRole.influencer)]
    return Point(
        on=on, org_level=result.level if result else None, key_index=key_index(people),
        extensive_index=extensive_index(departments), key_people=len(key),
        key_known=sum(p.attitude != Attitude.unknown for p in key),
        flagged=frozenset(people[flag.index].person_id for flag in red_flags(people)),
    )


def point_of(assessment: Assessment) -> Point:
    return point(
        assessment.assessed_on, {d: r.value for d, r in assessment.org.items()},
        [RatedKeyPerson(p.person_id, p.attitude, p.influence, p.role) for p in assessment.people],
        rated_departments(assessment, {}),
    )


class Execution(NamedTuple):
    """Activities planned in the period, by what became of them (they add up to `planned`),
    plus the open activities that carry no date at all (`undated`, in no period). A tuple
    (one per account of a large workspace); `+` adds field by field."""

    planned: int = 0
    on_time: int = 0  # done on or before its planned day
    late: int = 0  # done after its planned day
    done_unrecorded: int = 0  # done, but when is not recorded (bulk import, generator)
    overdue: int = 0  # still open, its day has passed
    upcoming: int = 0  # still open, its day is today or later
    cancelled: int = 0
    undated: int = 0

    @property
    def share_on_time(self) -> float | None:
        """On time among those whose outcome is known and that came due: on time / (on time +
        late + overdue). None when none came due."""
        due = self.on_time + self.late + self.overdue
        return self.on_time / due if due else None

    def __add__(self, other: tuple) -> Execution:  # type: ignore[override]
        return Execution(*map(operator.add, self, other))


class ActivityFact(NamedTuple):
    """What execution reads of an activity (a tuple: a quarter of a large workspace is
    hundreds of thousands of them)."""

    planned_on: dt.date | None
    status: ActivityStatus
    done_on: dt.date | None = None  # when it was marked done, if recorded


def execution(facts: Iterable[ActivityFact], period: Period, today: dt.date) -> Execution:
    counts = dict(planned=0, on_time=0, late=0, done_unrecorded=0, overdue=0, upcoming=0,
                  cancelled=0, undated=0)
    for a in facts:
        if a.planned_on is None:
            counts["undated"] += a.status.is_open
            continue
        if a.planned_on not in period:
            continue
        counts["planned"] += 1
        if a.status == ActivityStatus.cancelled:
            counts["cancelled"] += 1
        elif a.status == ActivityStatus.done:
            if a.done_on is None:
                counts["done_unrecorded"] += 1
            else:
                counts["on_time" if a.done_on <= a.planned_on else "late"] += 1
        else:
            counts["overdue" if a.planned_on < today else "upcoming"] += 1
    return Execution(**counts)


def awaiting_approval(activities: Sequence, policy: Policy) -> int:
    """An account's open activities over a compliance threshold (per activity, or per person
    and year) that nobody approved yet. `activities`: all of the account's (the yearly totals
    are the account's), as Activity models or anything with the fields the rules read."""
    checks = check_all(list(activities), policy)
    return sum(1 for a in activities if a.status.is_open and not a.archived and a.approval is None
               and checks[a.id].needs_approval)


class PeriodEnds(NamedTuple):
    """What a group sums of one account's assessments over a period: the figures in force at
    its start and at its end (None without a point there), the decision makers rated and
    known at its end, the red flags opened and cleared along it."""

    level_start: OrgLevel | None
    level_end: OrgLevel | None
    key_start: float | None
    key_end: float | None
    extensive_start: float | None
    extensive_end: float | None
    key_people: int
    key_known: int
    flags_opened: int
    flags_cleared: int


NO_ENDS = PeriodEnds(None, None, None, None, None, None, 0, 0, 0, 0)  # never assessed by the period's end


LEVEL_RANK = {lv: lv.rank for lv in OrgLevel}  # `rank` walks the enum: 5,000 accounts ask it twice


@dataclass(slots=True)  # not frozen: one per account of a large workspace, built in a loop
class AccountFigures:
    id: str
    name: str
    owner: str  # the owner's name, "" for none
    tier: str
    start: Point | None  # in force at the period's start
    end: Point | None  # in force at the period's end
    level_moves: int  # level changes from the start along the period's assessments
    flags_opened: int
    flags_cleared: int
    execution: Execution
    awaiting_approval: int
    history: tuple[Point, ...] = ()  # every assessment, oldest first (the account's chart)

    @property
    def level_start(self) -> OrgLevel | None:
        return self.start.org_level if self.start else None

    @property
    def level_end(self) -> OrgLevel | None:
        return self.end.org_level if self.end else None

    @property
    def level_change(self) -> str:
        """"up", "down", "same", "new" (no level at the start, one at the end), "none"."""
        a, b = self.level_start, self.level_end
        if b is None:
            return "none"
        if a is None:
            return "new"
        ra, rb = LEVEL_RANK[a], LEVEL_RANK[b]
        return "up" if rb > ra else "down" if rb < ra else "same"

    @property
    def key_delta(self) -> float | None:
        return _delta(self.start, self.end, lambda p: p.key_index)

    @property
    def extensive_delta(self) -> float | None:
        return _delta(self.start, self.end, lambda p: p.extensive_index)

    @property
    def coverage(self) -> float | None:
        return self.end.coverage if self.end else None

    @property
    def ends(self) -> PeriodEnds:
        s, e = self.start, self.end
        return PeriodEnds(s.org_level if s else None, e.org_level if e else None, s.key_index if s else None,
                          e.key_index if e else None, s.extensive_index if s else None,
                          e.extensive_index if e else None, e.key_people if e else 0, e.key_known if e else 0,
                          self.flags_opened, self.flags_cleared)


def _delta(a: Point | None, b: Point | None, get: Callable[[Point], float | None]) -> float | None:
    if a is None or b is None:
        return None
    x, y = get(a), get(b)
    return None if x is None or y is None else y - x


def account_figures(id: str, name: str, owner: str, tier: str, points: Sequence[Point],
                    facts: Iterable[ActivityFact], period: Period, today: dt.date,
                    awaiting_approval: int = 0) -> AccountFigures:
    """`points`: the account's assessments in any order (several on one day: the last given
    wins, as the latest recorded)."""
    return figures_with(id, name, owner, tier, points, execution(facts, period, today), period,
                        awaiting_approval)


_ON = operator.attrgetter("on")


def figures_with(id: str, name: str, owner: str, tier: str, points: Sequence[Point], executed: Execution,
                 period: Period, awaiting_approval: int = 0) -> AccountFigures:
    """account_figures with the account's execution already counted (`execution` over its
    activities, or the store's count of the same: kamtui.store.activities.execution_counts)."""
    ordered = sorted(points, key=_ON) if len(points) > 1 else tuple(points)
    start: Point | None = None
    inside: list[Point] = []
    first, last = period.start, period.end
    for p in ordered:
        if p.on <= first:
            start = p  # the latest on or before the start (of one day, the last given)
        elif p.on <= last:
            inside.append(p)
    end = inside[-1] if inside else start
    moves = opened = cleared = 0
    prev = start
    for p in inside:
        if prev is not None and prev.org_level is not None and p.org_level is not None \
                and p.org_level != prev.org_level:
            moves += 1
        before = prev.flagged if prev is not None else frozenset()
        opened += len(p.flagged - before)
        cleared += len(before - p.flagged)
        prev = p
    return AccountFigures(id, name, owner, tier, start, end, moves, opened, cleared,
                          executed, awaiting_approval, tuple(ordered))
