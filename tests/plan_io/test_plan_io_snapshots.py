"""Snapshots of the export dialog and of an import's dry-run summary (with a conflict), at
80×24 and 120×36, in English and Chinese; today is fixed, paths are made the same everywhere.

Update with `--snapshot-update` after looking at the report; the SVGs live in __snapshots__/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from plan_io_helpers import ctx_of, settle
from textual.widgets import Input

from kamtui.services import accounts, people
from kamtui.services.plans import export
from kamtui.ui.screens import plan_io

SIZES = [(80, 24), (120, 36)]
LANGS = ["en", "zh"]


def steady(app) -> None:
    for widget in app.screen.query(Input):
        widget.cursor_blink = False


async def export_dialog(pilot) -> None:
    await pilot.pause()
    await pilot.press("x")
    await pilot.pause()
    steady(pilot.app)
    await pilot.pause()


async def import_summary(pilot) -> None:
    app = pilot.app
    await pilot.pause()
    app.action_import_plans()
    await pilot.pause()
    steady(app)
    dialog = app.screen
    dialog.query_one("#plan-path", Input).value = "plans"
    await pilot.press("ctrl+s")
    await settle(pilot, lambda: dialog.dry is not None)
    steady(app)
    await pilot.pause()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_export_dialog(snap_compare, demo_ws, make, monkeypatch, size, lang):
    monkeypatch.setattr(plan_io, "start_folder", lambda: Path("/home/sarah/plans"))
    assert snap_compare(make(demo_ws, lang=lang), terminal_size=size, run_before=export_dialog)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_import_summary(snap_compare, demo_ws, make, work, size, lang):
    ctx = ctx_of(demo_ws)
    account = export.find_account(ctx, "Harbourline")
    person = next(p for p in people.people(ctx, account.id) if p.title)
    export.export_accounts(ctx, [account.id], work / "plans")
    [path] = (work / "plans").iterdir()
    path.write_text(path.read_text(encoding="utf-8").replace(
        f'title = "{person.title}"', 'title = "CIO [EU]"', 1)  # updated
        .replace('industry = "', 'industry = "File: ', 1), encoding="utf-8")
    accounts.update(ctx, account, {"industry": "Banking [/]"})  # the same field: a conflict with the file
    assert snap_compare(make(demo_ws, lang=lang), terminal_size=size, run_before=import_summary)
