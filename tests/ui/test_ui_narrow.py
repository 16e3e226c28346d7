"""What the portfolio keeps at 80 columns (issue 15): the short board, the method's main
message; and coverage shown as undefined ("—"), never 0 %, for an account with no decision
makers or influencers."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from ui_helpers import TODAY, static_text, table_lines

from kamtui.domain.enums import Attitude, ChainRole, OrgDimension
from kamtui.services import accounts, people
from kamtui.services.assessments import AssessmentSession
from kamtui.services.context import Context
from kamtui.ui.screens.account_overview import AccountOverviewScreen


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_short_board_shows_at_80_columns(demo_ws, make, lang):
    ctx = Context(demo_ws, today=TODAY)
    rows = {r.id: r for r in accounts.portfolio(ctx)}
    app = make(demo_ws, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = table_lines(app)
        assert all(cell_len(line) <= 80 for line in lines)
        assert ("Short board" if lang == "en" else "短木板") in lines[0]
        table = app.screen.table
        for row, line in zip(table.rows, lines[1:]):
            shown = table.cells(row, "short_board")
            assert row.name[:4] in line
            s = rows[row.id].state
            # what is weak, how weak, and where: the indicator and value come first
            assert shown.startswith(s.sb_indicator.short(lang)) and f" {s.sb_value} · " in shown
            assert s.sb_department[:2] in line


async def test_coverage_without_decision_makers_is_undefined_not_zero(empty_ws, make):
    ctx = Context(empty_ws, today=TODAY, user="tester")
    account = accounts.create(ctx, {"name": "Solo Ltd"})
    people.add_person(ctx, {"account_id": account.id, "name": "Ann User", "role": ChainRole.user,
                            "attitude": Attitude.advocate, "influence": 3})
    session = AssessmentSession.start(ctx, account.id)
    for dim in OrgDimension:
        session.set_org(dim, 2)
    session.save()
    app = make(empty_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        table = app.screen.table
        row = table.rows[0]
        assert table.cells(row, "coverage") == "—"
        app.screen.table.move_to(account.id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AccountOverviewScreen)
        key = static_text(app, "#ov-key")
        assert "Cover —" in key and "0%" not in key
