"""plan: import… with three-way conflicts: before the import writes, each conflicting record is
shown in the conflict dialog (last synced value, the workspace's with who changed it, the
file's), the user keeps one side per field or skips the record, and the one import that follows
does what was chosen; a skipped record stays as the workspace has it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from plan_io_helpers import ctx_of, notices, settle, text_of

from kamtui.domain.models import Account, Person
from kamtui.services import accounts, people
from kamtui.services.context import changed
from kamtui.services.plans import export
from kamtui.store import write
from kamtui.store.tables import table_for
from kamtui.ui.screens.import_conflict import ImportConflictDialog
from kamtui.ui.screens.plan_io import PlanImportDialog
from kamtui.ui.screens.portfolio import PortfolioScreen
from textual.widgets import Input


BRUNO_TIME = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.timezone.utc)


def conflicting_file(ws, folder: Path) -> tuple[str, str]:
    """Harbourline exported, then changed both here and in the file: the account's industry and
    region, one person's title (each differently), and a note only the file changes."""
    ctx = ctx_of(ws)
    account = export.find_account(ctx, "Harbourline")
    person = next(p for p in people.people(ctx, account.id) if p.title)
    text = export.account_text(ctx, account.id)
    text = (text.replace(f'industry = "{account.industry}"', 'industry = "File industry"', 1)
            .replace(f'title = "{person.title}"', 'title = "File title"', 1))
    text = (text.replace(f'region = "{account.region}"', 'region = "File region"', 1) if account.region
            else text.replace(f'industry = "File industry"', 'industry = "File industry"\nregion = "File region"', 1))
    (folder / "harbour.toml").write_text(text, encoding="utf-8")
    # saved by another user at a fixed time: the dialog says who and when
    with write(ws, who="bruno", now=BRUNO_TIME) as tx:
        tx.update(changed(table_for(Account).get(tx.db, account.id),
                          {"industry": "Banking [/]", "region": "Workspace region"}))
        tx.update(changed(table_for(Person).get(tx.db, person.id), {"title": "Workspace title"}))
    return account.id, person.id


async def to_conflicts(app, pilot) -> ImportConflictDialog:
    await pilot.pause()
    app.action_import_plans()  # (plan: import… in the palette; in any language)
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, PlanImportDialog)
    dialog.query_one("#plan-path", Input).value = "harbour.toml"
    await pilot.press("ctrl+s")
    await settle(pilot, lambda: not dialog.busy)
    assert dialog.dry is not None and len(dialog.dry.skipped) == 2
    await pilot.press("ctrl+s")  # import: the conflicts come first
    await settle(pilot, lambda: isinstance(app.screen, ImportConflictDialog))
    return app.screen


def person_title(ws, account_id: str, person_id: str) -> str:
    return next(p for p in people.people(ctx_of(ws), account_id) if p.id == person_id).title


async def test_each_field_keeps_the_side_chosen_and_a_skipped_record_stays(demo_ws, make, work):
    account_id, person_id = conflicting_file(demo_ws, work)
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        first = await to_conflicts(app, pilot)
        summary = app.screen_stack[-2].query_one("#plan-summary").content.plain  # under the dialog
        assert "0 records to write, 2 conflicts" in summary
        assert text_of(app, "#conflict-title") == "Import conflict 1/2: account “Harbourline Bank (China) Co., Ltd.”"
        who = text_of(app, "#conflict-who")
        assert who == "Workspace: changed by bruno (2026-11-26 09:30 UTC). File: changed by an unknown author."
        head = text_of(app, "#conflict-head")
        assert head.split() == ["Field", "Last", "synced", "File", "Workspace", "(bruno)", "Choice"]
        assert [r.item.path for r in first.rows] == ["industry", "region"]
        assert [r.choice for r in first.rows] == ["skip", "skip"]  # nothing changes unless chosen
        assert (first.rows[0].item.mine, first.rows[0].item.theirs) == ("Banking [/]", "File industry")
        await pilot.press("f")  # industry: the file's
        await pilot.press("down", "w")  # region: the workspace's
        assert first.choices == {"industry": "theirs", "region": "mine"}
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.screen is not first and isinstance(app.screen, ImportConflictDialog))
        assert text_of(app, "#conflict-title").startswith("Import conflict 2/2: person “")
        await pilot.press("f", "s")  # back to skip: the record is skipped
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, PortfolioScreen))
        assert any("1 conflict kept as it was" in n for n in notices(app))
    account = accounts.get(ctx_of(demo_ws), account_id)
    assert (account.industry, account.region) == ("File industry", "Workspace region")
    assert person_title(demo_ws, account_id, person_id) == "Workspace title"


async def test_escape_skips_a_record_and_S_skips_the_rest(demo_ws, make, work):
    account_id, person_id = conflicting_file(demo_ws, work)
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        first = await to_conflicts(app, pilot)
        await pilot.press("F")  # all the file's …
        assert set(first.choices.values()) == {"theirs"}
        await pilot.press("escape")  # … but the record is skipped
        await settle(pilot, lambda: app.screen is not first and isinstance(app.screen, ImportConflictDialog))
        await pilot.press("W", "S")  # skip the rest, whatever this one says
        await settle(pilot, lambda: isinstance(app.screen, PortfolioScreen))
        assert any("2 conflicts kept as they were" in n for n in notices(app))
    account = accounts.get(ctx_of(demo_ws), account_id)
    assert (account.industry, account.region) == ("Banking [/]", "Workspace region")
    assert person_title(demo_ws, account_id, person_id) == "Workspace title"


async def test_deciding_every_field_the_workspaces_way_writes_the_files_other_changes(demo_ws, make, work):
    account_id, person_id = conflicting_file(demo_ws, work)
    text = (work / "harbour.toml").read_text(encoding="utf-8")
    (work / "harbour.toml").write_text(text.replace('title = "File title"', 'title = "File title"\n'
                                                    'rising_star = true', 1), encoding="utf-8")
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_conflicts(app, pilot)
        for _ in range(2):
            dialog = app.screen
            await pilot.press("W", "ctrl+s")
            await settle(pilot, lambda: app.screen is not dialog)
        await settle(pilot, lambda: isinstance(app.screen, PortfolioScreen))
        assert not any("kept as they were" in n for n in notices(app))
    ctx = ctx_of(demo_ws)
    person = next(p for p in people.people(ctx, account_id) if p.id == person_id)
    assert (person.title, person.rising_star) == ("Workspace title", True)
    assert accounts.get(ctx, account_id).industry == "Banking [/]"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_import_conflict_dialog(snap_compare, demo_ws, make, work, size, lang):
    conflicting_file(demo_ws, work)

    async def first_conflict(pilot) -> None:
        dialog = await to_conflicts(pilot.app, pilot)
        await pilot.press("f")  # the first field: the file's; the second stays on skip
        for widget in pilot.app.query(Input):
            widget.cursor_blink = False
        assert dialog.choices == {"industry": "theirs", "region": "skip"}
        await pilot.pause()

    assert snap_compare(make(demo_ws, lang=lang), terminal_size=size, run_before=first_conflict)


async def test_the_files_author_comes_from_git_where_the_file_is_committed(demo_ws, make, work):
    import subprocess

    conflicting_file(demo_ws, work)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(work), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", "harbour.toml")
    git("-c", "user.name=alice", "-c", "user.email=alice@example.org", "commit", "-q", "-m", "plans")
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await to_conflicts(app, pilot)
        assert text_of(app, "#conflict-who").endswith("File: changed by alice.")
        assert "File (alice)" in text_of(app, "#conflict-head")
        await pilot.press("escape", "escape")
        await settle(pilot, lambda: isinstance(app.screen, PortfolioScreen))
        assert dialog.view.who == "alice"
    # changed since the commit: whoever changed it is not known
    (work / "harbour.toml").write_text((work / "harbour.toml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    app = make(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await to_conflicts(app, pilot)
        assert text_of(app, "#conflict-who").endswith("File: changed by an unknown author.")
