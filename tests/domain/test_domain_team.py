"""The team view's figures over periods worked out by hand (kamtui/domain/team.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from kamtui.domain.enums import ActivityStatus as S, Attitude, ChainRole, Indicator, OrgDimension, OrgLevel
from kamtui.domain.models import Assessment, DepartmentRating, OrgRating, PersonRating
from kamtui.domain.team import ActivityFact, Execution, Period, Point, account_figures, execution, point_of, quarter_of
from kamtui.domain.team_groups import group_by, level_key, whole

Q4 = Period(dt.date(2026, 10, 1), dt.date(2026, 12, 31))
TODAY = dt.date(2026, 11, 26)
D = dt.date


def pt(on: dt.date, level: OrgLevel | None, key: float | None = None, ext: float | None = None,
       flagged: set[str] = frozenset(), key_people: int = 0, key_known: int = 0) -> Point:
    return Point(on, level, key, ext, key_people, key_known, frozenset(flagged))


def acc(points, facts=(), period=Q4, name="Acme", **kw):
    return account_figures("a1", name, kw.pop("owner", "Ann"), kw.pop("tier", "key"), points, facts,
                           period, TODAY, **kw)


def test_quarter_of_each_quarter():
    assert quarter_of(D(2026, 11, 26)) == Q4
    assert quarter_of(D(2026, 1, 1)) == Period(D(2026, 1, 1), D(2026, 3, 31))
    assert quarter_of(D(2026, 6, 30)) == Period(D(2026, 4, 1), D(2026, 6, 30))
    assert quarter_of(D(2026, 9, 15)) == Period(D(2026, 7, 1), D(2026, 9, 30))


def test_period_refuses_an_end_before_its_start():
    with pytest.raises(ValueError):
        Period(D(2026, 2, 1), D(2026, 1, 31))


def test_rose_and_fell_inside_the_period_is_unchanged_with_two_moves():
    # supplier at the start (assessed in August), strategic supplier in October, supplier again
    # in December: start and end are both Supplier, so neither an up nor a down; two moves.
    f = acc([pt(D(2026, 8, 10), OrgLevel.supplier, key=40.0, ext=50.0),
             pt(D(2026, 10, 20), OrgLevel.strategic_supplier, key=70.0, ext=55.0),
             pt(D(2026, 12, 5), OrgLevel.supplier, key=45.0, ext=52.5)])
    assert (f.level_start, f.level_end) == (OrgLevel.supplier, OrgLevel.supplier)
    assert f.level_change == "same"
    assert f.level_moves == 2
    assert f.key_delta == pytest.approx(5.0)  # 45 − 40: end against start, not the peak
    assert f.extensive_delta == pytest.approx(2.5)
    team = whole([f])
    assert (team.ups, team.downs, team.new) == ([], [], [])


def test_an_assessment_on_the_start_day_is_the_start():
    f = acc([pt(D(2026, 10, 1), OrgLevel.vendor), pt(D(2026, 11, 1), OrgLevel.supplier)])
    assert f.level_start == OrgLevel.vendor and f.level_change == "up"


def test_no_assessment_at_the_start_is_new_and_has_no_delta():
    # first assessed inside the period: no start figures, the change is "new" (not an up),
    # no delta, and the team's mean delta leaves the account out.
    first = acc([pt(D(2026, 11, 3), OrgLevel.strategic_supplier, key=60.0, ext=40.0)], name="First")
    other = acc([pt(D(2026, 9, 1), OrgLevel.vendor, key=20.0), pt(D(2026, 10, 9), OrgLevel.supplier, key=30.0)],
                name="Other")
    assert first.start is None and first.level_start is None
    assert first.level_change == "new"
    assert first.key_delta is None and first.extensive_delta is None
    team = whole([first, other])
    assert team.new == ["First"] and team.ups == ["Other"]
    assert team.key_delta == pytest.approx(10.0)  # Other's alone
    assert team.levels_start == {None: 1, OrgLevel.vendor: 1}
    assert team.levels_end == {OrgLevel.strategic_supplier: 1, OrgLevel.supplier: 1}


def test_never_assessed_has_no_level_at_all():
    f = acc([])
    assert f.level_change == "none" and f.coverage is None and f.key_delta is None


def test_assessments_after_the_period_do_not_count():
    f = acc([pt(D(2026, 9, 1), OrgLevel.supplier), pt(D(2027, 1, 5), OrgLevel.partner)])
    assert f.level_end == OrgLevel.supplier and f.level_change == "same"


def test_red_flags_raised_and_cleared_inside_the_period_count_once_each():
    # start: p1 flagged; Oct: p1 cleared, p2 raised; Dec: p2 cleared, p3 raised.
    f = acc([pt(D(2026, 9, 1), None, flagged={"p1"}), pt(D(2026, 10, 15), None, flagged={"p2"}),
             pt(D(2026, 12, 1), None, flagged={"p3"})])
    assert (f.flags_opened, f.flags_cleared) == (2, 2)


def test_flags_with_no_start_assessment_are_all_opened():
    f = acc([pt(D(2026, 10, 15), None, flagged={"p1", "p2"})])
    assert (f.flags_opened, f.flags_cleared) == (2, 0)


def test_activity_done_one_day_late():
    facts = [ActivityFact(D(2026, 10, 10), S.done, D(2026, 10, 11)),  # one day late
             ActivityFact(D(2026, 10, 12), S.done, D(2026, 10, 12)),  # on its day: on time
             ActivityFact(D(2026, 10, 14), S.done, D(2026, 10, 2)),  # early: on time
             ActivityFact(D(2026, 11, 1), S.planned),  # passed, open: overdue
             ActivityFact(D(2026, 11, 25), S.in_progress),  # the day before today: overdue
             ActivityFact(D(2026, 11, 26), S.planned),  # today: not yet overdue
             ActivityFact(D(2026, 12, 20), S.cancelled),
             ActivityFact(D(2026, 10, 20), S.done),  # done, no date recorded
             ActivityFact(None, S.planned),  # undated, open
             ActivityFact(None, S.done),  # undated, done: nothing to count
             ActivityFact(D(2026, 9, 30), S.planned)]  # before the period
    e = execution(facts, Q4, TODAY)
    assert e == Execution(planned=8, on_time=2, late=1, done_unrecorded=1, overdue=2, upcoming=1,
                          cancelled=1, undated=1)
    assert e.planned == e.on_time + e.late + e.done_unrecorded + e.overdue + e.upcoming + e.cancelled
    assert e.share_on_time == pytest.approx(2 / 5)  # 2 on time of 2 + 1 late + 2 overdue


def test_share_on_time_is_undefined_when_nothing_came_due():
    e = execution([ActivityFact(D(2026, 12, 1), S.planned), ActivityFact(D(2026, 10, 3), S.done)], Q4, TODAY)
    assert e.upcoming == 1 and e.done_unrecorded == 1
    assert e.share_on_time is None


def test_groups_pool_coverage_and_sum_execution():
    a = acc([pt(D(2026, 9, 1), OrgLevel.vendor, key_people=4, key_known=1)],
            [ActivityFact(D(2026, 10, 5), S.done, D(2026, 10, 6))], owner="Ann", name="A", awaiting_approval=2)
    b = acc([pt(D(2026, 9, 1), OrgLevel.partner, key_people=1, key_known=1)],
            [ActivityFact(D(2026, 10, 5), S.done, D(2026, 10, 5))], owner="Bob", name="B")
    c = acc([], owner="", name="C")
    groups = group_by([a, b, c], lambda f: f.owner)
    assert [g.key for g in groups] == ["Ann", "Bob", ""]  # no owner last
    team = whole([a, b, c])
    assert team.coverage == pytest.approx(2 / 5)  # pooled, not the mean of 25 % and 100 %
    assert team.execution.on_time == 1 and team.execution.late == 1
    assert team.awaiting_approval == 2 and team.accounts == 3
    assert [g.key for g in group_by([a, b, c], level_key)] == ["1:vendor", "4:partner", ""]


def test_point_of_an_assessment():
    people = [PersonRating(person_id="dm", attitude=Attitude.unknown, influence=5, role=ChainRole.decision_maker),
              PersonRating(person_id="th", attitude=Attitude.threat, influence=4, role=ChainRole.influencer),
              PersonRating(person_id="ad", attitude=Attitude.advocate, influence=2)]
    a = Assessment(account_id="a1", assessed_on=D(2026, 10, 1),
                   org={d: OrgRating(value=2) for d in OrgDimension}, people=people,
                   departments=[DepartmentRating(department_id="d1", ratings={i: 5 for i in Indicator})])
    p = point_of(a)
    assert p.org_level == OrgLevel.supplier
    assert (p.key_people, p.key_known, p.coverage) == (2, 1, 0.5)
    assert p.flagged == {"dm", "th"}
    assert p.extensive_index == pytest.approx(100.0)
    # known attitudes only: threat −2 × 4 + advocate 2 × 2 = −4 over (4 + 2) × 2 = 12
    assert p.key_index == pytest.approx(100 * -4 / 12)
