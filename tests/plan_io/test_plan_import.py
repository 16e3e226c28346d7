"""plan: import… — a file or a folder, a dry run whose summary is confirmed before anything is
written, conflicts and overwrite, and every problem of a bad file shown in the dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_io_helpers import ctx_of, notices, open_from_palette, settle, text_of
from textual.widgets import Button, Checkbox, Input

from kamtui.services import accounts, backups, people
from kamtui.services.plans import export
from kamtui.ui.screens.plan_io import PlanImportDialog
from kamtui.ui.screens.portfolio import PortfolioScreen


def harbour(ws):
    return export.find_account(ctx_of(ws), "Harbourline")


def state(ws) -> tuple[str, int]:
    """What the workspace holds of every account, and how long its change log is."""
    ctx = ctx_of(ws)
    plans = "".join(export.account_text(ctx, i, include_private=True) for i in export.all_account_ids(ctx))
    return plans, len(backups.log(ws))


def plan_with_new_title(ws, folder: Path) -> tuple[Path, str]:
    """Harbourline's plan file, with one person's title changed in the file."""
    account = harbour(ws)
    person = next(p for p in people.people(ctx_of(ws), account.id) if p.title)
    text = export.account_text(ctx_of(ws), account.id)
    old = f'title = "{person.title}"'
    assert text.count(old) == 1
    path = folder / "harbour.toml"
    path.write_text(text.replace(old, 'title = "CIO [EU] · 首席信息官"'), encoding="utf-8")
    return path, person.id


async def check(app, pilot, path: str) -> PlanImportDialog:
    dialog = app.screen
    assert isinstance(dialog, PlanImportDialog)
    dialog.query_one("#plan-path", Input).value = path
    await pilot.press("ctrl+s")
    await settle(pilot, lambda: not dialog.busy)
    return dialog


def title_of(ws, person_id: str) -> str:
    return next(p for p in people.people(ctx_of(ws), harbour(ws).id) if p.id == person_id).title


async def test_import_runs_a_dry_run_first_and_cancel_leaves_the_workspace_as_it_was(demo_ws, make, work):
    path, person_id = plan_with_new_title(demo_ws, work)
    before = state(demo_ws)
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_palette(app, pilot, "plan: import")
        dialog = app.screen
        assert isinstance(dialog, PlanImportDialog)
        assert dialog.query_one("#plan-path", Input).value == str(work)  # where kamtui started
        assert "nothing is written until you confirm" in text_of(app, "#plan-hint")
        await check(app, pilot, "harbour.toml")
        summary = text_of(app, "#plan-summary")
        assert summary.splitlines()[0] == "Dry run of 1 file: 1 record to write, 0 conflicts"
        rows = {line.split()[0]: line.split()[1:] for line in summary.splitlines()[2:]}
        assert rows["Kind"] == ["Created", "Updated", "Unchanged", "Conflicts"]
        assert rows["people"][:2] == ["0", "1"] and rows["accounts"] == ["0", "0", "1", "0"]
        assert "ctrl+s imports it" in text_of(app, "#plan-hint")
        assert str(dialog.query_one("#plan-run", Button).label).startswith("Import")
        assert state(demo_ws) == before  # the dry run wrote nothing
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)
    assert state(demo_ws) == before  # nor did cancelling
    assert title_of(demo_ws, person_id) != "CIO [EU] · 首席信息官"


async def test_confirming_the_summary_imports_and_the_screens_show_it(demo_ws, make, work):
    path, person_id = plan_with_new_title(demo_ws, work)
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_palette(app, pilot, "plan: import")
        await check(app, pilot, str(path))
        await pilot.press("ctrl+s")  # confirm: import for real
        await settle(pilot, lambda: isinstance(app.screen, PortfolioScreen))
        assert notices(app) == ["Imported 1 file: 1 record written"]
    assert title_of(demo_ws, person_id) == "CIO [EU] · 首席信息官"
    assert any(e["action"] == "import" and e["who"] == "tester" for e in backups.log(demo_ws))


async def test_changing_the_request_after_the_dry_run_asks_for_a_new_one(demo_ws, make, work):
    path, person_id = plan_with_new_title(demo_ws, work)
    before = state(demo_ws)
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_palette(app, pilot, "plan: import")
        dialog = await check(app, pilot, str(path))
        assert dialog.confirming
        dialog.query_one("#plan-overwrite", Checkbox).value = True
        await pilot.pause()
        assert not dialog.confirming
        assert str(dialog.query_one("#plan-run", Button).label).startswith("Check")
        await pilot.press("ctrl+s")  # checks again, does not import
        await settle(pilot, lambda: not dialog.busy)
        assert dialog.confirming and state(demo_ws) == before


async def test_conflicts_are_listed_and_overwrite_replaces_them(demo_ws, make, work):
    account = harbour(demo_ws)
    path = work / "harbour.toml"
    path.write_text(export.account_text(ctx_of(demo_ws), account.id).replace(
        f'name = "{account.name}"', 'name = "Harbourline from the file"', 1), encoding="utf-8")
    accounts.update(ctx_of(demo_ws), account, {"name": "Harbourline [EU]"})  # the same field, here
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_palette(app, pilot, "plan: import")
        await check(app, pilot, str(path))
        summary = text_of(app, "#plan-summary")
        assert "0 records to write, 1 conflict" in summary
        assert ("! harbour.toml: account: “Harbourline from the file” changed both in the workspace by tester "
                "and in the file since the last sync (name): the workspace's values are kept") in summary
        assert "Import asks you about each conflict; or tick overwrite." in summary
        app.screen.query_one("#plan-overwrite", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: not app.screen.busy)
        assert "the file's values are taken" in text_of(app, "#plan-summary")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, PortfolioScreen))
        assert "Harbourline from the" in app.screen.table.visible_lines()[1]  # reloaded
    assert accounts.get(ctx_of(demo_ws), account.id).name == "Harbourline from the file"


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_bad_toml_file_names_line_and_column_and_nothing_is_written(demo_ws, make, work, lang):
    (work / "bad.toml").write_text('schema_version = 1\n[account]\nname = "unterminated\nid = 3\n')
    before = state(demo_ws)
    app = make(demo_ws, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_import_plans()
        await pilot.pause()
        dialog = await check(app, pilot, "bad.toml")
        error = text_of(app, "#plan-error")
        assert error.splitlines()[0] == ("Nothing was imported: fix the files, then check again."
                                         if lang == "en" else "未导入任何内容：请修正文件后再检查。")
        assert "• bad.toml, line 3, column" in error and 'name = "unterminated' in error
        assert not dialog.confirming and dialog.query_one("#plan-path", Input).has_focus
        assert not dialog.query_one("#plan-summary").display
    assert state(demo_ws) == before


async def test_every_schema_problem_is_listed(demo_ws, make, work):
    account = harbour(demo_ws)
    text = export.account_text(ctx_of(demo_ws), account.id)
    text = text.replace('attitude = "advocate"', 'attitude = "maybe"').replace(
        'tier = "key"', 'tier = "huge"\nbogus = 1')
    (work / "bad.toml").write_text(text, encoding="utf-8")
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_import_plans()
        await pilot.pause()
        await check(app, pilot, "bad.toml")
        error = text_of(app, "#plan-error")
        bullets = [line for line in error.splitlines() if line.startswith("• ")]
        assert len(bullets) >= 3
        assert any(".attitude" in b for b in bullets) and any("account.tier" in b for b in bullets)
        assert any("bogus" in b for b in bullets)


async def test_a_missing_path_is_said_in_the_dialog(demo_ws, make, work):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_import_plans()
        await pilot.pause()
        await check(app, pilot, "nowhere")
        assert f"{work / 'nowhere'}: no such file or folder" in text_of(app, "#plan-error")


async def test_a_folder_of_plans_imports_whole(demo_ws, empty_ws, make, work):
    ctx = ctx_of(demo_ws)
    export.export_accounts(ctx, export.all_account_ids(ctx), work / "team", with_workspace=True,
                           include_private=True)
    app = make(empty_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_import_plans()
        await pilot.pause()
        await check(app, pilot, "team")
        summary = text_of(app, "#plan-summary")
        assert summary.startswith("Dry run of 5 files")
        assert len(accounts.portfolio(ctx_of(empty_ws))) == 0
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, PortfolioScreen))
        assert len(app.screen.all_rows) == 4  # the portfolio reloaded
        assert app.screen.query_one("#header-team").content.plain == "Key Accounts East / 华东大客户部"
    assert state(empty_ws)[0] == state(demo_ws)[0]


async def test_import_is_not_offered_on_a_read_only_workspace(demo_ws, make, tmp_path):
    from kamtui.store import Workspace

    ro = Workspace.open(demo_ws.path, read_only=True)
    try:
        app = make(ro)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            titles = [c.title for c in app.get_system_commands(app.screen)]
            assert "plan: import…" not in titles and "plan: export" in titles
    finally:
        ro.close()


async def test_escape_stops_an_import_before_it_writes(demo_ws, make, work, monkeypatch):
    import threading

    from kamtui.services.plans import import_

    path, person_id = plan_with_new_title(demo_ws, work)
    before = state(demo_ws)
    gate = threading.Event()
    real_parse = import_.parse_source
    held = {"on": False}

    def slow_parse(source):
        if held["on"]:
            gate.wait(5)  # the real import reads slowly: the test looks at the dialog meanwhile
        return real_parse(source)

    monkeypatch.setattr(import_, "parse_source", slow_parse)
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_import_plans()
        await pilot.pause()
        dialog = await check(app, pilot, str(path))
        held["on"] = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert dialog.busy and dialog.query_one("#plan-progress").display
        assert text_of(app, "#plan-status") == "Importing…"
        assert dialog.query_one("#plan-run", Button).disabled  # no second run meanwhile
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlanImportDialog) and "Stopping" in text_of(app, "#plan-status")
        gate.set()
        await settle(pilot, lambda: not dialog.busy)
        assert text_of(app, "#plan-error") == "Stopped: nothing more was written."
        assert not dialog.confirming  # a new dry run comes first
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)
    assert state(demo_ws) == before and title_of(demo_ws, person_id) != "CIO [EU] · 首席信息官"
