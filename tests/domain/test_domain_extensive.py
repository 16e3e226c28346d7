"""Extensive relationship: department score, index, short board (method.md §3)."""

from __future__ import annotations

import pytest

from domain_factories import dept
from kamtui.domain.enums import Indicator
from kamtui.domain.rules.extensive import (
    RatedDepartment, ShortBoard, department_score, extensive_index, short_board,
)

KMS, NEG, INFO, ACT = (Indicator.key_moment_support, Indicator.negative_containment,
                       Indicator.information_access, Indicator.activity_participation)


# --- department score = mean of its rated indicators --------------------------------------

def test_department_score_is_the_mean_of_rated_indicators():
    assert department_score({KMS: 4, NEG: 2}) == pytest.approx(3.0)
    assert department_score({KMS: 5, NEG: 4, INFO: 4, ACT: 2}) == pytest.approx(3.75)
    assert department_score({INFO: 1}) == pytest.approx(1.0)


def test_unrated_indicators_do_not_count_as_zero():
    assert department_score({KMS: 5}) == pytest.approx(5.0)


def test_department_score_is_none_when_nothing_is_rated():
    assert department_score({}) is None


# --- extensive index: importance-weighted mean, 1 → 0, 5 → 100 ---------------------------

@pytest.mark.parametrize(("value", "expected"), [(1, 0.0), (2, 25.0), (3, 50.0), (4, 75.0),
                                                 (5, 100.0)])
def test_scale_maps_1_to_0_and_5_to_100(value, expected):
    d = dept("Ops", 2, **{i.value: value for i in Indicator})
    assert extensive_index([d]) == pytest.approx(expected)


def test_importance_weights_department_scores():
    # (3 × 5 + 1 × 1) / 4 = 4.0 → 75
    idx = extensive_index([dept("IT", 3, key_moment_support=5), dept("HR", 1, information_access=1)])
    assert idx == pytest.approx(75.0)


def test_hand_computed_three_departments():
    departments = [
        dept("Network", 3, key_moment_support=4, negative_containment=2),  # 3.0 × 3
        dept("Finance", 2, information_access=5, activity_participation=4),  # 4.5 × 2
        dept("Legal", 1, key_moment_support=1),                             # 1.0 × 1
    ]
    mean = (3 * 3.0 + 2 * 4.5 + 1 * 1.0) / 6  # 19/6
    assert extensive_index(departments) == pytest.approx((mean - 1) * 25)
    assert extensive_index(departments) == pytest.approx(54.1667, abs=1e-4)


def test_equal_importance_is_a_plain_mean():
    a = [dept("A", 2, key_moment_support=2), dept("B", 2, key_moment_support=4)]
    b = [dept("A", 1, key_moment_support=2), dept("B", 1, key_moment_support=4)]
    assert extensive_index(a) == extensive_index(b) == pytest.approx(50.0)


def test_unrated_departments_are_left_out_not_counted_as_low():
    rated = [dept("A", 2, key_moment_support=5)]
    assert extensive_index(rated + [dept("Empty", 3)]) == pytest.approx(100.0)


def test_index_is_none_when_nothing_is_rated():
    assert extensive_index([]) is None
    assert extensive_index([dept("A", 3), dept("B", 1)]) is None


# --- short board: the lowest (department, indicator); ties → importance, then name --------

def test_short_board_is_the_lowest_rated_pair():
    board = short_board([
        dept("Network", 2, key_moment_support=4, negative_containment=3),
        dept("Finance", 2, information_access=2, activity_participation=5),
    ])
    assert board == ShortBoard("d-Finance", "Finance", INFO, 2)


def test_short_board_tie_goes_to_the_more_important_department():
    board = short_board([
        dept("Alpha", 1, key_moment_support=2),
        dept("Zulu", 3, information_access=2),
        dept("Mike", 2, negative_containment=2),
    ])
    assert (board.department, board.indicator, board.value) == ("Zulu", INFO, 2)


def test_short_board_tie_on_importance_goes_to_the_name():
    board = short_board([
        dept("Procurement", 2, key_moment_support=1),
        dept("Finance", 2, activity_participation=1),
        dept("Network", 2, information_access=1),
    ])
    assert (board.department, board.indicator) == ("Finance", ACT)


def test_lower_value_beats_higher_importance():
    board = short_board([dept("Board", 3, key_moment_support=2), dept("Canteen", 1,
                                                                      key_moment_support=1)])
    assert board.department == "Canteen"


def test_short_board_tie_inside_one_department_goes_to_indicator_order():
    board = short_board([dept("Ops", 2, activity_participation=2, negative_containment=2,
                              information_access=3)])
    assert board.indicator is NEG


def test_short_board_does_not_depend_on_input_order():
    departments = [
        dept("B", 2, key_moment_support=2, information_access=3),
        dept("A", 2, negative_containment=2),
        dept("C", 3, activity_participation=4),
    ]
    assert short_board(departments) == short_board(list(reversed(departments)))
    assert short_board(departments).department == "A"


def test_short_board_carries_the_department_id():
    d = RatedDepartment("dep-42", "Network", 2, {KMS: 1})
    assert short_board([d]).department_id == "dep-42"


def test_short_board_is_none_when_nothing_is_rated():
    assert short_board([]) is None
    assert short_board([dept("A", 3)]) is None
