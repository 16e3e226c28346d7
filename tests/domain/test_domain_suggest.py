"""Suggestions (rules/suggest.py): each aims at one gap of the next step, the type matches the
gap (the person's next rung, the dimension or evidence item, the short board's indicator), the
level strategy orders them, and a gap an open activity works on is left out."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kamtui.domain.catalogue import (
    CATALOGUE, RAISES_DIMENSION, RAISES_INDICATOR, SERVES_RUNG, SHOWS_EVIDENCE, ActivityType,
)
from kamtui.domain.enums import (
    ActivityStatus, Attitude, ChainRole, Evidence, Indicator, Layer, OrgDimension, OrgLevel, Scope,
)
from kamtui.domain.models import Activity, Assessment, DepartmentRating, OrgRating, PersonRating
from kamtui.domain.rules.next_step import next_step
from kamtui.domain.rules.suggest import Reason, Strategy, proposed_date, rung_for, suggest

TODAY = dt.date(2026, 11, 26)  # a Thursday
PROPS = settings(max_examples=150, deadline=None, database=None)
COM, FIT, ALL, IDN = OrgDimension


def assessment(org=(4, 4, 1, 4), people=(), departments=(), evidence=()) -> Assessment:
    return Assessment(account_id="acc", assessed_on=dt.date(2026, 9, 8),
                      org={d: OrgRating(value=v) for d, v in zip(OrgDimension, org)} if org else {},
                      evidence={e: dt.date(2026, 9, 1) for e in evidence},
                      people=list(people), departments=list(departments))


def pr(pid, attitude, influence=3, needs=None, role=None) -> PersonRating:
    return PersonRating(person_id=pid, attitude=attitude, influence=influence, needs_level=needs, role=role)


def dr(did, importance=2, **ratings) -> DepartmentRating:
    return DepartmentRating(department_id=did, importance=importance,
                            ratings={Indicator(k): v for k, v in ratings.items()})


NAMES = {"is": "Information Security", "hr": "HR"}


def run(a: Assessment, activities=(), **kw):
    return suggest(next_step(a, NAMES), TODAY, activities, **kw)


def open_activity(type_, **kw) -> Activity:
    t = ActivityType(type_)
    kw.setdefault("scope", t.spec.scope)
    kw.setdefault("layer", t.spec.layer)
    if kw["scope"] == Scope.point:
        kw.setdefault("target_person_ids", ["someone"])
    if kw["scope"] == Scope.line:
        kw.setdefault("target_department_id", "other")
    return Activity(account_id="acc", type=t, **kw)


def test_the_catalogue_maps_name_types_of_the_layer_and_scope_they_work_on():
    for t, _ in RAISES_DIMENSION.items():
        assert CATALOGUE[t].layer == Layer.organization
    assert set(SHOWS_EVIDENCE) == set(RAISES_DIMENSION)
    assert {e for shown in SHOWS_EVIDENCE.values() for e in shown} == set(Evidence)
    assert set(RAISES_INDICATOR.values()) == set(Indicator)
    for t in RAISES_INDICATOR:
        assert CATALOGUE[t].scope == Scope.line and CATALOGUE[t].layer == Layer.extensive
    for rung, t in SERVES_RUNG.items():
        assert CATALOGUE[t].scope == Scope.point
        assert CATALOGUE[t].needs_level == min(rung, 4)  # nothing in the catalogue serves 5 alone


def test_the_method_example_suggests_the_alliance_and_the_level_evidence():
    found = run(assessment(org=(4, 4, 1, 4)))
    org = [s for s in found if s.layer == Layer.organization]
    rise = next(s for s in org if s.reason == Reason.org_rise)
    assert (rise.dimension, rise.before, rise.after, rise.level) == (ALL, 1, 2, OrgLevel.strategic_supplier)
    assert RAISES_DIMENSION[rise.type] == ALL and rise.scope == Scope.organization
    evidence = [s for s in org if s.reason == Reason.org_evidence]
    for s in evidence:
        assert s.evidence in SHOWS_EVIDENCE[s.type] and s.level == OrgLevel.strategic_supplier


def test_a_threat_comes_first_and_is_served_at_the_next_rung():
    people = [pr("amy", Attitude.accepting, 2, needs=2),
              pr("dan", Attitude.threat, 4, needs=2, role=ChainRole.decision_maker),
              pr("kim", Attitude.commodity, 3, needs=None)]
    found = run(assessment(org=(2, 2, 2, 2), people=people))
    first = found[0]
    assert (first.reason, first.person_ids) == (Reason.key_threat, ("dan",))
    assert first.needs_level == 3 and first.type == SERVES_RUNG[3] == ActivityType.personal_visit
    assert first.attitude == Attitude.threat and first.attitude_after == Attitude.commodity
    assert first.index_after > first.index_before


def test_an_unknown_decision_maker_is_a_red_flag_to_meet():
    people = [pr("amy", Attitude.accepting, 2), pr("x", Attitude.unknown, 5, role=ChainRole.decision_maker)]
    found = run(assessment(org=(2, 2, 2, 2), people=people))
    assert (found[0].reason, found[0].person_ids) == (Reason.key_unknown, ("x",))
    assert found[0].index_after is None


def test_the_level_strategy_orders_the_layers():
    people = [pr("amy", Attitude.commodity, 3, needs=3)]
    departments = [dr("is", information_access=2, key_moment_support=3)]
    low = run(assessment(org=(2, 2, 1, 2), people=people, departments=departments))
    assert low[0].strategy == Strategy.people and [s.layer for s in low[:3]] == [
        Layer.key, Layer.organization, Layer.extensive]
    high = run(assessment(org=(3, 3, 3, 3), people=people, departments=departments))
    assert high[0].strategy == Strategy.business and [s.layer for s in high[:3]] == [
        Layer.organization, Layer.key, Layer.extensive]
    # at strategic supplier a key person is helped to perform, whatever their rung
    key = next(s for s in high if s.layer == Layer.key)
    assert key.needs_level == 4 and key.type == ActivityType.professional_support


def test_the_short_board_gets_a_line_activity_for_its_department_and_indicator():
    departments = [dr("is", 3, information_access=1, key_moment_support=4), dr("hr", 1, information_access=3)]
    (board,) = [s for s in run(assessment(departments=departments)) if s.layer == Layer.extensive]
    assert (board.department_id, board.department, board.indicator) == ("is", "Information Security",
                                                                        Indicator.information_access)
    assert RAISES_INDICATOR[board.type] == Indicator.information_access and board.scope == Scope.line
    assert (board.before, board.after) == (1, 2) and board.gain > 0


def test_a_gap_an_open_activity_works_on_is_left_out():
    people = [pr("dan", Attitude.threat, 4, needs=1)]
    departments = [dr("is", information_access=1)]
    a = assessment(org=(4, 4, 1, 4), people=people, departments=departments)
    busy = [open_activity("gift", target_person_ids=["dan"]),
            open_activity("business_exchange", target_department_id="is"),
            open_activity("sponsor_group_meeting")]
    found = run(a, busy)
    assert not any(s.person_ids == ("dan",) for s in found)
    assert not any(s.layer == Layer.extensive for s in found)
    assert not any(s.reason == Reason.org_rise for s in found)
    # a finished or archived activity does not count
    done = [open_activity("gift", target_person_ids=["dan"], status=ActivityStatus.done),
            open_activity("business_exchange", target_department_id="is", archived=True)]
    again = run(a, done)
    assert any(s.person_ids == ("dan",) for s in again) and any(s.layer == Layer.extensive for s in again)
    # an organization activity that names the dimension in its short board counts too
    named = [open_activity("cxo_visit", short_board="企业联合 1 → 2")]
    assert not any(s.reason == Reason.org_rise for s in run(a, named))


def test_proposed_dates_and_rungs():
    assert proposed_date(TODAY, Scope.point) == dt.date(2026, 12, 10)  # a Thursday
    assert proposed_date(dt.date(2026, 11, 28), Scope.point) == dt.date(2026, 12, 14)  # Sat → Mon
    assert proposed_date(TODAY, Scope.organization) == dt.date(2026, 12, 28)  # Sat 26 → Mon 28
    assert [rung_for(n, Strategy.people) for n in (None, 1, 2, 3, 4, 5)] == [3, 2, 3, 4, 5, 5]
    assert [rung_for(n, Strategy.business) for n in (None, 1, 2, 3, 4, 5)] == [4, 4, 4, 4, 5, 5]


people_st = st.lists(st.builds(pr, st.sampled_from(["a", "b", "c", "d", "e", "f"]), st.sampled_from(list(Attitude)),
                               st.integers(1, 5), st.one_of(st.none(), st.integers(1, 5)),
                               st.one_of(st.none(), st.sampled_from(list(ChainRole)))),
                     max_size=6, unique_by=lambda p: p.person_id)
depts_st = st.lists(st.builds(lambda did, imp, r: DepartmentRating(department_id=did, importance=imp, ratings=r),
                              st.sampled_from(["is", "hr"]), st.integers(1, 3),
                              st.dictionaries(st.sampled_from(list(Indicator)), st.integers(1, 5))),
                    max_size=2, unique_by=lambda d: d.department_id)


@PROPS
@given(st.lists(st.integers(1, 4), min_size=4, max_size=4), people_st, depts_st,
       st.sets(st.sampled_from(list(Evidence))))
def test_every_suggestion_aims_at_a_gap_of_the_next_step(org, people, departments, ticked):
    a = assessment(org=org, people=people, departments=departments, evidence=ticked)
    step = next_step(a, NAMES)
    found = suggest(step, TODAY, limit=50)
    gaps = {s.gap for s in found}
    assert len(gaps) == len(found)  # one suggestion per gap
    levers = {step.person_id(lv.index) for lv in step.key.levers}
    flagged = {step.person_id(i) for i in step.key.red_flags}
    by_id = {p.person_id: p for p in people}
    for s in found:
        assert s.planned_on > TODAY and s.planned_on.weekday() < 5
        assert CATALOGUE[s.type].scope == s.scope
        if s.layer == Layer.key:
            (pid,) = s.person_ids
            assert pid in levers | flagged
            p = by_id[pid]
            assert s.type == SERVES_RUNG[s.needs_level]
            if p.needs_level is not None:
                assert s.needs_level >= min(p.needs_level + 1, 5)
            if s.strategy == Strategy.business:
                assert s.needs_level >= 4
        elif s.layer == Layer.organization:
            nearest = step.org.steps[0]
            assert s.level == nearest.level
            if s.reason == Reason.org_rise:
                assert any(r.dimension == s.dimension for r in nearest.rises)
                assert RAISES_DIMENSION[s.type] == s.dimension
            else:
                assert s.evidence in nearest.missing_evidence and s.evidence in SHOWS_EVIDENCE[s.type]
        else:
            assert (s.department_id, s.indicator) == (step.extensive.department_id, step.extensive.indicator)
            assert RAISES_INDICATOR[s.type] == s.indicator
    # every red flag and the short board are suggested when nothing works on them yet
    assert flagged <= {s.person_ids[0] for s in found if s.layer == Layer.key}
    if step.extensive is not None:
        assert any(s.layer == Layer.extensive for s in found)
    if step.org is not None and step.org.steps:
        assert any(s.layer == Layer.organization for s in found)
    # red flags lead
    reasons = [s.reason for s in found]
    flags_at = [i for i, r in enumerate(reasons) if r in (Reason.key_threat, Reason.key_unknown)]
    assert flags_at == list(range(len(flags_at)))


@PROPS
@given(st.lists(st.tuples(st.sampled_from(list(Attitude)), st.integers(1, 5)), min_size=1, max_size=30))
def test_a_threats_index_after_is_the_key_index_with_it_moved_to_commodity(people):
    from kamtui.domain.rules.key import key_index

    rated = [pr(f"p{i}", att, infl, role=ChainRole.decision_maker) for i, (att, infl) in enumerate(people)]
    for s in run(assessment(org=(2, 2, 2, 2), people=rated), limit=100):
        if s.reason != Reason.key_threat:
            continue
        i = int(s.person_ids[0][1:])
        moved = [p.model_copy(update={"attitude": Attitude.commodity}) if j == i else p for j, p in enumerate(rated)]
        assert abs(s.index_after - key_index(moved)) < 1e-9
        assert abs(s.index_before - key_index(rated)) < 1e-9
