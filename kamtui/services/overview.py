"""An account at a glance: the three layers, what holds each down, pitfalls, next steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kamtui.domain.models import Activity, Assessment, LayerTarget, Person
from kamtui.domain.enums import Layer, OrgDimension
from kamtui.domain.plan import AccountPlan
from kamtui.domain.rules.next_step import NextStep, next_step
from kamtui.domain.rules.pitfalls import Pitfall, detect_pitfalls
from kamtui.domain.rules.rerate import layers_rated_on
from kamtui.domain.rules.suggest import Suggestion, suggest
from kamtui.domain.rules.summary import KeyNow, LayerFigures, figures, key_now
from kamtui.services.context import Context
from kamtui.store import accounts, team


@dataclass(frozen=True)
class Overview:
    plan: AccountPlan
    latest: Assessment | None
    figures: LayerFigures | None
    targets: dict[Layer, LayerTarget]
    pitfalls: list[Pitfall]  # open and dismissed; Pitfall.open tells which
    next_activities: list[Activity]
    overdue: list[Activity]
    red_flag_people: list[tuple[Person, str]]  # (person, reason key)
    owner_name: str
    members: dict[str, str] = field(default_factory=dict)  # our team: id -> name
    # the key layer from the people as recorded now; `figures` are those of `latest`
    now: KeyNow | None = None
    # the path to the next level per layer, as assessed, and what to do about it
    next_step: NextStep | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    # open with no date: never overdue and never "next", so listed apart
    undated: list[Activity] = field(default_factory=list)
    # the day each layer was last rated (a re-rating rates only what it changed)
    rated_on: dict[Layer, dt.date] = field(default_factory=dict)

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.plan.people if p.id == person_id), None)

    @property
    def department_names(self) -> dict[str, str]:
        return {d.id: d.name for d in self.plan.departments}

    @property
    def open_pitfalls(self) -> list[Pitfall]:
        return [p for p in self.pitfalls if p.open]

    @property
    def dismissed_pitfalls(self) -> list[Pitfall]:
        return [p for p in self.pitfalls if not p.open]

    def org_holding(self) -> list[tuple[OrgDimension, int]]:
        """The organization dimensions that hold the level down, with their ratings."""
        if not (self.figures and self.figures.org and self.latest):
            return []
        return [(d, self.latest.org[d].value) for d in self.figures.org.holding_down]

    def people_per_department(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.plan.active_people():
            if p.department_id:
                out[p.department_id] = out.get(p.department_id, 0) + 1
        return out


def overview(ctx: Context, account_id: str, next_count: int = 5) -> Overview:
    plan = accounts.plan(ctx.db, account_id)
    policy = team.settings(ctx.db).policy
    latest = plan.latest
    figs = figures(latest, {d.id: d.name for d in plan.departments}) if latest else None
    open_acts = [a for a in plan.active_activities() if a.status.is_open]
    upcoming = sorted((a for a in open_acts if a.planned_on and a.planned_on >= ctx.today),
                      key=lambda a: (a.planned_on, a.id))
    overdue = sorted((a for a in open_acts if a.is_overdue(ctx.today)), key=lambda a: (a.planned_on, a.id))
    flagged = []
    if figs and latest:
        by_id = {p.id: p for p in plan.people}
        for flag in figs.red_flags:
            person = by_id.get(latest.people[flag.index].person_id)
            if person:
                flagged.append((person, flag.reason))
    members = {m.id: m.name for m in team.members(ctx.db, True)}
    step = next_step(latest, {d.id: d.name for d in plan.departments}) if latest else None
    owner = members.get(plan.account.owner_id or "", "")
    return Overview(
        plan=plan, latest=latest, figures=figs,
        targets={t.layer: t for t in plan.targets},
        pitfalls=detect_pitfalls(plan, policy, ctx.today),
        next_activities=upcoming[:next_count], overdue=overdue, red_flag_people=flagged,
        owner_name=owner, members=members, now=key_now(plan.active_people()),
        next_step=step, suggestions=suggest(step, ctx.today, plan.activities) if step else [],
        undated=sorted((a for a in open_acts if a.is_undated()), key=lambda a: a.id),
        rated_on=layers_rated_on(plan.assessments),
    )
