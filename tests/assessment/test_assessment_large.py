"""A 2,000-person account: the wizard reads it once and draws only the rows in view."""

from __future__ import annotations

import pytest

from assess_helpers import app_for, grid_text
from kamtui.services.context import Context
from kamtui.services.generator import Size, generate
from kamtui.store import Workspace
from kamtui.store import accounts as store_accounts
from kamtui.ui.screens.assessment import AssessmentScreen
from kamtui.ui.screens.assessment_steps.people import PeopleGrid


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.sqlite"
    ws = Workspace.create(path, team_name="Big")
    generate(Context(ws), Size(1, 2000, 100))
    ws.close()
    return path


async def test_a_2000_person_account_renders_only_what_is_visible(big_file, monkeypatch):
    ws = Workspace.open(big_file)
    try:
        account = store_accounts.accounts(ws.db)[0].id
        calls = {"n": 0}
        original = PeopleGrid.cell

        def counted(self, row, col):
            calls["n"] += 1
            return original(self, row, col)

        monkeypatch.setattr(PeopleGrid, "cell", counted)
        app = app_for(ws)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.push_screen(AssessmentScreen(account))
            await pilot.pause()
            screen = app.screen
            assert len(screen.session.data.people) == 2000
            await pilot.press("ctrl+right")
            await pilot.pause()
            grid = screen.query_one(PeopleGrid)
            await pilot.press("end", "plus")
            await pilot.pause()
            last = screen.session.data.people[-1]
            assert grid.cursor_row == 1999
            assert screen.session.person(last.person_id).name in grid_text(grid)[-1]
            drawn_rows = calls["n"] / len(grid.columns)
            assert drawn_rows < 400, f"{drawn_rows:.0f} rows drawn for a {grid.size.height}-line grid"
            await pilot.press("escape")
            await pilot.pause()
    finally:
        ws.close()
    ws = Workspace.open(big_file, read_only=True)
    try:
        from kamtui.store import drafts

        assert drafts.get(ws.db, account, "tester", "assessment") is not None
    finally:
        ws.close()
