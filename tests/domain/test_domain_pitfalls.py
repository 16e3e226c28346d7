"""The pitfalls of method.md §4: each one triggered and not triggered, dismissals, time."""

from __future__ import annotations

import datetime as dt

import pytest

from domain_factories import (
    ACCOUNT, TODAY, activity, approval, assessment, dismissal, gift, healthy_activities,
    healthy_people, healthy_plan, person, policy,
)
from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import (
    ActivityStatus, Attitude, ChainRole, Evidence, Layer, PitfallKey,
)
from kamtui.domain.models import Competitor, PersonRating
from kamtui.domain.rules.pitfalls import (
    EXEC_VISIT_WINDOW, SPONSOR_WINDOW, TIME_DEPENDENT, Pitfall, detect_pitfalls, last_exec_visit,
    no_exec_visit, sponsor_changes,
)

K = PitfallKey
DAY = dt.timedelta(days=1)


def found(plan, today=TODAY, pol=None) -> dict[PitfallKey, Pitfall]:
    result = detect_pitfalls(plan, pol or policy(), today)
    keys = [p.key for p in result]
    assert len(keys) == len(set(keys)), "a pitfall is reported twice"
    return {p.key: p for p in result}


def only(plan, key, today=TODAY, pol=None) -> Pitfall:
    """The plan trips exactly this pitfall; return it."""
    pits = found(plan, today, pol)
    assert set(pits) == {key}, sorted(pits)
    return pits[key]


def people_with(**changes_by_id) -> list:
    """The healthy people with some of them changed (by id)."""
    out = []
    for p in healthy_people():
        if p.id in changes_by_id:
            p = p.model_copy(update=changes_by_id[p.id])
        out.append(p)
    return out


def activities_without(*types: ActivityType) -> list:
    return [a for a in healthy_activities() if a.type not in types]


def test_healthy_plan_has_no_pitfalls():
    assert found(healthy_plan()) == {}
    assert found(healthy_plan(), today=None) == {}


def test_every_pitfall_key_is_checked_somewhere():
    """An empty account trips every pitfall the data allows (the org ones need an assessment)."""
    bare = healthy_plan(account_kw={"strategy_notes": ""}, people=[person("Nobody special", role=ChainRole.decision_maker)],
                        competitors=[], assessments=[assessment(org_values=(3, 3, 3, 3),
                                                                evidence=(), coaches=())],
                        activities=[gift(100.0)])
    keys = set(found(bare))
    # shallow relationships needs an assessed key person at needs level <= 2; checked below
    assert keys == set(PitfallKey) - {K.shallow_relationships}


def test_pitfall_layers_follow_the_method():
    org = {K.strategy_not_decoded, K.no_exec_visit, K.no_exec_channel, K.sponsor_groups_missing,
           K.no_strategic_agreement}
    for key in PitfallKey:
        assert key.layer == (Layer.organization if key in org else Layer.key)


# --- key layer ----------------------------------------------------------------------------

class TestHiddenChain:
    def test_triggered_when_nobody_is_flagged_hidden(self):
        pit = only(healthy_plan(people=people_with(**{"p-hidden": {"hidden_decision_maker": False}})),
                   K.hidden_chain)
        assert "4" in pit.en and "4" in pit.zh

    def test_triggered_when_the_only_hidden_person_is_archived(self):
        plan = healthy_plan(people=people_with(**{"p-hidden": {"archived": True}}))
        assert K.hidden_chain in found(plan)

    def test_not_triggered_when_someone_is_flagged(self):
        assert K.hidden_chain not in found(healthy_plan())

    def test_triggered_on_an_account_with_no_people(self):
        assert K.hidden_chain in found(healthy_plan(people=[]))


class TestCompetitorsIgnored:
    def test_triggered_when_no_competitor_is_recorded(self):
        pit = only(healthy_plan(competitors=[]), K.competitors_ignored)
        assert "no competitor recorded" in pit.en

    def test_triggered_when_no_decision_makers_leaning_is_assessed(self):
        plan = healthy_plan(people=people_with(**{"p-ceo": {"leaning_known": False}}))
        pit = only(plan, K.competitors_ignored)
        assert pit.data == ("Chen CEO",)

    def test_naming_a_competitor_counts_as_assessing_the_leaning(self):
        people = [p for p in healthy_people() if p.id != "p-ceo"]
        people.append(person("Chen CEO", id="p-ceo", role=ChainRole.decision_maker,
                             attitude=Attitude.advocate, executive=True, needs_level=4,
                             leaning_competitor_id="c1"))
        assert people[-1].leaning_known
        assert K.competitors_ignored not in found(healthy_plan(people=people))

    def test_leaning_to_nobody_is_an_assessment_too(self):
        plan = healthy_plan(people=people_with(**{"p-ceo": {"leaning_known": True,
                                                             "leaning_competitor_id": None}}))
        assert K.competitors_ignored not in found(plan)

    def test_one_assessed_decision_maker_is_enough(self):
        extra = person("Second DM", role=ChainRole.decision_maker, attitude=Attitude.accepting)
        assert K.competitors_ignored not in found(healthy_plan(people=healthy_people() + [extra]))

    def test_not_triggered_with_competitors_and_no_decision_makers(self):
        people = people_with(**{"p-ceo": {"role": ChainRole.influencer, "leaning_known": False}})
        assert K.competitors_ignored not in found(healthy_plan(people=people))

    def test_leaning_of_non_decision_makers_does_not_count(self):
        people = people_with(**{"p-ceo": {"leaning_known": False},
                                "p-hidden": {"leaning_known": True}})
        assert K.competitors_ignored in found(healthy_plan(people=people))


class TestCareerNeedsIgnored:
    def test_triggered_when_no_key_person_has_career_needs_or_level_4(self):
        people = people_with(**{"p-ceo": {"career_needs": "", "needs_level": 3}})
        pit = only(healthy_plan(people=people), K.career_needs_ignored)
        assert set(pit.data) == {"Chen CEO", "Li Hidden"}

    def test_career_needs_text_is_enough(self):
        people = people_with(**{"p-ceo": {"career_needs": "aims for group CTO", "needs_level": 1},
                                "p-hidden": {"needs_level": 1}})
        pits = found(healthy_plan(people=people))
        assert K.career_needs_ignored not in pits

    @pytest.mark.parametrize("level", [4, 5])
    def test_needs_level_4_or_more_is_enough(self, level):
        people = people_with(**{"p-ceo": {"career_needs": "", "needs_level": level}})
        assert K.career_needs_ignored not in found(healthy_plan(people=people))

    def test_non_key_people_do_not_count(self):
        people = people_with(**{"p-ceo": {"career_needs": "", "needs_level": 3},
                                "p-star": {"career_needs": "wants a promotion", "needs_level": 5}})
        assert K.career_needs_ignored in found(healthy_plan(people=people))

    def test_archived_key_people_do_not_count(self):
        people = people_with(**{"p-ceo": {"archived": True}})
        assert K.career_needs_ignored in found(healthy_plan(people=people))

    def test_not_triggered_without_key_people(self):
        people = [p.model_copy(update={"role": ChainRole.user}) for p in healthy_people()]
        assert K.career_needs_ignored not in found(healthy_plan(people=people))


class TestShallowRelationships:
    def test_triggered_when_every_assessed_key_person_is_at_level_2_or_below(self):
        people = people_with(**{"p-ceo": {"needs_level": 2}, "p-hidden": {"needs_level": 1}})
        pits = found(healthy_plan(people=people))
        assert K.shallow_relationships in pits
        assert set(pits[K.shallow_relationships].data) == {"Chen CEO", "Li Hidden"}
        assert "2" in pits[K.shallow_relationships].en

    def test_not_triggered_when_one_key_person_is_deeper(self):
        people = people_with(**{"p-ceo": {"needs_level": 2}, "p-hidden": {"needs_level": 3}})
        assert K.shallow_relationships not in found(healthy_plan(people=people))

    def test_unassessed_key_people_are_ignored(self):
        people = people_with(**{"p-ceo": {"needs_level": None}, "p-hidden": {"needs_level": 2}})
        pits = found(healthy_plan(people=people))
        assert K.shallow_relationships in pits
        assert pits[K.shallow_relationships].data == ("Li Hidden",)

    def test_not_triggered_when_no_key_person_is_assessed(self):
        people = people_with(**{"p-ceo": {"needs_level": None}, "p-hidden": {"needs_level": None}})
        assert K.shallow_relationships not in found(healthy_plan(people=people))

    def test_non_key_people_do_not_count(self):
        people = people_with(**{"p-ceo": {"needs_level": None}, "p-hidden": {"needs_level": None},
                                "p-star": {"needs_level": 1}})
        assert K.shallow_relationships not in found(healthy_plan(people=people))


class TestRisingStarsMissed:
    def test_triggered_when_nobody_is_flagged(self):
        only(healthy_plan(people=people_with(**{"p-star": {"rising_star": False}})),
             K.rising_stars_missed)

    def test_not_triggered_when_someone_is_flagged(self):
        assert K.rising_stars_missed not in found(healthy_plan())

    def test_archived_rising_star_does_not_count(self):
        plan = healthy_plan(people=people_with(**{"p-star": {"archived": True}}))
        assert K.rising_stars_missed in found(plan)

    def test_not_triggered_on_an_account_with_no_people(self):
        assert K.rising_stars_missed not in found(healthy_plan(people=[]))


class TestCompliance:
    def test_triggered_by_an_unreviewed_gift(self):
        acts = healthy_activities() + [gift(50.0, ["p-ceo"], on=dt.date(2025, 3, 1))]
        pit = only(healthy_plan(activities=acts), K.compliance)
        assert pit.data == ("Gift 2025-03-01",)
        assert "1" in pit.en

    @pytest.mark.parametrize("type_", [ActivityType.entertainment, ActivityType.leisure_trip,
                                       ActivityType.overseas_visit])
    def test_triggered_by_other_unreviewed_regulated_types(self, type_):
        acts = healthy_activities() + [activity(type_, cost=10.0, planned_on=TODAY)]
        assert K.compliance in found(healthy_plan(activities=acts))

    def test_triggered_by_a_reviewed_activity_over_the_threshold_without_approval(self):
        acts = healthy_activities() + [gift(900.0, ["p-ceo"], compliance_reviewed=True)]
        assert K.compliance in found(healthy_plan(activities=acts))

    def test_not_triggered_once_approved(self):
        acts = healthy_activities() + [gift(900.0, ["p-ceo"], compliance_reviewed=True,
                                            approval=approval())]
        assert K.compliance not in found(healthy_plan(activities=acts))

    def test_yearly_total_over_several_activities_counts(self):
        # four reviewed 450 gifts to one person: each under 500, together 1800 + 450 > 2000
        acts = healthy_activities()[:2] + [
            gift(450.0, ["p-ceo"], compliance_reviewed=True, on=TODAY - i * DAY)
            for i in range(5)
        ]
        pit = found(healthy_plan(activities=acts))[K.compliance]
        assert len(pit.data) == 5
        assert K.compliance not in found(healthy_plan(activities=acts[:6]))  # 4 × 450 = 1800

    def test_the_policy_decides(self):
        acts = healthy_activities() + [gift(900.0, ["p-ceo"], compliance_reviewed=True)]
        assert K.compliance not in found(healthy_plan(activities=acts), pol=policy(1000.0, 5000.0))

    @pytest.mark.parametrize("kw", [dict(status=ActivityStatus.cancelled), dict(archived=True)])
    def test_cancelled_or_archived_activities_are_ignored(self, kw):
        acts = healthy_activities() + [gift(900.0, ["p-ceo"], **kw)]
        assert K.compliance not in found(healthy_plan(activities=acts))

    def test_unregulated_unreviewed_activities_are_fine(self):
        acts = healthy_activities() + [activity(ActivityType.training, cost=1e5, planned_on=TODAY)]
        assert K.compliance not in found(healthy_plan(activities=acts))


# --- organization layer ---------------------------------------------------------------------

class TestStrategyNotDecoded:
    def test_triggered_without_strategy_notes(self):
        only(healthy_plan(account_kw={"strategy_notes": ""}), K.strategy_not_decoded)

    def test_whitespace_only_notes_count_as_none(self):
        from kamtui.domain.models import Account
        acct = Account(id=ACCOUNT, name="Acme", strategy_notes=" \n\t \x1b ")
        assert acct.strategy_notes == ""
        assert K.strategy_not_decoded in found(healthy_plan(account=acct))

    def test_not_triggered_with_notes(self):
        assert K.strategy_not_decoded not in found(healthy_plan())


def cxo_visit(days_ago: int, **kw):
    kw.setdefault("status", ActivityStatus.done)
    return activity(ActivityType.cxo_visit, planned_on=TODAY - days_ago * DAY, **kw)


class TestNoExecVisit:
    def with_visits(self, *visits):
        return healthy_plan(activities=activities_without(ActivityType.cxo_visit) + list(visits))

    def test_triggered_when_never_visited(self):
        pit = only(self.with_visits(), K.no_exec_visit)
        assert "never" in pit.en and "从未" in pit.zh

    def test_triggered_when_the_last_visit_is_older_than_six_months(self):
        pit = only(self.with_visits(cxo_visit(400), cxo_visit(200)), K.no_exec_visit)
        assert (TODAY - 200 * DAY).isoformat() in pit.en

    def test_window_is_six_months(self):
        assert EXEC_VISIT_WINDOW == dt.timedelta(days=183)
        assert K.no_exec_visit not in found(self.with_visits(cxo_visit(183)))
        assert K.no_exec_visit in found(self.with_visits(cxo_visit(184)))
        assert K.no_exec_visit not in found(self.with_visits(cxo_visit(0)))

    @pytest.mark.parametrize("kw", [
        pytest.param(dict(status=ActivityStatus.planned), id="planned"),
        pytest.param(dict(status=ActivityStatus.in_progress), id="in-progress"),
        pytest.param(dict(status=ActivityStatus.cancelled), id="cancelled"),
        pytest.param(dict(archived=True), id="archived"),
    ])
    def test_only_done_live_visits_count(self, kw):
        assert K.no_exec_visit in found(self.with_visits(cxo_visit(10, **kw)))

    def test_other_executive_activities_are_not_visits(self):
        other = activity(ActivityType.exec_workshop, status=ActivityStatus.done,
                         planned_on=TODAY - 5 * DAY)
        assert K.no_exec_visit in found(self.with_visits(other))

    def test_skipped_without_a_today(self):
        assert K.no_exec_visit not in found(self.with_visits(), today=None)

    def test_helpers(self):
        acts = [cxo_visit(300), cxo_visit(20), cxo_visit(5, status=ActivityStatus.planned)]
        assert last_exec_visit(acts) == TODAY - 20 * DAY
        assert last_exec_visit([]) is None
        assert no_exec_visit(TODAY - 20 * DAY, TODAY) is None
        assert no_exec_visit(None, TODAY).key is K.no_exec_visit


class TestNoExecChannel:
    def test_triggered_without_any_executive(self):
        pit = only(healthy_plan(people=people_with(**{"p-ceo": {"executive": False}})),
                   K.no_exec_channel)
        assert pit.data == ()

    def test_triggered_when_executives_have_unknown_attitude(self):
        extra = person("Zhou CFO", executive=True)
        people = people_with(**{"p-ceo": {"attitude": Attitude.unknown}}) + [extra]
        pit = found(healthy_plan(people=people))[K.no_exec_channel]
        assert pit.data == ("Chen CEO", "Zhou CFO")

    @pytest.mark.parametrize("attitude", [Attitude.threat, Attitude.commodity, Attitude.accepting])
    def test_any_known_attitude_is_a_channel(self, attitude):
        people = people_with(**{"p-ceo": {"attitude": attitude}})
        assert K.no_exec_channel not in found(healthy_plan(people=people))

    def test_archived_executive_is_no_channel(self):
        plan = healthy_plan(people=people_with(**{"p-ceo": {"archived": True}}))
        assert K.no_exec_channel in found(plan)


def meeting(days_ago: int, **kw):
    kw.setdefault("status", ActivityStatus.done)
    return activity(ActivityType.sponsor_group_meeting, planned_on=TODAY - days_ago * DAY, **kw)


NO_SPONSOR_TICK = tuple(e for e in Evidence if e != Evidence.sponsor_groups)


class TestSponsorGroupsMissing:
    def plan(self, *meetings, assessments=None):
        return healthy_plan(
            activities=activities_without(ActivityType.sponsor_group_meeting) + list(meetings),
            assessments=assessments or [assessment(evidence=NO_SPONSOR_TICK)])

    def test_triggered_without_meetings_or_evidence(self):
        pit = only(self.plan(), K.sponsor_groups_missing)
        assert "12" in pit.en

    def test_triggered_when_the_last_meeting_is_over_a_year_old(self):
        assert SPONSOR_WINDOW == dt.timedelta(days=365)
        assert K.sponsor_groups_missing in found(self.plan(meeting(366)))
        assert K.sponsor_groups_missing not in found(self.plan(meeting(365)))

    @pytest.mark.parametrize("status", [ActivityStatus.planned, ActivityStatus.in_progress,
                                        ActivityStatus.done])
    def test_a_live_meeting_in_the_window_is_enough(self, status):
        assert K.sponsor_groups_missing not in found(self.plan(meeting(100, status=status)))

    @pytest.mark.parametrize("kw", [dict(status=ActivityStatus.cancelled), dict(archived=True)])
    def test_cancelled_or_archived_meetings_do_not_count(self, kw):
        assert K.sponsor_groups_missing in found(self.plan(meeting(10, **kw)))

    def test_evidence_tick_in_the_latest_assessment_is_enough(self):
        assert K.sponsor_groups_missing not in found(self.plan(assessments=[assessment()]))

    def test_only_the_latest_assessment_counts_for_evidence(self):
        old = assessment(on=TODAY - 100 * DAY)  # ticked
        new = assessment(on=TODAY - 10 * DAY, evidence=NO_SPONSOR_TICK)
        assert K.sponsor_groups_missing in found(self.plan(assessments=[old, new]))

    def test_triggered_when_the_sponsor_changed_twice_in_12_months(self):
        snaps = [assessment(on=TODAY - 300 * DAY, coaches=("s1",)),
                 assessment(on=TODAY - 200 * DAY, coaches=("s2",)),
                 assessment(on=TODAY - 10 * DAY, coaches=("s3",))]
        pit = only(healthy_plan(assessments=snaps), K.sponsor_groups_missing)
        assert "2" in pit.en and "2" in pit.zh

    def test_one_change_in_12_months_is_fine(self):
        snaps = [assessment(on=TODAY - 300 * DAY, coaches=("s1",)),
                 assessment(on=TODAY - 200 * DAY, coaches=("s2",)),
                 assessment(on=TODAY - 10 * DAY, coaches=("s2",))]
        assert K.sponsor_groups_missing not in found(healthy_plan(assessments=snaps))

    def test_changes_older_than_12_months_do_not_count(self):
        snaps = [assessment(on=TODAY - 900 * DAY, coaches=("s1",)),
                 assessment(on=TODAY - 800 * DAY, coaches=("s2",)),
                 assessment(on=TODAY - 700 * DAY, coaches=("s3",)),
                 assessment(on=TODAY - 10 * DAY, coaches=("s3",))]
        assert sponsor_changes(snaps, TODAY - SPONSOR_WINDOW) == 0
        assert K.sponsor_groups_missing not in found(healthy_plan(assessments=snaps))

    def test_sponsor_changes_are_counted_in_date_order(self):
        snaps = [assessment(on=TODAY - 10 * DAY, coaches=("s1",)),
                 assessment(on=TODAY - 300 * DAY, coaches=("s1",)),
                 assessment(on=TODAY - 200 * DAY, coaches=("s2",))]
        assert sponsor_changes(snaps, TODAY - SPONSOR_WINDOW) == 2

    def test_a_snapshot_that_rates_no_sponsor_is_not_a_change(self):
        """s1 → (people not rated) → s1: the sponsor never changed."""
        snaps = [assessment(on=TODAY - 300 * DAY, coaches=("s1",)),
                 assessment(on=TODAY - 200 * DAY, people=[]),
                 assessment(on=TODAY - 10 * DAY, coaches=("s1",))]
        assert sponsor_changes(snaps, TODAY - SPONSOR_WINDOW) == 0
        assert K.sponsor_groups_missing not in found(healthy_plan(assessments=snaps))

    def test_a_first_sponsor_is_not_a_change(self):
        snaps = [assessment(on=TODAY - 300 * DAY, coaches=()),
                 assessment(on=TODAY - 200 * DAY, coaches=("s1",)),
                 assessment(on=TODAY - 10 * DAY, coaches=("s2",))]
        assert sponsor_changes(snaps, TODAY - SPONSOR_WINDOW) == 1

    def test_changes_across_gaps_still_count(self):
        snaps = [assessment(on=TODAY - 300 * DAY, coaches=("s1",)),
                 assessment(on=TODAY - 250 * DAY, people=[]),
                 assessment(on=TODAY - 200 * DAY, coaches=("s2",)),
                 assessment(on=TODAY - 100 * DAY, people=[]),
                 assessment(on=TODAY - 10 * DAY, coaches=("s3",))]
        assert sponsor_changes(snaps, TODAY - SPONSOR_WINDOW) == 2
        assert K.sponsor_groups_missing in found(healthy_plan(assessments=snaps))

    def test_other_roles_are_not_sponsors(self):
        def snap(days, role):
            return assessment(on=TODAY - days * DAY, people=[
                PersonRating(person_id=f"x{days}", attitude=Attitude.advocate, role=role)])
        snaps = [snap(300, ChainRole.decision_maker), snap(200, ChainRole.influencer),
                 snap(10, ChainRole.user)]
        assert sponsor_changes(snaps, TODAY - SPONSOR_WINDOW) == 0

    def test_skipped_without_a_today(self):
        assert K.sponsor_groups_missing not in found(self.plan(), today=None)


class TestNoStrategicAgreement:
    """method.md §4: 'no substantive strategic agreement (evidence item unticked at level ≥ 3)':
    the strategic cooperation agreement (战略合作协议) is the evidence item."""

    def with_snapshot(self, org_values, evidence):
        return healthy_plan(assessments=[assessment(org_values=org_values, evidence=evidence)])

    @pytest.mark.parametrize("org_values", [(3, 3, 3, 3), (3, 3, 2, 3), (4, 4, 4, 3),
                                            (4, 4, 4, 4)])
    def test_triggered_at_level_3_or_4_without_the_agreement(self, org_values):
        evidence = tuple(e for e in Evidence if e != Evidence.strategic_agreement)
        pit = only(self.with_snapshot(org_values, evidence), K.no_strategic_agreement)
        assert Evidence.strategic_agreement.label("en") in pit.en
        assert Evidence.strategic_agreement.label("zh") in pit.zh

    @pytest.mark.parametrize("org_values", [(3, 3, 3, 3), (4, 4, 4, 4)])
    def test_not_triggered_with_the_agreement_ticked(self, org_values):
        evidence = (Evidence.strategic_agreement, Evidence.sponsor_groups)
        assert K.no_strategic_agreement not in found(self.with_snapshot(org_values, evidence))

    @pytest.mark.parametrize("org_values", [(2, 2, 2, 2), (4, 4, 1, 4), (1, 1, 1, 1)])
    def test_not_triggered_below_level_3(self, org_values):
        assert K.no_strategic_agreement not in found(self.with_snapshot(org_values, ()))

    def test_not_triggered_without_an_assessment_or_a_full_org_rating(self):
        assert K.no_strategic_agreement not in found(healthy_plan(assessments=[]))
        partial = assessment(evidence=())
        partial = partial.model_copy(update={"org": dict(list(partial.org.items())[:3])})
        assert K.no_strategic_agreement not in found(healthy_plan(assessments=[partial]))

    def test_the_latest_assessment_decides(self):
        old = assessment(on=TODAY - 100 * DAY)  # level 4, everything ticked
        new = assessment(on=TODAY - 10 * DAY, org_values=(3, 3, 3, 3),
                         evidence=(Evidence.sponsor_groups,))
        assert K.no_strategic_agreement in found(healthy_plan(assessments=[old, new]))
        assert K.no_strategic_agreement not in found(healthy_plan(assessments=[old]))


# --- dismissals and time ------------------------------------------------------------------------

def test_dismissal_is_carried_and_closes_the_pitfall():
    d = dismissal("rising_stars_missed", "team too small to have juniors")
    plan = healthy_plan(people=people_with(**{"p-star": {"rising_star": False},
                                              "p-hidden": {"hidden_decision_maker": False}}),
                        dismissals=[d])
    pits = found(plan)
    assert pits[K.rising_stars_missed].dismissal == d
    assert not pits[K.rising_stars_missed].open
    assert pits[K.hidden_chain].dismissal is None
    assert pits[K.hidden_chain].open


def test_dismissed_pitfall_keeps_its_trigger_data():
    plan = healthy_plan(competitors=[], dismissals=[dismissal("competitors_ignored")])
    pit = found(plan)[K.competitors_ignored]
    assert pit.en == "no competitor recorded for the account"
    assert pit.dismissal.reason == "known, handled elsewhere"


def test_dismissal_of_a_pitfall_that_does_not_hold_reports_nothing():
    assert found(healthy_plan(dismissals=[dismissal("hidden_chain")])) == {}


def test_dismissal_of_a_time_dependent_pitfall_is_carried():
    plan = healthy_plan(activities=activities_without(ActivityType.cxo_visit),
                        dismissals=[dismissal("no_exec_visit", "CEO on leave")])
    assert found(plan)[K.no_exec_visit].dismissal.reason == "CEO on leave"


def test_time_dependent_pitfalls_are_the_calendar_ones():
    assert TIME_DEPENDENT == {K.no_exec_visit, K.sponsor_groups_missing}


def test_today_none_skips_exactly_the_time_dependent_pitfalls():
    plan = healthy_plan(account_kw={"strategy_notes": ""}, competitors=[],
                        activities=[gift(10.0)],
                        assessments=[assessment(org_values=(3, 3, 3, 3), evidence=())],
                        people=[person("Nobody")])
    with_today = set(found(plan))
    without = set(found(plan, today=None))
    assert TIME_DEPENDENT <= with_today
    assert without == with_today - TIME_DEPENDENT


def test_pitfall_detail_is_bilingual():
    pit = found(healthy_plan(competitors=[]))[K.competitors_ignored]
    assert pit.detail("en") == pit.en
    assert pit.detail("zh") == pit.zh == "未记录任何竞争对手"


def test_pitfall_data_shows_user_data_literally():
    """Names go into `data` verbatim (the UI must render them as plain text)."""
    odd = person("Q3 [/] notes [b]", role=ChainRole.decision_maker, attitude=Attitude.advocate)
    people = people_with(**{"p-ceo": {"leaning_known": False}}) + [odd]
    pit = found(healthy_plan(people=people))[K.competitors_ignored]
    assert "Q3 [/] notes [b]" in pit.data
