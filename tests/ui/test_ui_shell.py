"""The shell: header, help, language, palette, themes, account-screen keys, quitting."""

from __future__ import annotations

import warnings

import pytest
from ui_helpers import TODAY, footer_keys, static_text, table_lines
from textual.app import ComposeResult
from textual.widgets import Static

from kamtui.services import settings as settings_service
from kamtui.services.context import Context
from kamtui.ui.app import KamtuiApp
from kamtui.ui.screens import registry
from kamtui.ui.screens.base import KamScreen
from kamtui.ui.screens.help import HelpDialog
from kamtui.ui.screens.portfolio import PortfolioScreen


def ctx_of(ws) -> Context:
    return Context(ws, today=TODAY, user="tester")


class FakeAccountScreen(KamScreen):
    BINDINGS = [("escape", "app.pop_screen", "Back")]

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id

    def compose(self) -> ComposeResult:
        yield Static(self.account_id)


async def test_header_shows_team_file_user_and_language(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        assert static_text(app, "#header-team") == "Key Accounts East / 华东大客户部"
        assert static_text(app, "#header-where") == "demo.sqlite · tester · EN"
        assert not app.screen.query_one("#header-badge").display
        await pilot.press("L")
        assert static_text(app, "#header-where") == "demo.sqlite · tester · ZH"


async def test_question_mark_lists_the_screen_keys_with_a_sentence_each(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        dialog = app.screen
        assert isinstance(dialog, HelpDialog)
        text = static_text(app, "#help-rows")
        for key, words in (("/", "Filter as you type"), ("n", "Add an account"), ("d", "Archive the account"),
                           ("s", "next column"), ("S", "Reverse"), ("A", "archived accounts"),
                           ("L", "English and Chinese"), ("q", "Leave kamtui"), ("1", "portfolio")):
            assert any(line.strip().startswith(key) and words in line for line in text.splitlines()), key
        keys = "\n".join(line for line in text.splitlines() if not line.strip().startswith("figures"))
        assert "assessment" not in keys.lower()  # 2/3/4 are absent until their screens exist
        assert "figures  as of each account's latest assessment" in text
        await pilot.press("escape")
        assert isinstance(app.screen, PortfolioScreen)
        await pilot.press("L", "question_mark")
        assert "边输入边筛选" in static_text(app, "#help-rows")
        assert static_text(app, "#help-title") == "本屏按键"


async def test_L_switches_everything_and_is_remembered_per_user(demo_ws, make):
    app = make(demo_ws, lang=None)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.lang == "en"  # the workspace default
        await pilot.press("L")
        assert app.lang == "zh"
        assert "客户" in table_lines(app)[0] and footer_keys(app)["L"] == "English"
        assert "个客户" in static_text(app, "#portfolio-status")
    assert settings_service.language(ctx_of(demo_ws)) == "zh"
    again = make(demo_ws, lang=None)
    assert again.lang == "zh"
    other = make(demo_ws, lang=None, user="someone.else")
    assert other.lang == "en"  # remembered per user


async def test_every_key_has_a_bilingual_palette_entry(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test() as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("workspace: settings", "view: theme", "view: switch language", "help: keys of this screen",
                      "account: new", "account: edit", "account: archive", "view: filter accounts",
                      "view: sort by next column", "view: reverse sort", "account: open overview",
                      "view: show / hide archived accounts", "view: portfolio", "app: quit"):
            assert title in titles, title
        await pilot.press("L")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "工作区：设置" in titles and "客户：新建" in titles


async def test_palette_runs_a_screen_command(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"view: sort by next")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen) and app.screen.sort_column == "level"


async def test_themes_come_from_the_palette_and_the_table_follows(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert any(c.title == "view: theme" for c in app.get_system_commands(app.screen))
        before = app.screen.table.get_component_rich_style("window-table--header")
        app.theme = "textual-light"
        await pilot.pause()
        after = app.screen.table.get_component_rich_style("window-table--header")
        assert before != after
        assert "Harbourline" in table_lines(app)[1]
        from textual.command import CommandPalette

        theme_command = next(c for c in app.get_system_commands(app.screen) if c.title == "view: theme")
        theme_command.callback()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)  # Textual's theme picker


async def test_account_keys_open_registered_screens_on_the_selected_account(demo_ws, make, _isolated_registry):
    app = make(demo_ws)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.check_action("account_screen", ("map",)) is False  # absent
        await pilot.press("3")
        assert isinstance(app.screen, PortfolioScreen)
        _isolated_registry["map"] = FakeAccountScreen
        app.refresh_bindings()
        await pilot.press("down", "3")
        assert isinstance(app.screen, FakeAccountScreen)
        assert app.screen.account_id == app.selected_account_id == app.screen_stack[0].table.rows[1].id
        assert any(c.title == "account: stakeholder map" for c in app.get_system_commands(app.screen))
        await pilot.press("1")
        assert isinstance(app.screen, PortfolioScreen)


@pytest.fixture
def broken_screen(monkeypatch):
    """broken_screen(module, message) -> the screen modules importlib was asked for, while
    importing kamtui.ui.screens.<module> raises ImportError(message)."""
    import importlib

    real = importlib.import_module
    asked: list[str] = []

    def install(module: str, message: str) -> list[str]:
        def fake(name, *args):
            if name.startswith("kamtui.ui.screens."):
                asked.append(name)
            if name == f"kamtui.ui.screens.{module}":
                raise ImportError(message)
            return real(name, *args)

        monkeypatch.setattr(importlib, "import_module", fake)
        return asked

    return install


def test_account_screens_are_declared_without_importing_and_a_broken_one_is_reported(broken_screen):
    asked = broken_screen("planner", "cannot import name 'x'")
    screens = registry.AccountScreens(registry.ACCOUNT_SCREENS)
    assert [n for n in ("assessment", "map", "activities") if n in screens] == ["assessment", "map", "activities"]
    assert asked == [] and screens.pending() == ["assessment", "map", "activities"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert screens.preload() == ["activities"]
    assert "planner" in screens.failed and "cannot import" in screens.failed["planner"]
    assert "assessment" not in screens.failed and "stakeholder_map" not in screens.failed
    assert "activities" not in screens  # its key is gone
    assert screens.pending() == []  # the other two are imported
    assert any("planner" in str(w.message) for w in caught)
    assert registry.AccountScreens(registry.ACCOUNT_SCREENS).pending() == ["assessment", "map", "activities"]


async def test_a_key_pressed_before_the_preload_imports_its_screen_or_reports_it(demo_ws, make, broken_screen,
                                                                                   real_screens):
    broken_screen("planner", "boom [red]x[/]")
    app = make(demo_ws)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.check_action("account_screen", ("activities",)) is True
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)
        assert any("boom [red]x[/]" in n.message for n in app._notifications)
        assert app.check_action("account_screen", ("activities",)) is False
        await pilot.press("3")  # a screen that imports fine opens on the spot
        await pilot.pause()
        from kamtui.ui.screens.stakeholder_map import StakeholderMapScreen

        assert isinstance(app.screen, StakeholderMapScreen)


async def test_a_broken_screen_module_is_shown_when_the_app_starts(demo_ws, make, real_screens):
    app = make(demo_ws)
    app.account_screens.failed["planner"] = "ImportError: boom [red]x[/]"
    async with app.run_test() as pilot:
        await pilot.pause()
        assert any("boom [red]x[/]" in n.message for n in app._notifications)


async def test_q_quits(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_enter_on_the_last_field_saves_a_form(empty_ws, make):
    from kamtui.services import settings as s

    app = make(empty_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_settings()
        await pilot.pause()
        await pilot.press("n", *"Ada")
        await pilot.press("tab", "tab", *"ada", "enter")  # name → title → login (last) ⏎
        await pilot.pause()
        assert [m.login for m in s.members(ctx_of(empty_ws))] == ["ada"]


def test_make_app_is_the_one_factory(demo_ws):
    from kamtui.ui.app import make_app

    app = make_app(demo_ws, today=TODAY, lang="zh", user="x")
    assert isinstance(app, KamtuiApp)
    assert app.ctx.today == TODAY and app.ctx.user == "x" and app.lang == "zh"
    assert app.selected_account_id is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_binding_with_an_id_has_words_in_both_languages(lang):
    from kamtui.ui.i18n import has, t
    from kamtui.ui.screens import account_overview, portfolio, settings

    for cls in (KamtuiApp, portfolio.PortfolioScreen, account_overview.AccountOverviewScreen,
                settings.SettingsScreen):
        for binding in cls.BINDINGS:
            if getattr(binding, "id", None):
                assert has(f"key.{binding.id}") and t(f"key.{binding.id}", lang)
                assert has(f"help.{binding.id}") and t(f"help.{binding.id}", lang)


async def test_coming_back_from_an_account_screen_shows_its_changes(demo_ws, make, monkeypatch, _isolated_registry):
    from kamtui.services import accounts

    _isolated_registry["activities"] = FakeAccountScreen
    app = make(demo_ws)
    async with app.run_test() as pilot:
        await pilot.pause()
        row = app.screen.table.current
        await pilot.press("4")
        assert isinstance(app.screen, FakeAccountScreen)
        accounts.update(ctx_of(demo_ws), accounts.get(ctx_of(demo_ws), row.id), {"name": "Renamed Bank"})
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.table.current.name == "Renamed Bank"
        calls = []
        real = accounts.portfolio
        monkeypatch.setattr(accounts, "portfolio", lambda *a, **k: calls.append(1) or real(*a, **k))
        await pilot.press("e", "ctrl+s")  # a dialog: its callback reloads, once
        await pilot.pause()
        assert len(calls) == 1


async def test_ctrl_s_right_after_typing_saves_everything_typed(empty_ws, make):
    from textual import events

    from kamtui.services import accounts

    app = make(empty_ws)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        # a fast typist: the characters and ctrl+s reach the app before any is handled
        for char in "Fast Co":
            app.post_message(events.Key("space" if char == " " else char, char))
        app.post_message(events.Key("ctrl+s", None))
        await pilot.pause()
        await pilot.pause()
        assert [r.name for r in accounts.portfolio(ctx_of(empty_ws))] == ["Fast Co"]


async def test_assess_from_the_overview_with_a_broken_wizard_reports_it_and_runs_on(demo_ws, make, broken_screen,
                                                                                    real_screens):
    from kamtui.ui.screens.account_overview import AccountOverviewScreen

    broken_screen("assessment", "boom")
    app = make(demo_ws)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            await pilot.press("a")
            await pilot.pause()
        assert app.is_running and isinstance(app.screen, AccountOverviewScreen)
        assert any("boom" in n.message for n in app._notifications)
        assert app.screen.check_action("assess", ()) is not True


async def test_ctrl_c_and_the_footer_speak_the_readers_language(demo_ws, make):
    """Walk-through defect: in 中文 the ctrl+c toast and the footer's "^p palette" were English."""
    app = make(demo_ws, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        (note,) = list(app._notifications)
        assert "退出" in str(note.message) and note.title == "要退出吗？"
        footer = app.screen.query_one("KamFooter")
        assert "^p 命令" in footer.render().plain
        await pilot.press("L")
        await pilot.pause()
        assert "^p palette" in app.screen.query_one("KamFooter").render().plain
