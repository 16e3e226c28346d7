"""Snapshots of the planner list, the month timeline, my agenda and the activity form, at 80×24
and 120×36, in English and Chinese (demo data, today 2026-11-26, user "demo")."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from kamtui.store import accounts as store_accounts
from kamtui.store import activities as store_activities

SIZES = [(80, 24), (120, 36)]
LANGS = ["en", "zh"]


def _account(ws, short: str) -> str:
    return next(a.id for a in store_accounts.accounts(ws.db) if a.short_name == short)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", ["list", "timeline"])
def test_planner(snap_compare, demo_ws, make, view, lang, size):
    from kamtui.ui.screens.planner import PlannerScreen

    account = _account(demo_ws, "华信移动上海")

    async def run_before(pilot):
        await pilot.app.push_screen(PlannerScreen(account))
        await pilot.pause()
        if view == "timeline":
            await pilot.press("v")
        await pilot.press("down", "down")  # onto the overdue, approval-needed dinner
        await pilot.pause()

    assert snap_compare(make(demo_ws, lang=lang, user="demo"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_agenda(snap_compare, demo_ws, make, lang, size):
    from kamtui.ui.screens.agenda import AgendaScreen

    async def run_before(pilot):
        await pilot.app.push_screen(AgendaScreen(weeks=12))
        await pilot.pause()

    assert snap_compare(make(demo_ws, lang=lang, user="sarah"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_activity_form(snap_compare, demo_ws, make, lang):
    from kamtui.ui.screens.planner import PlannerScreen

    account = _account(demo_ws, "Harbourline")

    async def run_before(pilot):
        await pilot.app.push_screen(PlannerScreen(account))
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await pilot.press(*("gift" if lang == "en" else "礼物"), "enter")
        await pilot.pause()

    assert snap_compare(make(demo_ws, lang=lang, user="demo"), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_suggestions(snap_compare, demo_ws, make, lang, size):
    """The suggested activities with the focus: one why-line each, the highlighted one's detail."""
    from kamtui.ui.screens.planner import PlannerScreen

    account = _account(demo_ws, "Harbourline")

    async def run_before(pilot):
        await pilot.app.push_screen(PlannerScreen(account))
        await pilot.pause()
        await pilot.press("s", "down")  # onto the organization's suggestion
        await pilot.pause()

    assert snap_compare(make(demo_ws, lang=lang, user="demo"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_completion(snap_compare, demo_ws, make, lang, size):
    """Marking the company visit done: the outcome and its two people's attitude and needs level."""
    from kamtui.ui.screens.planner import PlannerScreen

    account = _account(demo_ws, "Harbourline")
    visit = next(a for a in store_activities.activities(demo_ws.db, account) if a.type.value == "company_visit")

    async def run_before(pilot):
        screen = PlannerScreen(account)
        await pilot.app.push_screen(screen)
        await pilot.pause()
        screen.table.move_to(visit.id)
        await pilot.press("space")  # in progress
        await pilot.pause()
        await pilot.press("space")  # done: what came out of it, and what moved
        await pilot.pause()
        pilot.app.screen.query_one("#field-outcome").cursor_blink = False

    assert snap_compare(make(demo_ws, lang=lang, user="demo"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_history_after_rerating(snap_compare, demo_ws, make, lang, size):
    """The history once the business exchange was completed with a re-rating: its row names the
    activity, the diff says what it moved, when, and who recorded it."""
    import datetime as dt

    from kamtui.domain.enums import Indicator
    from kamtui.domain.rules.rerate import Rerating
    from kamtui.services.assessments import rerating
    from kamtui.services.context import Context
    from kamtui.ui.screens.assessment_history import AssessmentHistoryScreen

    account = _account(demo_ws, "Harbourline")
    ctx = Context(demo_ws, today=dt.date(2026, 11, 26), user="demo")
    exchange = next(a for a in store_activities.activities(demo_ws.db, account)
                    if a.type.value == "business_exchange" and a.status.is_open)
    o = rerating.offer(ctx, exchange)
    rerating.complete(ctx, o, "Tender calendar shared",
                      Rerating(indicators={(o.departments[0].department_id, Indicator.information_access): 2}))

    async def run_before(pilot):
        await pilot.app.push_screen(AssessmentHistoryScreen(account))
        await pilot.pause()

    assert snap_compare(make(demo_ws, lang=lang, user="demo"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_agenda_not_on_the_team(snap_compare, demo_ws, make, lang, size):
    """The user is not on the team: the agenda offers m (issue 15.6)."""
    from kamtui.ui.screens.agenda import AgendaScreen

    async def run_before(pilot):
        await pilot.app.push_screen(AgendaScreen())
        await pilot.pause()

    assert snap_compare(make(demo_ws, lang=lang, user="tester"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_activity_form_dates_and_suggestion(snap_compare, demo_ws, make, lang, size):
    """The empty date says so; the suggested short board is marked; the focus shows (issue 15.4)."""
    from kamtui.ui.screens.planner import PlannerScreen

    account = _account(demo_ws, "Harbourline")

    async def run_before(pilot):
        await pilot.app.push_screen(PlannerScreen(account))
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await pilot.press(*("gift" if lang == "en" else "礼物"), "enter")
        await pilot.pause()
        pilot.app.screen.query_one("#field-planned_on").focus()
        await pilot.pause()

    assert snap_compare(make(demo_ws, lang=lang, user="demo"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_planner_with_an_undated_activity(snap_compare, demo_ws, make, size):
    """An open activity without a date is flagged ? in the list and above it (issue 15.4)."""
    from kamtui.domain.catalogue import ActivityType
    from kamtui.services import activities
    from kamtui.services.context import Context
    from kamtui.ui.screens.planner import PlannerScreen

    from planner_helpers import TODAY

    account = _account(demo_ws, "Harbourline")
    activities.create(Context(demo_ws, today=TODAY, user="demo"),
                      {"account_id": account, "type": ActivityType.training, "scope": "organization",
                       "objective": "a date to find"})

    async def run_before(pilot):
        await pilot.app.push_screen(PlannerScreen(account))
        await pilot.pause()

    assert snap_compare(make(demo_ws, user="demo"), terminal_size=size, run_before=run_before)
