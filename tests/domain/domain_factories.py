"""Builders for the domain tests: small, explicit, valid-by-default objects.

A plain module (not fixtures) so hypothesis tests and parametrize lists can use it too.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import (
    ActivityStatus, Attitude, ChainRole, Evidence, Indicator, OrgDimension, Scope,
)
from kamtui.domain.models import (
    Account, Activity, Approval, Assessment, Competitor, DepartmentRating, OrgRating, Person,
    PersonRating, PitfallDismissal, Policy, Threshold,
)
from kamtui.domain.plan import AccountPlan
from kamtui.domain.rules.extensive import RatedDepartment

ACCOUNT = "acc1"
TODAY = dt.date(2025, 6, 15)
DIMS = tuple(OrgDimension)  # communication, business_fit, alliance, identification

_ids = itertools.count(1)


def uid(prefix: str = "x") -> str:
    return f"{prefix}{next(_ids)}"


def org(*values: int) -> dict[OrgDimension, int]:
    """Org ratings in declaration order: communication, business_fit, alliance, identification."""
    assert len(values) == 4
    return dict(zip(DIMS, values))


def rating(attitude: Attitude | str = Attitude.unknown, influence: int = 3,
           role: ChainRole | str | None = None, **kw: Any) -> PersonRating:
    return PersonRating(person_id=kw.pop("person_id", uid("p")), attitude=attitude,
                        influence=influence, role=role, **kw)


def person(name: str = "Someone", **kw: Any) -> Person:
    kw.setdefault("id", uid("p"))
    return Person(account_id=ACCOUNT, name=name, **kw)


def dept(name: str, importance: int = 2, **ratings: int) -> RatedDepartment:
    return RatedDepartment(department_id=f"d-{name}", name=name, importance=importance,
                           ratings={Indicator(k): v for k, v in ratings.items()})


def activity(type_: ActivityType | str, **kw: Any) -> Activity:
    """An activity with its catalogue scope/layer and the targets that scope needs."""
    t = ActivityType(type_)
    kw.setdefault("id", uid("a"))
    kw.setdefault("scope", t.spec.scope)
    kw.setdefault("layer", t.spec.layer)
    if kw["scope"] == Scope.point:
        kw.setdefault("target_person_ids", ["p1"])
    if kw["scope"] == Scope.line:
        kw.setdefault("target_department_id", "d1")
    return Activity(account_id=ACCOUNT, type=t, **kw)


def gift(cost: float, targets: list[str] | None = None, on: dt.date | None = TODAY,
         **kw: Any) -> Activity:
    return activity(ActivityType.gift, cost=cost, target_person_ids=targets or ["p1"],
                    planned_on=on, **kw)


def approval() -> Approval:
    return Approval(approver="Compliance Officer", approved_on=TODAY - dt.timedelta(days=1))


def policy(per_activity: float | None = 500.0, per_person_year: float | None = 2000.0) -> Policy:
    return Policy(thresholds={c: Threshold(per_activity=per_activity,
                                           per_person_year=per_person_year)
                              for c in Policy().thresholds})


def assessment(on: dt.date = TODAY, org_values: tuple[int, ...] | None = (4, 4, 4, 4),
               evidence: tuple[Evidence, ...] = tuple(Evidence),
               coaches: tuple[str, ...] = ("p-coach",), **kw: Any) -> Assessment:
    return Assessment(
        id=kw.pop("id", uid("as")),
        account_id=ACCOUNT,
        assessed_on=on,
        org={d: OrgRating(value=v) for d, v in zip(DIMS, org_values)} if org_values else {},
        evidence={e: on for e in evidence},
        people=kw.pop("people", [PersonRating(person_id=c, attitude=Attitude.advocate,
                                              influence=3, role=ChainRole.coach)
                                 for c in coaches]),
        departments=kw.pop("departments", []),
        **kw,
    )


def healthy_people() -> list[Person]:
    """Key people that trip none of the key-layer pitfalls."""
    return [
        person("Chen CEO", id="p-ceo", role=ChainRole.decision_maker, influence=5,
               attitude=Attitude.advocate, executive=True, needs_level=4,
               career_needs="wants the digital programme to succeed", leaning_known=True),
        person("Li Hidden", id="p-hidden", role=ChainRole.influencer, influence=4,
               attitude=Attitude.accepting, hidden_decision_maker=True, needs_level=3),
        person("Wang Star", id="p-star", role=ChainRole.evaluator, influence=2,
               attitude=Attitude.commodity, rising_star=True),
        person("Zhao Coach", id="p-coach", role=ChainRole.coach, influence=3,
               attitude=Attitude.advocate),
    ]


def healthy_activities() -> list[Activity]:
    return [
        activity(ActivityType.cxo_visit, status=ActivityStatus.done,
                 planned_on=TODAY - dt.timedelta(days=30)),
        activity(ActivityType.sponsor_group_meeting, status=ActivityStatus.done,
                 planned_on=TODAY - dt.timedelta(days=60)),
        gift(200.0, ["p-ceo"], compliance_reviewed=True, status=ActivityStatus.done),
    ]


def healthy_plan(**over: Any) -> AccountPlan:
    """An account plan on which detect_pitfalls(…, TODAY) finds nothing; override any part."""
    parts: dict[str, Any] = dict(
        account=Account(id=ACCOUNT, name="Acme Telecom",
                        strategy_notes="Cloud-first by 2027; consolidating vendors."),
        people=healthy_people(),
        competitors=[Competitor(id="c1", account_id=ACCOUNT, name="RivalCo")],
        assessments=[assessment()],
        activities=healthy_activities(),
        dismissals=[],
    )
    account_kw = over.pop("account_kw", None)
    if account_kw:
        parts["account"] = parts["account"].model_copy(update=account_kw)
    parts.update(over)
    return AccountPlan(**parts)


def dismissal(key: str, reason: str = "known, handled elsewhere") -> PitfallDismissal:
    return PitfallDismissal(account_id=ACCOUNT, key=key, reason=reason, dismissed_on=TODAY)
