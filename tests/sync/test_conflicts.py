"""Two people edit one record in two apps on one workspace file (issue 8, concurrent editing).

Anna (app A) opens a form; Bruno (app B, its own connection) saves the same record first;
Anna's save then meets the conflict. B runs inside A's test session, one after the other.
"""

from __future__ import annotations

from textual.widgets import Input, Select, Static, TextArea

from kamtui.domain.models import Account, Competitor, Person
from kamtui.services import accounts, people
from kamtui.services import settings as settings_service
from kamtui.services.context import Context, changed
from kamtui.store import write
from kamtui.store import audit as store_audit
from kamtui.store.tables import table_for
from kamtui.ui.screens.account_overview import AccountOverviewScreen
from kamtui.ui.screens.conflict import ConflictDialog, ConflictRow
from kamtui.ui.screens.form import FormDialog
from kamtui.ui.screens.portfolio import PortfolioScreen
from kamtui.ui.screens.settings import SettingsScreen

from sync_helpers import THEIR_TIME, field, notes, screen_text, settle, static_text

HARBOUR = "45897612e6e154048ae20bcd4cc7b83d"
ACCENTURE = "711de48fe2235991911eca8df06fa7af"
DANIEL = "c59b653ea30a5ce38db9a83b0513dda3"
CISCO = "97620c0309fe5ad49f11b936aedc3b00"
IBM = "7e4baf99c6135ed8aee1f00830175352"


def stored_account(ws) -> Account:
    return accounts.get(Context(ws), HARBOUR)


async def open_account_form(pilot) -> FormDialog:
    await settle(pilot)
    assert isinstance(pilot.app.screen, PortfolioScreen)
    assert pilot.app.selected_account_id == HARBOUR  # the first row
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FormDialog)
    return pilot.app.screen


async def bruno_saves_account(make, ws, **values) -> None:
    """Bruno, in his own app on his own connection, edits the account through the form."""
    app = make(ws, user="bruno")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account_form(pilot)
        for name, value in values.items():
            field(app, name).value = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen), "Bruno's save went through"


async def test_same_field_shows_theirs_with_who_and_when_and_keep_mine_wins(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    original = stored_account(ws_a)
    app = make(ws_a, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account_form(pilot)
        field(app, "name").value = "Harbourline Bank (Anna)"
        await bruno_saves_account(make, ws_b, name="Harbourline Bank (Bruno)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        rows = list(dialog.query(ConflictRow))
        assert [r.item.path for r in rows] == ["name"]
        row = rows[0].item
        assert (row.base, row.theirs, row.mine) == (original.name, "Harbourline Bank (Bruno)",
                                                   "Harbourline Bank (Anna)")
        who = static_text(app, "#conflict-who")
        assert "bruno" in who and "UTC" in who
        assert "Theirs (bruno)" in static_text(app, "#conflict-head")
        assert "Harbourline Bank (Bruno)" in screen_text(app)
        await pilot.press("m", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
        assert any("Merged with the changes bruno saved" in n for n in notes(app))
    saved = stored_account(ws_a)
    assert saved.name == "Harbourline Bank (Anna)"
    assert saved.version == original.version + 2  # Bruno's save, then Anna's over it
    who, _ = store_audit.last_change(ws_a.db, "account", HARBOUR)
    assert who == "anna"


async def test_same_field_take_theirs_stores_theirs(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    original = stored_account(ws_a)
    app = make(ws_a, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account_form(pilot)
        field(app, "name").value = "Harbourline Bank (Anna)"
        field(app, "region").value = "Pudong"  # only Anna changes the region
        await bruno_saves_account(make, ws_b, name="Harbourline Bank (Bruno)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        assert "Region (yours)" in static_text(app, "#conflict-merged")
        await pilot.press("t", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
    saved = stored_account(ws_a)
    assert saved.name == "Harbourline Bank (Bruno)"
    assert saved.region == "Pudong"
    assert saved.version == original.version + 2


async def test_different_fields_merge_without_asking(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    original = stored_account(ws_a)
    app = make(ws_a, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account_form(pilot)
        field(app, "region").value = "Pudong"
        await bruno_saves_account(make, ws_b, industry="Banking and insurance")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen), "no dialog: nothing to decide"
        assert any("Merged with the changes bruno saved" in n for n in notes(app))
    saved = stored_account(ws_a)
    assert (saved.region, saved.industry) == ("Pudong", "Banking and insurance")
    assert saved.name == original.name
    assert saved.version == original.version + 2


async def test_edit_returns_to_the_form_with_merged_values_and_the_new_base(open_ws, make):
    ws_a, ws_b, ws_c = open_ws(), open_ws(), open_ws()
    app = make(ws_a, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_account_form(pilot)
        field(app, "name").value = "Harbourline (Anna)"
        await bruno_saves_account(make, ws_b, name="Harbourline (Bruno)", industry="Finance")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("e")
        assert "Edit in form" in str(app.screen.query_one("#conflict-apply").label)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        # mine stays in the field left to decide, theirs is noted under it; theirs merged elsewhere
        assert field(app, "name").value == "Harbourline (Anna)"
        assert field(app, "industry").value == "Finance"
        assert form.query_one("#row-name").has_class("-conflict")
        hint = form.query_one("#error-name", Static).content.plain
        assert "bruno saved: Harbourline (Bruno)" in hint
        assert "Decide the marked fields" in static_text(app, "#form-message")
        # Bruno changes the name once more before Anna saves: a new round, based on his first save
        bruno = accounts.get(Context(ws_c, user="bruno"), HARBOUR)
        accounts.update(Context(ws_c, user="bruno"), bruno, {"name": "Harbourline (Bruno 2)"})
        field(app, "name").value = "Harbourline Bank"
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        row = dialog.query_one(ConflictRow).item
        assert (row.base, row.theirs, row.mine) == ("Harbourline (Bruno)", "Harbourline (Bruno 2)",
                                                   "Harbourline Bank")
        await pilot.press("ctrl+s")  # keep mine
        await settle(pilot)
        assert isinstance(app.screen, PortfolioScreen)
    saved = stored_account(ws_a)
    assert (saved.name, saved.industry) == ("Harbourline Bank", "Finance")


async def test_backing_out_of_the_dialog_keeps_the_draft_and_saves_nothing(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    app = make(ws_a, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_account_form(pilot)
        field(app, "name").value = "Harbourline (Anna)"
        field(app, "region").value = "Pudong"
        await bruno_saves_account(make, ws_b, name="Harbourline (Bruno)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form
        assert (field(app, "name").value, field(app, "region").value) == ("Harbourline (Anna)", "Pudong")
        assert "Your input is kept" in static_text(app, "#form-message")
        assert stored_account(ws_a).name == "Harbourline (Bruno)"
        await pilot.press("ctrl+s")  # asks again
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)


async def open_competitor_form(pilot) -> FormDialog:
    await settle(pilot)
    await pilot.press("enter")  # the account's overview
    await settle(pilot)
    assert isinstance(pilot.app.screen, AccountOverviewScreen)
    pilot.app.screen.show_section("competitors")
    await settle(pilot)
    assert pilot.app.screen.table("competitors").current.id == ACCENTURE
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FormDialog)
    return pilot.app.screen


async def test_saving_over_a_deleted_record_offers_to_recreate_it(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    app = make(ws_a, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_competitor_form(pilot)
        app.screen.query_one("#field-notes", TextArea).text = "SI for core banking; losing ground"
        app_b = make(ws_b, user="bruno")
        async with app_b.run_test(size=(80, 24)):  # Bruno removes the competitor meanwhile
            ctx_b = app_b.ctx
            people.remove_competitor(ctx_b, table_for(Competitor).get(ctx_b.db, ACCENTURE))
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog) and dialog.view.deleted
        assert "Deleted meanwhile: competitor" in static_text(app, "#conflict-title")
        assert "bruno deleted it" in static_text(app, "#conflict-who")
        await pilot.press("escape")  # back first: the draft is intact
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#field-notes", TextArea).text == "SI for core banking; losing ground"
        assert static_text(app, "#form-message").startswith("Not saved: bruno deleted this competitor")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, AccountOverviewScreen)
    again = table_for(Competitor).get(ws_a.db, ACCENTURE)
    assert again.name == "Accenture" and again.notes == "SI for core banking; losing ground"
    who, _ = store_audit.last_change(ws_a.db, "competitor", ACCENTURE)
    assert who == "anna"


async def test_a_field_the_form_does_not_show_survives_and_derived_fields_merge(open_ws, make):
    """Bruno changes the person's private notes (not on the overview form) and their title;
    Anna changes the competitor leaning (stored in two derived fields): both survive."""
    ws_a, ws_b = open_ws(), open_ws()
    app = make(ws_a, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        overview = app.screen
        overview.show_section("people")
        await settle(pilot)
        assert overview.table("people").current.id == DANIEL
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#field-leaning", Select).value = IBM
        ctx_b = Context(ws_b, user="bruno")
        daniel = table_for(Person).get(ws_b.db, DANIEL)
        people.edit_person(ctx_b, daniel, {"private_notes": "met at the summit", "title": "CISO"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AccountOverviewScreen), "merged without asking"
    saved = table_for(Person).get(ws_a.db, DANIEL)
    assert (saved.private_notes, saved.title) == ("met at the summit", "CISO")
    assert (saved.leaning_known, saved.leaning_competitor_id) == (True, IBM)


async def test_settings_thresholds_merge_key_by_key(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    app = make(ws_a, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(SettingsScreen())
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        field(app, "gift__per_activity").value = "150"
        ctx_b = Context(ws_b, user="bruno")
        s = settings_service.get(ctx_b)
        policy = s.policy.model_dump(mode="json")
        policy["thresholds"]["entertainment"]["per_activity"] = 900.0
        settings_service.save(ctx_b, s, {"team_name": "Key Accounts East (renamed)", "policy": policy})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
    saved = settings_service.get(Context(ws_a))
    assert saved.team_name == "Key Accounts East (renamed)"
    assert saved.policy.thresholds["gift"].per_activity == 150
    assert saved.policy.thresholds["entertainment"].per_activity == 900


async def test_their_save_at_a_fixed_time_names_them_and_the_time_in_chinese(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    app = make(ws_a, lang="zh", user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account_form(pilot)
        field(app, "name").value = "海港银行（安娜）"
        with write(ws_b, who="bruno", now=THEIR_TIME) as tx:
            tx.update(changed(table_for(Account).get(ws_b.db, HARBOUR), {"name": "海港银行（布鲁诺）"}))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        assert static_text(app, "#conflict-who").startswith("bruno 于 2026-11-26 09:30 UTC 保存了它")
        assert "保留我的" in screen_text(app)
        await pilot.press("T")  # all theirs
        assert "采用他人的" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert stored_account(ws_a).name == "海港银行（布鲁诺）"


async def test_user_data_in_a_conflict_is_shown_literally(open_ws, make):
    ws_a, ws_b = open_ws(), open_ws()
    app = make(ws_a, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account_form(pilot)
        field(app, "name").value = "Q3 [/] notes"
        with write(ws_b, who="[red]x[/red]", now=THEIR_TIME) as tx:
            tx.update(changed(table_for(Account).get(ws_b.db, HARBOUR), {"name": "[@click=app.quit]x[/]"}))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        text = screen_text(app)
        assert "[red]x[/red]" in text and "[@click=app.quit]x[/]" in text and "Q3 [/] notes" in text
        await pilot.press("e", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        assert "[red]x[/red] saved: [@click=app.quit]x[/]" in app.screen.query_one("#error-name", Static).content.plain
        assert isinstance(app.screen.query_one("#field-name"), Input)
