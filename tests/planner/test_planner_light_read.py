"""The planner's fast paths read and paint exactly what the slow ones did: activities read
as light rows, the newest assessment by one query, the one-widget footer, no icalendar
at import."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.models import Activity, Approval
from kamtui.services import activities
from kamtui.store import activities as store_activities
from kamtui.store import assessments as store_assessments
from kamtui.store import people as store_people


def test_activity_rows_are_the_stored_activities(ctx, accounts):
    for account_id in accounts.values():
        full = store_activities.activities(ctx.db, account_id, include_archived=True)
        lines = store_activities.activity_rows(ctx.db, account_id)
        assert [line.model() for line in lines] == full
        for line, a in zip(lines, full):  # the same values field by field, not only once validated
            assert {f: getattr(line, f) for f in Activity.model_fields} == {f: getattr(a, f) for f in Activity.model_fields}


def test_activity_rows_edge_cases(ctx, accounts):
    bank = accounts["Harbourline"]
    person = store_people.people(ctx.db, bank)[0].id
    undated = activities.create(ctx, {"account_id": bank, "type": ActivityType.gift, "target_person_ids": [person],
                                      "cost": 12.5, "currency": "EUR", "objective": "[b]x[/b]\nline two"})
    approved = activities.approve(ctx, activities.create(ctx, {
        "account_id": bank, "type": ActivityType.gift, "target_person_ids": [person],
        "planned_on": dt.date(2026, 12, 1), "cost": 900.0}), "Ada", dt.date(2026, 11, 20))
    archived = activities.archive(ctx, activities.create(ctx, {"account_id": bank, "type": ActivityType.cxo_visit,
                                                               "planned_on": dt.date(2027, 1, 5)}))
    lines = {line.id: line for line in store_activities.activity_rows(ctx.db, bank)}
    assert lines[undated.id].model() == undated and lines[undated.id].planned_on is None
    assert lines[approved.id].approval == Approval(approver="Ada", approved_on=dt.date(2026, 11, 20))
    assert lines[approved.id].model() == approved and lines[approved.id].compliance_reviewed is True
    assert lines[archived.id].archived is True and lines[archived.id].target_person_ids == []
    # undated ones last, in the activities' list order
    assert list(lines)[-1] == undated.id
    assert store_activities.activity_rows(ctx.db, "no-such-account") == []


def test_planner_reads_lines_and_the_latest_assessment(ctx, accounts):
    for account_id in accounts.values():
        plan = activities.load(ctx, account_id)
        assert [a.model() for a in plan.activities] == store_activities.activities(ctx.db, account_id, include_archived=True)
        every = store_assessments.assessments(ctx.db, account_id)
        assert plan.latest == max(every, key=lambda a: (a.assessed_on, a.id), default=None)
        assert store_assessments.latest(ctx.db, account_id) == plan.latest
        for a in plan.activities:  # compliance answers the same for a line and its model
            assert plan.check(a) == plan.check(a.model())


def _stock_footer_screen(account_id: str):
    from textual.widgets import Footer

    from kamtui.ui.screens import planner as planner_module
    from kamtui.ui.screens.planner import PlannerScreen
    from kamtui.ui.widgets.planner_footer import PlannerFooter

    class StockFooterPlanner(PlannerScreen):
        CSS_PATH = str(Path(planner_module.__file__).with_name("planner.tcss"))

        def compose(self):
            for w in super().compose():
                yield Footer() if isinstance(w, PlannerFooter) else w

    return StockFooterPlanner(account_id)


def _cells(segments) -> list[tuple]:
    """What each cell looks like: its character, background, and for a visible character its
    colour and weight (a blank cell's foreground and the stock keys' mouse meta never show)."""
    out = []
    for seg in segments:
        st = seg.style
        for ch in seg.text:
            ink = (str(st.color), st.bold, st.dim, st.italic) if ch.strip() else None
            out.append((ch, str(st.bgcolor), ink))
    return out


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("read_only", [False, True])
async def test_footer_paints_like_the_stock_footer(demo_ws, make, accounts, width, read_only):
    from kamtui.store import Workspace
    from kamtui.ui.screens.planner import PlannerScreen

    ws = Workspace.open(Path(demo_ws.path), read_only=True) if read_only else demo_ws
    account = accounts["华信移动上海"]
    lines = []
    try:
        for screen in (PlannerScreen(account), _stock_footer_screen(account)):
            app = make(ws)
            async with app.run_test(size=(width, 24)) as pilot:
                await app.push_screen(screen)
                await pilot.pause()
                await pilot.pause()
                update = app.screen._compositor.render_full_update(simplify=True)
                last = list(update.strips)[-1]
                lines.append(_cells(seg for strip in last for seg in strip))
    finally:
        if read_only:
            ws.close()
    ours, stock = lines
    assert "".join(c[0] for c in ours) == "".join(c[0] for c in stock)
    assert ours == stock


async def test_footer_click_presses_the_key(demo_ws, make, accounts):
    from kamtui.ui.screens.planner import PlannerScreen
    from kamtui.ui.widgets.planner_footer import PlannerFooter

    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(PlannerScreen(accounts["华信移动上海"]))
        await pilot.pause()
        footer = app.screen.query_one(PlannerFooter)
        start = next(s for s, _e, key in footer._spans if key == "v")
        await pilot.click(PlannerFooter, offset=(start + 1, 0))
        await pilot.pause()
        assert app.screen.view == "timeline"


def test_importing_the_planner_leaves_icalendar_out():
    code = "import sys, kamtui.ui.screens.planner; print('icalendar' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


async def test_footer_repaints_only_when_its_keys_change(demo_ws, make, accounts):
    """Textual republishes the bindings after every focus change, mostly with the same keys: a
    repaint then would be one more frame after the planner's first."""
    from kamtui.ui.screens.planner import PlannerScreen
    from kamtui.ui.widgets.planner_footer import PlannerFooter

    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(PlannerScreen(accounts["华信移动上海"]))
        await pilot.pause()
        footer = app.screen.query_one(PlannerFooter)
        calls = [0]
        original = footer.refresh

        def counted(*args, **kwargs):
            calls[0] += 1
            return original(*args, **kwargs)

        footer.refresh = counted  # type: ignore[method-assign]
        app.screen.refresh_bindings()
        await pilot.pause()
        assert calls[0] == 0
        await pilot.press("s")  # the suggestions take the focus: enter plans one
        await pilot.pause()
        assert calls[0] >= 1 and "Plan it" in footer.render().plain
        await pilot.press("escape")
        await pilot.pause()
        assert "Plan it" not in footer.render().plain
