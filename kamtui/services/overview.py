"""An account at a glance: the three layers, what holds each down, pitfalls, next steps."""

from __future__ import annotations

from dataclasses import dataclass

from kamtui.domain.models import Activity, Assessment, LayerTarget, Person
from kamtui.domain.enums import Layer
from kamtui.domain.plan import AccountPlan
from kamtui.domain.rules.pitfalls import Pitfall, detect_pitfalls
from kamtui.domain.rules.summary import LayerFigures, figures
from kamtui.services.context import Context
from kamtui.store import queries


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

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.plan.people if p.id == person_id), None)


def overview(ctx: Context, account_id: str, next_count: int = 5) -> Overview:
    plan = queries.plan(ctx.db, account_id)
    policy = queries.settings(ctx.db).policy
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
    owner = ""
    if plan.account.owner_id:
        owner = next((m.name for m in queries.members(ctx.db, True) if m.id == plan.account.owner_id), "")
    return Overview(
        plan=plan, latest=latest, figures=figs,
        targets={t.layer: t for t in plan.targets},
        pitfalls=detect_pitfalls(plan, policy, ctx.today),
        next_activities=upcoming[:next_count], overdue=overdue, red_flag_people=flagged,
        owner_name=owner,
    )
