"""Snapshots of the planner list, the month timeline, my agenda and the activity form, at 80×24
and 120×36, in English and Chinese (demo data, today 2026-11-26, user "demo")."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from kamtui.store import accounts as store_accounts

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
