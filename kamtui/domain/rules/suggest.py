"""Suggested activities: each aimed at one gap of the next step (rules/next_step.py).

A suggestion names the activity type, its scope and targets, the gap it works on (the lever
person, the red flag, the organization dimension or evidence item, the short board) and the
figures before and after, so its why-line can say it and the activity form can be filled.

What matches what (the seed article's method, method.md §1–§5):
- a key person: the point activity of their next rung on the needs ladder; at Strategic
  supplier and Partner level at least professional success (help them perform);
- an organization dimension or evidence item: the organization activity that raises or
  shows it (catalogue.type_for_dimension / type_for_evidence);
- the short board: the line activity for its indicator, with its department.
The level strategy decides the order: at Vendor and Supplier the breakthrough is the key
people (help them succeed professionally, meet their personal needs), at Strategic supplier
and Partner the organization (raise its business performance together). Red flags come
first; then the layers take turns, so the first few suggestions cover all three.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from kamtui.domain.catalogue import (
    CATALOGUE, SERVES_RUNG, ActivityType, type_for_dimension, type_for_evidence, type_for_indicator,
)
from kamtui.domain.enums import (
    ActivityStatus, Attitude, ChainRole, Evidence, Indicator, Layer, OrgDimension, OrgLevel, Scope,
)
from kamtui.domain.models import PersonRating
from kamtui.domain.rules.aim import ActivityAim
from kamtui.domain.rules.key import key_sums, red_flags
from kamtui.domain.rules.next_step import NextStep


class Reason(StrEnum):
    key_threat = "key_threat"  # a red flag: a threat of influence ≥ 4
    key_unknown = "key_unknown"  # a red flag: a decision maker of unknown attitude
    key_lever = "key_lever"  # a person whose attitude one step up lifts the key index most
    org_rise = "org_rise"  # a dimension the nearest level needs raised
    org_evidence = "org_evidence"  # an evidence item the nearest level still lacks
    ext_board = "ext_board"  # the short board


class Strategy(StrEnum):
    people = "people"  # vendor, supplier (or not rated): the key people's success and needs
    business = "business"  # strategic supplier, partner: the organization's performance


def strategy_for(level: OrgLevel | None) -> Strategy:
    if level in (OrgLevel.strategic_supplier, OrgLevel.partner):
        return Strategy.business
    return Strategy.people


@dataclass(frozen=True)
class Suggestion:
    reason: Reason
    type: ActivityType
    layer: Layer
    scope: Scope
    strategy: Strategy
    planned_on: dt.date
    person_ids: tuple[str, ...] = ()
    department_id: str | None = None
    department: str = ""
    role: ChainRole | None = None
    influence: int | None = None
    needs_now: int | None = None  # the person's needs level as assessed
    needs_level: int | None = None  # the rung the activity serves
    attitude: Attitude | None = None
    attitude_after: Attitude | None = None
    dimension: OrgDimension | None = None
    evidence: Evidence | None = None
    level: OrgLevel | None = None  # the organization level it works towards
    indicator: Indicator | None = None
    before: int | None = None  # the dimension's or indicator's rating
    after: int | None = None
    index_before: float | None = None  # the key or extensive index
    index_after: float | None = None
    completes: bool = False  # an org rise that reaches `level` by itself

    @property
    def gain(self) -> float | None:
        if self.index_before is None or self.index_after is None:
            return None
        return self.index_after - self.index_before

    @property
    def gap(self) -> tuple:
        """What it works on: two suggestions for one gap are one too many."""
        return (self.reason, self.person_ids, self.department_id, self.dimension, self.evidence)


class OpenActivity(ActivityAim, Protocol):
    """What the rules read of an activity (the validated model or the planner's light line)."""

    @property
    def status(self) -> ActivityStatus: ...
    @property
    def archived(self) -> bool: ...


def proposed_date(today: dt.date, scope: Scope) -> dt.date:
    """Two weeks ahead for people and departments, a month for whole-account and executive
    events (they take arranging); a weekend moves to the Monday after."""
    day = today + dt.timedelta(days=30 if scope in (Scope.surface, Scope.organization) else 14)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def rung_for(needs_level: int | None, strategy: Strategy) -> int:
    """The rung to serve next: one above the person's, at least professional success once
    the organization is a strategic supplier; unknown needs: get to know them first (3)."""
    if needs_level is None:
        return 4 if strategy == Strategy.business else 3
    rung = min(needs_level + 1, 5)
    return max(rung, 4) if strategy == Strategy.business else rung


def _mentions(text: str, *labeled) -> bool:
    said = text.casefold()
    return bool(said) and any(x.label(lang).casefold() in said for x in labeled for lang in ("en", "zh"))


class _Open:
    """The open activities, asked whether one already works on a gap."""

    def __init__(self, activities: Iterable[OpenActivity]) -> None:
        self.items = [a for a in activities if a.status.is_open and not a.archived]

    def person(self, person_id: str) -> bool:
        return any(person_id in a.target_person_ids for a in self.items)

    def department(self, department_id: str, name: str) -> bool:
        needle = name.casefold()
        return any(a.target_department_id == department_id
                   or (a.layer == Layer.extensive and needle and needle in a.short_board.casefold())
                   for a in self.items)

    def organization(self, kind: ActivityType, item: OrgDimension | Evidence) -> bool:
        return any(a.layer == Layer.organization and (a.type == kind or _mentions(a.short_board, item))
                   for a in self.items)


def suggest(step: NextStep, today: dt.date, activities: Iterable[OpenActivity] = (),
            limit: int = 6) -> list[Suggestion]:
    """Ranked suggestions for the gaps of `step` that no open activity works on yet."""
    strategy = strategy_for(step.org.level if step.org else None)
    busy = _Open(activities)
    flags = _flag_suggestions(step, strategy, today, busy)
    flagged = {s.person_ids for s in flags}
    blocks = {
        Layer.key: [s for s in _lever_suggestions(step, strategy, today, busy) if s.person_ids not in flagged],
        Layer.organization: _org_suggestions(step, strategy, today, busy),
        Layer.extensive: _board_suggestions(step, strategy, today, busy),
    }
    order = ([Layer.key, Layer.organization, Layer.extensive] if strategy == Strategy.people
             else [Layer.organization, Layer.key, Layer.extensive])
    ranked = list(flags)
    while any(blocks.values()):
        for layer in order:
            if blocks[layer]:
                ranked.append(blocks[layer].pop(0))
    out, seen = [], set()
    for s in ranked:
        same = (s.type, s.person_ids, s.department_id)
        if s.gap in seen or same in seen:
            continue
        seen.update((s.gap, same))
        out.append(s)
    return out[:limit]


def _person(step: NextStep, index: int, strategy: Strategy, today: dt.date, reason: Reason,
            after: Attitude | None = None, index_after: float | None = None) -> Suggestion:
    p = step.people[index]
    rung = rung_for(p.needs_level, strategy)
    kind = SERVES_RUNG[rung]
    return Suggestion(reason, kind, Layer.key, Scope.point, strategy, proposed_date(today, Scope.point),
                      person_ids=(p.person_id,), role=p.role, influence=p.influence,
                      needs_now=p.needs_level, needs_level=rung, attitude=p.attitude,
                      attitude_after=after, index_before=step.key.key_index, index_after=index_after)


def _flag_suggestions(step: NextStep, strategy: Strategy, today: dt.date, busy: _Open) -> list[Suggestion]:
    found = red_flags(step.people)
    levers = {lv.index: lv for lv in step.key.levers}
    # threats first, the most influential first (the order red flags are cleared in)
    found.sort(key=lambda f: (f.reason != "threat_high_influence", -step.people[f.index].influence, f.index))
    after_one_step = _one_step_up(step.people)
    out = []
    for f in found:
        if busy.person(step.person_id(f.index)):
            continue
        if f.reason == "threat_high_influence":
            lever = levers.get(f.index)
            after = lever.key_index_after if lever else after_one_step(f.index)
            out.append(_person(step, f.index, strategy, today, Reason.key_threat, Attitude.commodity, after))
        else:
            out.append(_person(step, f.index, strategy, today, Reason.key_unknown))
    return out


def _one_step_up(people: Sequence[PersonRating]) -> Callable[[int], float | None]:
    """The key index with one threat moved to commodity (one not among the top levers), for
    any of them: the sums are taken once, as key_path does (a 2,000-person account with
    hundreds of flags would otherwise recount everyone per flag)."""
    num, den = key_sums(people)
    threat, commodity = Attitude.threat.value_score, Attitude.commodity.value_score

    def after(index: int) -> float | None:
        if den == 0:
            return None
        return 100.0 * (num + people[index].influence * (commodity - threat)) / den  # type: ignore[operator]

    return after


def _lever_suggestions(step: NextStep, strategy: Strategy, today: dt.date, busy: _Open) -> list[Suggestion]:
    return [_person(step, lv.index, strategy, today, Reason.key_lever, lv.after, lv.key_index_after)
            for lv in step.key.levers if not busy.person(step.person_id(lv.index))]


def _org_suggestions(step: NextStep, strategy: Strategy, today: dt.date, busy: _Open) -> list[Suggestion]:
    if step.org is None or not step.org.steps:
        return []
    nearest = step.org.steps[0]
    day = proposed_date(today, Scope.organization)
    out = []
    for rise in nearest.rises:
        kind = type_for_dimension(rise.dimension, rise.after)
        if not busy.organization(kind, rise.dimension):
            out.append(Suggestion(Reason.org_rise, kind, Layer.organization, Scope.organization, strategy, day,
                                  dimension=rise.dimension, level=nearest.level, before=rise.before,
                                  after=rise.after, completes=len(nearest.rises) == 1))
    for evidence in nearest.missing_evidence:
        kind = type_for_evidence(evidence)
        if not busy.organization(kind, evidence):
            out.append(Suggestion(Reason.org_evidence, kind, Layer.organization, Scope.organization, strategy,
                                  day, evidence=evidence, level=nearest.level))
    return out


def _board_suggestions(step: NextStep, strategy: Strategy, today: dt.date, busy: _Open) -> list[Suggestion]:
    e = step.extensive
    if e is None or busy.department(e.department_id, e.department):
        return []
    kind = type_for_indicator(e.indicator)
    assert CATALOGUE[kind].scope == Scope.line
    return [Suggestion(Reason.ext_board, kind, Layer.extensive, Scope.line, strategy,
                       proposed_date(today, Scope.line), department_id=e.department_id,
                       department=e.department, indicator=e.indicator, before=e.before, after=e.after,
                       index_before=e.index_before, index_after=e.index_after)]
