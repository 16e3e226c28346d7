"""The history screen: snapshots in date order, trends, two dates compared with who recorded it."""

from __future__ import annotations

from assess_helpers import BANK, app_for, grid_text, widget_text
from kamtui.store import assessments as store_assessments
from kamtui.ui.screens.assessment import AssessmentScreen
from kamtui.ui.screens.assessment_history import AssessmentHistoryScreen, DiffGrid, HistoryGrid, bars


async def test_history_shows_dates_trends_and_what_moved(demo_ws):
    app = app_for(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(AssessmentHistoryScreen(BANK))
        await pilot.pause()
        screen = app.screen
        rows = grid_text(screen.query_one(HistoryGrid))
        assert rows[0].split()[:3] == ["Date", "Recorded", "by"]
        assert rows[1].startswith("A  2026-05-12 Sarah Mitchell") and "Supplier" in rows[1]
        assert rows[2].startswith("B  2026-09-08 Sarah Mitchell") and "Strategic supplier" in rows[2]
        trends = widget_text(screen.query_one("#history-trends"))
        assert "Organization: ▃▆  Supplier → Strategic supplier" in trends
        assert "Key: " in trends and "9 → 33" in trends
        # 27 ratings and the 3 evidence items ticked on the way to Strategic supplier
        assert "What moved from 2026-05-12 to 2026-09-08 (30)" in widget_text(screen.query_one("#history-diff-title"))
        diff = "\n".join(grid_text(screen.query_one(DiffGrid)))
        assert "Organisation & core-people communication" in diff
        ticked = next(x for x in grid_text(screen.query_one(DiffGrid)) if x.startswith("CXO mutual visits"))
        assert "not ticked" in ticked and "✓ ticked" in ticked and "2026-09-08" in ticked
        line = next(x for x in grid_text(screen.query_one(DiffGrid)) if x.startswith("Margaret Lin"))
        assert "? Unknown" in line and "≠" in line and "+ Accepting" in line and "Sarah Mitchell" in line

        await pilot.press("home", "space")  # unmark 2026-05-12: one date left
        await pilot.pause()
        assert "Mark two dates" in widget_text(screen.query_one("#history-diff-title"))
        assert screen.query_one(DiffGrid).row_count == 0

        await pilot.press("a")  # a new assessment from the history, saved unchanged
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, AssessmentScreen)
        await pilot.press("ctrl+right", "ctrl+right", "ctrl+right", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert len(store_assessments.assessments(demo_ws.db, BANK)) == 3
        rows = grid_text(screen.query_one(HistoryGrid))
        assert rows[3].startswith("   2026-11-26 tester")
        await pilot.press("end", "enter")
        await pilot.pause()
        assert "Nothing moved from 2026-09-08 to 2026-11-26." in widget_text(screen.query_one("#history-diff-title"))


async def test_history_in_chinese_and_without_assessments(demo_ws):
    from kamtui.services import accounts
    from kamtui.services.context import Context

    fresh = accounts.create(Context(demo_ws, user="tester"), {"name": "新客户 [EU]"})
    app = app_for(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AssessmentHistoryScreen(fresh.id))
        await pilot.pause()
        screen = app.screen
        assert widget_text(screen.query_one("#history-title")).startswith("评估历史 · 新客户 [EU]")
        assert "尚无评估：按 a 评估该客户。" in widget_text(screen.query_one("#history-empty"))
        await pilot.press("L")
        await pilot.pause()
        assert "No assessment yet" in widget_text(screen.query_one("#history-empty"))


def test_bars_scale_each_value_into_eight_heights():
    assert bars([1, 2, 3, 4], 1, 4) == "▁▃▆█"
    assert bars([-100, 0, None, 100], -100, 100) == "▁▅·█"
