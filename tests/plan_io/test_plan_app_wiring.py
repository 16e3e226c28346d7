"""What app.py wires in besides the plan dialogs: the palette's plan entries, my agenda (g),
the assessment history (h) and the wizard (a) from the overview, and the integrity check that
runs after the first paint and blocks the app when the file is damaged."""

from __future__ import annotations

import threading

import pytest
from plan_io_helpers import ctx_of, text_of
from textual.app import ComposeResult
from textual.widgets import Static

from kamtui.services import backups
from kamtui.services import workspaces as workspaces_service
from kamtui.services.plans import export
from kamtui.ui.screens.account_overview import AccountOverviewScreen
from kamtui.ui.screens.agenda import AgendaScreen
from kamtui.ui.screens.assessment_history import AssessmentHistoryScreen
from kamtui.ui.screens.base import KamScreen
from kamtui.ui.screens.damaged import DamagedDialog
from kamtui.ui.screens.plan_io import PlanExportDialog, PlanImportDialog
from kamtui.ui.screens.portfolio import PortfolioScreen

PLAN_ENTRIES = {
    "en": ("plan: export", "plan: export brief", "plan: import…", "plan: export all accounts…",
           "plan: my agenda", "account: assessment history"),
    "zh": ("计划：导出", "计划：导出简报", "计划：导入…", "计划：导出所有客户…", "计划：我的日程", "客户：评估历史"),
}


class StandIn(KamScreen):
    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id

    def compose(self) -> ComposeResult:
        yield Static(self.account_id)


async def until_damaged(app, pilot) -> None:
    for _ in range(250):
        await pilot.pause(0.02)
        if isinstance(app.screen, DamagedDialog) and app.screen.is_mounted:
            await pilot.pause()
            return
    raise AssertionError("no damaged-file dialog")


async def open_overview(app, pilot) -> AccountOverviewScreen:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, AccountOverviewScreen)
    return app.screen


async def test_the_palette_has_the_plan_entries_in_both_languages(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for lang in ("en", "zh"):
            commands = {c.title: c for c in app.get_system_commands(app.screen)}
            for title in PLAN_ENTRIES[lang]:
                assert title in commands, title
                assert commands[title].help, title
            await pilot.press("L")
        assert app.lang == "en"
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["plan: export brief"].callback()
        await pilot.pause()
        assert isinstance(app.screen, PlanExportDialog) and app.screen.fmt_name == "md"
        assert app.screen.query_one("#plan-path").value.endswith(".md")


async def test_account_entries_are_absent_without_an_account(empty_ws, make):
    app = make(empty_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("plan: export", "plan: export brief", "account: assessment history"):
            assert title not in titles
        assert "plan: import…" in titles and "plan: my agenda" in titles
        assert app.check_action("export_plan", ()) is False
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)


async def test_plan_import_is_reached_from_the_palette_of_any_screen(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_overview(app, pilot)
        [entry] = [c for c in app.get_system_commands(app.screen) if c.title == "plan: import…"]
        entry.callback()
        await pilot.pause()
        assert isinstance(app.screen, PlanImportDialog)


async def test_my_agenda_is_in_the_palette_and_behind_o(demo_ws, make):
    app = make(demo_ws, user="sarah")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [entry] = [c for c in app.get_system_commands(app.screen) if c.title == "plan: my agenda"]
        assert entry.help == "Your open activities across all accounts, overdue first"
        keys = dict(app.screen.help_rows())
        assert keys["o"] == "My agenda: open activities across accounts, overdue first (was g)"
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        depth = len(app.screen_stack)
        await pilot.press("o")  # already there: not a second one
        await pilot.pause()
        assert len(app.screen_stack) == depth
        assert "plan: my agenda" not in [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)
        await pilot.press("L", "question_mark")
        await pilot.pause()
        assert "我的日程" in text_of(app, "#help-rows")


async def test_h_in_the_overview_opens_the_assessment_history(demo_ws, make):
    account = export.find_account(ctx_of(demo_ws), "Harbourline")
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        overview = await open_overview(app, pilot)
        assert overview.account_id == account.id
        keys = dict(overview.help_rows())
        assert keys["h"].startswith("The account's assessment history")
        await pilot.press("h")
        await pilot.pause()
        history = app.screen
        assert isinstance(history, AssessmentHistoryScreen) and history.account_id == account.id
        assert text_of(app, "#history-title") == f"Assessment history · {account.name}"
        assert "account: assessment history" not in [c.title for c in app.get_system_commands(history)]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is overview
        [entry] = [c for c in app.get_system_commands(overview) if c.title == "account: assessment history"]
        entry.callback()
        await pilot.pause()
        assert isinstance(app.screen, AssessmentHistoryScreen) and app.screen.account_id == account.id


async def test_a_in_the_overview_opens_the_wizard_once_it_exists(demo_ws, make, _isolated_registry):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        overview = await open_overview(app, pilot)
        assert "a" not in dict(overview.help_rows())  # absent while the wizard is not registered
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is overview
        _isolated_registry["assessment"] = StandIn
        overview.refresh_bindings()
        assert dict(overview.help_rows())["a"] == "Assess this account's three layers (the assessment wizard)"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StandIn) and app.screen.account_id == overview.account_id
        await pilot.press("L")
        assert dict(overview.help_rows())["a"] == "评估该客户的三个层面（评估向导）"


async def test_the_integrity_check_runs_after_the_first_paint_off_the_ui_thread(demo_ws, make, monkeypatch):
    seen: list = []
    real = workspaces_service.integrity

    def spy(ws):
        seen.append((threading.current_thread() is threading.main_thread(), app.screen.is_mounted))
        return real(ws)

    monkeypatch.setattr(workspaces_service, "integrity", spy)
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if seen:
                break
        await pilot.pause(0.1)
        assert seen == [(False, True)]
        assert isinstance(app.screen, PortfolioScreen) and not app.damaged
    assert real(demo_ws) == "ok"


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_damaged_file_gets_a_blocking_dialog_that_names_the_newest_verified_backup(
        demo_ws, make, monkeypatch, lang):
    made, _ = backups.backup(demo_ws.path)
    monkeypatch.setattr(workspaces_service, "integrity",
                        lambda ws: "*** in database main ***\nPage 12: btreeInitPage() returns error code 11")
    app = make(demo_ws, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_damaged(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, DamagedDialog)
        body = text_of(app, "#damaged-body")
        assert body.count(".") >= 1 and "\n" not in body
        assert str(demo_ws.path) in body and str(made) in body
        assert "in database main Page 12: btreeInitPage() returns error code 11" in body
        assert (body.startswith(f"{demo_ws.path} is damaged") if lang == "en" else "已损坏" in body)
        for key in ("1", "x", "o", "g", "escape", "question_mark", "ctrl+p", "2", "a"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is dialog, key  # nothing leads past it
        await pilot.press("L")  # the language still switches
        await pilot.pause()
        assert ("已损坏" in text_of(app, "#damaged-body")) == (lang == "en")
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 1  # quitting a damaged workspace is a failure for scripts too


async def test_a_damaged_file_without_backups_says_so(demo_ws, make, monkeypatch):
    monkeypatch.setattr(workspaces_service, "integrity", lambda ws: "row 3 missing from index x")
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_damaged(app, pilot)
        assert "no verified backup was found" in text_of(app, "#damaged-body")
        await pilot.click("#damaged-quit")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 1


def test_integrity_reports_damage_instead_of_raising(tmp_path):
    from kamtui.store import Workspace

    path = tmp_path / "w.sqlite"
    ws = Workspace.create(path, team_name="T")
    try:
        assert workspaces_service.integrity(ws) == "ok"
    finally:
        ws.close()
    assert backups.newest_verified_backup(path) is None
    made, _ = backups.backup(path)
    assert backups.newest_verified_backup(path) == made


def corrupt_index(path, name: str) -> None:
    """Scribble over the first page of one index, as a bad disk would."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        root = dict(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE type = 'index'"))[name]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\x0d\x00\x00\x00\x00\xff\xff\xff" * 4)


def test_damage_met_while_the_app_is_built_is_one_sentence(demo_template, tmp_path, make):
    import shutil

    from kamtui.errors import WorkspaceError
    from kamtui.store import Workspace

    path = tmp_path / "team.sqlite"
    shutil.copy(demo_template, path)
    corrupt_index(path, "sqlite_autoindex_preference_1")  # read first: the remembered language
    ws = Workspace.open(path, verify=False)
    try:
        with pytest.raises(WorkspaceError, match="is damaged"):
            make(ws, lang=None)
    finally:
        ws.close()


async def test_damage_met_by_a_handler_shows_the_dialog_not_a_traceback(demo_ws, make, monkeypatch):
    import asyncio
    import sqlite3

    from kamtui.services import accounts

    def broken(ctx, include_archived=False):
        raise sqlite3.DatabaseError("database disk image is malformed")

    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        portfolio = app.screen
        monkeypatch.setattr(accounts, "portfolio", broken)
        # as A would: the portfolio reads again, in its own handler, and meets the damage (that
        # handler's screen stops there; the pilot's waits would wait for it, so sleep instead)
        portfolio.call_later(portfolio.action_archived)
        for _ in range(250):
            await asyncio.sleep(0.02)
            if isinstance(app.screen, DamagedDialog) and app.screen.is_mounted:
                break
        await asyncio.sleep(0.1)
        assert isinstance(app.screen, DamagedDialog) and app.is_running
        assert "database disk image is malformed" in text_of(app, "#damaged-body")
        app.screen.query_one("#damaged-quit").press()
        for _ in range(100):
            await asyncio.sleep(0.02)
            if not app.is_running:
                break
    assert app._exception is None and not app.is_running


async def test_damage_met_by_a_worker_shows_the_dialog(demo_ws, make, monkeypatch):
    import sqlite3

    from kamtui.services.plans import export

    def broken(*args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(export, "account_text", broken)
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the export's worker reads, and meets the damage
        await until_damaged(app, pilot)
        assert "database disk image is malformed" in text_of(app, "#damaged-body")
        await pilot.press("q")
        await pilot.pause()
    assert app._exception is None and not app.is_running


async def test_a_real_damaged_index_is_found_by_the_check_after_the_first_paint(demo_template, tmp_path, make):
    import shutil

    from kamtui.store import Workspace

    path = tmp_path / "team.sqlite"
    shutil.copy(demo_template, path)
    made, _ = backups.backup(path)
    corrupt_index(path, "competitor_account")  # not read while the portfolio opens
    ws = Workspace.open(path, verify=False)
    try:
        app = make(ws)
        async with app.run_test(size=(80, 24)) as pilot:
            await until_damaged(app, pilot)
            body = text_of(app, "#damaged-body")
            assert "free space corruption" in body or "Page" in body
            assert str(made) in body
    finally:
        ws.close()


def test_the_cli_opens_the_workspace_without_the_up_front_check(monkeypatch, demo_template, tmp_path):
    import datetime as dt
    import shutil

    from kamtui import cli
    from kamtui.ui import app as app_module

    path = tmp_path / "team.sqlite"
    shutil.copy(demo_template, path)
    asked, ran = [], []
    real_open = workspaces_service.open_workspace

    def spy_open(p, read_only=False, verify=True, **rest):
        asked.append(verify)
        return real_open(p, read_only=read_only, verify=verify, **rest)

    class Quiet:
        return_code = 0

        def run(self) -> None:
            ran.append(True)

    monkeypatch.setattr(workspaces_service, "open_workspace", spy_open)
    monkeypatch.setattr(app_module, "make_app", lambda ws, today, lang, ascii=None: Quiet())
    cli._run_app(path, False, None, dt.date(2026, 11, 26))
    assert asked == [False] and ran == [True]


async def test_damage_met_by_the_apps_own_handler_ends_with_the_sentence(demo_ws, make, monkeypatch):
    import asyncio
    import sqlite3

    from kamtui.services import accounts

    def broken(*args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    app = make(demo_ws)
    said = []
    real_exit = app.exit

    def exit_spy(result=None, return_code=0, message=None):
        said.append(getattr(message, "plain", message))
        real_exit(result, return_code, message)

    app.exit = exit_spy
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(accounts, "get", broken)
        app.simulate_key("x")  # the app's own action reads the account, and meets the damage
        for _ in range(250):
            await asyncio.sleep(0.02)
            if not app.is_running:
                break
    assert not app.is_running and app.return_code == 1 and app._exception is None
    [sentence] = said
    assert sentence.startswith(f"{demo_ws.path} is damaged (database disk image is malformed)")


async def test_the_integrity_check_waits_for_the_first_screens_loading(demo_ws, make, monkeypatch):
    from kamtui.services import accounts

    gate = threading.Event()
    order: list[str] = []
    real_portfolio = accounts.portfolio
    real_check = workspaces_service.integrity

    def slow_portfolio(ctx, include_archived=False):
        gate.wait(5)
        order.append("rows")
        return real_portfolio(ctx, include_archived)

    def check(ws):
        order.append("check")
        return real_check(ws)

    monkeypatch.setattr(PortfolioScreen, "THREAD_ABOVE", 0)  # load the rows off the UI thread
    monkeypatch.setattr(accounts, "portfolio", slow_portfolio)
    monkeypatch.setattr(workspaces_service, "integrity", check)
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        assert order == []  # painted, the rows on their way: the check waits for them
        gate.set()
        for _ in range(100):
            await pilot.pause(0.02)
            if "check" in order:
                break
        assert order == ["rows", "check"]
