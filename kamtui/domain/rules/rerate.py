"""Re-rating what a finished activity addressed: which ratings it offers, and the partial
assessment the re-rating becomes.

A partial assessment is a new dated snapshot that carries every rating of the latest one
unchanged except the re-rated items, and names the activity that was its evidence; the
figures are computed from it like from any assessment (docs/figures.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from kamtui.domain.base import new_id
from kamtui.domain.catalogue import RAISES_DIMENSION, SHOWS_EVIDENCE
from kamtui.domain.enums import (
    Attitude, ChainRole, Evidence, Indicator, Layer, OrgDimension, Scope,
)
from kamtui.domain.rules.aim import ActivityAim
from kamtui.domain.models import Assessment, DepartmentRating, OrgRating, PersonRating
from kamtui.domain.short_labels import short_label


class Addressable(ActivityAim, Protocol):
    @property
    def scope(self) -> Scope: ...


@dataclass(frozen=True)
class Addressed:
    """The ratings a finished activity may have moved: its people's attitude and needs level,
    its department's indicators, the organization dimensions and evidence items."""

    person_ids: tuple[str, ...] = ()
    department_ids: tuple[str, ...] = ()
    indicators: tuple[Indicator, ...] = ()  # of each of those departments
    dimensions: tuple[OrgDimension, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.person_ids or self.department_ids or self.dimensions or self.evidence)


def _named(text: str, item: OrgDimension | Evidence | Indicator) -> bool:
    said = text.casefold()
    names = [item.label("en"), item.label("zh")]
    if isinstance(item, (OrgDimension, Evidence, Indicator)):  # the short names a suggestion writes
        names += [short_label(item, "en"), short_label(item, "zh")]
    return any(n.casefold() in said for n in names)


def addressed(activity: Addressable, department_names: Mapping[str, str]) -> Addressed:
    """What the activity worked on: its targets, and the items its short board names (in
    either language). A department's indicators: those named, else all four; organization
    dimensions and evidence: those named, else what its type works on (catalogue)."""
    board = activity.short_board or ""
    people = tuple(activity.target_person_ids)
    departments: tuple[str, ...] = ()
    if activity.target_department_id:
        departments = (activity.target_department_id,)
    elif activity.layer == Layer.extensive and board:
        said = board.casefold()
        departments = tuple(d for d, name in department_names.items() if name and name.casefold() in said)[:1]
    indicators: tuple[Indicator, ...] = ()
    if departments:
        indicators = tuple(i for i in Indicator if _named(board, i)) or tuple(Indicator)
    dimensions: tuple[OrgDimension, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    if activity.layer == Layer.organization or activity.scope == Scope.organization:
        dimensions = tuple(d for d in OrgDimension if _named(board, d))
        evidence = tuple(e for e in Evidence if _named(board, e))
        if not dimensions and activity.type in RAISES_DIMENSION:
            dimensions = (RAISES_DIMENSION[activity.type],)
        if not evidence:
            evidence = SHOWS_EVIDENCE.get(activity.type, ())
    return Addressed(people, departments, indicators, dimensions, evidence)


@dataclass(frozen=True)
class PersonNow:
    """A person as recorded now: what a new rating of them starts from."""

    influence: int
    role: ChainRole | None


@dataclass
class Rerating:
    """The items re-rated, only those that moved."""

    attitudes: dict[str, Attitude] = field(default_factory=dict)
    needs: dict[str, int | None] = field(default_factory=dict)
    org: dict[OrgDimension, int] = field(default_factory=dict)
    evidence: dict[Evidence, bool] = field(default_factory=dict)
    indicators: dict[tuple[str, Indicator], int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.attitudes or self.needs or self.org or self.evidence or self.indicators)

    @property
    def people(self) -> set[str]:
        return set(self.attitudes) | set(self.needs)


def later_id(latest: Assessment | None, day: dt.date, make: Callable[[], str] = new_id) -> str:
    """An id for a snapshot dated `day` that sorts after `latest` when both share the date:
    the latest assessment is the newest by (date, id), so a re-rating made on the day of the
    last one must come out on top."""
    candidate = make()
    if latest is None or latest.assessed_on != day or candidate > latest.id:
        return candidate
    for _ in range(64):
        candidate = make()
        if candidate > latest.id:
            return candidate
    return latest.id[:63] + "z"  # "z" sorts after every character an id may hold


def partial_assessment(latest: Assessment | None, rerating: Rerating, *, account_id: str,
                       day: dt.date, recorded_by: str, activity_id: str,
                       people_now: Mapping[str, PersonNow], importance: Mapping[str, int],
                       assessment_id: str | None = None) -> Assessment:
    """The latest snapshot with only the re-rated items changed, dated `day`, the activity as
    its evidence. A person or department the latest one did not rate joins with their
    current influence, role and importance."""
    org = dict(latest.org) if latest else {}
    for dim, value in rerating.org.items():
        old = org.get(dim)
        org[dim] = OrgRating(value=value, note=old.note if old else "")
    evidence = dict(latest.evidence) if latest else {}
    for item, ticked in rerating.evidence.items():
        if ticked:
            evidence.setdefault(item, day)
        else:
            evidence.pop(item, None)
    people = [p.model_copy() for p in latest.people] if latest else []
    index = {p.person_id: i for i, p in enumerate(people)}
    for pid in sorted(rerating.people):
        changes: dict = {}
        if pid in rerating.attitudes:
            changes["attitude"] = rerating.attitudes[pid]
        if pid in rerating.needs:
            changes["needs_level"] = rerating.needs[pid]
        if pid in index:
            people[index[pid]] = people[index[pid]].model_copy(update=changes)
        else:
            now = people_now[pid]
            people.append(PersonRating(person_id=pid, influence=now.influence, role=now.role, **changes))
    departments = [d.model_copy(update={"ratings": dict(d.ratings)}) for d in latest.departments] if latest else []
    by_dept = {d.department_id: d for d in departments}
    for (dept, indicator), value in sorted(rerating.indicators.items()):
        if dept not in by_dept:
            by_dept[dept] = DepartmentRating(department_id=dept, importance=importance.get(dept, 2))
            departments.append(by_dept[dept])
        by_dept[dept].ratings[indicator] = value
    return Assessment(
        id=assessment_id or later_id(latest, day), account_id=account_id, assessed_on=day,
        recorded_by=recorded_by, org=org, evidence=evidence, people=people,
        departments=departments, evidence_activity_id=activity_id,
    )


def layers_rated_on(assessments: Iterable[Assessment]) -> dict[Layer, dt.date]:
    """The day each layer was last rated: a full assessment rates all three; a re-rating
    (a snapshot carrying the rest forward) only the layers whose items it changed. The
    latest snapshot's date alone would call a layer nobody looked at "assessed today"."""
    out: dict[Layer, dt.date] = {}
    before: Assessment | None = None
    for a in sorted(assessments, key=lambda a: (a.assessed_on, a.id)):
        if a.evidence_activity_id is None or before is None:
            rated = set(Layer)
        else:
            rated = set()
            if a.org != before.org or a.evidence != before.evidence:
                rated.add(Layer.organization)
            if a.people != before.people:
                rated.add(Layer.key)
            if a.departments != before.departments:
                rated.add(Layer.extensive)
        for layer in rated:
            out[layer] = a.assessed_on
        before = a
    return out
