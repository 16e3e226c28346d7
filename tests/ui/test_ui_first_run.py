"""First run (issue 15.6): a new workspace offers to add the acting user to the team, the
empty portfolio says what to do first, and "my agenda" without the user on the team offers
to add them (key m, in the footer, ? and the palette, in both languages)."""

from __future__ import annotations

import getpass

import pytest
from ui_helpers import footer_keys, static_text

from kamtui.paths import display_name
from kamtui.services import settings as settings_service
from kamtui.services.context import Context
from kamtui.ui.screens.agenda import AgendaScreen
from kamtui.ui.screens.form import FormDialog
from textual.widgets import Input


def test_display_name_is_the_systems_name_or_nothing():
    assert display_name("no-such-login-kamtui") == ""
    name = display_name(getpass.getuser())
    assert "," not in name and "\x1b" not in name


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_new_workspace_offers_to_add_the_user(empty_ws, make, lang):
    app = make(empty_ws, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = static_text(app, "#portfolio-empty")
        # what to do first, and the offer with the login it will use
        assert ("Press n to add your first account" if lang == "en" else "按 n 新建第一个客户") in first
        assert ("Press m to add yourself (login “tester”)" if lang == "en" else "按 m 将自己加入团队（登录名“tester”）") in first
        assert footer_keys(app).get("m") == ("Add me" if lang == "en" else "加入团队")
        await pilot.press("m")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        assert form.query_one("#field-login", Input).value == "tester"
        assert form.query_one("#field-name", Input).value == (display_name("tester") or "tester")
        form.query_one("#field-name", Input).value = "Test User"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        [me] = settings_service.members(Context(empty_ws, user="tester"))
        assert (me.name, me.login) == ("Test User", "tester")
        # offered no more: the panel keeps what to do first, the key leaves the footer
        first = static_text(app, "#portfolio-empty")
        assert "tester" not in first and ("Press n" in first or "按 n" in first)
        assert "m" not in footer_keys(app)


async def test_the_offer_is_in_help_and_the_palette(empty_ws, make):
    app = make(empty_ws)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        titles = [title for title, _, _ in app.screen.commands()]
        assert "team member: add me" in titles
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Add yourself (your login) to the team" in "\n".join(
            str(getattr(w, "content", "")) for w in app.screen.query("*"))


async def test_a_team_with_members_does_not_nag_on_the_portfolio(demo_ws, make):
    app = make(demo_ws)  # "tester" is not on the demo team
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "m" not in footer_keys(app)
        assert "team member: add me" not in [t for t, _, _ in app.screen.commands()]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_my_agenda_offers_to_add_the_user(demo_ws, make, lang):
    app = make(demo_ws, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        agenda = app.screen
        assert isinstance(agenda, AgendaScreen)
        assert (("press m to add yourself to the team" if lang == "en" else "按 m 将自己加入团队")
                in agenda.table.empty_text)
        assert "m" in footer_keys(app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is agenda
        assert agenda.member_name == "tester"
        assert "m" not in footer_keys(app)
        assert agenda.table.empty_text.startswith("Nothing open" if lang == "en" else "未来")


async def test_a_read_only_workspace_offers_nothing(demo_ws, make, monkeypatch):
    app = make(demo_ws)
    monkeypatch.setattr(type(app.ctx), "read_only", property(lambda self: True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert "press m" not in app.screen.table.empty_text
        assert "m" not in footer_keys(app)
