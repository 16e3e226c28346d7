"""The demo team: settings, our sales team and four key accounts, built from domain models.

Pure and deterministic: no I/O, no clock, no randomness. Every id is a uuid5 over a readable
seed ("acct:hxm-sh", "person:hxm-sh:zhou", …), so the same call always yields equal data and
ids survive re-seeding. The account tables live in kamtui.services.demo_accounts; "today" in
the demo is 2026-11-26 (see DEMO_TODAY).
"""

from __future__ import annotations

import datetime as dt
import uuid

from kamtui.domain.enums import ComplianceCategory, Indicator, Layer, LinkKind, OrgDimension, OrgLevel
from kamtui.domain.models import (
    Account, Activity, Approval, Assessment, Competitor, Department, DepartmentRating,
    LayerTarget, OrgRating, Person, PersonLink, PersonRating, PitfallDismissal, Policy, Settings,
    TeamMember, Threshold,
)
from kamtui.domain.plan import AccountPlan
from kamtui.services.demo_accounts import ACCOUNTS, AccountSpec
from kamtui.services.demo_accounts.spec import ATTITUDE_CODES, NOT_RATED, Act, P, Snapshot

__all__ = ["DEMO_TODAY", "demo_team", "demo_id"]

DEMO_TODAY = dt.date(2026, 11, 26)  # the date the demo data is written against
NAMESPACE = uuid.UUID("3b0f6c1e-8d5a-5e4b-9c2f-6a7d1e0b4c85")

TEAM_NAME = "Key Accounts East / 华东大客户部"
# login, name, title
TEAM: tuple[tuple[str, str, str], ...] = (
    ("li.na", "李娜 Li Na", "大客户总监 Key Account Director"),
    ("wang.lei", "王磊 Wang Lei", "高级客户经理 Senior Key Account Manager"),
    ("sarah", "Sarah Mitchell", "Global Account Manager 全球客户经理"),
    ("chen.jing", "陈静 Chen Jing", "解决方案架构师 Solution Architect"),
    ("zhao.qiang", "赵强 Zhao Qiang", "服务交付经理 Service Delivery Manager"),
    ("demo", "Demo User 演示用户", "客户经理 Key Account Manager"),
)
# Compliance thresholds in CNY: (per activity, per person and year).
THRESHOLDS: dict[ComplianceCategory, tuple[float, float]] = {
    ComplianceCategory.gift: (500.0, 2000.0),
    ComplianceCategory.entertainment: (800.0, 3000.0),
    ComplianceCategory.leisure_trip: (3000.0, 8000.0),
    ComplianceCategory.overseas_visit: (20000.0, 40000.0),
}


def demo_id(*parts: str) -> str:
    """The stable id of a demo record: uuid5 over its readable seed, e.g. ("acct", "hxm-sh")."""
    return uuid.uuid5(NAMESPACE, ":".join(parts)).hex


def demo_team() -> tuple[Settings, list[TeamMember], list[AccountPlan]]:
    """Settings, team members and fully populated account plans for the demo workspace."""
    settings = Settings(
        team_name=TEAM_NAME,
        default_lang="en",
        policy=Policy(currency="CNY", thresholds={
            cat: Threshold(per_activity=act, per_person_year=year)
            for cat, (act, year) in THRESHOLDS.items()
        }),
    )
    members = [
        TeamMember(id=demo_id("member", login), name=name, title=title, login=login)
        for login, name, title in TEAM
    ]
    logins = {m.login: m.id for m in members}
    return settings, members, [_AccountBuilder(spec, logins).plan() for spec in ACCOUNTS]


class _AccountBuilder:
    """Turns one AccountSpec into an AccountPlan; keys resolve to ids within the account."""

    def __init__(self, spec: AccountSpec, logins: dict[str, str]) -> None:
        self.spec = spec
        self.logins = logins
        self.account_id = demo_id("acct", spec.key)
        self.dept_keys = {d.key for d in spec.departments}
        self.person_keys = {p.key for p in spec.people}
        self.competitor_keys = {c[0] for c in spec.competitors}
        for kind, keys, rows in (("department", self.dept_keys, spec.departments),
                                 ("person", self.person_keys, spec.people)):
            if len(keys) != len(rows):
                raise ValueError(f"{spec.key}: duplicate {kind} key")

    # --- id helpers: an unknown key is a bug in the tables, so fail loudly ---------------
    def _id(self, kind: str, key: str, known: set[str]) -> str:
        if key not in known:
            raise KeyError(f"{self.spec.key}: unknown {kind} {key!r}")
        return demo_id(kind, self.spec.key, key)

    def dept(self, key: str) -> str:
        return self._id("dept", key, self.dept_keys)

    def person(self, key: str) -> str:
        return self._id("person", key, self.person_keys)

    def competitor(self, key: str) -> str:
        return self._id("competitor", key, self.competitor_keys)

    def member(self, login: str | None) -> str | None:
        return None if login is None else self.logins[login]

    # --- the plan --------------------------------------------------------------------------
    def plan(self) -> AccountPlan:
        s = self.spec
        return AccountPlan(
            account=Account(
                id=self.account_id, name=s.name, short_name=s.short_name, industry=s.industry,
                region=s.region, tier=s.tier, owner_id=self.member(s.owner),
                strategy_notes=s.strategy,
            ),
            departments=[
                Department(id=self.dept(d.key), account_id=self.account_id,
                           parent_id=self.dept(d.parent) if d.parent else None, name=d.name,
                           importance=d.importance, business_line=d.business_line)
                for d in s.departments
            ],
            people=[self._person(p) for p in s.people],
            links=[
                PersonLink(id=demo_id("link", s.key, a, kind, b), account_id=self.account_id,
                           from_id=self.person(a), to_id=self.person(b), kind=LinkKind(kind))
                for a, kind, b in s.links
            ],
            competitors=[
                Competitor(id=self.competitor(key), account_id=self.account_id, name=name,
                           position=position, notes=notes)
                for key, name, position, notes in s.competitors
            ],
            assessments=[self._assessment(i, snap) for i, snap in enumerate(s.snapshots)],
            targets=self._targets(),
            activities=[self._activity(a) for a in s.activities],
            dismissals=[
                PitfallDismissal(account_id=self.account_id, key=d.key, reason=d.reason,
                                 dismissed_by=d.by, dismissed_on=d.on)
                for d in s.dismissals
            ],
        )

    def _person(self, p: P) -> Person:
        if len(p.history) != len(self.spec.snapshots) or p.history[-1] == NOT_RATED:
            raise ValueError(f"{self.spec.key}: {p.key}: one attitude per snapshot, latest rated")
        flags = set(p.flags.split())
        personal, career = self.spec.texts.get(p.key, ("", ""))
        leaning_known = p.key in self.spec.leanings
        leaning = self.spec.leanings.get(p.key)
        return Person(
            id=self.person(p.key), account_id=self.account_id, department_id=self.dept(p.dept),
            name=p.name, title=p.title,
            reports_to_id=self.person(p.reports_to) if p.reports_to else None,
            role=p.role, influence=p.influence, attitude=ATTITUDE_CODES[p.history[-1]],
            executive="exec" in flags, hidden_decision_maker="hidden" in flags,
            rising_star="star" in flags, needs_level=p.needs,
            personal_needs=personal, career_needs=career, owner_id=self.member(p.owner),
            leaning_known=leaning_known,
            leaning_competitor_id=self.competitor(leaning) if leaning else None,
            last_contact=p.last_contact,
        )

    def _assessment(self, i: int, snap: Snapshot) -> Assessment:
        s = self.spec
        evidence = {
            t.evidence: t.ticked for t in s.evidence
            if t.ticked <= snap.on and (t.lapsed is None or snap.on < t.lapsed)
        }
        people = [
            PersonRating(person_id=self.person(p.key), attitude=ATTITUDE_CODES[p.history[i]],
                         influence=p.influence, needs_level=p.needs, role=p.role)
            for p in s.people if p.history[i] != NOT_RATED
        ]
        departments = [
            DepartmentRating(department_id=self.dept(d.key), importance=d.importance,
                             ratings={ind: int(v) for ind, v in zip(Indicator, d.ratings[i], strict=True)})
            for d in s.departments if d.ratings[i] != NOT_RATED
        ]
        return Assessment(
            id=demo_id("assessment", s.key, snap.on.isoformat()), account_id=self.account_id,
            assessed_on=snap.on, recorded_by=snap.by, note=snap.note,
            org={dim: OrgRating(value=v, note=n) for dim, (v, n) in zip(OrgDimension, snap.org, strict=True)},
            evidence=evidence, people=people, departments=departments,
        )

    def _targets(self) -> list[LayerTarget]:
        org, key, ext = self.spec.targets
        if not isinstance(org.value, OrgLevel):
            raise TypeError(f"{self.spec.key}: the organization target is a level")
        return [
            LayerTarget(account_id=self.account_id, layer=Layer.organization, level=org.value,
                        due=org.due, notes=org.notes),
            LayerTarget(account_id=self.account_id, layer=Layer.key, index=float(key.value),
                        due=key.due, notes=key.notes),
            LayerTarget(account_id=self.account_id, layer=Layer.extensive, index=float(ext.value),
                        due=ext.due, notes=ext.notes),
        ]

    def _activity(self, a: Act) -> Activity:
        entry = a.type.spec
        dept = next((d for d in self.spec.departments if d.key == a.dept), None)
        return Activity(
            id=demo_id("activity", self.spec.key, a.key), account_id=self.account_id,
            type=a.type, scope=entry.scope, layer=entry.layer,
            target_person_ids=[self.person(k) for k in a.people],
            target_department_id=self.dept(a.dept) if a.dept else None,
            target_business_line=dept.business_line if dept else "",
            short_board=a.short_board, objective=a.objective, planned_on=a.on,
            owner_id=self.member(a.owner), status=a.status, outcome=a.outcome,
            cancel_reason=a.cancel_reason, cost=a.cost, currency="CNY",
            needs_level=entry.needs_level, compliance_reviewed=a.reviewed,
            approval=Approval(approver=a.approval[0], approved_on=a.approval[1]) if a.approval else None,
        )
