"""Compliance of development activities against the workspace policy (method.md §6)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kamtui.domain.enums import ActivityStatus, ComplianceCategory
from kamtui.domain.models import Activity, Policy


def category_of(activity: Activity) -> ComplianceCategory | None:
    return activity.type.spec.compliance


def share_per_person(activity: Activity) -> float:
    n = len(activity.target_person_ids)
    return activity.cost / n if n else 0.0


def person_year_totals(
    activities: Iterable[Activity], year: int
) -> dict[str, dict[ComplianceCategory, float]]:
    """Per person, per regulated category: the yearly sum of their share of activity costs.

    Cancelled and archived activities do not count; an activity's cost is shared evenly
    by the people it targets.
    """
    totals: dict[str, dict[ComplianceCategory, float]] = defaultdict(lambda: defaultdict(float))
    for a in activities:
        cat = category_of(a)
        if cat is None or a.archived or a.status == ActivityStatus.cancelled:
            continue
        if a.planned_on is None or a.planned_on.year != year:
            continue
        share = share_per_person(a)
        for pid in a.target_person_ids:
            totals[pid][cat] += share
    return {pid: dict(cats) for pid, cats in totals.items()}


@dataclass(frozen=True)
class ComplianceCheck:
    category: ComplianceCategory | None
    over_activity: bool = False
    over_person: tuple[str, ...] = ()  # people whose yearly total this activity takes over
    person_totals: dict[str, float] = field(default_factory=dict)  # incl. this activity

    @property
    def regulated(self) -> bool:
        return self.category is not None

    @property
    def needs_approval(self) -> bool:
        return self.over_activity or bool(self.over_person)


def check_activity(
    activity: Activity,
    policy: Policy,
    others: Iterable[Activity] = (),
) -> ComplianceCheck:
    """Check one activity; `others` are the account's (or workspace's) other activities."""
    cat = category_of(activity)
    if cat is None:
        return ComplianceCheck(None)
    threshold = policy.thresholds.get(cat)
    year = activity.planned_on.year if activity.planned_on else None
    rest = [a for a in others if a.id != activity.id]
    totals = person_year_totals(rest, year) if year else {}
    share = share_per_person(activity)
    person_totals = {
        pid: totals.get(pid, {}).get(cat, 0.0) + share for pid in activity.target_person_ids
    }
    over_activity = bool(
        threshold and threshold.per_activity is not None and activity.cost > threshold.per_activity
    )
    over_person = tuple(
        pid for pid, total in person_totals.items()
        if threshold and threshold.per_person_year is not None and total > threshold.per_person_year
    )
    return ComplianceCheck(cat, over_activity, over_person, person_totals)


def may_complete(activity: Activity, check: ComplianceCheck) -> bool:
    """An activity over a threshold cannot be marked done before it is approved."""
    return not check.needs_approval or activity.approval is not None


def lacks_compliance(activity: Activity, check: ComplianceCheck) -> bool:
    """Regulated and either never reviewed, or over a threshold without approval."""
    if not check.regulated or activity.archived or activity.status == ActivityStatus.cancelled:
        return False
    return not activity.compliance_reviewed or (check.needs_approval and activity.approval is None)


def _counts(a: Activity) -> bool:
    return not a.archived and a.status != ActivityStatus.cancelled and a.planned_on is not None


def check_all(activities: list[Activity], policy: Policy) -> dict[str, ComplianceCheck]:
    """check_activity for every activity against all the others, with the yearly totals
    summed once per year instead of once per activity (the same results, linear time)."""
    years = {a.planned_on.year for a in activities if a.planned_on is not None}
    totals = {year: person_year_totals(activities, year) for year in years}
    out: dict[str, ComplianceCheck] = {}
    for a in activities:
        cat = category_of(a)
        if cat is None:
            out[a.id] = ComplianceCheck(None)
            continue
        threshold = policy.thresholds.get(cat)
        share = share_per_person(a)
        year_totals = totals.get(a.planned_on.year, {}) if a.planned_on else {}
        counted = share if _counts(a) else 0.0  # its own share is in the year's totals
        person_totals = {
            pid: year_totals.get(pid, {}).get(cat, 0.0) - counted + share
            for pid in a.target_person_ids
        } if a.planned_on else {pid: share for pid in a.target_person_ids}
        over_activity = bool(
            threshold and threshold.per_activity is not None and a.cost > threshold.per_activity
        )
        over_person = tuple(
            pid for pid, total in person_totals.items()
            if threshold and threshold.per_person_year is not None and total > threshold.per_person_year + 1e-9
        )
        out[a.id] = ComplianceCheck(cat, over_activity, over_person, person_totals)
    return out
