"""Completing an activity with a quick re-rating of what it addressed (issue 15.3).

`offer` reads what the completion dialog shows: the activity's people (attitude and needs
level as recorded now), its department's indicators, the organization dimensions and evidence
items it worked on (as the latest assessment rates them). `complete` marks it done and, when
something moved, stores a partial assessment (rules/rerate.py: the latest snapshot with only
the re-rated items changed, dated today, this activity its evidence) and puts the re-rated
attitudes and needs levels on the people too, all in one transaction: the figures "as
assessed" and "now" then agree, and the cached figures follow inside the same write.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kamtui.domain.enums import ActivityStatus, Attitude, Evidence, Indicator, OrgDimension
from kamtui.domain.models import Activity, Assessment, Department, Person
from kamtui.domain.rules.rerate import Addressed, PersonNow, Rerating, addressed, partial_assessment
from kamtui.domain.rules.summary import LayerFigures, figures
from kamtui.errors import InputError, NotFoundError, entity_name
from kamtui.messages import Message
from kamtui.services import activities
from kamtui.services.assessments.history import FigureMove, figure_moves
from kamtui.services.context import Context, changed
from kamtui.store import assessments, people as store_people


@dataclass(frozen=True)
class PersonOffer:
    person_id: str
    name: str
    attitude: Attitude  # as recorded now: the dialog starts from it
    needs_level: int | None


@dataclass(frozen=True)
class DepartmentOffer:
    department_id: str
    name: str
    ratings: dict[Indicator, int | None]  # the addressed indicators, as the latest assessment rates them


@dataclass(frozen=True)
class Offer:
    """What the completion dialog offers to re-rate, with the values it starts from."""

    activity: Activity
    addressed: Addressed
    latest: Assessment | None
    people: list[PersonOffer] = field(default_factory=list)
    departments: list[DepartmentOffer] = field(default_factory=list)
    org: dict[OrgDimension, int | None] = field(default_factory=dict)
    evidence: dict[Evidence, bool] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.people or self.departments or self.org or self.evidence)


@dataclass(frozen=True)
class Completed:
    activity: Activity
    assessment: Assessment | None  # the partial assessment, when something was re-rated
    moves: list[FigureMove]  # the figures it moved (before: the latest assessment's)


def person_field(kind: str, person_id: str) -> str:
    """The input path of a person's re-rated value ("attitude" / "needs"), as problems name it."""
    return f"{kind}_{person_id}"


def offer(ctx: Context, activity: Activity) -> Offer:
    db = ctx.db
    departments = {d.id: d for d in store_people.departments(db, activity.account_id, include_archived=True)}
    what = addressed(activity, {d.id: d.name for d in departments.values() if not d.archived})
    latest = assessments.latest(db, activity.account_id)
    people = []
    for pid in what.person_ids:
        p = store_people.person(db, pid)
        if p is None:  # a target gone meanwhile: nothing to re-rate of them
            continue
        people.append(PersonOffer(p.id, p.name, p.attitude, p.needs_level))
    rated = {d.department_id: d.ratings for d in latest.departments} if latest else {}
    depts = [DepartmentOffer(d, departments[d].name, {i: rated.get(d, {}).get(i) for i in what.indicators})
             for d in what.department_ids if d in departments]
    org = {dim: (latest.org[dim].value if latest and dim in latest.org else None) for dim in what.dimensions}
    evidence = {e: bool(latest and e in latest.evidence) for e in what.evidence}
    return Offer(activity, what, latest, people, depts, org, evidence)


def _problem(path: str, code: str, **params: object) -> InputError:
    return InputError.at(path, code, **params)


def _check(o: Offer, r: Rerating) -> None:
    """Only what the activity addressed, in range."""
    people = {p.person_id for p in o.people}
    for pid in r.people:
        if pid not in people:
            raise _problem(person_field("attitude", pid), "rerate.not_a_target")
    for pid, level in r.needs.items():
        if level is not None and not 1 <= level <= 5:
            raise _problem(person_field("needs", pid), "rerate.needs_range")
    for dim, value in r.org.items():
        if dim not in o.org or not 1 <= value <= 4:
            raise _problem(f"org_{dim.value}", "rerate.org_range")
    for item in r.evidence:
        if item not in o.evidence:
            raise _problem(f"evidence_{item.value}", "rerate.evidence_not_addressed")
    offered = {(d.department_id, i) for d in o.departments for i in d.ratings}
    for key, value in r.indicators.items():
        if key not in offered or not 1 <= value <= 5:
            raise _problem(f"indicator_{key[0]}_{key[1].value}", "rerate.indicator_range")


def complete(ctx: Context, o: Offer, outcome: str, rerating: Rerating) -> Completed:
    """Mark the activity done with its outcome and store the re-rating, in one transaction."""
    a = o.activity
    activities.check_completion(ctx, a, outcome)
    _check(o, rerating)
    names = {}
    with ctx.write() as tx:
        done = tx.update(changed(a, {"status": ActivityStatus.done, "outcome": outcome}))
        if rerating.empty:
            return Completed(done, None, [])
        latest = assessments.latest(tx.db, a.account_id)
        before = {p.person_id: p for p in o.people}
        people = {}
        for pid in sorted(rerating.people):
            p = store_people.person(tx.db, pid)
            if p is None:
                raise NotFoundError("record.gone", entity=entity_name("person"))
            was = before[pid]
            for kind, name, mine, then, now in (
                    ("attitude", "rerate.attitude", rerating.attitudes, was.attitude, p.attitude),
                    ("needs", "rerate.needs_level", rerating.needs, was.needs_level, p.needs_level)):
                if pid in mine and now != then and now != mine[pid]:
                    raise _problem(person_field(kind, pid), "rerate.changed_meanwhile", person=p.name,
                                   what=Message(name))
            people[pid] = p
        departments = {d.id: d for d in store_people.departments(tx.db, a.account_id, include_archived=True)}
        names = {d.id: d.name for d in departments.values()}
        snapshot = partial_assessment(
            latest, rerating, account_id=a.account_id, day=ctx.today, recorded_by=ctx.user,
            activity_id=a.id, people_now={pid: PersonNow(p.influence, p.role) for pid, p in people.items()},
            importance={d.id: d.importance for d in departments.values()})
        tx.insert(snapshot)
        for pid, p in people.items():
            fields: dict = {}
            if pid in rerating.attitudes:
                fields["attitude"] = rerating.attitudes[pid]
            if pid in rerating.needs:
                fields["needs_level"] = rerating.needs[pid]
            tx.update(changed(p, fields))
    old: LayerFigures | None = figures(latest, names) if latest else None
    moves = [m for m in figure_moves(old, figures(snapshot, names)) if m.before != m.after]
    return Completed(done, snapshot, moves)
