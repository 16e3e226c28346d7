"""`/` in the planner: type-ahead to the activities matching what is typed, in the list and the
timeline; escape goes back to where the search started; j/k/g/G and y work on its rows."""

from __future__ import annotations

from kamtui.ui.widgets.search_bar import SearchBar
from planner_helpers import find, open_planner, screen_text


async def test_slash_moves_to_the_matching_activity_and_escape_goes_back(demo_ws, make, ctx, accounts):
    bank = accounts["Harbourline"]
    visit = find(ctx, bank, "Shenzhen HQ")
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        planner = await open_planner(app, pilot, bank)
        start = planner.current_id
        assert start != visit.id
        await pilot.press("slash", *"shenzhen")
        await pilot.pause()
        assert planner.current_id == visit.id
        assert "1/1" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert planner.current_id == start and app.screen is planner
        assert not planner.query_one(SearchBar).is_open
        await pilot.press("slash", *"zzzz-nothing")
        await pilot.pause()
        assert "no match" in screen_text(app) and planner.current_id == start
        await pilot.press("escape")
        await pilot.press("v")  # the month timeline: the same search
        await pilot.pause()
        await pilot.press("slash", *"shenzhen", "enter")
        await pilot.pause()
        assert planner.current_id == visit.id and app.focused is planner.table


async def test_j_k_G_g_and_y_on_the_planner_list(demo_ws, make, accounts):
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        planner = await open_planner(app, pilot, accounts["Harbourline"])
        table = planner.table
        first = table.cursor
        await pilot.press("j")
        assert table.cursor > first
        await pilot.press("G")
        assert table.cursor == len(table.rows) - 1
        await pilot.press("g")
        assert table.cursor == 0
        await pilot.press("k")
        assert table.cursor == 0
        await pilot.press("G", "y")
        await pilot.pause()
        current = planner.current
        assert current is not None and current.type.label("en") in app.clipboard
