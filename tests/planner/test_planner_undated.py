"""Undated open activities are flagged wherever open work is listed (issue 15.4): they are
never overdue, in no "next 30 days" and on no timeline, so each view says so instead."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from kamtui.cli_table import portfolio_table
from kamtui.domain.catalogue import ActivityType
from kamtui.services import accounts as accounts_service
from kamtui.services import activities
from kamtui.services.overview import overview
from kamtui.services.report import as_json, json_report
from kamtui.ui.widgets.overview_text import activities_text
from kamtui.store import accounts as store_accounts
from planner_helpers import TODAY, open_planner, select, static_text, table_rows


@pytest.fixture
def undated(ctx, accounts):
    bank = accounts["Harbourline"]
    made = activities.create(ctx, {"account_id": bank, "type": ActivityType.training,
                                   "scope": "organization", "objective": "no day yet"})
    assert made.planned_on is None and made.is_undated() and not made.is_overdue(TODAY)
    return bank, made


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_planner_flags_an_undated_activity(demo_ws, make, undated, lang):
    bank, made = undated
    app = make(demo_ws, user="demo", lang=lang)
    async with app.run_test(size=(120, 36)) as pilot:
        planner = await open_planner(app, pilot, bank)
        monitor = static_text(app, "#planner-monitor")
        assert ("? 1 open without a date" if lang == "en" else "? 1 项未定日期") in monitor
        no_date = "no date" if lang == "en" else "未定日期"
        [row] = [r for r in table_rows(planner.table) if f" {no_date} " in r]
        assert row.startswith("?"), row
        assert "? " + no_date in row.split(" | ")[-1]  # the notes column says why
        select(planner, made.id)
        await pilot.pause()
        assert static_text(app, "#planner-detail").startswith("? ")


def test_the_overview_lists_undated_apart(ctx, undated):
    bank, made = undated
    ov = overview(ctx, bank)
    assert [a.id for a in ov.undated] == [made.id]
    assert made.id not in {a.id for a in ov.overdue + ov.next_activities}
    text = activities_text(ov, "en").plain
    assert "No date (never overdue" in text and "? —" in text
    assert "未定日期" in activities_text(ov, "zh").plain


def test_the_report_counts_undated_in_json_and_under_the_table(ctx, undated):
    bank, _ = undated
    entries = {e["id"]: e for e in json.loads(json_report(ctx))}
    assert entries[bank]["undated_activities"] == 1
    assert sum(e["undated_activities"] for e in entries.values()) == 1
    rows = accounts_service.portfolio(ctx)
    assert [as_json(r) for r in rows] == list(json.loads(json_report(ctx)))
    # the first screenful reads the same count
    first = store_accounts.first_rows(ctx.db, TODAY, 10)
    assert {r.id: r.undated_activities for r in first} == {r.id: r.undated_activities for r in rows}
    for width in (80, 200):
        console = Console(width=width, record=True, color_system=None)
        console.print(portfolio_table(rows, "en", TODAY, width))
        out = console.export_text()
        assert "? open activities without a date: Harbourline Bank (China) Co., Ltd. (1)" in out.replace("\n", " ")
