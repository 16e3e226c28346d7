"""One snapshot's figures across the three layers, and the AccountPlan aggregate."""

from __future__ import annotations

import datetime as dt

import pytest

from domain_factories import ACCOUNT, TODAY, activity, assessment, healthy_plan, person
from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import Attitude, ChainRole, Indicator, OrgDimension, OrgLevel
from kamtui.domain.models import Assessment, DepartmentRating, OrgRating, PersonRating
from kamtui.domain.rules.extensive import ShortBoard, extensive_index, short_board
from kamtui.domain.rules.key import RedFlag, coverage, key_index
from kamtui.domain.rules.org import org_level
from kamtui.domain.rules.summary import figures, indicator_ratings, rated_departments

KMS, NEG, INFO, ACT = (Indicator.key_moment_support, Indicator.negative_containment,
                       Indicator.information_access, Indicator.activity_participation)


def snapshot() -> Assessment:
    return Assessment(
        account_id=ACCOUNT, assessed_on=TODAY,
        org={d: OrgRating(value=v) for d, v in zip(OrgDimension, (3, 3, 2, 3))},
        people=[
            PersonRating(person_id="ceo", attitude=Attitude.advocate, influence=5,
                         role=ChainRole.decision_maker),
            PersonRating(person_id="cto", attitude=Attitude.threat, influence=4,
                         role=ChainRole.influencer),
            PersonRating(person_id="cfo", attitude=Attitude.unknown, influence=4,
                         role=ChainRole.decision_maker),
            PersonRating(person_id="eng", attitude=Attitude.accepting, influence=2,
                         role=ChainRole.user),
        ],
        departments=[
            DepartmentRating(department_id="net", importance=3, ratings={KMS: 4, NEG: 3}),
            DepartmentRating(department_id="fin", importance=1, ratings={INFO: 2, ACT: 4}),
            DepartmentRating(department_id="hr", importance=2, ratings={}),
        ],
    )


def test_figures_of_a_snapshot():
    fig = figures(snapshot(), {"net": "Network", "fin": "Finance"})
    assert fig.org_level is OrgLevel.strategic_supplier
    assert fig.org.holding_down == (OrgDimension.alliance,)
    # (5×2 + 4×(−2) + 2×1) / (2 × 11) → 4/22
    assert fig.key_index == pytest.approx(100 * 4 / 22)
    assert fig.coverage == pytest.approx(2 / 3)
    assert fig.red_flags == [RedFlag(1, "threat_high_influence"),
                             RedFlag(2, "unknown_decision_maker")]
    # Network 3.5 × 3, Finance 3.0 × 1 → 13.5 / 4 = 3.375 → 59.375
    assert fig.extensive_index == pytest.approx(59.375)
    assert fig.short_board == ShortBoard("fin", "Finance", INFO, 2)
    assert fig.department_scores == {"net": 3.5, "fin": 3.0, "hr": None}


def test_figures_of_an_empty_snapshot():
    fig = figures(Assessment(account_id=ACCOUNT, assessed_on=TODAY), {})
    assert fig.org is None and fig.org_level is None
    assert fig.key_index is None and fig.coverage is None and fig.red_flags == []
    assert fig.extensive_index is None and fig.short_board is None
    assert fig.department_scores == {}


def test_department_names_fall_back_to_ids():
    depts = rated_departments(snapshot(), {"net": "Network"})
    assert [(d.department_id, d.name) for d in depts] == [
        ("net", "Network"), ("fin", "fin"), ("hr", "hr")]


def test_snapshot_importance_is_what_weighs():
    depts = rated_departments(snapshot(), {})
    assert [d.importance for d in depts] == [3, 1, 2]


def test_indicator_ratings_flatten_the_snapshot():
    assert indicator_ratings(snapshot()) == {
        ("net", KMS): 4, ("net", NEG): 3, ("fin", INFO): 2, ("fin", ACT): 4}


def test_rules_package_exports_the_rules():
    snap = snapshot()
    assert key_index(snap.people) == figures(snap, {}).key_index
    assert coverage(snap.people) == figures(snap, {}).coverage
    depts = rated_departments(snap, {})
    assert extensive_index(depts) == figures(snap, {}).extensive_index
    assert short_board(depts) == figures(snap, {}).short_board
    assert org_level({d: r.value for d, r in snap.org.items()}) == figures(snap, {}).org


# --- AccountPlan ---------------------------------------------------------------------------

def test_latest_is_the_newest_snapshot_whatever_the_list_order():
    old, new = assessment(on=TODAY - dt.timedelta(days=90)), assessment(on=TODAY)
    assert healthy_plan(assessments=[new, old]).latest is not None
    assert healthy_plan(assessments=[new, old]).latest.assessed_on == TODAY
    assert healthy_plan(assessments=[old, new]).latest.assessed_on == TODAY


def test_latest_on_the_same_day_is_decided_by_id():
    a, b = assessment(id="a1"), assessment(id="b2")
    assert healthy_plan(assessments=[b, a]).latest.id == "b2"


def test_latest_is_none_without_snapshots():
    assert healthy_plan(assessments=[]).latest is None


def test_active_lists_leave_archived_records_out():
    live, gone = person("Live"), person("Gone", archived=True)
    acts = [activity(ActivityType.training), activity(ActivityType.training, archived=True)]
    plan = healthy_plan(people=[live, gone], activities=acts)
    assert plan.active_people() == [live]
    assert plan.active_activities() == acts[:1]
