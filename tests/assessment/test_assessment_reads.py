"""The wizard's light reads (kamtui.store.people, kamtui.store.assessments) return what the whole-plan path
returned, and a session reads only them when it starts: the plan waits for the pitfalls."""

from __future__ import annotations

import pytest

from assess_helpers import BANK, app_for, person_id
from kamtui.domain.enums import Attitude, ChainRole, OrgDimension
from kamtui.domain.models import Account, Person
from kamtui.services import people as people_service
from kamtui.services.assessments import AssessmentSession, ChangedMeanwhile
from kamtui.services.assessments.draft import chain_member, fresh_draft
from kamtui.services.context import Context
from kamtui.store import accounts as store_accounts
from kamtui.store import assessments as store_assessments
from kamtui.store import people as store_people
from kamtui.store.tables import table_for
from kamtui.ui.screens.assessment import AssessmentScreen

MARGARET = person_id("harbourline-cn", "coo")


def all_accounts(ctx: Context) -> list[str]:
    return [a.id for a in store_accounts.accounts(ctx.db, include_archived=True)]


def test_the_latest_snapshot_is_the_plans_latest(ctx):
    for account in all_accounts(ctx):
        assert store_assessments.latest(ctx.db, account) == store_accounts.plan(ctx.db, account).latest


def test_an_account_never_assessed_has_no_latest_snapshot(ctx):
    with ctx.write() as tx:
        tx.insert(new := Account(name="Never assessed"))
    assert store_assessments.latest(ctx.db, new.id) is None
    s = AssessmentSession.start(ctx, new.id)
    assert s.previous is None and s.data.people == [] and s.data.departments == []
    assert s.org_result() is None


def test_the_chain_is_the_plans_active_people_with_a_role_or_a_rating(ctx):
    for account in all_accounts(ctx):
        plan = store_accounts.plan(ctx.db, account)
        rated = {r.person_id for r in plan.latest.people} if plan.latest else set()
        chain = store_people.chain_rows(ctx.db, account, rated)
        expected = [p for p in plan.people if chain_member(p, rated)]
        assert [c.id for c in chain] == [p.id for p in expected]
        for c, p in zip(chain, expected):
            for name in c._fields:
                assert getattr(c, name) == getattr(p, name), name


def test_the_chain_takes_a_rated_person_without_a_role_and_leaves_out_the_archived(ctx):
    plan = store_accounts.plan(ctx.db, BANK)
    margaret = table_for(Person).get(ctx.db, MARGARET)
    people_service.edit_person(ctx, margaret, {"role": None})
    rated = {r.person_id for r in plan.latest.people}
    assert MARGARET in rated
    assert MARGARET in {c.id for c in store_people.chain_rows(ctx.db, BANK, rated)}
    assert MARGARET not in {c.id for c in store_people.chain_rows(ctx.db, BANK, set())}
    people_service.archive_person(ctx, table_for(Person).get(ctx.db, MARGARET))
    assert MARGARET not in {c.id for c in store_people.chain_rows(ctx.db, BANK, rated)}


def test_person_names_are_every_persons_name(ctx):
    for account in all_accounts(ctx):
        plan = store_accounts.plan(ctx.db, account)
        assert store_people.person_names(ctx.db, account) == {p.id: p.name for p in plan.people}


def test_a_session_starts_from_the_same_work_as_the_whole_plan(ctx):
    for account in all_accounts(ctx):
        s = AssessmentSession.start(ctx, account)
        expected = fresh_draft(ctx, store_accounts.plan(ctx.db, account))
        assert s.data == expected and s.base == expected
        assert s.data.people is not s.base.people
        assert s.org_result() == s.figures().org
        assert s.department_names() == {d.id: d.name for d in store_accounts.plan(ctx.db, account).departments}


def test_starting_and_the_first_step_never_read_the_whole_plan(ctx, monkeypatch):
    def no_plan(*args, **kwargs):
        raise AssertionError("the whole plan was read")

    monkeypatch.setattr(store_accounts, "plan", no_plan)
    s = AssessmentSession.start(ctx, BANK)
    s.set_org(OrgDimension.alliance, 4)
    s.tick(next(iter(s.draft.evidence)), False)
    assert s.org_result() is not None and s.problems(0) == [] and s.problems(3) == []
    assert s.person(MARGARET).name == "Margaret Lin"  # the chain came with the start
    s.keep_draft()  # (saving refreshes the account summary, which reads the plan: not here)


def test_the_merge_base_is_the_people_as_they_were_when_the_session_started(ctx):
    """Someone edits a person before this session first shows its people: still a conflict."""
    s = AssessmentSession.start(ctx, BANK)
    bob = Context(ctx.ws, today=ctx.today, user="bob")
    people_service.edit_person(bob, table_for(Person).get(ctx.db, MARGARET), {"attitude": Attitude.threat})
    row = next(i for i, e in enumerate(s.data.people) if e.person_id == MARGARET)
    assert s.data.people[row].attitude == Attitude.accepting
    s.update_person(row, attitude=Attitude.advocate)
    with pytest.raises(ChangedMeanwhile):
        s.save()


def test_a_person_added_in_the_session_is_found_and_kept_through_a_discard(ctx):
    s = AssessmentSession.start(ctx, BANK)
    new = people_service.add_person(ctx, {"account_id": BANK, "name": "Nina Park", "role": ChainRole.influencer})
    row = s.add_person(new)
    assert s.person(new.id).name == "Nina Park" and s.data.people[row].person_id == new.id
    assert {m.person for m in s.moves()} >= {"Margaret Lin"}
    s.discard()
    assert new.id in {e.person_id for e in s.data.people}


async def test_opening_the_wizard_reads_no_plan_until_the_review(demo_ws, monkeypatch):
    reads = []
    original = store_accounts.plan
    monkeypatch.setattr(store_accounts, "plan", lambda db, account_id: reads.append(account_id) or original(db, account_id))
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AssessmentScreen(BANK))
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#step-0") and not screen.query("#step-1")
        assert reads == []
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert screen.query_one("#step-1") and reads == []
        await pilot.press("ctrl+right", "ctrl+right")
        await pilot.pause()
        assert screen.current == 3 and reads == [BANK]


async def test_an_account_that_is_gone_shows_why_and_no_step(demo_ws):
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AssessmentScreen("no-such-account"))
        await pilot.pause()
        screen = app.screen
        assert screen.session is None and not screen.query(".step")
        assert "no-such-account" in str(screen.query_one("#assess-loading").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
