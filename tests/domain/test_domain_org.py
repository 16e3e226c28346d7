"""Organization level: the short-board rule of method.md §1."""

from __future__ import annotations

import itertools

import pytest

from domain_factories import org
from kamtui.domain.enums import OrgDimension, OrgLevel
from kamtui.domain.rules.org import OrgResult, org_level

C, B, A, I = (OrgDimension.communication, OrgDimension.business_fit, OrgDimension.alliance,
              OrgDimension.identification)
ALL = list(itertools.product(range(1, 5), repeat=4))


def spec_level(values: tuple[int, ...]) -> int:
    """method.md §1, read literally: the highest L in 4..1 such that at least 3 of the 4
    dimensions are >= L and no dimension is below L-1; level 1 always holds."""
    for lv in (4, 3, 2):
        if sum(v >= lv for v in values) >= 3 and min(values) >= lv - 1:
            return lv
    return 1


# --- the worked examples ----------------------------------------------------------------

@pytest.mark.parametrize(("values", "level"), [
    ((3, 3, 2, 3), OrgLevel.strategic_supplier),
    ((4, 4, 1, 4), OrgLevel.supplier),
    ((4, 4, 4, 3), OrgLevel.partner),
    ((2, 1, 1, 1), OrgLevel.vendor),
])
def test_worked_examples(values, level):
    result = org_level(org(*values))
    assert isinstance(result, OrgResult)
    assert result.level is level


def test_worked_example_3323_held_down_by_the_single_2():
    result = org_level(org(3, 3, 2, 3))
    assert result.holding_down == (A,)
    # partner needs three 4s and nothing below 3: every dimension stands in the way
    assert set(result.blocking_next) == {C, B, A, I}


def test_worked_example_4414_held_down_by_the_1():
    """Three 4s would make partner; the lone 1 (below L-1) pulls it down to supplier."""
    result = org_level(org(4, 4, 1, 4))
    assert result.holding_down == (A,)
    assert result.blocking_next == (A,)


def test_worked_example_4443_partner_has_nothing_holding_down():
    result = org_level(org(4, 4, 4, 3))
    assert result.level is OrgLevel.partner
    assert result.holding_down == ()
    assert result.blocking_next == ()


def test_worked_example_2111_vendor_held_down_by_the_three_1s():
    result = org_level(org(2, 1, 1, 1))
    assert result.holding_down == (B, A, I)
    assert result.blocking_next == (B, A, I)


@pytest.mark.parametrize(("values", "level", "holding"), [
    ((1, 1, 1, 1), 1, (C, B, A, I)),
    ((2, 2, 2, 2), 2, (C, B, A, I)),
    ((3, 3, 3, 3), 3, (C, B, A, I)),
    ((4, 4, 4, 4), 4, ()),
    ((4, 4, 4, 2), 3, (I,)),       # 2 is L-1 for L=3: allowed at 3, blocks 4
    ((4, 4, 4, 1), 2, (I,)),       # one 1 caps the level at 2 however high the rest
    ((4, 4, 2, 2), 2, (A, I)),     # only two dimensions at >= 3
    ((3, 3, 3, 1), 2, (I,)),
    ((1, 2, 2, 2), 2, (C,)),
    ((4, 3, 3, 3), 3, (B, A, I)),
    ((4, 4, 3, 3), 3, (A, I)),
    ((1, 4, 4, 4), 2, (C,)),
])
def test_more_hand_cases(values, level, holding):
    result = org_level(org(*values))
    assert result.level.rank == level
    assert result.holding_down == holding


def test_order_of_dimensions_does_not_matter():
    for values in ALL:
        for perm in set(itertools.permutations(values)):
            assert org_level(org(*perm)).level == org_level(org(*values)).level


def test_every_combination_matches_the_spec_literally():
    for values in ALL:
        assert org_level(org(*values)).level.rank == spec_level(values), values


def test_level_one_always_holds():
    assert org_level(org(1, 1, 1, 1)).level is OrgLevel.vendor


@pytest.mark.parametrize("missing", list(OrgDimension))
def test_none_until_all_four_dimensions_are_rated(missing):
    ratings = {d: 4 for d in OrgDimension if d != missing}
    assert org_level(ratings) is None


def test_none_when_nothing_is_rated():
    assert org_level({}) is None


# --- "why": holding_down and blocking_next over every combination -------------------------

def test_holding_down_is_the_lowest_rated_dimensions_below_partner():
    for values in ALL:
        result = org_level(org(*values))
        if result.level is OrgLevel.partner:
            assert result.holding_down == () and result.blocking_next == ()
            continue
        low = min(values)
        assert result.holding_down == tuple(d for d, v in zip(OrgDimension, values) if v == low)
        assert result.holding_down, values


def test_holding_down_dimensions_are_among_those_blocking_the_next_level():
    for values in ALL:
        result = org_level(org(*values))
        assert set(result.holding_down) <= set(result.blocking_next), values


def test_raising_every_blocking_dimension_reaches_the_next_level():
    for values in ALL:
        ratings = org(*values)
        result = org_level(ratings)
        if result.level is OrgLevel.partner:
            continue
        nxt = result.level.rank + 1
        raised = {d: (max(v, nxt) if d in result.blocking_next else v)
                  for d, v in ratings.items()}
        assert org_level(raised).level.rank >= nxt, values


def test_no_non_blocking_dimension_is_needed_for_the_next_level():
    """Every dimension left out of blocking_next already satisfies the next level."""
    for values in ALL:
        ratings = org(*values)
        result = org_level(ratings)
        if result.level is OrgLevel.partner:
            continue
        nxt = result.level.rank + 1
        for d, v in ratings.items():
            if d not in result.blocking_next:
                assert v >= nxt - 1, values


def test_holding_down_names_a_dimension_whose_rise_can_lift_the_level():
    """Where one dimension alone can lift the level, it is one of those holding it down."""
    for values in ALL:
        ratings = org(*values)
        result = org_level(ratings)
        lifters = {d for d in OrgDimension
                   if org_level({**ratings, d: 4}).level.rank > result.level.rank}
        if lifters:
            assert lifters & set(result.holding_down), values
