"""My agenda across accounts, the .ics export (parsed back with icalendar), hostile names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from textual.widgets import Input

from kamtui.domain.catalogue import ActivityType
from kamtui.domain.enums import ActivityStatus
from kamtui.services import activities, calendar, people
from kamtui.services.context import Context
from kamtui.store.tables import table_for
from kamtui.ui.screens.agenda import AgendaScreen, agenda_command
from kamtui.ui.screens.form import FormDialog
from kamtui.ui.screens.planner import PlannerScreen
from planner_helpers import HOSTILE_NAMES, TODAY, find, open_planner, screen_text, select, static_text, table_rows


def events(path: Path) -> list:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return list(cal.walk("VEVENT"))


def test_agenda_is_the_users_activities_across_accounts(demo_ws):
    def agenda(user, weeks=6):
        return activities.my_agenda(Context(demo_ws, today=TODAY, user=user), weeks)

    mine = agenda("demo")
    assert [(e.account_name[:4], e.activity.type, e.activity.planned_on) for e in mine.entries] == [
        ("华信移动", ActivityType.entertainment, dt.date(2026, 11, 12)),  # overdue first
        ("Harb", ActivityType.gift, dt.date(2026, 12, 20)),
    ]
    assert mine.entries[0].target_names == "高志远, 冯磊" and mine.total == 2
    # twelve weeks reach the February retreat at Rheinwerk
    assert {e.account_name for e in agenda("demo", 12).entries} >= {"Rheinwerk Automobil AG"}
    # the login is matched first, the name when no login matches
    by_login = agenda("sarah", 12)
    assert by_login.entries and by_login.entries == agenda("Sarah Mitchell", 12).entries
    accounts = {e.account_name for e in by_login.entries}
    assert len(accounts) >= 2
    overdue = [e.activity.is_overdue(TODAY) for e in by_login.entries]
    assert overdue == sorted(overdue, reverse=True)
    assert all(e.activity.status.is_open for e in by_login.entries)
    assert agenda("nobody").entries == []


def test_agenda_stops_at_its_limit_and_says_how_many(demo_ws):
    page = activities.my_agenda(Context(demo_ws, today=TODAY, user="sarah"), 12, limit=2)
    assert len(page.entries) == 2 and page.total > 2 and page.truncated


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_agenda_screen(demo_ws, make, lang):
    app = make(demo_ws, lang=lang, user="demo")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AgendaScreen())
        await pilot.pause()
        screen = app.screen
        rows = table_rows(screen.table)
        assert ("! Overdue · 1" if lang == "en" else "! 逾期 · 1") == rows[0]
        assert rows[1].startswith("!") and "2026-11-12" in rows[1] and "华信移动" in rows[1]
        assert "2026-12-20" in rows[3] and not rows[3].startswith("!")
        title = static_text(app, "#agenda-title")
        assert ("My agenda · Demo User 演示用户" if lang == "en" else "我的日程 · Demo User 演示用户") in title
        summary = static_text(app, "#agenda-summary")
        assert ("! 1 overdue · 1 coming" if lang == "en" else "! 逾期 1 · 即将 1") in summary
        await pilot.press("w")
        await pilot.pause()
        assert screen.weeks == 8
        # enter opens the account's planner on that activity
        screen.table.cursor = 1
        await pilot.press("enter")
        await pilot.pause()
        planner = app.screen
        assert isinstance(planner, PlannerScreen) and planner.current.type == ActivityType.entertainment
        assert app.selected_account_id == planner.account_id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_agenda_without_a_team_member(demo_ws, make):
    app = make(demo_ws, user="tester")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AgendaScreen())
        await pilot.pause()
        assert "No team member has the login or name “tester”" in "\n".join(app.screen.table.visible_lines())
        assert app.screen.check_action("open", ()) is None


async def test_agenda_command_for_the_app_palette(demo_ws, make):
    app = make(demo_ws, lang="zh", user="demo")
    async with app.run_test(size=(80, 24)) as pilot:
        title, help_text, callback = agenda_command(app)
        assert title == "计划：我的日程" and help_text
        callback()
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
    app = make(demo_ws, lang="en")
    assert agenda_command(app)[0] == "plan: my agenda"


def test_calendar_export_parses_back(ctx, accounts, tmp_path):
    bank = accounts["Harbourline"]
    plan = activities.load(ctx, bank)
    out = tmp_path / "bank.ics"
    result = calendar.export_account(ctx, bank, out, "en")
    assert result.path == out and result.size == out.stat().st_size and result.skipped == 0
    found = events(out)
    assert len(found) == result.events == len(plan.active())
    uids = {str(e["uid"]) for e in found}
    assert uids == {f"{a.id}@kamtui" for a in plan.active()}
    dinner = next(e for e in found if "Entertainment" in str(e["summary"]))
    assert str(dinner["summary"]) == "Entertainment · Harbourline Bank (China) Co., Ltd."
    assert dinner.decoded("dtstart") == dt.date(2026, 10, 9)
    assert dinner.decoded("dtend") == dt.date(2026, 10, 10)
    assert "Targets: Thomas Becker, Kevin Wu" in str(dinner["description"])
    assert str(dinner["status"]) == "CONFIRMED"
    with pytest.raises(Exception):
        calendar.export_account(ctx, bank, out, "en")  # exists: not overwritten unasked
    calendar.export_account(ctx, bank, out, "zh", overwrite=True)
    assert any("娱乐" in str(e["summary"]) for e in events(out))
    agenda = calendar.export_agenda(ctx, tmp_path / "me.ics", "zh")
    assert agenda.events == 2
    assert [e.decoded("dtstart") for e in events(tmp_path / "me.ics")] == [dt.date(2026, 11, 12), dt.date(2026, 12, 20)]


def test_undated_activities_are_left_out(ctx, accounts, tmp_path):
    grid = accounts["江淮电网江苏"]
    activities.create(ctx, {"account_id": grid, "type": ActivityType.training})
    result = calendar.export_account(ctx, grid, tmp_path / "grid.ics", "en")
    assert result.skipped == 1 and len(events(tmp_path / "grid.ics")) == result.events


async def test_export_from_the_planner(demo_ws, make, ctx, accounts, tmp_path):
    tel = accounts["华信移动上海"]
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        planner = await open_planner(app, pilot, tel)
        select(planner, find(ctx, tel, "晚餐").id)
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        proposed = dialog.query_one("#field-path", Input).value
        assert proposed.endswith(f"-{TODAY.isoformat()}.ics") and str(tmp_path) in proposed
        dialog.query_one("#field-what").value = "selected"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is planner
        [notice] = [n.message for n in app._notifications]
        text = notice.plain if hasattr(notice, "plain") else str(notice)
        assert "已导出 1 个日程到" in text and proposed in text and "字节" in text
    [event] = events(Path(proposed))
    assert "娱乐" in str(event["summary"]) and str(event["status"]) == "TENTATIVE"


async def test_hostile_names_stay_literal(demo_ws, make, ctx, accounts):
    bank = accounts["Harbourline"]
    made = [people.add_person(ctx, {"account_id": bank, "name": name}) for name in HOSTILE_NAMES]
    act = activities.create(ctx, {"account_id": bank, "type": ActivityType.personal_visit,
                                  "target_person_ids": [p.id for p in made], "objective": "Q3 [/] notes [b]x",
                                  "planned_on": dt.date(2026, 12, 1), "short_board": "[@click=app.quit]x[/]"})
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        planner = await open_planner(app, pilot, bank)
        select(planner, act.id)
        await pilot.pause()
        detail = static_text(app, "#planner-detail")
        assert "Targets: [red]x[/red], Q3 [/] notes, [@click=app.quit]x[/], ACME [EU]" in detail
        assert "Q3 [/] notes [b]x" in detail
        await pilot.press("e")
        await pilot.pause()
        assert "ACME [EU]" in static_text(app, "#people-chosen")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert "[red]x[/red]" in screen_text(app)
        assert app.is_running
    assert table_for(type(act)).get(ctx.db, act.id).status == ActivityStatus.planned


async def test_export_my_agenda_from_the_agenda(demo_ws, make, tmp_path):
    app = make(demo_ws, user="demo")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AgendaScreen())
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        target = tmp_path / "mine.ics"
        dialog.query_one("#field-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
    assert [e.decoded("dtstart") for e in events(target)] == [dt.date(2026, 11, 12), dt.date(2026, 12, 20)]


async def test_a_read_only_workspace_greys_the_writing_keys(demo_ws, make, accounts):
    from kamtui.store import Workspace

    path = demo_ws.path
    demo_ws.close()
    ws = Workspace.open(path, read_only=True)
    try:
        app = make(ws)
        async with app.run_test(size=(80, 24)) as pilot:
            planner = await open_planner(app, pilot, accounts["Harbourline"])
            for action in ("new", "edit", "advance", "cancel", "archive"):
                assert planner.check_action(action, ()) is None, action
            assert planner.check_action("export", ()) is True and planner.check_action("view", ()) is True
    finally:
        ws.close()
