"""Compliance of development activities against the workspace policy (method.md §6)."""

from __future__ import annotations

import datetime as dt

import pytest

from domain_factories import TODAY, activity, approval, gift, policy
from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import ActivityStatus, ComplianceCategory
from kamtui.domain.models import Policy, Threshold
from kamtui.domain.rules.compliance import (
    ComplianceCheck, category_of, check_activity, lacks_compliance, may_complete,
    person_year_totals, share_per_person,
)

REGULATED = {
    ActivityType.gift: ComplianceCategory.gift,
    ActivityType.entertainment: ComplianceCategory.entertainment,
    ActivityType.leisure_trip: ComplianceCategory.leisure_trip,
    ActivityType.overseas_visit: ComplianceCategory.overseas_visit,
}
LAST_YEAR = TODAY.replace(year=TODAY.year - 1)
NEXT_YEAR = TODAY.replace(year=TODAY.year + 1)


# --- which activities are regulated --------------------------------------------------------

@pytest.mark.parametrize("type_", list(ActivityType))
def test_only_gift_entertainment_leisure_trip_and_overseas_visit_are_regulated(type_):
    a = activity(type_, cost=10_000.0, planned_on=TODAY)
    assert category_of(a) == REGULATED.get(type_)
    check = check_activity(a, policy())
    assert check.regulated == (type_ in REGULATED)
    if type_ not in REGULATED:
        assert check == ComplianceCheck(None)
        assert not check.needs_approval
        assert not lacks_compliance(a, check)
        assert may_complete(a, check)


def test_default_policy_covers_every_regulated_category():
    p = Policy()
    assert p.currency == "CNY"
    assert set(p.thresholds) == set(ComplianceCategory)
    assert all(t.per_activity is not None and t.per_person_year is not None
               for t in p.thresholds.values())


# --- per-activity threshold ------------------------------------------------------------------

@pytest.mark.parametrize(("cost", "over"), [(0.0, False), (499.99, False), (500.0, False),
                                            (500.01, True), (5000.0, True)])
def test_per_activity_threshold_is_exceeded_only_above_it(cost, over):
    check = check_activity(gift(cost), policy(per_activity=500.0, per_person_year=None))
    assert check.over_activity is over
    assert check.needs_approval is over


@pytest.mark.parametrize("type_", list(REGULATED))
def test_each_category_uses_its_own_threshold(type_):
    thresholds = {c: Threshold(per_activity=1e9, per_person_year=1e9) for c in ComplianceCategory}
    thresholds[REGULATED[type_]] = Threshold(per_activity=100.0, per_person_year=1e9)
    p = Policy(thresholds=thresholds)
    for other in REGULATED:
        check = check_activity(activity(other, cost=150.0, planned_on=TODAY), p)
        assert check.over_activity is (other == type_)


def test_per_activity_threshold_is_on_the_whole_cost_not_the_share():
    check = check_activity(gift(900.0, ["p1", "p2", "p3"]), policy(500.0, None))
    assert check.over_activity
    assert check.person_totals == {"p1": 300.0, "p2": 300.0, "p3": 300.0}


def test_no_threshold_means_never_over():
    p = policy(per_activity=None, per_person_year=None)
    check = check_activity(gift(1e9), p, [gift(1e9)])
    assert check.regulated and not check.needs_approval


def test_category_missing_from_policy_means_never_over():
    p = Policy(thresholds={})
    check = check_activity(gift(1e9), p)
    assert check.regulated and not check.needs_approval


# --- per-person yearly total ------------------------------------------------------------------

def test_cost_is_shared_evenly_among_the_targets():
    assert share_per_person(gift(900.0, ["a", "b", "c"])) == pytest.approx(300.0)
    totals = person_year_totals([gift(1000.0, ["a", "b"]), gift(300.0, ["a"])], TODAY.year)
    assert totals == {"a": {ComplianceCategory.gift: 800.0}, "b": {ComplianceCategory.gift: 500.0}}


def test_yearly_totals_are_kept_per_category():
    acts = [
        gift(100.0, ["a"]),
        activity(ActivityType.entertainment, cost=250.0, target_person_ids=["a"], planned_on=TODAY),
        activity(ActivityType.overseas_visit, cost=3000.0, target_person_ids=["a", "b"],
                 planned_on=TODAY),
        activity(ActivityType.leisure_trip, cost=40.0, target_person_ids=["b"], planned_on=TODAY),
    ]
    assert person_year_totals(acts, TODAY.year) == {
        "a": {ComplianceCategory.gift: 100.0, ComplianceCategory.entertainment: 250.0,
              ComplianceCategory.overseas_visit: 1500.0},
        "b": {ComplianceCategory.overseas_visit: 1500.0, ComplianceCategory.leisure_trip: 40.0},
    }


@pytest.mark.parametrize("excluded", [
    pytest.param(dict(status=ActivityStatus.cancelled), id="cancelled"),
    pytest.param(dict(archived=True), id="archived"),
    pytest.param(dict(on=LAST_YEAR), id="last-year"),
    pytest.param(dict(on=NEXT_YEAR), id="next-year"),
    pytest.param(dict(on=None), id="undated"),
])
def test_cancelled_archived_other_year_and_undated_do_not_count(excluded):
    counted = gift(400.0, ["a"])
    other = gift(700.0, ["a"], **excluded)
    assert person_year_totals([counted, other], TODAY.year) == {
        "a": {ComplianceCategory.gift: 400.0}}


@pytest.mark.parametrize("status", [ActivityStatus.planned, ActivityStatus.in_progress,
                                    ActivityStatus.done])
def test_planned_in_progress_and_done_all_count(status):
    totals = person_year_totals([gift(100.0, ["a"], status=status)], TODAY.year)
    assert totals == {"a": {ComplianceCategory.gift: 100.0}}


def test_unregulated_activities_are_not_totalled():
    acts = [activity(ActivityType.company_visit, cost=9999.0, target_person_ids=["a"],
                     planned_on=TODAY)]
    assert person_year_totals(acts, TODAY.year) == {}


def test_year_boundaries():
    acts = [gift(100.0, ["a"], on=dt.date(2025, 1, 1)), gift(200.0, ["a"], on=dt.date(2025, 12, 31)),
            gift(400.0, ["a"], on=dt.date(2024, 12, 31)), gift(800.0, ["a"], on=dt.date(2026, 1, 1))]
    assert person_year_totals(acts, 2025) == {"a": {ComplianceCategory.gift: 300.0}}


def test_activity_that_takes_a_person_over_the_yearly_threshold_needs_approval():
    earlier = gift(1800.0, ["p1"], on=TODAY - dt.timedelta(days=30))
    this = gift(300.0, ["p1", "p2"], on=TODAY)  # 150 each
    check = check_activity(this, policy(per_activity=500.0, per_person_year=1900.0), [earlier])
    assert not check.over_activity
    assert check.over_person == ("p1",)
    assert check.person_totals == {"p1": pytest.approx(1950.0), "p2": pytest.approx(150.0)}
    assert check.needs_approval


def test_yearly_total_exactly_at_the_threshold_is_not_over():
    check = check_activity(gift(500.0, ["p1"]), policy(1e9, 2000.0), [gift(1500.0, ["p1"])])
    assert check.person_totals == {"p1": 2000.0}
    assert check.over_person == ()


@pytest.mark.parametrize("excluded", [
    pytest.param(dict(status=ActivityStatus.cancelled), id="cancelled"),
    pytest.param(dict(archived=True), id="archived"),
    pytest.param(dict(on=LAST_YEAR), id="other-year"),
])
def test_excluded_activities_do_not_push_a_person_over(excluded):
    check = check_activity(gift(300.0, ["p1"]), policy(1e9, 2000.0),
                           [gift(1900.0, ["p1"], **excluded)])
    assert check.over_person == ()
    assert check.person_totals == {"p1": 300.0}


def test_other_categories_do_not_push_a_person_over():
    other = activity(ActivityType.entertainment, cost=1900.0, target_person_ids=["p1"],
                     planned_on=TODAY)
    check = check_activity(gift(300.0, ["p1"]), policy(1e9, 2000.0), [other])
    assert check.over_person == ()


def test_the_activity_itself_is_not_counted_twice_when_among_others():
    this = gift(1200.0, ["p1"])
    check = check_activity(this, policy(1e9, 2000.0), [this])
    assert check.person_totals == {"p1": 1200.0}
    assert check.over_person == ()
    # …and an edited copy (same id, new cost) replaces the stored one
    edited = this.model_copy(update={"cost": 2500.0})
    assert check_activity(edited, policy(1e9, 2000.0), [this]).person_totals == {"p1": 2500.0}


def test_undated_activity_is_checked_on_its_own_share():
    this = gift(300.0, ["p1"], on=None)
    check = check_activity(this, policy(1e9, 2000.0), [gift(1900.0, ["p1"])])
    assert check.person_totals == {"p1": 300.0}
    assert check.over_person == ()


# --- the approval gate -------------------------------------------------------------------------

def test_may_complete_under_the_thresholds_without_approval():
    a = gift(100.0)
    assert may_complete(a, check_activity(a, policy()))


def test_may_not_complete_over_a_threshold_without_approval():
    a = gift(900.0)
    assert not may_complete(a, check_activity(a, policy()))


def test_may_complete_over_a_threshold_once_approved():
    a = gift(900.0, approval=approval())
    assert may_complete(a, check_activity(a, policy()))


def test_yearly_overrun_also_needs_approval_to_complete():
    a = gift(300.0, ["p1"])
    others = [gift(1900.0, ["p1"])]
    assert not may_complete(a, check_activity(a, policy(1e9, 2000.0), others))
    approved = a.model_copy(update={"approval": approval()})
    assert may_complete(approved, check_activity(approved, policy(1e9, 2000.0), others))


# --- lacks_compliance: regulated and (unreviewed, or over without approval) ----------------

@pytest.mark.parametrize(("kw", "lacking"), [
    pytest.param(dict(cost=100.0), True, id="unreviewed"),
    pytest.param(dict(cost=100.0, compliance_reviewed=True), False, id="reviewed-under"),
    pytest.param(dict(cost=900.0, compliance_reviewed=True), True, id="reviewed-over-unapproved"),
    pytest.param(dict(cost=900.0, compliance_reviewed=True, approval="yes"), False,
                 id="reviewed-over-approved"),
    pytest.param(dict(cost=900.0, approval="yes"), True, id="approved-but-unreviewed"),
    pytest.param(dict(cost=900.0, status=ActivityStatus.cancelled), False, id="cancelled"),
    pytest.param(dict(cost=900.0, archived=True), False, id="archived"),
    pytest.param(dict(cost=900.0, compliance_reviewed=True, status=ActivityStatus.done), True,
                 id="done-over-unapproved"),
])
def test_lacks_compliance(kw, lacking):
    if kw.get("approval"):
        kw["approval"] = approval()
    a = gift(**kw)
    assert lacks_compliance(a, check_activity(a, policy())) is lacking


def test_unregulated_activities_never_lack_compliance():
    a = activity(ActivityType.training, cost=1e6, planned_on=TODAY)
    assert not lacks_compliance(a, check_activity(a, policy()))


def test_check_all_equals_check_activity_one_by_one():
    """The linear-time batch check gives exactly what checking each activity alone gives."""
    from kamtui.domain.rules.compliance import check_all
    from kamtui.services.demo_content import demo_team

    settings, _, plans = demo_team()
    for plan in plans:
        acts = plan.active_activities()
        batch = check_all(acts, settings.policy)
        for a in acts:
            one = check_activity(a, settings.policy, acts)
            got = batch[a.id]
            assert (got.category, got.over_activity, got.over_person) == (one.category, one.over_activity, one.over_person)
            assert got.person_totals.keys() == one.person_totals.keys()
            for pid, total in one.person_totals.items():
                assert abs(got.person_totals[pid] - total) < 1e-6
