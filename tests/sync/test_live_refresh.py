"""Every screen notices what another process saved within 2 s and keeps its place
(issue 8): the change arrives through the services on a second connection."""

from __future__ import annotations

from textual.widgets import Input

from kamtui.domain.models import Activity, Person, TeamMember
from kamtui.services import accounts, activities, people
from kamtui.services import settings as settings_service
from kamtui.services.context import Context
from kamtui.store.tables import table_for
from kamtui.ui.screens.account_overview import AccountOverviewScreen
from kamtui.ui.screens.agenda import AgendaScreen
from kamtui.ui.screens.form import FormDialog
from kamtui.ui.screens.planner import PlannerScreen
from kamtui.ui.screens.portfolio import PortfolioScreen
from kamtui.ui.screens.settings import SettingsScreen

from sync_helpers import TODAY, settle, static_text, wait_for

HARBOUR = "45897612e6e154048ae20bcd4cc7b83d"
RHEINWERK = "3390f41627535805827f0616a141ef78"


def other(ws) -> Context:
    return Context(ws, today=TODAY, user="bruno")


def names(screen: PortfolioScreen) -> list[str]:
    return [r.name for r in screen.shown_rows]


async def test_portfolio_shows_a_change_from_another_process_within_2s_and_keeps_the_cursor(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    app = make(ws_a)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await pilot.press("down")
        assert screen.table.current.id == RHEINWERK
        # another process renames the account under the cursor and the first one
        ctx = other(ws_b)
        accounts.update(ctx, accounts.get(ctx, RHEINWERK), {"name": "Rheinwerk Mobility AG"})
        accounts.update(ctx, accounts.get(ctx, HARBOUR), {"name": "Zeta Harbour Bank"})
        took = await wait_for(pilot, lambda: "Zeta Harbour Bank" in names(screen))
        assert took < 2.0
        assert "Rheinwerk Mobility AG" in names(screen)
        assert screen.table.current.id == RHEINWERK  # the cursor followed its account
        assert app.selected_account_id == RHEINWERK
        assert "Rheinwerk Mobility AG" in "\n".join(screen.table.visible_lines())


async def test_the_filter_being_typed_survives_a_refresh(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    app = make(ws_a)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("slash", *"bank")
        await settle(pilot)
        box = screen.query_one("#portfolio-filter", Input)
        assert box.has_focus and box.value == "bank"
        ctx = other(ws_b)
        accounts.update(ctx, accounts.get(ctx, HARBOUR), {"industry": "Private banking"})
        await wait_for(pilot, lambda: any(r.industry == "Private banking" for r in screen.shown_rows))
        assert box.value == "bank" and box.has_focus and screen.term == "bank"
        assert [r.id for r in screen.shown_rows] == [HARBOUR]
        await pilot.press("s")  # typing goes on where it was
        assert box.value == "banks"


async def test_no_polling_under_a_form_and_a_look_as_soon_as_it_closes(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    app = make(ws_a)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        calls = []
        original = screen.refresh_data
        screen.refresh_data = lambda: (calls.append(1), original())  # type: ignore[method-assign]
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-name", Input).value = "Typed, not saved"
        ctx = other(ws_b)
        accounts.update(ctx, accounts.get(ctx, HARBOUR), {"name": "Zeta Harbour Bank"})
        await pilot.pause(1.5)
        assert calls == [] and "Zeta Harbour Bank" not in names(screen)
        assert app.screen.query_one("#field-name", Input).value == "Typed, not saved"
        app.screen.dismiss(None)
        await settle(pilot)
        assert calls == [1] and "Zeta Harbour Bank" in names(screen)


async def test_nothing_is_reloaded_while_nothing_changes(open_ws, make):
    ws_a = open_ws()
    app = make(ws_a)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        calls = []
        screen.refresh_data = lambda: calls.append(1)  # type: ignore[method-assign]
        # our own saves do not move data_version: the screen's own callback reloads them
        accounts.update(app.ctx, accounts.get(app.ctx, HARBOUR), {"region": "Pudong"})
        await pilot.pause(1.3)
        assert calls == []


async def test_overview_keeps_its_section_and_row(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    app = make(ws_a)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AccountOverviewScreen)
        screen.show_section("people")
        await settle(pilot)
        await pilot.press("down", "down")
        person = screen.table("people").current
        ctx = other(ws_b)
        people.edit_person(ctx, table_for(Person).get(ws_b.db, person.id), {"title": "Chief of Everything"})
        await wait_for(pilot, lambda: screen.table("people").current.title == "Chief of Everything")
        assert screen.section == "people"
        assert screen.table("people").current.id == person.id


async def test_overview_of_an_account_gone_elsewhere_says_so(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    app = make(ws_a)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AccountOverviewScreen)
        ctx = other(ws_b)
        ws_b.db.execute("PRAGMA foreign_keys = ON")
        from kamtui.store import write

        with write(ws_b, who="bruno") as tx:
            tx.delete(accounts.get(ctx, HARBOUR))
        await wait_for(pilot, lambda: isinstance(app.screen, PortfolioScreen))
        assert HARBOUR not in [r.id for r in app.screen.shown_rows]


async def test_settings_team_name_and_members(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    app = make(ws_a)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(SettingsScreen())
        await settle(pilot)
        screen = app.screen
        await pilot.press("down")
        member = screen.table.current
        ctx = other(ws_b)
        s = settings_service.get(ctx)
        settings_service.save(ctx, s, {"team_name": "Key Accounts West"})
        settings_service.edit_member(ctx, table_for(TeamMember).get(ws_b.db, member.id), {"title": "Director"})
        await wait_for(pilot, lambda: "Key Accounts West" in static_text(app, "#settings-summary"))
        assert screen.table.current.id == member.id and screen.table.current.title == "Director"
        assert "Key Accounts West" in static_text(app, "#header-team")


async def test_planner_and_agenda_keep_the_selected_activity(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    app = make(ws_a, user="sarah")  # a team member, so the agenda is hers
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(PlannerScreen(HARBOUR))
        await settle(pilot)
        screen = app.screen
        await pilot.press("down", "down")
        chosen = screen.current_id
        assert chosen is not None
        ctx = other(ws_b)
        activity = table_for(Activity).get(ws_b.db, chosen)
        activities.edit(ctx, activity, {"objective": "Moved by Bruno"})
        await wait_for(pilot, lambda: screen.current is not None and screen.current.objective == "Moved by Bruno")
        assert screen.current_id == chosen
        assert "Moved by Bruno" in static_text(app, "#planner-detail")
        app.pop_screen()
        app.push_screen(AgendaScreen(weeks=12))
        await settle(pilot)
        agenda = app.screen
        before = agenda.page.total
        kept = agenda.table.item_keys()[1]
        agenda.table.move_to(kept)
        mine = activities.member_for_user(app.ctx)
        assert mine is not None and kept is not None
        activities.create(ctx, {"account_id": HARBOUR, "type": "training", "owner_id": mine.id,
                                "planned_on": TODAY, "objective": "Bruno planned it for you"})
        await wait_for(pilot, lambda: agenda.page.total == before + 1)
        assert agenda.table.current_key == kept
