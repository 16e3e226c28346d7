"""`x` exports the selected account's plan: from the portfolio, the overview and the account
screens; TOML or the Markdown brief; private fields only when asked; the result in a notice."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from plan_io_helpers import HOSTILE_NAMES, ctx_of, notices, open_from_palette, settle, text_of
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Static

from kamtui.services import accounts
from kamtui.services.plans import export
from kamtui.services.plans import format as plan_format
from kamtui.ui.screens.agenda import AgendaScreen
from kamtui.ui.screens.base import KamScreen
from kamtui.ui.screens.confirm import ConfirmDialog
from kamtui.ui.screens.plan_io import PlanExportDialog
from kamtui.ui.screens.portfolio import PortfolioScreen


def harbour(ws):
    return export.find_account(ctx_of(ws), "Harbourline")


async def export_and_wait(app, pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot, lambda: not isinstance(app.screen, PlanExportDialog) or not app.screen.busy)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_x_on_the_portfolio_writes_the_toml_plan_without_private_fields(demo_ws, make, work, lang):
    account = harbour(demo_ws)
    app = make(demo_ws, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.table.current.id == account.id
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PlanExportDialog)
        target = work / plan_format.file_name(account)
        assert dialog.query_one("#plan-path", Input).value == str(target)
        assert dialog.query_one("#plan-private", Checkbox).value is False  # private off by default
        assert "Harbourline Bank" in text_of(app, "#plan-title")
        await export_and_wait(app, pilot)
        assert isinstance(app.screen, PortfolioScreen)
        [notice] = notices(app)
    text = target.read_text(encoding="utf-8")
    assert text == export.account_text(ctx_of(demo_ws), account.id)  # the plan file, byte for byte
    assert text.startswith("schema_version = 1\nprivate = false\n")
    assert "personal_needs" not in text and "career_needs" not in text
    size = f"{len(text.encode()) / 1024:.1f} KiB"
    assert str(target) in notice and size in notice
    assert ("private fields left out" if lang == "en" else "不含私密字段") in notice
    assert ("Exported" if lang == "en" else "已导出") in notice


async def test_x_on_the_overview_writes_the_brief_with_private_fields(demo_ws, make, work):
    account = harbour(demo_ws)
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the overview of the highlighted account
        await pilot.pause()
        assert type(app.screen).__name__ == "AccountOverviewScreen"
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PlanExportDialog) and dialog.account_id == account.id
        await pilot.press("tab", "down", "enter")  # the format: Markdown brief
        await pilot.press("tab", "space")  # include private fields
        await pilot.pause()
        target = work / plan_format.file_name(account, ".md")
        assert dialog.fmt_name == "md" and dialog.query_one("#plan-private", Checkbox).value
        assert dialog.query_one("#plan-path", Input).value == str(target)  # the proposal follows
        await export_and_wait(app, pilot)
        assert type(app.screen).__name__ == "AccountOverviewScreen"
        [notice] = notices(app)
    text = target.read_text(encoding="utf-8")
    assert text == export.account_text(ctx_of(demo_ws), account.id, include_private=True, fmt_name="md")
    assert text.startswith("# ") and "Harbourline" in text.splitlines()[0]
    assert "Career" in text or "career" in text  # a private field made it in
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600  # private: the owner's alone
    assert str(target) in notice and "private fields included" in notice


async def test_brief_without_private_fields_leaves_them_out(demo_ws, make, work):
    account = harbour(demo_ws)
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#plan-format-md").value = True
        await pilot.pause()
        await export_and_wait(app, pilot)
    text = (work / plan_format.file_name(account, ".md")).read_text(encoding="utf-8")
    assert text == export.account_text(ctx_of(demo_ws), account.id, fmt_name="md")
    private = export.account_text(ctx_of(demo_ws), account.id, include_private=True, fmt_name="md")
    assert text != private


async def test_an_existing_file_is_replaced_only_when_confirmed(demo_ws, make, work):
    account = harbour(demo_ws)
    target = work / plan_format.file_name(account)
    target.write_text("mine\n")
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PlanExportDialog) and target.read_text() == "mine\n"
        await export_and_wait(app, pilot)
        await pilot.press("y")
        await settle(pilot, lambda: isinstance(app.screen, PortfolioScreen))
    assert target.read_text().startswith("schema_version = 1")


async def test_a_missing_folder_is_said_in_the_dialog(demo_ws, make, work):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#plan-path", Input).value = str(work / "nowhere" / "plan.toml")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlanExportDialog)
        assert f"The folder {work / 'nowhere'} does not exist." in text_of(app, "#plan-error")
        app.screen.query_one("#plan-path", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(app, "#plan-error") == "Give a path."
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)
    assert list(work.iterdir()) == []


async def test_a_file_that_cannot_be_written_is_a_message_not_a_traceback(demo_ws, make, work, monkeypatch):
    def refused(path: Path, text: str, *, private: bool = False, mode: int | None = None):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(export, "write_text", refused)
    target = work / plan_format.file_name(harbour(demo_ws))
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await export_and_wait(app, pilot)
        assert isinstance(app.screen, PlanExportDialog) and not app.screen.busy
        assert text_of(app, "#plan-error") == f"Cannot use {target}: permission denied."
        assert app.screen.query_one("#plan-path", Input).has_focus  # to correct it
        assert app.is_running and not notices(app)


async def test_a_folder_as_path_gets_the_proposed_file_name(demo_ws, make, work):
    account = harbour(demo_ws)
    (work / "out").mkdir()
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#plan-path", Input).value = "out"
        await export_and_wait(app, pilot)
    assert (work / "out" / plan_format.file_name(account)).is_file()


class StandIn(KamScreen):
    """An account screen (map / planner / wizard) as far as the app can tell."""

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id

    def compose(self) -> ComposeResult:
        yield Static(self.account_id)


async def test_x_works_on_the_account_screens_and_not_elsewhere(demo_ws, make, work, _isolated_registry):
    _isolated_registry["map"] = StandIn
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "3")
        await pilot.pause()
        assert isinstance(app.screen, StandIn)
        account_id = app.screen.account_id
        assert app.check_action("export_plan", ()) is True
        assert ("x", "Export the account's plan (TOML file or Markdown brief)") in app.screen.help_rows()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PlanExportDialog) and app.screen.account_id == account_id
        assert app.check_action("export_plan", ()) is False  # not from inside a dialog
        await pilot.press("escape", "escape")
        await pilot.pause()
        app.push_screen(AgendaScreen())
        await pilot.pause()
        assert app.check_action("export_plan", ()) is False  # the agenda is about no one account
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)


async def test_export_of_every_account_shows_progress_and_stops_on_escape(demo_ws, make, work, monkeypatch):
    import threading

    gate = threading.Event()
    real_write = export.write_text

    def slow_write(path: Path, text: str, *, private: bool = False, mode: int | None = None):
        gate.wait(5)  # held until the test has looked at the dialog
        return real_write(path, text, private=private, mode=mode)

    monkeypatch.setattr(export, "write_text", slow_write)
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_palette(app, pilot, "plan: export all accounts")
        dialog = app.screen
        assert isinstance(dialog, PlanExportDialog) and dialog.account is None
        assert dialog.query_one("#plan-path", Input).value == str(work / "demo-plans")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert dialog.busy and dialog.query_one("#plan-progress").display
        await pilot.press("escape")  # asks the worker to stop at its next step
        await pilot.pause()
        assert "Stopping" in text_of(app, "#plan-status")
        gate.set()
        await settle(pilot, lambda: not dialog.busy)
        assert isinstance(app.screen, PlanExportDialog)
        assert text_of(app, "#plan-error") == "Stopped: nothing more was written."
        written = sorted(p.name for p in (work / "demo-plans").iterdir())
        assert len(written) == 1  # the workspace file; then it stopped
        await export_and_wait(app, pilot)  # again, to the end
        assert isinstance(app.screen, PortfolioScreen)
        notice = notices(app)[-1]
    names = sorted(p.name for p in (work / "demo-plans").iterdir())
    assert names == sorted([plan_format.WORKSPACE_FILE] + [
        plan_format.file_name(accounts.get(ctx_of(demo_ws), i)) for i in export.all_account_ids(ctx_of(demo_ws))])
    assert f"Exported {len(names)} files" in notice and str(work / "demo-plans") in notice


@pytest.mark.parametrize("name", HOSTILE_NAMES)
async def test_names_and_paths_show_literally(empty_ws, make, work, name):
    account = accounts.create(ctx_of(empty_ws), {"name": name, "tier": "key"})
    app = make(empty_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert text_of(app, "#plan-title") == f"Export plan · {name}"
        folder = work / name.replace("/", "|")  # a folder named like markup
        folder.mkdir()
        app.screen.query_one("#plan-path", Input).value = str(folder)
        await export_and_wait(app, pilot)
        assert app.is_running
        [notice] = notices(app)
    target = folder / plan_format.file_name(account)
    assert target.is_file() and str(target) in notice

