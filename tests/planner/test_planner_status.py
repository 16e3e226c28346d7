"""Status transitions, the approval gate, cancelling with a reason, archiving and restoring."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, TextArea

from kamtui.domain.enums import ActivityStatus
from kamtui.errors import InputError
from kamtui.services import activities
from kamtui.ui.screens.form import FormDialog
from planner_helpers import activity, find, open_planner, select, static_text, table_rows


async def test_space_walks_planned_in_progress_done(demo_ws, make, ctx, accounts):
    bank = accounts["Harbourline"]
    visit = find(ctx, bank, "Shenzhen HQ")  # planned, not regulated
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, bank)
        select(planner, visit.id)
        await pilot.press("space")
        await pilot.pause()
        assert activity(ctx, visit.id).status == ActivityStatus.in_progress
        assert "◐ In progress" in static_text(app, "#planner-detail")
        await pilot.press("space")  # done asks for the outcome
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        await pilot.press("ctrl+s")  # an empty outcome is refused
        await pilot.pause()
        assert app.screen is dialog and activity(ctx, visit.id).status == ActivityStatus.in_progress
        dialog.query_one("#field-outcome", TextArea).text = "CFO asked for a TCO comparison"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is planner
        done = activity(ctx, visit.id)
        assert done.status == ActivityStatus.done and done.outcome == "CFO asked for a TCO comparison"
        # a done activity does not advance any more: the key is disabled
        await pilot.press("space")
        await pilot.pause()
        assert app.screen is planner and activity(ctx, visit.id).version == done.version
        assert planner.check_action("advance", ()) is None


def test_service_transitions_refuse_what_the_method_does_not_allow(ctx, accounts):
    visit = find(ctx, accounts["Harbourline"], "Shenzhen HQ")
    with pytest.raises(InputError) as err:
        activities.complete(ctx, visit, "  ")
    assert err.value.problems[0][0] == "outcome"
    started = activities.advance(ctx, visit)
    assert started.status == ActivityStatus.in_progress
    with pytest.raises(InputError):
        activities.advance(ctx, started)  # done needs an outcome
    done = activities.advance(ctx, started, "met")
    assert done.status == ActivityStatus.done
    for verb in (lambda a: activities.advance(ctx, a, "x"), lambda a: activities.cancel(ctx, a, "x")):
        with pytest.raises(InputError):
            verb(done)


async def test_approval_gate(demo_ws, make, ctx, accounts):
    bank = accounts["Harbourline"]
    gift = find(ctx, bank, "Year-end gift")  # 1,500 CNY: over the 500 per-activity threshold
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        planner = await open_planner(app, pilot, bank)
        select(planner, gift.id)
        await pilot.pause()
        assert "$ approval needed" in static_text(app, "#planner-detail")
        assert any(r.startswith("$") and "approval needed" in r for r in table_rows(planner.table))
        await pilot.press("space")
        await pilot.pause()
        assert activity(ctx, gift.id).status == ActivityStatus.in_progress
        await pilot.press("space")  # no outcome dialog: the approval comes first
        await pilot.pause()
        assert app.screen is planner
        assert activity(ctx, gift.id).status == ActivityStatus.in_progress
        with pytest.raises(InputError) as err:
            activities.complete(ctx, activity(ctx, gift.id), "delivered")
        assert err.value.problems[0][0] == "approval"
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-approved_on", Input).value == "2026-11-26"
        dialog.query_one("#field-approver", Input).value = "刘洋 Liu Yang"
        await pilot.press("ctrl+s")
        await pilot.pause()
        approved = activity(ctx, gift.id)
        assert approved.approval is not None and approved.approval.approver == "刘洋 Liu Yang"
        assert approved.approval.approved_on == dt.date(2026, 11, 26) and approved.compliance_reviewed
        assert "approved by 刘洋 Liu Yang on 2026-11-26" in static_text(app, "#planner-detail")
        await pilot.press("space")
        await pilot.pause()
        app.screen.query_one("#field-outcome", TextArea).text = "Delivered with a thank-you card"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert activity(ctx, gift.id).status == ActivityStatus.done


async def test_approval_key_is_for_regulated_activities_only(demo_ws, make, ctx, accounts):
    bank = accounts["Harbourline"]
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, bank)
        select(planner, find(ctx, bank, "Shenzhen HQ").id)
        await pilot.pause()
        assert planner.check_action("approve", ()) is None
        select(planner, find(ctx, bank, "Dinner with Thomas Becker").id)
        await pilot.pause()
        assert planner.check_action("approve", ()) is True


async def test_cancel_with_a_reason(demo_ws, make, ctx, accounts):
    tel = accounts["华信移动上海"]
    contest = find(ctx, tel, "技能竞赛")
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, tel)
        select(planner, contest.id)
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog) and "技术竞赛" in static_text(app, "#form-title")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "必填" in static_text(app, "#error-reason")
        dialog.query_one("#field-reason", TextArea).text = "工会活动改期到 2027 年 5 月"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is planner
        assert "取消原因：工会活动改期到 2027 年 5 月" in static_text(app, "#planner-detail")
    after = activity(ctx, contest.id)
    assert after.status == ActivityStatus.cancelled and after.cancel_reason == "工会活动改期到 2027 年 5 月"


async def test_archive_then_restore_through_the_filter(demo_ws, make, ctx, accounts):
    auto = accounts["Rheinwerk"]
    seminar = find(ctx, auto, "vendor consolidation")
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, auto)
        select(planner, seminar.id)
        await pilot.press("d")
        await pilot.pause()
        assert activity(ctx, seminar.id).archived
        assert planner.table.index_of(seminar.id) is None
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#field-archived").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert planner.flt.archived and "archived" in static_text(app, "#planner-title")
        assert planner.table.item_keys()[0] == seminar.id
        select(planner, seminar.id)
        await pilot.pause()
        assert planner.check_action("archive", ()) is None and planner.check_action("restore", ()) is True
        await pilot.press("r")
        await pilot.pause()
        assert not activity(ctx, seminar.id).archived
        await pilot.press("escape")  # clears the filter before leaving
        await pilot.pause()
        assert app.screen is planner and not planner.flt.active
        assert planner.table.index_of(seminar.id) is not None
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not planner


async def test_filter_by_status_owner_scope_layer(demo_ws, make, ctx, accounts):
    from kamtui.domain.enums import Layer, Scope
    from kamtui.services.activities import ActivityFilter

    tel = accounts["华信移动上海"]
    planner_data = activities.load(ctx, tel)
    li_na = next(m for m in planner_data.members if m.login == "li.na")
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, tel)
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#field-status").value = "done"
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = planner.table.item_keys()
        assert shown and all(activity(ctx, k).status == ActivityStatus.done for k in shown)
        assert "Done" in static_text(app, "#planner-title")
        for flt in (ActivityFilter(owner_id=li_na.id), ActivityFilter(scope=Scope.line),
                    ActivityFilter(layer=Layer.organization), ActivityFilter(status="open")):
            planner.flt = flt
            planner.render_all()
            keys = planner.table.item_keys()
            assert keys == [a.id for a in planner_data.visible(flt)] and keys
            assert all(flt.keeps(activity(ctx, k)) for k in keys)
