"""The path to the next level (rules/next_step.py): examples from the method, and properties
(applying the answer reaches what it says; nothing smaller does)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from kamtui.domain.enums import Attitude, ChainRole, Evidence, Indicator, OrgDimension, OrgLevel
from kamtui.domain.rules.extensive import RatedDepartment, extensive_index, short_board
from kamtui.domain.rules.key import key_index
from kamtui.domain.rules.next_step import (
    NEXT_ATTITUDE, evidence_for, extensive_step, key_path, org_path,
)
from kamtui.domain.rules.org import org_level

PROPS = settings(max_examples=200, deadline=None, database=None)
D = list(OrgDimension)
COM, FIT, ALL, IDN = D


def ratings(*values: int) -> dict[OrgDimension, int]:
    return dict(zip(D, values))


def level(values) -> int:
    return org_level(dict(zip(D, values))).level.rank


def test_the_method_example_names_the_one_dimension_and_both_targets():
    path = org_path(ratings(4, 4, 1, 4))
    assert path.level == OrgLevel.supplier
    strategic, partner = path.steps
    assert strategic.level == OrgLevel.strategic_supplier
    assert [(r.dimension, r.before, r.after) for r in strategic.rises] == [(ALL, 1, 2)]
    assert partner.level == OrgLevel.partner
    assert [(r.dimension, r.before, r.after) for r in partner.rises] == [(ALL, 1, 3)]
    assert strategic.alternatives == 0 and partner.alternatives == 0


def test_at_three_everywhere_partner_takes_any_three_and_says_so():
    path = org_path(ratings(3, 3, 3, 3))
    (partner,) = path.steps
    assert partner.size == 3 and len(partner.rises) == 3
    assert partner.alternatives == 3  # four ways to choose three dimensions


def test_a_partner_has_no_next_step_and_an_unrated_dimension_no_path():
    assert org_path(ratings(4, 4, 4, 3)).steps == ()
    assert org_path({COM: 2, FIT: 2, ALL: 2}) is None


def test_missing_evidence_is_what_the_level_shows_and_is_not_ticked():
    path = org_path(ratings(2, 2, 2, 2), ticked=[Evidence.cxo_visits, Evidence.strategic_agreement])
    strategic, partner = path.steps
    assert Evidence.cxo_visits not in strategic.missing_evidence
    assert set(strategic.missing_evidence) == set(evidence_for(OrgLevel.strategic_supplier)) - {Evidence.cxo_visits}
    assert Evidence.strategic_agreement not in partner.missing_evidence
    assert Evidence.exec_annual_meeting in partner.missing_evidence
    assert set(evidence_for(OrgLevel.partner)) == set(Evidence)


@PROPS
@given(st.lists(st.integers(1, 4), min_size=4, max_size=4))
def test_every_step_reaches_its_level_and_nothing_smaller_does(values):
    path = org_path(dict(zip(D, values)))
    for step in path.steps:
        raised = list(values)
        for r in step.rises:
            assert r.after > r.before == values[D.index(r.dimension)]
            raised[D.index(r.dimension)] = r.after
        assert level(raised) >= step.level.rank
        for other in product(*(range(v, 5) for v in values)):
            if sum(other) - sum(values) < step.size:
                assert level(other) < step.level.rank, (values, other, step)


@dataclass(frozen=True)
class P:
    attitude: Attitude
    influence: int
    role: ChainRole | None = None


people_st = st.lists(
    st.builds(P, st.sampled_from(list(Attitude)), st.integers(1, 5),
              st.one_of(st.none(), st.sampled_from(list(ChainRole)))),
    max_size=10,
)


def test_the_most_influential_threat_is_the_first_lever_and_a_red_flag():
    people = [P(Attitude.accepting, 2), P(Attitude.threat, 5, ChainRole.decision_maker),
              P(Attitude.commodity, 3), P(Attitude.unknown, 4, ChainRole.decision_maker)]
    path = key_path(people)
    first = path.levers[0]
    assert (first.index, first.before, first.after) == (1, Attitude.threat, Attitude.commodity)
    assert path.red_flags == (1, 3) and path.unknown == (3,)


@PROPS
@given(people_st)
def test_each_lever_gain_is_the_index_it_leads_to_and_the_first_is_the_largest(people):
    path = key_path(people, top=len(people))
    assert path.key_index == key_index(people)
    gains = []
    for i, p in enumerate(people):
        nxt = NEXT_ATTITUDE[p.attitude]
        if nxt is not None:
            moved = [P(nxt, q.influence, q.role) if j == i else q for j, q in enumerate(people)]
            gains.append(key_index(moved) - path.key_index)
    assert len(path.levers) == len(gains)
    for lever in path.levers:
        moved = [P(lever.after, q.influence, q.role) if j == lever.index else q for j, q in enumerate(people)]
        assert abs(key_index(moved) - lever.key_index_after) < 1e-9
        assert lever.gain > 0
    if gains:
        assert abs(path.levers[0].gain - max(gains)) < 1e-9


departments_st = st.lists(
    st.builds(RatedDepartment, st.uuids().map(str), st.text("abc", min_size=1, max_size=3),
              st.integers(1, 3),
              st.dictionaries(st.sampled_from(list(Indicator)), st.integers(1, 5))),
    max_size=6,
)


@PROPS
@given(departments_st)
def test_the_extensive_step_raises_the_short_board_by_one_and_never_lowers_the_index(departments):
    step = extensive_step(departments)
    board = short_board(departments)
    if board is None or board.value == 5:
        assert step is None
        return
    assert (step.department_id, step.indicator, step.before, step.after) == (
        board.department_id, board.indicator, board.value, board.value + 1)
    assert step.index_before == extensive_index(departments)
    assert step.index_after >= step.index_before
    assert step.gain > 0


def test_extensive_example():
    a = RatedDepartment("a", "IT", 3, {Indicator.information_access: 2, Indicator.key_moment_support: 4})
    b = RatedDepartment("b", "HR", 1, {Indicator.information_access: 3})
    step = extensive_step([a, b])
    assert (step.department, step.indicator, step.before, step.after) == ("IT", Indicator.information_access, 2, 3)
    # IT 3.0 → 3.5 weighted 3, HR 3.0 weighted 1: (3*3+3)/4=3.0 → (3*3.5+3)/4=3.375 → ×25 from 1
    assert abs(step.index_before - 50.0) < 1e-9 and abs(step.index_after - 59.375) < 1e-9
