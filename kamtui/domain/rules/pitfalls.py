"""The pitfalls of method.md §4, each with the data that triggered it."""

from __future__ import annotations

import datetime as dt

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import ActivityStatus, Attitude, ChainRole, Evidence, PitfallKey
from kamtui.domain.models import Activity, Assessment, Policy
from kamtui.domain.plan import AccountPlan
from kamtui.domain.rules.compliance import check_all, lacks_compliance
from kamtui.domain.rules.dated import (  # noqa: F401 - re-exported: the pitfalls' one home
    EXEC_VISIT_WINDOW, SPONSOR_WINDOW, TIME_DEPENDENT, DatedFacts, Pitfall, dated_pitfalls, no_exec_visit,
)
from kamtui.domain.rules.org import org_level
from kamtui.messages import fill


def last_exec_visit(activities: list[Activity]) -> dt.date | None:
    dates = [
        a.planned_on for a in activities
        if a.type == ActivityType.cxo_visit and a.status == ActivityStatus.done
        and not a.archived and a.planned_on is not None
    ]
    return max(dates, default=None)


def sponsor_changes(assessments: list[Assessment], since: dt.date) -> int:
    """How often the set of coaches/sponsors changed between snapshots since a date."""
    return sum(d >= since for d in _sponsor_change_dates(assessments))


def _sponsor_change_dates(assessments: list[Assessment]) -> tuple[dt.date, ...]:
    ordered = sorted(assessments, key=lambda a: (a.assessed_on, a.id))
    dates, previous = [], None
    for a in ordered:
        coaches = frozenset(p.person_id for p in a.people if p.role == ChainRole.coach)
        if not coaches:
            continue  # no sponsor recorded in this snapshot: nothing to compare, not a change
        if previous is not None and coaches != previous:
            dates.append(a.assessed_on)
        previous = coaches
    return tuple(dates)


def dated_facts(plan: AccountPlan) -> DatedFacts:
    activities = plan.active_activities()
    latest = plan.latest
    meetings = sorted(
        (a.planned_on for a in activities
         if a.type == ActivityType.sponsor_group_meeting and a.status != ActivityStatus.cancelled
         and a.planned_on is not None),
        reverse=True,
    )
    return DatedFacts(
        last_exec_visit(activities),
        tuple(meetings),
        latest is not None and Evidence.sponsor_groups in latest.evidence,
        _sponsor_change_dates(plan.assessments),
    )


def _key_layer(plan: AccountPlan, policy: Policy) -> list[Pitfall]:
    people = plan.active_people()
    found: list[Pitfall] = []
    if not any(p.hidden_decision_maker for p in people):
        found.append(Pitfall(PitfallKey.hidden_chain,
                             fill("none of {n} {n|person|people} is flagged as a hidden decision maker", "en",
                                  {"n": len(people)}),
                             f"{len(people)} 人中无人被标为隐性决策者"))
    dms = [p for p in people if p.role == ChainRole.decision_maker]
    if not plan.competitors:
        found.append(Pitfall(PitfallKey.competitors_ignored, "no competitor recorded for the account",
                             "未记录任何竞争对手"))
    elif dms and not any(p.leaning_known for p in dms):
        found.append(Pitfall(PitfallKey.competitors_ignored,
                             "no decision maker's competitor leaning is assessed",
                             "没有评估任何决策者的竞争倾向", tuple(p.name for p in dms)))
    key = [p for p in people if p.is_key]
    if key and not any(p.career_needs or (p.needs_level or 0) >= 4 for p in key):
        found.append(Pitfall(PitfallKey.career_needs_ignored,
                             "no key person has career needs or a needs level of 4 or more",
                             "没有关键人物记录职业需求或需求层次≥4", tuple(p.name for p in key)))
    assessed = [p for p in key if p.needs_level is not None]
    if assessed and all(p.needs_level <= 2 for p in assessed):
        found.append(Pitfall(PitfallKey.shallow_relationships,
                             fill("{n|the one assessed key person is|all {n} assessed key people are} at needs "
                                  "level 2 or below", "en", {"n": len(assessed)}),
                             f"已评估的 {len(assessed)} 位关键人物需求层次均≤2",
                             tuple(p.name for p in assessed)))
    if people and not any(p.rising_star for p in people):
        found.append(Pitfall(PitfallKey.rising_stars_missed, "nobody is flagged as a rising star",
                             "无人被标为明日之星"))
    activities = plan.active_activities()
    checks = check_all(activities, policy)
    lacking = [a for a in activities if lacks_compliance(a, checks[a.id])]
    if lacking:
        found.append(Pitfall(PitfallKey.compliance,
                             fill("{n} regulated {n|activity lacks|activities lack} a review or an approval", "en",
                                  {"n": len(lacking)}),
                             f"{len(lacking)} 项受控活动缺少合规审查或审批",
                             tuple(f"{a.type.label('en')} {a.planned_on or ''}".strip()
                                   for a in lacking)))
    return found


def _org_layer(plan: AccountPlan, today: dt.date | None) -> list[Pitfall]:
    found: list[Pitfall] = []
    if not plan.account.strategy_notes:
        found.append(Pitfall(PitfallKey.strategy_not_decoded, "the account has no strategy notes",
                             "客户档案没有战略解读"))
    execs = [p for p in plan.active_people() if p.executive]
    if not any(p.attitude != Attitude.unknown for p in execs):
        found.append(Pitfall(PitfallKey.no_exec_channel,
                             "no CXO-level person with a known attitude",
                             "没有态度已知的高层（CXO）人员", tuple(p.name for p in execs)))
    if today is not None:
        found.extend(dated_pitfalls(dated_facts(plan), today))
    latest = plan.latest
    if latest is not None:
        result = org_level({d: r.value for d, r in latest.org.items()})
        if result is not None and result.level.rank >= 3:
            # method.md §4: the strategic cooperation agreement evidence item, at level >= 3
            missing = [e for e in (Evidence.strategic_agreement,) if e not in latest.evidence]
            if missing:
                found.append(Pitfall(PitfallKey.no_strategic_agreement,
                                     "at level " + result.level.label("en") + ", unticked: "
                                     + ", ".join(e.label("en") for e in missing),
                                     "处于" + result.level.label("zh") + "，未勾选："
                                     + "、".join(e.label("zh") for e in missing)))
    return found


def detect_pitfalls(
    plan: AccountPlan, policy: Policy, today: dt.date | None
) -> list[Pitfall]:
    """Every pitfall that holds for the account, dismissed ones carrying their dismissal.

    With `today=None` the calendar-dependent pitfalls are left out (see TIME_DEPENDENT).
    """
    dismissed = {d.key: d for d in plan.dismissals}
    found = _key_layer(plan, policy) + _org_layer(plan, today)
    return [
        Pitfall(p.key, p.en, p.zh, p.data, dismissed.get(p.key.value)) for p in found
    ]
