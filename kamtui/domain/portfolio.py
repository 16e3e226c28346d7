"""One account's line in the portfolio, and how its figures are derived from a plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kamtui.domain.enums import Indicator, Layer, OrgDimension, OrgLevel, PitfallKey, Tier
from kamtui.domain.models import Policy
from kamtui.domain.plan import AccountPlan
from kamtui.domain.rules.pitfalls import DatedFacts, dated_facts, dated_pitfalls, detect_pitfalls
from kamtui.domain.rules.summary import figures


@dataclass(slots=True)
class LayerState:
    """What the summary table caches per account (computed at write time, no calendar)."""

    org_level: OrgLevel | None = None
    org_holding: tuple[OrgDimension, ...] = ()
    org_target: OrgLevel | None = None
    key_index: float | None = None
    key_target: float | None = None
    coverage: float = 0.0
    red_flags: int = 0
    extensive_index: float | None = None
    extensive_target: float | None = None
    sb_department: str | None = None
    sb_indicator: Indicator | None = None
    sb_value: int | None = None
    last_assessed: dt.date | None = None
    pitfalls: tuple[PitfallKey, ...] = ()  # open, calendar-free
    dismissed: tuple[str, ...] = ()
    facts: DatedFacts = field(default_factory=DatedFacts)
    people: int = 0
    departments: int = 0
    activities: int = 0
    assessments: int = 0


def layer_state(plan: AccountPlan, policy: Policy) -> LayerState:
    state = LayerState()
    latest = plan.latest
    if latest is not None:
        names = {d.id: d.name for d in plan.departments}
        f = figures(latest, names)
        if f.org:
            state.org_level, state.org_holding = f.org.level, f.org.holding_down
        state.key_index, state.coverage, state.red_flags = f.key_index, f.coverage, len(f.red_flags)
        state.extensive_index = f.extensive_index
        if f.short_board:
            sb = f.short_board
            state.sb_department, state.sb_indicator, state.sb_value = sb.department, sb.indicator, sb.value
        state.last_assessed = latest.assessed_on
    for t in plan.targets:
        if t.layer == Layer.organization:
            state.org_target = t.level
        elif t.layer == Layer.key:
            state.key_target = t.index
        else:
            state.extensive_target = t.index
    found = detect_pitfalls(plan, policy, today=None)
    state.pitfalls = tuple(p.key for p in found if p.open)
    state.dismissed = tuple(sorted(d.key for d in plan.dismissals))
    state.facts = dated_facts(plan)
    state.people = len(plan.active_people())
    state.departments = len(plan.active_departments())
    state.activities = len(plan.active_activities())
    state.assessments = len(plan.assessments)
    return state


def open_pitfalls(state: LayerState, today: dt.date) -> list[PitfallKey]:
    """The cached calendar-free pitfalls plus the calendar ones as of today, undismissed."""
    dated = [p.key for p in dated_pitfalls(state.facts, today) if p.key.value not in state.dismissed]
    keys = set(state.pitfalls) | set(dated)
    return [k for k in PitfallKey if k in keys]


@dataclass(slots=True)
class PortfolioRow:
    id: str
    name: str
    short_name: str
    industry: str
    tier: Tier
    owner: str
    archived: bool
    state: LayerState
    open_activities: int
    overdue_activities: int
    pitfalls: list[PitfallKey]
    match: str = ""  # why a filter matched, e.g. "person: 王强"
