"""Deterministic generated workspaces for benchmarks: small, large, xl."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from kamtui.domain.catalogue import CATALOGUE, ActivityType
from kamtui.domain.enums import (
    ActivityStatus, Attitude, ChainRole, CompetitorPosition, Evidence, Indicator, Layer,
    OrgDimension, OrgLevel, Scope, Tier,
)
from kamtui.domain.models import (
    Account, Activity, Assessment, Competitor, Department, DepartmentRating, LayerTarget,
    OrgRating, Person, PersonRating, TeamMember,
)
from kamtui.services.context import Context


@dataclass(frozen=True)
class Size:
    accounts: int
    people: int
    activities: int


SIZES = {
    "small": Size(50, 2_000, 10_000),
    "large": Size(500, 20_000, 100_000),
    "xl": Size(5_000, 200_000, 1_000_000),
}
_NS = uuid.UUID("6f1d3a52-8d7e-4c1b-9a57-0c2b7f3e9d10")
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞"]
_EN = ["Alex", "Maria", "John", "Priya", "Lukas", "Emma", "Noah", "Sofia", "Omar", "Chloe"]
_EN_LAST = ["Smith", "Müller", "Garcia", "Chen", "Khan", "Rossi", "Novak", "Brown"]
_INDUSTRIES = ["Telecom 电信", "Power grid 电网", "Banking 银行", "Automotive 汽车", "Insurance 保险",
               "Rail 铁路", "Oil & gas 石油", "Healthcare 医疗", "Logistics 物流", "Retail 零售"]
_DEPTS = ["总经理办公室", "采购部", "IT 部", "财务部", "运维部", "市场部", "Engineering", "Procurement",
          "Legal", "Operations"]
_COMPETITORS = ["Huawei 华为", "ZTE 中兴", "Ericsson", "Nokia", "Cisco", "IBM", "Siemens", "Accenture"]
_ROLES = list(ChainRole)
_ATTITUDES = list(Attitude)
_TYPES = list(ActivityType)


def _id(*parts: object) -> str:
    return uuid.uuid5(_NS, "/".join(map(str, parts))).hex


def _name(rng: random.Random, chinese: bool) -> str:
    if chinese:
        return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))
    return f"{rng.choice(_EN)} {rng.choice(_EN_LAST)}"


def _account_records(i: int, size: Size, members: list[TeamMember], base: dt.date) -> list:
    rng = random.Random(i)
    aid = _id("account", i)
    chinese = i % 3 != 2
    n_people = size.people // size.accounts
    n_acts = size.activities // size.accounts
    account = Account(
        id=aid, name=f"{'客户' if chinese else 'Customer'} {i:05d} {_name(rng, chinese)}",
        short_name=f"C{i:05d}", industry=rng.choice(_INDUSTRIES), region=rng.choice(["华东", "华北", "EMEA"]),
        tier=rng.choice(list(Tier)), owner_id=rng.choice(members).id,
        strategy_notes="" if i % 7 == 0 else "Digital transformation; cost control; 5G rollout.",
    )
    out: list = [account]
    comps = [Competitor(id=_id("comp", i, k), account_id=aid, name=c, position=rng.choice(list(CompetitorPosition)))
             for k, c in enumerate(rng.sample(_COMPETITORS, 3))]
    out += comps
    depts = []
    for k in range(8):
        parent = depts[0].id if depts and k > 0 and k < 4 else (depts[rng.randrange(len(depts))].id if depts else None)
        depts.append(Department(id=_id("dept", i, k), account_id=aid, parent_id=parent,
                                name=_DEPTS[(i + k) % len(_DEPTS)] + f" {k}", importance=rng.randint(1, 3)))
    out += depts
    people = []
    for k in range(n_people):
        role = _ROLES[k % len(_ROLES)] if k < 12 else rng.choice(_ROLES[2:])
        people.append(Person(
            id=_id("person", i, k), account_id=aid, department_id=depts[k % len(depts)].id,
            name=_name(rng, chinese), title=rng.choice(["总经理", "副总", "主任", "Director", "Manager", "Engineer"]),
            reports_to_id=people[(k - 1) // 3].id if k else None, role=role,
            influence=rng.randint(1, 5), attitude=rng.choice(_ATTITUDES), executive=k < 2,
            hidden_decision_maker=k == 7, rising_star=k == 9, needs_level=rng.randint(1, 5),
            owner_id=rng.choice(members).id, leaning_known=k % 2 == 0,
            last_contact=base - dt.timedelta(days=rng.randint(0, 200)),
        ))
    out += people
    key_people = people[:12]
    for a in range(3):
        out.append(Assessment(
            id=_id("assessment", i, a), account_id=aid, assessed_on=base - dt.timedelta(days=90 * (3 - a)),
            recorded_by="generator",
            org={d: OrgRating(value=rng.randint(1, 4)) for d in OrgDimension},
            evidence={e: base - dt.timedelta(days=100) for e in Evidence if rng.random() < 0.4},
            people=[PersonRating(person_id=p.id, attitude=rng.choice(_ATTITUDES), influence=p.influence,
                                 needs_level=p.needs_level, role=p.role) for p in key_people],
            departments=[DepartmentRating(department_id=d.id, importance=d.importance,
                                          ratings={ind: rng.randint(1, 5) for ind in Indicator}) for d in depts],
        ))
    out += [
        LayerTarget(account_id=aid, layer=Layer.organization, level=OrgLevel.strategic_supplier,
                    due=base + dt.timedelta(days=365)),
        LayerTarget(account_id=aid, layer=Layer.key, index=40.0, due=base + dt.timedelta(days=365)),
        LayerTarget(account_id=aid, layer=Layer.extensive, index=60.0, due=base + dt.timedelta(days=365)),
    ]
    for k in range(n_acts):
        t = _TYPES[(i + k) % len(_TYPES)]
        spec = CATALOGUE[t]
        when = base + dt.timedelta(days=rng.randint(-300, 120))
        status = ActivityStatus.done if when < base and rng.random() < 0.8 else rng.choice(
            [ActivityStatus.planned, ActivityStatus.in_progress, ActivityStatus.planned, ActivityStatus.cancelled])
        out.append(Activity(
            id=_id("activity", i, k), account_id=aid, type=t, scope=spec.scope, layer=spec.layer,
            target_person_ids=[people[k % len(people)].id] if spec.scope == Scope.point else [],
            target_department_id=depts[k % len(depts)].id if spec.scope == Scope.line else None,
            objective=f"{t.label('en')} #{k}", planned_on=when, owner_id=rng.choice(members).id,
            status=status, outcome="ok" if status == ActivityStatus.done else "",
            cost=float(rng.choice([0, 200, 800, 3000])) if spec.compliance else 0.0,
            compliance_reviewed=rng.random() < 0.9,
        ))
    return out


def generate(ctx: Context, size: Size, base: dt.date = dt.date(2026, 11, 26),
             progress: Callable[[int, int], None] | None = None) -> None:
    """Bulk-insert a deterministic workspace of the given size in one transaction;
    `progress(done, total)` after each account."""
    members = [TeamMember(id=_id("member", k), name=f"Member {k:02d}", login=f"m{k:02d}") for k in range(20)]
    with ctx.write() as tx:
        tx.insert_many(members)
        for i in range(size.accounts):
            tx.insert_many(_account_records(i, size, members, base))
            if progress is not None:
                progress(i + 1, size.accounts)
        tx.audit("workspace", "generator", None, "import", {"accounts": [None, size.accounts]})
