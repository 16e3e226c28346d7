"""Key decision-maker relationship: index, coverage, red flags (method.md §2)."""

from __future__ import annotations

import pytest

from domain_factories import person, rating
from kamtui.domain.enums import Attitude, ChainRole
from kamtui.domain.rules.key import RedFlag, coverage, key_index, red_flags

ADV, ACC, COM, THR, UNK = (Attitude.advocate, Attitude.accepting, Attitude.commodity,
                           Attitude.threat, Attitude.unknown)
DM, INF, EVA, USR, GATE, COACH = (ChainRole.decision_maker, ChainRole.influencer,
                                  ChainRole.evaluator, ChainRole.user, ChainRole.gatekeeper,
                                  ChainRole.coach)


# --- key index = 100 × Σ(influence × value) / Σ(influence × 2), known attitudes only -------

def test_attitude_values_are_the_methods():
    assert [a.value_score for a in (ADV, ACC, COM, THR, UNK)] == [2, 1, 0, -2, None]


def test_hand_computed_mixed_team():
    people = [rating(ADV, 5), rating(THR, 3), rating(COM, 2), rating(ACC, 4)]
    # Σ(i×v) = 10 − 6 + 0 + 4 = 8 ; Σ(i×2) = 2 × 14 = 28
    assert key_index(people) == pytest.approx(100 * 8 / 28)
    assert key_index(people) == pytest.approx(28.5714, abs=1e-4)


def test_hand_computed_one_accepting_one_threat():
    # 4×1 + 1×(−2) = 2 ; 2×(4+1) = 10 → 20
    assert key_index([rating(ACC, 4), rating(THR, 1)]) == pytest.approx(20.0)


def test_hand_computed_influence_outweighs_headcount():
    # one influence-5 threat against three influence-1 advocates: (−10 + 6) / 16 → −25
    people = [rating(THR, 5), rating(ADV, 1), rating(ADV, 1), rating(ADV, 1)]
    assert key_index(people) == pytest.approx(-25.0)


@pytest.mark.parametrize(("attitude", "expected"), [
    (ADV, 100.0), (ACC, 50.0), (COM, 0.0), (THR, -100.0),
])
def test_uniform_team(attitude, expected):
    people = [rating(attitude, i) for i in (1, 3, 5)]
    assert key_index(people) == pytest.approx(expected)


def test_none_when_nobody_is_assessed():
    assert key_index([]) is None
    assert key_index([rating(UNK, 5), rating(UNK, 1, DM)]) is None


def test_unknown_attitudes_are_excluded():
    known = [rating(ADV, 2), rating(THR, 4)]
    with_unknown = known + [rating(UNK, 5, DM), rating(UNK, 1)]
    assert key_index(with_unknown) == pytest.approx(key_index(known))
    # (4 − 8) / 12 → −33.3…
    assert key_index(known) == pytest.approx(-100 / 3)


def test_every_role_counts_in_the_index_not_only_key_roles():
    """The index runs over everyone with a known attitude (coverage is what is role-bound)."""
    assert key_index([rating(ADV, 3, USR), rating(THR, 3, None)]) == pytest.approx(0.0)


def test_index_accepts_person_records_as_well_as_snapshot_ratings():
    people = [person("A", attitude=ADV, influence=5), person("B", attitude=THR, influence=5)]
    assert key_index(people) == pytest.approx(0.0)


def test_index_accepts_any_iterable_once():
    assert key_index(iter([rating(ADV, 1)])) == pytest.approx(100.0)


# --- coverage: decision makers and influencers only ---------------------------------------

def test_coverage_counts_decision_makers_and_influencers_only():
    people = [
        rating(ADV, 5, DM), rating(UNK, 4, DM),        # 1 of 2 DMs known
        rating(THR, 3, INF),                            # influencer known
        rating(UNK, 2, EVA), rating(UNK, 2, USR), rating(UNK, 1, GATE), rating(UNK, 1, COACH),
        rating(UNK, 3, None),                           # no role: not counted
        rating(ADV, 5, EVA),                            # known, but not a key role
    ]
    assert coverage(people) == pytest.approx(2 / 3)


@pytest.mark.parametrize("known", [ADV, ACC, COM, THR])
def test_any_known_attitude_counts_as_covered(known):
    assert coverage([rating(known, 1, DM), rating(UNK, 5, INF)]) == pytest.approx(0.5)


def test_full_and_empty_coverage():
    assert coverage([rating(ADV, 3, DM), rating(COM, 2, INF)]) == 1.0
    assert coverage([rating(UNK, 3, DM), rating(UNK, 2, INF)]) == 0.0


def test_coverage_is_undefined_when_there_are_no_key_people():
    assert coverage([]) is None
    assert coverage([rating(ADV, 5, EVA), rating(ADV, 5, None)]) is None


def test_person_is_key_matches_coverage_roles():
    for role in [*ChainRole, None]:
        assert person("X", role=role).is_key == (role in (DM, INF))


# --- red flags ------------------------------------------------------------------------------

@pytest.mark.parametrize("influence", [4, 5])
@pytest.mark.parametrize("role", [DM, INF, EVA, USR, GATE, COACH, None])
def test_threat_with_influence_4_or_more_is_a_red_flag_whatever_the_role(influence, role):
    assert red_flags([rating(THR, influence, role)]) == [RedFlag(0, "threat_high_influence")]


@pytest.mark.parametrize("influence", [1, 2, 3])
def test_threat_with_lower_influence_is_no_red_flag(influence):
    assert red_flags([rating(THR, influence, DM)]) == []


@pytest.mark.parametrize("attitude", [ADV, ACC, COM])
def test_high_influence_without_threat_is_no_red_flag(attitude):
    assert red_flags([rating(attitude, 5, DM)]) == []


@pytest.mark.parametrize("influence", [1, 3, 5])
def test_decision_maker_with_unknown_attitude_is_a_red_flag(influence):
    assert red_flags([rating(UNK, influence, DM)]) == [RedFlag(0, "unknown_decision_maker")]


@pytest.mark.parametrize("role", [INF, EVA, USR, GATE, COACH, None])
def test_other_roles_with_unknown_attitude_are_no_red_flag(role):
    assert red_flags([rating(UNK, 5, role)]) == []


def test_red_flags_point_back_to_their_position_in_the_input():
    people = [
        rating(ADV, 5, DM),    # 0 fine
        rating(THR, 4, INF),   # 1 threat
        rating(UNK, 2, DM),    # 2 unknown DM
        rating(THR, 3, DM),    # 3 low-influence threat: fine
        rating(THR, 5, None),  # 4 threat
    ]
    assert red_flags(people) == [
        RedFlag(1, "threat_high_influence"),
        RedFlag(2, "unknown_decision_maker"),
        RedFlag(4, "threat_high_influence"),
    ]


def test_no_red_flags_for_nobody():
    assert red_flags([]) == []
