"""A read-only workspace: edit keys stay listed but disabled and say why; a busy workspace:
the save says "workspace busy, try again" and keeps what was typed (issue 8)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from kamtui.errors import BusyError
from kamtui.services import accounts, sync
from kamtui.store import fileinfo
from kamtui.ui.screens.account_overview import AccountOverviewScreen
from kamtui.ui.screens.form import FormDialog
from kamtui.ui.screens.planner import PlannerScreen
from kamtui.ui.screens.portfolio import PortfolioScreen
from kamtui.ui.screens.settings import SettingsScreen

from sync_helpers import field, notes, settle, static_text

HARBOUR = "45897612e6e154048ae20bcd4cc7b83d"


def enabled(app, key: str) -> bool | None:
    """Whether the screen lists `key` (None: not listed at all), enabled or not."""
    active = app.screen.active_bindings.get(key)
    return None if active is None else active.enabled


def palette(app) -> dict[str, object]:
    return {str(c.title): c.callback for c in app.get_system_commands(app.screen)}


async def test_portfolio_edit_keys_are_listed_disabled_and_say_why(open_ws, make):
    app = make(open_ws(read_only=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("n", "e", "d"):
            assert enabled(app, key) is False, key  # in the footer, greyed
        assert enabled(app, "enter") is True
        assert {"n", "e", "d"} <= {k for k, _ in app.screen.help_rows()}
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
        assert notes(app)[-1] == ("Read-only: demo.sqlite was opened read-only (--read-only), "
                                  "so “New” is unavailable.")
        await pilot.press("e")
        assert "so “Edit” is unavailable" in notes(app)[-1]
        commands = palette(app)
        assert "account: new (read-only)" in commands and "account: archive (read-only)" in commands
        commands["account: edit (read-only)"]()
        assert "“Edit” is unavailable" in notes(app)[-1]
        assert accounts.get(app.ctx, HARBOUR).version == 0


async def test_the_reason_names_missing_permission_in_chinese(open_ws, make, monkeypatch):
    monkeypatch.setattr(fileinfo, "writable", lambda path: False)
    app = make(open_ws(read_only=True), lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert sync.read_only_reason(app.ctx) == "permission"
        await pilot.press("d")
        assert notes(app)[-1].startswith("只读：此处无法修改 demo.sqlite（对文件或其所在文件夹没有写权限）")


async def test_overview_settings_and_planner_explain_too(open_ws, make):
    app = make(open_ws(read_only=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        overview = app.screen
        assert isinstance(overview, AccountOverviewScreen)
        overview.show_section("people")
        await settle(pilot)
        assert enabled(app, "n") is False and enabled(app, "e") is False
        await pilot.press("E")
        assert "“Account” is unavailable" in notes(app)[-1]
        await pilot.press("enter")  # the table's own enter opens the row: the edit explains
        await settle(pilot)
        assert app.screen is overview and "“Edit” is unavailable" in notes(app)[-1]
        assert "account: edit (read-only)" in palette(app)

        app.push_screen(SettingsScreen())
        await settle(pilot)
        await pilot.press("w")
        assert "Read-only" in notes(app)[-1] and "“Settings” is unavailable" in notes(app)[-1]
        assert isinstance(app.screen, SettingsScreen)
        app.pop_screen()

        app.push_screen(PlannerScreen(HARBOUR))
        await settle(pilot)
        await pilot.press("n")
        assert "“New” is unavailable" in notes(app)[-1]
        await pilot.press("space")
        assert "“Advance” is unavailable" in notes(app)[-1]
        count = len(notes(app))
        palette(app)["plan: new activity"]()  # the planner lists it itself: running it explains
        await settle(pilot)
        assert isinstance(app.screen, PlannerScreen) and len(notes(app)) == count + 1


async def test_writable_workspace_has_no_read_only_entries(open_ws, make):
    app = make(open_ws())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert enabled(app, "n") is True
        assert not [t for t in palette(app) if "read-only" in t]


async def test_busy_save_keeps_the_input(open_ws, make, monkeypatch):
    app = make(open_ws())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        field(app, "name").value = "Harbourline, typed while busy"

        def busy(*args, **kwargs):
            raise BusyError("Workspace busy (another person is saving): try again.")

        monkeypatch.setattr(accounts, "update", busy)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert field(app, "name").value == "Harbourline, typed while busy"
        assert static_text(app, "#form-message") == "Workspace busy, try again; your input is kept."
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
        assert accounts.get(app.ctx, HARBOUR).name == "Harbourline, typed while busy"


async def test_a_real_lock_held_elsewhere_is_busy_and_the_form_stays(open_ws, make, monkeypatch):
    import kamtui.store.workspace as workspace

    monkeypatch.setattr(workspace, "BUSY_TIMEOUT_MS", 150)
    ws_a, ws_b = open_ws(), open_ws()
    app = make(ws_a)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        field(app, "region").value = "Pudong"
        ws_b.db.execute("BEGIN IMMEDIATE")  # another process is in the middle of a save
        try:
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, FormDialog)
            assert "busy" in static_text(app, "#form-message")
            assert field(app, "region").value == "Pudong"
        finally:
            ws_b.db.execute("ROLLBACK")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
    assert accounts.get(app.ctx, HARBOUR).region == "Pudong"


@pytest.mark.parametrize("lang, expected", [("en", "Workspace busy, try again"), ("zh", "工作区繁忙，请重试")])
async def test_busy_message_in_both_languages(open_ws, make, monkeypatch, lang, expected):
    app = make(open_ws(), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        monkeypatch.setattr(accounts, "update", lambda *a, **k: (_ for _ in ()).throw(BusyError("busy")))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert expected in static_text(app, "#form-message")
        assert isinstance(app.screen.query_one("#field-name"), Input)
