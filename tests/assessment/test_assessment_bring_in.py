"""Contacts brought in from a CRM export start unknown and have no decision-chain role: step 2
of the wizard says how many of the account's people it does not list, and `a` brings one or
all of them in, so an import reaches an assessment without typing anyone again (issue 19.2)."""

from __future__ import annotations

from assess_helpers import BANK, TODAY, app_for, widget_text
from kamtui.domain.enums import Attitude
from kamtui.services.context import Context
from kamtui.services.contacts.apply import import_contacts, prepare
from kamtui.ui.screens.assessment_steps.people import PeopleGrid
from kamtui.ui.screens.person_picker import PersonPickerDialog

from test_assessment_wizard import open_wizard

CSV = "Name,Title,Department,Email\nLi Wei 李伟,CIO,IT,li.wei@example.com\n[red]Zoe[/] Tan,Architect,IT,zoe@example.com\n"


def _import(ws, tmp_path) -> None:
    src = tmp_path / "contacts.csv"
    src.write_text(CSV, encoding="utf-8")
    ctx = Context(ws, today=TODAY, user="tester")
    import_contacts(ctx, BANK, prepare(src, ctx=ctx))


def _names(screen) -> list[str]:
    return [screen.session.person(e.person_id).name for e in screen.session.data.people]


async def test_imported_contacts_are_offered_and_brought_in_one_or_all(demo_ws, tmp_path):
    _import(demo_ws, tmp_path)
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wizard(app, pilot)
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert "2 people of the account not in this list yet" in widget_text(screen.query_one("#people-empty"))
        before = len(screen.session.data.people)
        assert "Li Wei 李伟" not in _names(screen)

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PersonPickerDialog)
        await pilot.press(*"li wei", "enter")
        await pilot.pause()
        assert app.screen is screen
        grid = screen.query_one(PeopleGrid)
        entry = screen.session.data.people[grid.cursor_row]
        assert screen.session.person(entry.person_id).name == "Li Wei 李伟"
        assert entry.attitude == Attitude.unknown and len(screen.session.data.people) == before + 1
        assert "1 person of the account" in widget_text(screen.query_one("#people-empty"))
        await pilot.press("plus")  # rated in place like anyone else
        assert screen.session.data.people[grid.cursor_row].attitude == Attitude.accepting

        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")  # the first line: everyone still outside
        await pilot.pause()
        assert "[red]Zoe[/] Tan" in _names(screen) and len(screen.session.data.people) == before + 2
        assert not screen.query_one("#people-empty").display

        await pilot.press("a")  # nobody left: said, no dialog
        await pilot.pause()
        assert app.screen is screen


async def test_the_hint_and_the_picker_in_chinese(demo_ws, tmp_path):
    _import(demo_ws, tmp_path)
    app = app_for(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wizard(app, pilot)
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert "本客户还有 2 人不在此列表中" in widget_text(screen.query_one("#people-empty"))
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PersonPickerDialog)
        assert "全部人员（2）" in widget_text(app.screen.query_one("#picker-list"))


async def test_the_palette_brings_them_in_from_another_step(demo_ws, tmp_path):
    _import(demo_ws, tmp_path)
    app = app_for(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wizard(app, pilot)
        assert screen.current == 0
        command = next(c for title, _, c in screen.commands() if title == "assessment: bring in the account's people")
        command()
        for _ in range(20):
            await pilot.pause(0.05)
            if isinstance(app.screen, PersonPickerDialog):
                break
        assert screen.current == 1 and isinstance(app.screen, PersonPickerDialog)
