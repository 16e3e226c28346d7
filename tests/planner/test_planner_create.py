"""Planning activities of each scope through the form, and the target picker that follows the scope."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, OptionList, Select, SelectionList

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import ActivityStatus, Layer, Scope
from kamtui.services import activities
from kamtui.store import activities as store_activities
from kamtui.store import people as store_people
from kamtui.ui.screens.activity_form_pickers import type_matches
from kamtui.ui.screens.activity_forms import ActivityFormDialog
from kamtui.store.tables import table_for
from planner_helpers import open_planner, static_text, suggestion_lines, table_rows


def new_ids(ctx, account_id, before):
    return [a for a in store_activities.activities(ctx.db, account_id) if a.id not in before]


async def open_form(app, pilot, account_id):
    screen = await open_planner(app, pilot, account_id)
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, ActivityFormDialog)
    return screen, app.screen


def test_type_search_matches_both_languages():
    assert type_matches("gift") == [ActivityType.gift]
    assert type_matches("礼物") == [ActivityType.gift]
    assert ActivityType.cxo_visit in type_matches("高层")
    assert ActivityType.exec_workshop in type_matches("WORKSHOP")
    assert len(type_matches("")) == len(ActivityType)


async def test_point_activity_with_people(demo_ws, make, ctx, accounts):
    bank = accounts["Harbourline"]
    before = {a.id for a in store_activities.activities(ctx.db, bank)}
    app = make(demo_ws, user="demo")
    async with app.run_test(size=(80, 24)) as pilot:
        planner, form = await open_form(app, pilot, bank)
        await pilot.press(*"gift", "enter")
        await pilot.pause()
        assert form.kind == ActivityType.gift
        assert form.query_one("#field-scope", Select).value == Scope.point
        assert form.query_one("#field-layer", Select).value == Layer.key
        assert form.query_one("#targets-people").display
        assert not form.query_one("#field-line").display
        # the key layer's current short board is suggested
        assert form.query_one("#field-short_board", Input).value.startswith("Daniel Ng")
        form.query_one("#people-search", Input).value = "Kevin"
        await pilot.pause()
        people = form.query_one("#people-list", SelectionList)
        people.focus()
        await pilot.press("space")
        await pilot.pause()
        assert "Kevin Wu" in static_text(app, "#people-chosen")
        form.query_one("#field-planned_on", Input).value = "2026-12-18"
        form.query_one("#field-cost", Input).value = "300"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is planner
        [made] = new_ids(ctx, bank, before)
        assert made.type == ActivityType.gift and made.scope == Scope.point and made.layer == Layer.key
        assert [ctx.ws.db.execute("SELECT name FROM person WHERE id = ?", [p]).fetchone()[0]
                for p in made.target_person_ids] == ["Kevin Wu"]
        assert made.planned_on == dt.date(2026, 12, 18) and made.cost == 300.0 and made.currency == "CNY"
        assert made.status == ActivityStatus.planned and made.needs_level == 1
        assert made.owner_id == activities.member_for_user(ctx).id  # the acting user owns it
        assert planner.current_id == made.id
        assert any("Gift" in r and "Kevin Wu" in r for r in table_rows(planner.table))


async def test_line_activity_typed_in_chinese(demo_ws, make, ctx, accounts):
    auto = accounts["Rheinwerk"]
    purchasing = next(d for d in store_people.departments(ctx.db, auto) if d.name == "Purchasing")
    before = {a.id for a in store_activities.activities(ctx.db, auto)}
    app = make(demo_ws, lang="zh", user="demo")
    async with app.run_test(size=(80, 24)) as pilot:
        planner, form = await open_form(app, pilot, auto)
        await pilot.press(*"业务交流")
        await pilot.pause()
        options = form.query_one("#type-list", OptionList)
        assert options.option_count == 1 and options.get_option_at_index(0).id == "business_exchange"
        await pilot.press("enter")
        await pilot.pause()
        assert form.query_one("#field-scope", Select).value == Scope.line
        assert form.query_one("#field-line").display and not form.query_one("#targets-people").display
        assert "建议" in static_text(app, "#board-hint")  # the suggestion is in the field, marked as one
        assert "Purchasing" in form.query_one("#field-short_board", Input).value
        assert form.query_one("#field-short_board", Input).has_class("-suggested")
        form.query_one("#field-line", Select).value = f"dept:{purchasing.id}"
        form.query_one("#field-planned_on", Input).value = "2026-12-09"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is planner
        [made] = new_ids(ctx, auto, before)
        assert made.scope == Scope.line and made.target_department_id == purchasing.id
        assert made.target_business_line == purchasing.business_line
        assert made.short_board == "Purchasing：负面事件不扩散"
        # the extensive short board is now addressed: its suggestion is gone
        assert not any(s.layer == Layer.extensive for s in planner.planner.suggestions())
        assert not any("Purchasing" in line for line in suggestion_lines(app))


@pytest.mark.parametrize("term, scope", [("training", Scope.surface), ("cxo", Scope.organization)])
async def test_whole_account_scopes(demo_ws, make, ctx, accounts, term, scope):
    grid = accounts["江淮电网江苏"]
    before = {a.id for a in store_activities.activities(ctx.db, grid)}
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        planner, form = await open_form(app, pilot, grid)
        await pilot.press(*term, "enter")
        await pilot.pause()
        assert form.query_one("#field-scope", Select).value == scope
        assert form.query_one("#targets-whole").display
        assert not form.query_one("#targets-people").display and not form.query_one("#field-line").display
        assert "江淮电网江苏省电力有限公司" in static_text(app, "#targets-whole")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [made] = new_ids(ctx, grid, before)
        assert made.scope == scope and made.target_person_ids == [] and made.target_department_id is None
        assert made.planned_on is None
        assert "no date" in " ".join(table_rows(planner.table))


async def test_target_picker_follows_a_changed_scope(demo_ws, make, accounts):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        _, form = await open_form(app, pilot, accounts["Harbourline"])
        await pilot.press(*"gift", "enter")
        await pilot.pause()
        shown = lambda: [w for w in ("#targets-people", "#field-line", "#targets-whole")  # noqa: E731
                         if form.query_one(w).display]
        assert shown() == ["#targets-people"]
        for scope, expected in ((Scope.line, "#field-line"), (Scope.surface, "#targets-whole"),
                                (Scope.organization, "#targets-whole"), (Scope.point, "#targets-people")):
            form.query_one("#field-scope", Select).value = scope
            await pilot.pause()
            assert shown() == [expected]


async def test_missing_type_and_targets_are_named(demo_ws, make, ctx, accounts):
    bank = accounts["Harbourline"]
    count = len(store_activities.activities(ctx.db, bank))
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        _, form = await open_form(app, pilot, bank)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form.query_one("#row-type").has_class("-invalid")
        assert "请从列表中选择类型" in static_text(app, "#error-type")
        assert form.query_one("#row-targets").has_class("-invalid")  # point: nobody chosen
        assert "至少选择一人" in static_text(app, "#error-targets")
        form.query_one("#field-planned_on", Input).value = "next week"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form.query_one("#row-planned_on").has_class("-invalid")
        assert app.screen is form
    assert len(store_activities.activities(ctx.db, bank)) == count


async def test_escape_on_a_changed_form_asks_first(demo_ws, make, accounts):
    from kamtui.ui.screens.confirm import ConfirmDialog

    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        planner, form = await open_form(app, pilot, accounts["Harbourline"])
        await pilot.press(*"gift", "enter")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is planner


async def test_edit_keeps_what_is_not_touched(demo_ws, make, ctx, accounts):
    from planner_helpers import find, select

    bank = accounts["Harbourline"]
    hq = find(ctx, bank, "Shenzhen HQ")
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, bank)
        select(planner, hq.id)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActivityFormDialog) and form.kind == ActivityType.company_visit
        assert len(form.chosen) == 2
        form.query_one("#field-planned_on", Input).value = "2027-01-19"
        await pilot.press("ctrl+s")
        await pilot.pause()
    after = table_for(type(hq)).get(ctx.db, hq.id)
    assert after.planned_on == dt.date(2027, 1, 19)
    assert after.target_person_ids == hq.target_person_ids and after.objective == hq.objective
    assert after.version == hq.version + 1
