"""The map's people import dialog (Pilot): `i` and the palette open it, a check shows the
preview and writes nothing, ctrl+s then imports and the map shows the people, escape cancels,
bad rows block the import until they are skipped, and Chinese throughout."""

from __future__ import annotations

import pytest
from contact_files import csv_bytes, salesforce_csv
from contacts_helpers import check_file, make_app, open_map, settle, text_of
from textual.widgets import Button, Checkbox

from kamtui.ui.screens.people_import import PeopleImportDialog


@pytest.fixture
def work(tmp_path, monkeypatch):
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)  # the dialog looks for relative paths where kamtui was started
    return folder


def person_count(ws) -> int:
    return ws.conn.execute("SELECT count(*) FROM person").fetchone()[0]


async def test_check_then_import_and_the_map_shows_them(demo_ws, work):
    salesforce_csv(work / "Contact.csv")
    app = make_app(demo_ws)
    before = person_count(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        the_map = await open_map(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PeopleImportDialog)
        await check_file(pilot, dialog, "Contact.csv")
        preview = text_of(app, "#plan-summary")
        assert "Contact.csv: 5 rows, read as Salesforce" in preview
        assert "5 to create · 0 to update · 0 to skip · 4 new departments" in preview  # the demo account has 信息技术部
        assert "To create (5)" in preview and "欧阳䶮" in preview and "信息技术部 / 安全" in preview
        assert person_count(demo_ws) == before  # a check writes nothing
        assert "Import" in str(dialog.query_one("#plan-run", Button).label)
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.screen is the_map)
        assert person_count(demo_ws) == before + 5
        names = {p.name for p in the_map.data.people}
        assert {"王强", "李芳", "张伟", "欧阳䶮", "刘娜"} <= names  # the map read them again
        notes = [getattr(n.message, "plain", str(n.message)) for n in app._notifications]
        assert any("5 people created, 0 updated, 4 departments created" in n for n in notes)


async def test_escape_cancels_after_the_preview_and_the_palette_opens_it(demo_ws, work):
    salesforce_csv(work / "Contact.csv")
    app = make_app(demo_ws)
    before = person_count(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        the_map = await open_map(app, pilot)
        titles = [str(c.title) for c in app.get_system_commands(the_map)]
        assert "people: import…" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"people: import")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PeopleImportDialog)
        await check_file(pilot, dialog, "Contact.csv")
        assert dialog.confirming
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is the_map
    assert person_count(demo_ws) == before


async def test_bad_rows_block_the_import_until_skipped(demo_ws, work):
    (work / "people.csv").write_bytes(csv_bytes([["姓名", "职务", "上级"], ["王强", "总经理", ""],
                                                 ["李芳", "CIO", "赵六"]], "gb18030"))
    app = make_app(demo_ws)
    before = person_count(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        the_map = await open_map(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        await check_file(pilot, dialog, "people.csv")
        preview = text_of(app, "#plan-summary")
        assert "Bad rows: 1. Nothing is imported unless they are skipped." in preview
        assert "bad row: no one in the file or the account is '赵六'" in preview
        assert not dialog.confirming
        assert "fix the file" in text_of(app, "#plan-hint")
        await pilot.press("ctrl+s")  # checks again; does not import
        await settle(pilot, lambda: not dialog.busy)
        assert person_count(demo_ws) == before and app.screen is dialog
        dialog.query_one("#people-skip-bad", Checkbox).value = True
        await pilot.pause()
        assert not dialog.confirming  # the preview was for the other choice
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: not dialog.busy)
        assert dialog.confirming
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.screen is the_map)
    assert person_count(demo_ws) == before + 1


async def test_a_file_that_cannot_be_read_is_one_sentence_in_the_dialog(demo_ws, work):
    (work / "broken.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    app = make_app(demo_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_map(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        await check_file(pilot, dialog, "broken.xlsx")
        assert "broken.xlsx: the file starts like a spreadsheet (a zip) but is damaged" in text_of(app, "#plan-error")
        assert not dialog.confirming


async def test_in_chinese(demo_ws, work):
    salesforce_csv(work / "Contact.csv")
    app = make_app(demo_ws, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_map(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert text_of(app, "#plan-title").startswith("导入人员到 ")
        await check_file(pilot, dialog, "Contact.csv")
        preview = text_of(app, "#plan-summary")
        assert "Contact.csv：5 行，按 Salesforce 读取" in preview
        assert "将新建（5）" in preview and "第 2 行" in preview and "新人员" in preview
        assert "上级 ← ReportsToId" in preview


async def test_not_offered_on_a_read_only_workspace(tmp_path, demo_template):
    import shutil

    from kamtui.store import Workspace

    path = tmp_path / "ro.sqlite"
    shutil.copy(demo_template, path)
    ws = Workspace.open(path, read_only=True)
    try:
        app = make_app(ws)
        async with app.run_test(size=(120, 36)) as pilot:
            the_map = await open_map(app, pilot)
            assert the_map.check_action("import_people", ()) is False
            assert "people: import…" not in [str(c.title) for c in app.get_system_commands(the_map)]
            await pilot.press("i")
            await pilot.pause()
            assert app.screen is the_map
    finally:
        ws.close()
