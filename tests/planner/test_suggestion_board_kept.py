"""A suggestion's own gap stays the activity's short board (walk-through defect: the layer
select's late Changed events replaced "Communication 3 → 4" with the layer's short board, so
completing the activity offered to re-rate the wrong dimension)."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from kamtui.domain.rules.rerate import addressed
from kamtui.services import activities
from kamtui.store import activities as store_activities
from kamtui.ui.widgets import suggestion_text
from kamtui.ui.widgets.suggestion_list import SuggestionList
from planner_helpers import open_planner


async def test_every_suggestion_saves_the_gap_it_names_and_completing_addresses_it(demo_ws, make, ctx, accounts):
    bank = accounts["Harbourline"]
    plan = activities.load(ctx, bank)
    suggestions = plan.suggestions()
    assert {s.reason.name for s in suggestions} >= {"key_threat", "org_rise", "org_evidence"}
    names = suggestion_text.Names({i: p.name for i, p in plan.people.items()},
                                  {d.id: d.name for d in plan.departments})
    departments = {d.id: d.name for d in plan.departments}
    app = make(demo_ws, user="demo")
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, bank)
        for s in suggestions:
            before = {a.id for a in store_activities.activities(ctx.db, bank)}
            await pilot.press("s")
            await pilot.pause()
            box = planner.query_one(SuggestionList)
            box.highlighted = box.suggestions.index(s)  # still offered: none of the others plans it
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            want = suggestion_text.Prefill.of(s, names, "en").short_board
            board = app.screen.query_one("#field-short_board", Input)
            assert board.value == want, s.reason
            assert board.cursor_position == 0 and board.scroll_x == 0  # its start in sight, not its tail
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is planner
            made = [a for a in store_activities.activities(ctx.db, bank) if a.id not in before]
            assert len(made) == 1 and made[0].short_board == want
            aim = addressed(made[0], departments)
            if s.dimension is not None:
                assert aim.dimensions == (s.dimension,), (want, aim)
            if s.evidence is not None:
                assert s.evidence in aim.evidence, (want, aim)
            if s.person_ids:
                assert aim.person_ids == tuple(s.person_ids)


async def test_a_suggested_objective_is_selected_and_typing_replaces_it(demo_ws, make, accounts):
    from kamtui.ui.widgets.suggested_input import SuggestedTextArea

    app = make(demo_ws, user="demo")
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, accounts["Harbourline"])
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        goal = app.screen.query_one("#field-objective", SuggestedTextArea)
        suggested = goal.text
        assert suggested.startswith("Move Daniel Ng") and goal.untouched
        goal.focus()
        await pilot.pause()
        assert goal.selected_text == suggested  # shown selected: what typing will replace
        await pilot.press(*"XYZ")
        await pilot.pause()
        assert goal.text == "XYZ" and not goal.untouched  # replaced, then typed on as usual
        goal.text = suggested  # the suggestion again: a paste replaces it too
        goal.move_cursor((0, 4))
        await pilot.pause()
        app.post_message(events.Paste("from the clipboard"))  # as the terminal sends it
        await pilot.pause()
        assert goal.text == "from the clipboard"
