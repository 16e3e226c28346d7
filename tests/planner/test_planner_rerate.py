"""Completing an activity with a quick re-rating of what it addressed (issue 15.3): the partial
assessment it stores, the figures that follow at once, and the history that names the activity."""

from __future__ import annotations

import pytest
from textual.widgets import Select, TextArea

from kamtui.domain.enums import ActivityStatus, Attitude, Indicator
from kamtui.domain.rules.rerate import Rerating
from kamtui.errors import InputError
from kamtui.services import accounts as accounts_service, assessments
from kamtui.services import overview as overview_service
from kamtui.services.assessments import rerating
from kamtui.ui.screens.form import FormDialog
from kamtui.store import assessments as store_assessments
from kamtui.store import activities as store_activities
from kamtui.store import accounts as store_accounts
from planner_helpers import activity, open_planner, select

TODAY_ISO = "2026-11-26"


def exchange(ctx, accounts_):
    """Harbourline's overdue business exchange with Information Security (the short board)."""
    return next(a for a in store_activities.activities(ctx.db, accounts_["Harbourline"])
                if a.type.value == "business_exchange" and a.status.is_open)


def visit(ctx, accounts_):
    """Harbourline's planned company visit with Margaret Lin and Helen Zhou."""
    return next(a for a in store_activities.activities(ctx.db, accounts_["Harbourline"])
                if a.type.value == "company_visit" and a.status.is_open)


def test_the_offer_is_what_the_activity_addressed_at_its_value_now(ctx, accounts):
    o = rerating.offer(ctx, exchange(ctx, accounts))
    assert [d.name for d in o.departments] == ["Information Security"]
    assert o.departments[0].ratings == {Indicator.information_access: 1}
    assert not (o.people or o.org or o.evidence)
    people = rerating.offer(ctx, visit(ctx, accounts)).people
    assert {p.name for p in people} == {"Margaret Lin", "Helen Zhou"}
    recorded = {p.id: p.attitude for p in store_accounts.plan(ctx.db, accounts["Harbourline"]).people}
    assert all(p.attitude == recorded[p.person_id] for p in people)


def test_a_rerating_is_a_dated_partial_assessment_and_the_figures_follow(ctx, accounts):
    bank = accounts["Harbourline"]
    a = exchange(ctx, accounts)
    before = store_assessments.latest(ctx.db, bank)
    predicted = overview_service.overview(ctx, bank).next_step.extensive  # the short board one up
    assert predicted.department == "Information Security" and predicted.before == 1
    o = rerating.offer(ctx, a)
    r = Rerating(indicators={(predicted.department_id, Indicator.information_access): 2})
    done = rerating.complete(ctx, o, "They now send us the tender calendar", r)

    assert done.activity.status == ActivityStatus.done
    snap = store_assessments.latest(ctx.db, bank)
    assert snap.id == done.assessment.id != before.id
    assert snap.assessed_on.isoformat() == TODAY_ISO and snap.evidence_activity_id == a.id
    assert snap.recorded_by == "demo"
    # only the re-rated item differs from the snapshot before it
    moved = assessments.compare(before, snap, {}, {}, include_same=False, detail=True)
    assert [(m.kind, m.department_id, m.indicator, m.before, m.after) for m in moved] == [
        ("indicator", predicted.department_id, Indicator.information_access, 1, 2)]
    # the figures move at once, by what the next step said they would
    ext = next(m for m in done.moves if m.name == "extensive_index")
    assert round(ext.before, 1) == round(predicted.index_before, 1)
    assert round(ext.after, 1) == round(predicted.index_after, 1)
    row = next(r for r in accounts_service.portfolio(ctx) if r.id == bank)  # the cached figures
    assert round(row.state.extensive_index, 1) == round(predicted.index_after, 1)
    assert overview_service.overview(ctx, bank).latest.id == snap.id
    # the history names the activity, with before → after, who and when
    h = assessments.history(ctx, bank)
    assert h.entries[-1].activity.id == a.id
    step = h.diff(h.entries[-2].assessment.id, snap.id)
    assert [(m.before, m.after, m.by, m.on.isoformat(), m.activity_id) for m in step] == [
        (1, 2, "Demo User 演示用户", TODAY_ISO, a.id)]  # the member behind the login


def test_an_attitude_rerating_moves_the_person_and_the_key_index(ctx, accounts):
    bank = accounts["Harbourline"]
    o = rerating.offer(ctx, visit(ctx, accounts))
    helen = next(p for p in o.people if p.name == "Helen Zhou")
    up = {Attitude.threat: Attitude.commodity, Attitude.commodity: Attitude.accepting,
          Attitude.accepting: Attitude.advocate, Attitude.unknown: Attitude.accepting}[helen.attitude]
    key_before = overview_service.overview(ctx, bank).figures.key_index
    done = rerating.complete(ctx, o, "Helen joined the steering group", Rerating(attitudes={helen.person_id: up}))
    person = next(p for p in store_accounts.plan(ctx.db, bank).people if p.id == helen.person_id)
    assert person.attitude == up  # "now" and "as assessed" agree
    key_after = overview_service.overview(ctx, bank).figures.key_index
    assert key_after > key_before
    assert any(m.name == "key_index" and m.after == key_after for m in done.moves)


def test_nothing_rerated_stores_no_assessment(ctx, accounts):
    bank = accounts["Harbourline"]
    before = store_assessments.latest(ctx.db, bank)
    done = rerating.complete(ctx, rerating.offer(ctx, exchange(ctx, accounts)), "Nothing new", Rerating())
    assert done.assessment is None and done.activity.status == ActivityStatus.done
    assert store_assessments.latest(ctx.db, bank).id == before.id


def test_only_what_the_activity_addressed_can_be_rerated(ctx, accounts):
    a = exchange(ctx, accounts)
    o = rerating.offer(ctx, a)
    other = next(p for p in store_accounts.plan(ctx.db, accounts["Harbourline"]).people)
    with pytest.raises(InputError) as err:
        rerating.complete(ctx, o, "x", Rerating(attitudes={other.id: Attitude.advocate}))
    assert err.value.problems[0][0] == f"attitude_{other.id}"
    dept = o.departments[0].department_id
    with pytest.raises(InputError):
        rerating.complete(ctx, o, "x", Rerating(indicators={(dept, Indicator.information_access): 6}))
    assert activity(ctx, a.id).status == ActivityStatus.planned  # nothing written


@pytest.mark.parametrize("lang, words", [("en", ("Done: Business exchange", "Extensive index 40 → 4")),
                                         ("zh", ("已完成：业务交流", "普遍客户指数 40 → 4"))])
async def test_done_asks_for_the_outcome_and_offers_the_rerating(demo_ws, make, ctx, accounts, lang, words):
    bank = accounts["Harbourline"]
    a = exchange(ctx, accounts)
    app = make(demo_ws, lang=lang, user="demo")
    said: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, bank)
        app.notify = lambda message, **kw: said.append(str(message))  # type: ignore[method-assign]
        select(planner, a.id)
        await pilot.press("space")  # planned → in progress
        await pilot.pause()
        await pilot.press("space")  # → done: the outcome and the re-rating
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dept = rerating.offer(ctx, activity(ctx, a.id)).departments[0].department_id
        box = dialog.query_one(f"#field-indicator_{dept}_information_access", Select)
        assert box.value == 1  # starts from the value it has now
        dialog.query_one("#field-outcome", TextArea).text = "Tender calendar shared"
        box.value = 2
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is planner
    done = activity(ctx, a.id)
    assert done.status == ActivityStatus.done and done.outcome == "Tender calendar shared"
    assert store_assessments.latest(ctx.db, bank).evidence_activity_id == a.id
    assert any(all(w in s for w in words) for s in said), said


@pytest.mark.parametrize("lang, words", [("en", ("⟲ Business exchange", "assessment")),
                                         ("zh", ("⟲ 业务交流", "完整评估"))])
async def test_the_history_shows_which_activity_moved_which_figure(demo_ws, make, ctx, accounts, lang, words):
    from kamtui.ui.screens.assessment_history import AssessmentHistoryScreen, DiffGrid, HistoryGrid

    bank = accounts["Harbourline"]
    o = rerating.offer(ctx, exchange(ctx, accounts))
    dept = o.departments[0].department_id
    rerating.complete(ctx, o, "Tender calendar shared", Rerating(indicators={(dept, Indicator.information_access): 2}))
    app = make(demo_ws, lang=lang, user="demo")
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(AssessmentHistoryScreen(bank))
        await pilot.pause()
        grid = app.screen.query_one(HistoryGrid)
        rows = [grid.render_line(y).text for y in range(grid.size.height)]
        last = next(r for r in rows if TODAY_ISO in r)
        assert words[0] in last  # the "From" column names the activity
        assert words[1] in next(r for r in rows if "2026-09-08" in r)  # a full assessment says so
        diff = app.screen.query_one(DiffGrid)  # the last two dates are compared
        lines = [diff.render_line(y).text for y in range(diff.size.height)]
        moved = [x for x in lines[1:] if x.strip()]
        assert len(moved) == 1
        assert "Information Security" in moved[0] and "1" in moved[0] and "2" in moved[0]
        assert TODAY_ISO in moved[0] and "Demo User" in moved[0] and words[0] in moved[0]


async def test_at_80_columns_the_move_reads_in_full_under_the_grid(demo_ws, make, ctx, accounts):
    from kamtui.ui.screens.assessment_history import AssessmentHistoryScreen, DiffGrid

    bank = accounts["Harbourline"]
    o = rerating.offer(ctx, exchange(ctx, accounts))
    dept = o.departments[0].department_id
    rerating.complete(ctx, o, "Tender calendar shared", Rerating(indicators={(dept, Indicator.information_access): 2}))
    app = make(demo_ws, user="demo")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AssessmentHistoryScreen(bank))
        await pilot.pause()
        grid = app.screen.query_one(DiffGrid)
        assert [c.key for c in grid.columns] == ["what", "before", "dir", "after", "on"]
        move = app.screen.query_one("#history-move").render().plain
        assert "Information Security · Information access: 1 → 2 · 2026-11-26 · Demo User" in move
        assert "after ⟲ Business exchange" in move
