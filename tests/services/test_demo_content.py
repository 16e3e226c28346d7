"""The demo team is realistic, internally consistent and deterministic."""

from __future__ import annotations

import datetime as dt

import pytest

from kamtui.domain.enums import Attitude, ChainRole, Layer, OrgDimension, Scope
from kamtui.domain.plan import AccountPlan
from kamtui.domain.rules.compliance import check_activity
from kamtui.services.demo_content import DEMO_TODAY, demo_team

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def team():
    return demo_team()


@pytest.fixture(scope="module")
def plans(team) -> list[AccountPlan]:
    return team[2]


def all_people(plans):
    return [p for plan in plans for p in plan.people]


def test_today_matches_the_brief():
    assert DEMO_TODAY == TODAY


def test_settings_and_team(team):
    settings, members, _ = team
    assert settings.default_lang == "en"
    assert settings.policy.currency == "CNY"
    assert settings.team_name
    assert 5 <= len(members) <= 7
    logins = [m.login for m in members]
    assert "demo" in logins and len(set(logins)) == len(logins)
    for threshold in settings.policy.thresholds.values():
        assert threshold.per_activity is not None and threshold.per_person_year is not None


def test_account_sizes(plans):
    assert len(plans) >= 4
    assert len({p.account.industry for p in plans}) == len(plans)
    for plan in plans:
        assert 5 <= len(plan.departments) <= 8, plan.account.name
        assert 15 <= len(plan.people) <= 30, plan.account.name
        assert plan.competitors
        assert 2 <= len(plan.assessments) <= 3
        assert {t.layer for t in plan.targets} == set(Layer)


def test_one_account_without_strategy_notes(plans):
    assert sum(not p.account.strategy_notes for p in plans) == 1


def test_ids_unique_across_everything(team):
    _, members, plans = team
    ids = [m.id for m in members]
    for plan in plans:
        ids.append(plan.account.id)
        for group in (plan.departments, plan.people, plan.links, plan.competitors,
                      plan.assessments, plan.activities):
            ids.extend(x.id for x in group)
    assert len(ids) == len(set(ids))


def test_references_resolve_within_the_account(team):
    _, members, plans = team
    member_ids = {m.id for m in members}
    for plan in plans:
        aid = plan.account.id
        depts = {d.id for d in plan.departments}
        people = {p.id for p in plan.people}
        competitors = {c.id for c in plan.competitors}
        assert plan.account.owner_id in member_ids
        for rows in (plan.departments, plan.people, plan.links, plan.competitors,
                     plan.assessments, plan.targets, plan.activities, plan.dismissals):
            assert all(r.account_id == aid for r in rows)
        parents = {d.id: d.parent_id for d in plan.departments}
        assert sum(pid is None for pid in parents.values()) >= 1
        for d in plan.departments:
            assert d.parent_id is None or d.parent_id in depts
            seen, cur = set(), d.id  # the tree has no cycle
            while cur is not None:
                assert cur not in seen
                seen.add(cur)
                cur = parents[cur]
        for p in plan.people:
            assert p.department_id in depts
            assert p.reports_to_id is None or p.reports_to_id in people
            assert p.owner_id is None or p.owner_id in member_ids
            assert p.leaning_competitor_id is None or p.leaning_competitor_id in competitors
        for link in plan.links:
            assert link.from_id in people and link.to_id in people
        for a in plan.assessments:
            assert {r.person_id for r in a.people} <= people
            assert {r.department_id for r in a.departments} <= depts
        for act in plan.activities:
            assert set(act.target_person_ids) <= people
            assert act.target_department_id is None or act.target_department_id in depts
            assert act.owner_id in member_ids


def test_decision_chain_has_the_interesting_cases(plans):
    people = all_people(plans)
    assert any(p.hidden_decision_maker for p in people)
    assert any(p.rising_star for p in people)
    assert any(p.attitude == Attitude.threat and p.influence >= 4 for p in people)
    assert any(p.role == ChainRole.decision_maker and p.attitude == Attitude.unknown for p in people)
    assert any(p.executive for p in people)
    # one account has no hidden decision maker, so the pitfall shows
    assert sum(not any(p.hidden_decision_maker for p in plan.people) for plan in plans) == 1
    assert any(p.leaning_known and p.leaning_competitor_id is None for p in people)
    assert {p.attitude for p in people} == set(Attitude)


def test_latest_assessment_matches_people(plans):
    for plan in plans:
        latest = plan.latest
        assert latest is not None
        assert set(latest.org) == set(OrgDimension)
        assert {r.department_id for r in latest.departments} == {d.id for d in plan.departments}
        rated = {r.person_id: r for r in latest.people}
        for p in plan.people:
            if p.role is None:
                continue
            r = rated[p.id]
            assert (r.attitude, r.influence, r.needs_level, r.role) == (
                p.attitude, p.influence, p.needs_level, p.role)


def test_activities(team):
    settings, _, plans = team
    activities = [(plan, a) for plan in plans for a in plan.activities]
    assert {a.scope for _, a in activities} == set(Scope)
    for _, a in activities:
        assert (a.scope, a.layer) == (a.type.spec.scope, a.type.spec.layer)
        assert a.currency == settings.policy.currency
    assert any(a.is_overdue(TODAY) for _, a in activities)
    assert any(a.cancel_reason for _, a in activities)
    over_unapproved = over_approved = 0
    for plan, a in activities:
        check = check_activity(a, settings.policy, plan.activities)
        if check.needs_approval:
            if a.approval is None:
                over_unapproved += 1
            else:
                over_approved += 1
    assert over_unapproved >= 1 and over_approved >= 1


def test_recent_exec_visits_in_some_accounts_only(plans):
    def recent_visit(plan):
        return any(a.type.value == "cxo_visit" and a.status.value == "done"
                   and (TODAY - a.planned_on).days <= 183 for a in plan.activities)

    flags = [recent_visit(p) for p in plans]
    assert any(flags) and not all(flags)


def test_a_pitfall_is_dismissed(plans):
    assert any(d.reason for plan in plans for d in plan.dismissals)


def test_deterministic():
    assert demo_team() == demo_team()
