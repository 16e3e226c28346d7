"""The team screen's keys (Pilot) and snapshots at 80×24 and 120×36 in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from kamtui.domain.enums import Tier
from kamtui.domain.team import Period
from kamtui.services import team
from kamtui.ui.app import make_app

from teamview_seed import seed

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def seeded_ws(ws):
    seed(ws)
    return ws


def _app(ws, lang="en"):
    return make_app(ws, today=TODAY, lang=lang, user="tester")


async def settle(pilot) -> None:
    """Keys, then the team figures read off the UI thread, then their paint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _rows(screen) -> list[str]:
    return [row[1] for row in screen.table.rows]


async def test_5_opens_the_team_by_owner_and_enter_goes_down_to_an_account(seeded_ws):
    app = _app(seeded_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "TeamScreen"
        assert _rows(screen) == ["Ann", "Bob", "(no owner)", "Whole team"]
        text = str(screen.query_one("#team-text").render())
        assert text.startswith("Ann: ")  # the figures of the highlighted row, every one of them
        ann = next(g for g in screen.report.groups if g.key == "Ann")
        assert f"red flags opened {ann.flags_opened}, cleared {ann.flags_cleared}" in text
        await pilot.press("G")  # the whole team's
        await pilot.pause()
        text = str(screen.query_one("#team-text").render())
        assert text.startswith("Whole team: ")
        assert "Up: Climber" in text and "First assessed: Fresh" in text and "on time 33%" in text
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("enter")  # Ann's accounts
        await settle(pilot)
        assert type(app.screen).__name__ == "TeamAccountsScreen"
        assert _rows(app.screen) == ["Fresh", "Rising"]
        await pilot.press("down", "enter")  # Rising opens
        await settle(pilot)
        assert type(app.screen).__name__ == "AccountOverviewScreen"
        assert app.selected_account_id == app.screen.account_id
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "TeamScreen"
        await pilot.press("5")  # already there: nothing new pushed
        await settle(pilot)
        assert len(app.screen_stack) == 2


async def test_b_groups_by_tier_then_level_then_owner(seeded_ws):
    app = _app(seeded_ws, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert _rows(app.screen) == ["战略", "重点", "一般", "全团队"]
        await pilot.press("b")
        await settle(pilot)
        assert _rows(app.screen) == ["供应商", "战略级供应商", "（未评估）", "全团队"]
        await pilot.press("b")
        await settle(pilot)
        assert _rows(app.screen)[0] == "Ann"


async def test_p_picks_any_two_dates(seeded_ws):
    app = _app(seeded_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        await pilot.press("p")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#field-start").value = "2026-03-31"  # given in either order
        dialog.query_one("#field-end").value = "2026-01-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.period == Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
        assert screen.report.total.levels_end == {None: 4}


async def test_palette_lists_the_team_view(seeded_ws):
    app = _app(seeded_ws, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "团队：视图" in titles


async def test_user_data_is_never_markup(seeded_ws):
    app = _app(seeded_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("b")  # by tier: Standard holds "Orphan [b]x[/b]"
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert _rows(app.screen) == ["Orphan [b]x[/b]"]


SIZES = [(80, 24), (120, 36)]


async def _team(pilot) -> None:
    await pilot.pause()
    await pilot.press("5")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.3)  # the charts draw once they know their size


async def _accounts(pilot) -> None:
    await _team(pilot)
    await pilot.press("enter", "down")
    await pilot.pause(0.3)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_team_snapshot(snap_compare, seeded_ws, size, lang):
    assert snap_compare(_app(seeded_ws, lang), terminal_size=size, run_before=_team)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_team_accounts_snapshot(snap_compare, seeded_ws, size, lang):
    assert snap_compare(_app(seeded_ws, lang), terminal_size=size, run_before=_accounts)


async def test_tiers_are_written_in_the_settings_and_name_the_groups(seeded_ws):
    from kamtui.ui.screens.settings import SettingsScreen

    app = _app(seeded_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(SettingsScreen())
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#field-strategic__label").value = "A"
        dialog.query_one("#field-strategic__criteria").text = "Revenue over 10M, an executive sponsor"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        row = seeded_ws.db.execute("SELECT label, criteria FROM tier_criteria WHERE tier = 'strategic'").fetchone()
        assert tuple(row) == ("A", "Revenue over 10M, an executive sponsor")
        app.pop_screen()
        await pilot.press("5", "b")
        await settle(pilot)
        assert _rows(app.screen)[0] == "A · Strategic"


async def test_T_shows_one_tier_on_the_team_screen_and_the_portfolio(seeded_ws):
    app = _app(seeded_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        portfolio = app.screen
        while not portfolio._loaded:
            await pilot.pause(0.01)  # noqa
        await pilot.press("T")  # strategic
        await settle(pilot)
        assert sorted(r.name for r in portfolio.shown_rows) == ["Climber", "Rising"]
        await pilot.press("T", "T", "T")  # key, standard, all again
        await settle(pilot)
        assert len(portfolio.shown_rows) == 4
        await pilot.press("5", "T", "T")  # key
        await settle(pilot)
        assert app.screen.tier == Tier.key and app.screen.report.total.accounts == 1  # the screen reads groups only
        assert [a.name for a in team.report(app.ctx, tier=Tier.key).accounts] == ["Fresh"]
        assert "tier Key" in str(app.screen.query_one("#team-title").render())


async def test_reopening_shows_what_was_read_until_anyone_writes(seeded_ws):
    """The team screen's figures are kept while nothing is written (by this app or another
    connection) and for the same day and choices; any write makes the next open read again."""
    from kamtui.store import Workspace
    from kamtui.store import accounts as store_accounts

    app = _app(seeded_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        first = app.screen.report
        await pilot.press("escape", "5")
        await settle(pilot)
        assert app.screen.report is first  # nothing written: not read again
        await pilot.press("b")  # another grouping: read
        await settle(pilot)
        assert app.screen.report is not first and app.screen.report.by == "tier"
        await pilot.press("escape")
        ids = [r[0] for r in seeded_ws.db.execute("SELECT id FROM account WHERE archived = 0 ORDER BY name")]
        with app.ctx.write() as tx:  # this app's own write
            tx.update(store_accounts.plan(seeded_ws.db, ids[0]).account.model_copy(update={"archived": True}))
        await pilot.press("5")
        await settle(pilot)
        second = app.screen.report
        assert second is not first and second.total.accounts == first.total.accounts - 1
        await pilot.press("escape")
        other = Workspace.open(seeded_ws.path)  # another connection's write
        try:
            from kamtui.store.writes import write

            with write(other, who="someone") as tx:
                tx.update(store_accounts.plan(other.db, ids[1]).account.model_copy(update={"archived": True}))
        finally:
            other.close()
        await pilot.press("5")
        await settle(pilot)
        assert app.screen.report.total.accounts == first.total.accounts - 2


def test_the_kept_overview_is_for_one_day(seeded_ws):
    from kamtui.services.context import Context

    ctx = Context(seeded_ws, today=TODAY, user="tester")
    cache = team.OverviewCache()
    stamp = cache.stamp(ctx, "owner", None, None)
    cache.put(stamp, team.overview(ctx))
    assert cache.get(cache.stamp(ctx, "owner", None, None)) is not None
    tomorrow = Context(seeded_ws, today=TODAY + dt.timedelta(days=1), user="tester")
    assert cache.get(cache.stamp(tomorrow, "owner", None, None)) is None
    assert cache.get(cache.stamp(ctx, "owner", None, Tier.key)) is None
