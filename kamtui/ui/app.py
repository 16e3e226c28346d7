"""The Textual application and its one factory, `make_app()`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from kamtui.domain.enums import Lang
from kamtui.services import settings as settings_service
from kamtui.services.context import Context
from kamtui.ui.i18n import t
from kamtui.ui.screens import registry
from kamtui.ui.screens.base import KamScreenMixin, translate_bindings

_ACCOUNT_KEYS = {"2": "assessment", "3": "map", "4": "activities"}


class KamtuiApp(App[None]):
    # Textual 8 does not load the CSS_PATH of the default screen (get_default_screen skips
    # _load_screen_css), so the portfolio's styles are loaded with the app's.
    CSS_PATH = ["app.tcss", "screens/portfolio.tcss"]
    TITLE = "kamtui"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark", "keys", "Keys", key_display="?", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("L", "toggle_lang", "中文", key_display="L", id="lang"),
        Binding("1", "portfolio", "Portfolio", show=False, id="portfolio"),
        # 2/3/4 stay out of the footer (no room at 80 columns); ? and the palette list them.
        Binding("2", "account_screen('assessment')", "Assess", show=False, id="assessment"),
        Binding("3", "account_screen('map')", "Map", show=False, id="map"),
        Binding("4", "account_screen('activities')", "Activities", show=False, id="activities"),
    ]

    def __init__(self, ctx: Context, lang: Lang | None = None):
        super().__init__()
        self.ctx = ctx
        remembered = settings_service.language(ctx)
        default = settings_service.get(ctx).default_lang
        self.lang: Lang = lang or remembered or default  # type: ignore[assignment]
        self.selected_account_id: str | None = None
        registry.load()

    # -- screens -------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        from kamtui.ui.screens.portfolio import PortfolioScreen

        return PortfolioScreen()

    def on_mount(self) -> None:
        translate_bindings(self, self.lang)
        self.refresh_bindings()
        for module, error in registry.FAILED.items():
            self.notify(f"{module}: {error}", title="kamtui", severity="error", markup=False)

    # -- header facts --------------------------------------------------------------
    def header_facts(self) -> tuple[str, str, str, str, str | None]:
        badge = t("header.read_only", self.lang) if self.ctx.read_only else None
        team = settings_service.get(self.ctx).team_name
        return team, Path(self.ctx.ws.path).name, self.ctx.user, self.lang, badge

    def refresh_headers(self) -> None:
        """After the settings change (team name…): every screen's header shows the new facts."""
        for screen in self.screen_stack:
            if isinstance(screen, KamScreenMixin):
                screen.refresh_header()

    # -- actions -------------------------------------------------------------------
    def action_keys(self) -> None:
        from kamtui.ui.screens.help import HelpDialog

        screen = self.screen
        if isinstance(screen, KamScreenMixin):
            rows = screen.help_rows()
        else:
            rows = []
        self.push_screen(HelpDialog(rows, t("help.title", self.lang), t("help.close", self.lang)))

    def action_toggle_lang(self) -> None:
        self.set_lang("zh" if self.lang == "en" else "en")

    def set_lang(self, lang: Lang) -> None:
        self.lang = lang
        try:
            settings_service.remember_language(self.ctx, lang)
        except Exception as exc:  # remembering is a convenience; never block the switch
            self.notify(str(exc), severity="warning", markup=False)
        translate_bindings(self, lang)
        for screen in self.screen_stack:
            if isinstance(screen, KamScreenMixin):
                screen.apply_language()
        self.refresh_bindings()

    def action_portfolio(self) -> None:
        from kamtui.ui.screens.portfolio import PortfolioScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, PortfolioScreen):
            self.pop_screen()

    def action_account_screen(self, name: str) -> None:
        factory = registry.ACCOUNT_SCREENS.get(name)
        if factory and self.selected_account_id:
            self.push_screen(factory(self.selected_account_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "account_screen":
            name = str(parameters[0]) if parameters else ""
            if name not in registry.ACCOUNT_SCREENS:
                return False  # absent (not in footer, help or palette) until that screen exists
            if self.selected_account_id and not getattr(self.screen, "is_modal", False):
                return True
            return None  # shown, but there is no account to open it on
        return True

    # -- command palette -----------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        yield SystemCommand(t("cmd.keys", lang), t("help.help", lang), self.action_keys)
        yield SystemCommand(t("cmd.lang", lang), t("help.lang", lang), self.action_toggle_lang)
        yield SystemCommand(t("cmd.portfolio", lang), t("help.portfolio", lang), self.action_portfolio)
        yield SystemCommand(t("cmd.theme", lang), t("cmd.theme.help", lang), self.action_change_theme)
        yield SystemCommand(t("cmd.settings", lang), t("cmd.settings.help", lang), self.action_settings)
        if self.selected_account_id:
            for key, name in _ACCOUNT_KEYS.items():
                if name in registry.ACCOUNT_SCREENS:
                    yield SystemCommand(
                        t(f"cmd.{name}", lang), t(f"help.{name}", lang),
                        lambda name=name: self.action_account_screen(name),
                    )
        if isinstance(screen, KamScreenMixin) and hasattr(screen, "commands"):
            for title, help_text, callback in screen.commands():  # type: ignore[attr-defined]
                yield SystemCommand(title, help_text, callback)
        yield SystemCommand(t("cmd.quit", lang), t("help.quit", lang), self.action_quit)

    def action_settings(self) -> None:
        from kamtui.ui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())


def make_app(ws, today: dt.date | None = None, lang: Lang | None = None, user: str | None = None) -> KamtuiApp:
    """The one way to build the app (CLI and tests): a workspace, today, a language."""
    ctx = Context(ws, today=today or dt.date.today())
    if user:
        ctx.user = user
    return KamtuiApp(ctx, lang)
