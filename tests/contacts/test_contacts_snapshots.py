"""The people import dialog's preview at 80×24 and 120×36, in English and Chinese: a
Salesforce file with one update, creates and a bad row skipped. Update with
`--snapshot-update` after looking at the report; the SVGs live in __snapshots__/."""

from __future__ import annotations

import pytest
from contact_files import csv_bytes
from contacts_helpers import TELECOM, account_named, ctx_of, make_app, open_map, settle
from textual.widgets import Checkbox, Input

from kamtui.services import people

SIZES = [(80, 24), (120, 36)]


@pytest.fixture
def contacts_file(tmp_path, monkeypatch, demo_ws):
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    ctx = ctx_of(demo_ws)
    someone = people.people(ctx, account_named(ctx, TELECOM))[0]
    rows = [["Id", "LastName", "FirstName", "Title", "Department", "Email", "Phone", "ReportsToId"],
            ["003A1", "", someone.name, "Chief Digital Officer", "", "", "", ""],
            ["003A2", "周", "杰", "云平台架构师", "信息技术部 / 云平台", "zhou.jie@huaxin.cn", "+86 21 5555 0301", "003A1"],
            ["003A3", "吴", "敏", "采购专员", "采购部", "wu.min@huaxin.cn", "", "003A2"],
            ["003A4", "郑", "浩", "", "", "not-an-address", "", ""]]
    (folder / "Contact.csv").write_bytes(csv_bytes(rows, "gb18030"))
    return folder / "Contact.csv"


def steady(app) -> None:
    for widget in app.screen.query(Input):
        widget.cursor_blink = False


async def preview(pilot) -> None:
    app = pilot.app
    await open_map(app, pilot)
    await pilot.press("i")
    await pilot.pause()
    dialog = app.screen
    steady(app)
    dialog.query_one("#plan-path", Input).value = "Contact.csv"
    dialog.query_one("#people-skip-bad", Checkbox).value = True
    await pilot.press("ctrl+s")
    await settle(pilot, lambda: not dialog.busy and dialog.dry is not None)
    steady(app)
    await pilot.pause()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_people_import_preview(snap_compare, demo_ws, contacts_file, size, lang):
    assert snap_compare(make_app(demo_ws, lang), terminal_size=size, run_before=preview)
