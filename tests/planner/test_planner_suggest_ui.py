"""The suggested activities on screen (issue 15.2): one why-line each within 80 columns, the
detail on demand, and `enter` opening the activity form filled in from the suggestion."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import Input, Select, TextArea

from kamtui.domain.enums import Layer, Scope
from kamtui.domain.rules.suggest import Reason
from kamtui.services import activities
from kamtui.ui.screens.activity_forms import ActivityFormDialog
from kamtui.ui.widgets import suggestion_text
from kamtui.ui.widgets.suggestion_list import SuggestionList
from kamtui.store import activities as store_activities
from planner_helpers import open_planner, static_text, suggestion_lines


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_why_line_fits_80_columns(ctx, accounts, lang):
    seen = 0
    for account_id in accounts.values():
        plan = activities.load(ctx, account_id)
        names = suggestion_text.Names({i: p.name for i, p in plan.people.items()},
                                      {d.id: d.name for d in plan.departments})
        for s in plan.suggestions():
            line = suggestion_text.why_line(s, names, lang)
            assert cell_len(line) <= suggestion_text.WIDTH, line
            assert line.strip() and "\n" not in line
            assert suggestion_text.detail(s, names, lang, plan.next_step.org.level)  # on demand
            seen += 1
    assert seen >= 8


async def test_enter_on_a_suggestion_opens_the_form_filled_in(demo_ws, make, ctx, accounts):
    bank = accounts["Harbourline"]
    plan = activities.load(ctx, bank)
    first = plan.suggestions()[0]
    assert first.reason == Reason.key_threat and first.scope == Scope.point  # ⚑ Daniel Ng first
    names = suggestion_text.Names({i: p.name for i, p in plan.people.items()}, {})
    prefill = suggestion_text.Prefill.of(first, names, "en")
    before = {a.id for a in store_activities.activities(ctx.db, bank)}
    app = make(demo_ws, user="demo")
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, bank)
        await pilot.press("s")
        await pilot.pause()
        box = planner.query_one(SuggestionList)
        assert box.has_focus and box.current == first
        assert "Daniel Ng" in static_text(app, "#planner-detail")  # the detail of the highlighted one
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActivityFormDialog)
        assert form.kind == first.type
        assert form.query_one("#field-scope", Select).value == Scope.point
        assert form.query_one("#field-layer", Select).value == Layer.key
        assert form.chosen == list(first.person_ids)
        assert form.query_one("#field-objective", TextArea).text == prefill.objective
        # the gap it addresses, not the layer's short board the layer select would put there
        assert form.query_one("#field-short_board", Input).value == prefill.short_board
        assert form.query_one("#field-planned_on", Input).value == first.planned_on.isoformat()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is planner and planner.table.has_focus
        assert not any("Daniel Ng" in line and "⚑" in line for line in suggestion_lines(app))
    made = [a for a in store_activities.activities(ctx.db, bank) if a.id not in before]
    assert len(made) == 1
    a = made[0]
    assert (a.type, a.scope, a.layer, a.target_person_ids) == (first.type, Scope.point, Layer.key,
                                                              list(first.person_ids))
    assert (a.objective, a.short_board, a.planned_on) == (prefill.objective, prefill.short_board, first.planned_on)


async def test_escape_leaves_the_suggestions_and_s_needs_some(demo_ws, make, ctx, accounts):
    app = make(demo_ws, user="demo")
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, accounts["Harbourline"])
        await pilot.press("s")
        await pilot.pause()
        assert planner.query_one(SuggestionList).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is planner and planner.table.has_focus
        assert planner.check_action("suggestions", ()) is True
        assert any(k == "s" for k in planner.active_bindings)  # listed by ? and the footer's keys
