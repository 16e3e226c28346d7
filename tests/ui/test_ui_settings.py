"""Workspace settings, reached through the palette: team, currency, language, thresholds, members."""

from __future__ import annotations

from ui_helpers import TODAY, static_text, table_lines

from kamtui.domain.enums import ComplianceCategory
from kamtui.services import settings as settings_service
from kamtui.services.context import Context
from kamtui.ui.screens.form import FormDialog
from kamtui.ui.screens.portfolio import PortfolioScreen
from kamtui.ui.screens.settings import SettingsScreen


def ctx_of(ws) -> Context:
    return Context(ws, today=TODAY, user="tester")


async def open_settings_by_palette(app, pilot) -> SettingsScreen:
    await pilot.pause()
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"workspace: settings")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


async def test_palette_opens_settings_showing_team_currency_language_thresholds(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings_by_palette(app, pilot)
        text = static_text(app, "#settings-summary")
        assert "Team: Key Accounts East / 华东大客户部" in text
        assert "Currency: CNY" in text and "Default language: English" in text
        assert "Gift: 500 CNY / 2,000 CNY" in text and "Overseas visit: 20,000 CNY / 40,000 CNY" in text
        lines = table_lines(app, "#settings-members")
        assert any("Sarah Mitchell" in line for line in lines) and any("li.na" in line for line in lines)
        await pilot.press("escape")
        assert isinstance(app.screen, PortfolioScreen)


async def test_w_edits_the_settings_and_the_header_follows(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings_by_palette(app, pilot)
        await pilot.press("w")
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#field-team_name").value = "Key Accounts North"
        form.query_one("#field-currency").value = "eur"
        form.query_one("#field-default_lang").value = "zh"
        form.query_one("#field-gift__per_activity").value = "300"
        form.query_one("#field-overseas_visit__per_person_year").value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        s = settings_service.get(ctx_of(demo_ws))
        assert s.team_name == "Key Accounts North" and s.default_lang == "zh"
        assert s.policy.currency == "EUR"
        assert s.policy.thresholds[ComplianceCategory.gift].per_activity == 300
        assert s.policy.thresholds[ComplianceCategory.overseas_visit].per_person_year is None
        assert "Key Accounts North" in static_text(app, "#header-team")
        assert "no limit" in static_text(app, "#settings-summary")
        await pilot.press("escape")
        assert "Key Accounts North" in static_text(app, "#header-team")  # every screen's header
        assert screen is not app.screen


async def test_an_invalid_currency_is_named_on_its_field(demo_ws, make):
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        await pilot.press("w")
        app.screen.query_one("#field-currency").value = "EURO"
        app.screen.query_one("#field-gift__per_activity").value = "lots"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "金额" in static_text(app, "#error-gift__per_activity")
        app.screen.query_one("#field-gift__per_activity").value = "100"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert static_text(app, "#error-currency").startswith("币种")
        assert settings_service.get(ctx_of(demo_ws)).policy.currency == "CNY"


async def test_team_members_are_added_and_edited(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        await pilot.press("n")
        form = app.screen
        form.query_one("#field-name").value = "刘洋 Liu Yang"
        form.query_one("#field-login").value = "liu.yang"
        await pilot.press("ctrl+s")
        await pilot.pause()
        member = next(m for m in settings_service.members(ctx_of(demo_ws)) if m.login == "liu.yang")
        screen = app.screen
        assert screen.table.current.id == member.id
        await pilot.press("e")
        app.screen.query_one("#field-title").value = "Account Manager"
        app.screen.query_one("#field-archived").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = next(m for m in settings_service.members(ctx_of(demo_ws), include_archived=True)
                      if m.id == member.id)
        assert stored.title == "Account Manager" and stored.archived
        line = next(line for line in table_lines(app, "#settings-members") if "Liu Yang" in line)
        assert "archived" in line


async def test_settings_in_chinese(demo_ws, make):
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        text = static_text(app, "#settings-summary")
        assert "工作区设置" in text and "币种: CNY" in text and "礼物: 500 CNY" in text
        assert "姓名" in table_lines(app, "#settings-members")[0]


async def test_settings_keys_are_in_help_and_the_palette(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("settings: edit", "team member: add", "team member: edit", "view: back"):
            assert title in titles, title
        keys = dict(app.screen.help_rows())
        for key in ("escape", "w", "n", "e", "enter"):
            assert key in keys, key


async def test_the_tiers_criteria_are_shown_and_each_tier_has_its_own_example(demo_ws, make):
    """Walk-through defect: the criteria saved with t were shown nowhere, and the dialog gave
    "A" as the example short name of all three tiers."""
    from kamtui.domain.enums import Tier
    from kamtui.services import team

    ctx = Context(demo_ws, today=TODAY, user="tester")
    team.save_tier_criteria(ctx, {Tier.strategic: ("A", "[b]Revenue[/b] > 10M"), Tier.key: ("", ""),
                                  Tier.standard: ("", "")})
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings_by_palette(app, pilot)
        summary = static_text(app, "#settings-summary")
        assert "Strategic (A): [b]Revenue[/b] > 10M" in summary  # literal, never markup
        assert "Key: no criteria written yet" in summary
        await pilot.press("t")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        shown = [form.query_one(f"#field-{t.value}__label").placeholder for t in Tier]
        assert shown == ["A", "B", "C"]
