"""How an account plan becomes the figures its cached summary holds (LayerState)."""

from __future__ import annotations

from kamtui.domain.enums import Layer
from kamtui.domain.models import Policy
from kamtui.domain.plan import AccountPlan
from kamtui.domain.portfolio import LayerState
from kamtui.domain.rules.pitfalls import dated_facts, detect_pitfalls
from kamtui.domain.rules.next_step import next_step, next_step_json
from kamtui.domain.rules.summary import figures, key_now


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
        state.next_step = next_step_json(next_step(latest, names), {p.id: p.name for p in plan.people})
    for t in plan.targets:
        if t.layer == Layer.organization:
            state.org_target = t.level
        elif t.layer == Layer.key:
            state.key_target = t.index
        else:
            state.extensive_target = t.index
    now = key_now(plan.active_people())
    state.key_index_now, state.coverage_now, state.red_flags_now = now.key_index, now.coverage, len(now.red_flags)
    found = detect_pitfalls(plan, policy, today=None)
    state.pitfalls = tuple(p.key for p in found if p.open)
    state.dismissed = tuple(sorted(d.key for d in plan.dismissals))
    state.facts = dated_facts(plan)
    state.people = len(plan.active_people())
    state.departments = len(plan.active_departments())
    state.activities = len(plan.active_activities())
    state.assessments = len(plan.assessments)
    return state
