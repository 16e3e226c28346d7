"""The Textual application and its one factory, `make_app()`.

The app's shell: its keys, screens, language and header facts, and what it does once the first
frame is out (the integrity check, the account screens' preload). Its command palette is in
kamtui.ui.palette, what it does about a damaged file in kamtui.ui.damage.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.worker import WorkerState

from kamtui import safe_text
from kamtui.domain.enums import Lang
from kamtui.errors import KamtuiError
from kamtui.services import settings as settings_service
from kamtui.services import workspaces as workspaces_service
from kamtui.services.context import Context
from kamtui.ui.i18n import register, t
from kamtui.ui import remembered
from kamtui.ui.screens import registry
from kamtui.ui.damage import DamageWatch
from kamtui.ui.habits import HABIT_BINDINGS, HabitActions
from kamtui.ui.palette import PaletteCommands
from kamtui.ui.screens.base import KamScreenMixin, translate_bindings

# While the damaged-file dialog is up, only these run (ctrl+p, 1, ?, x … would lead past it).
_WHEN_DAMAGED = {"quit", "toggle_lang"}
CHECK_AFTER = 0.25  # seconds after the first frame, and between looks at the loading
PRELOAD_AFTER = 1.5  # seconds without a key before the account screens are imported
CHECK_WAIT = 5.0  # seconds the integrity check waits, at most, for the first screen's loading

register({
    "key.agenda": ("Agenda", "日程"),
    "help.agenda": ("My agenda: open activities across accounts, overdue first (was g)",
                    "我的日程：各客户中我的未结束活动，逾期优先（原为 g）"),
    "cmd.account_history": ("account: assessment history", "客户：评估历史"),
    "key.team": ("Team", "团队"),
    "help.team": ("The team view: owners' accounts, levels, execution over a period",
                  "团队视图：各负责人的客户、级别与计划执行（按期间）"),
    "cmd.team": ("team: view", "团队：视图"),
    "app.quit_hint": ("Press {quit_key} to quit kamtui.", "按 {quit_key} 退出 kamtui。"),
    "app.quit_hint.title": ("Do you want to quit?", "要退出吗？"),
    "cmd.account_history.help": ("The account's assessments by date, a trend per layer, what moved",
                                 "该客户按日期排列的评估、各层面趋势及变化"),
})


class KamtuiApp(HabitActions, DamageWatch, PaletteCommands):
    # Textual 8 does not load the CSS_PATH of the default screen (get_default_screen skips
    # _load_screen_css), so the portfolio's styles are loaded with the app's.
    CSS_PATH = ["app.tcss", "screens/portfolio.tcss"]
    TITLE = "kamtui"
    ENABLE_COMMAND_PALETTE = True
    # The screens of keys 2/3/4 (tests put stand-ins here); what was imported is per app.
    ACCOUNT_SCREENS: Mapping[str, str | registry.Factory] = registry.ACCOUNT_SCREENS
    BINDINGS = [
        Binding("question_mark", "keys", "Keys", key_display="?", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("L", "toggle_lang", "中文", key_display="L", id="lang"),
        Binding("1", "portfolio", "Portfolio", show=False, id="portfolio"),
        # 2/3/4 stay out of the footer (no room at 80 columns); ? and the palette list them.
        Binding("2", "account_screen('assessment')", "Assess", show=False, id="assessment"),
        Binding("3", "account_screen('map')", "Map", show=False, id="map"),
        Binding("4", "account_screen('activities')", "Activities", show=False, id="activities"),
        Binding("x", "export_plan", "Export", show=False, id="plan_export"),
        Binding("o", "agenda", "Agenda", show=False, id="agenda"),
        Binding("5", "team", "Team", show=False, id="team"),
        *HABIT_BINDINGS,  # j/k/g/G and y (kamtui.ui.habits): below any widget's or screen's own
        # Tab moves the focus here, as the app takes the key, not after the focused widget's
        # queue has passed it up: keys that arrive in one burst after a tab (a macro, a paste
        # without bracketed paste) are otherwise routed to the field it leaves. No widget of
        # kamtui's uses tab itself (text areas are tab_behavior="focus").
        Binding("tab", "focus_next", show=False, priority=True, system=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True, system=True),
    ]

    def __init__(self, ctx: Context, lang: Lang | None = None, ascii: bool | None = None):
        super().__init__()
        from kamtui.ui import ascii as ascii_mode

        # symbols in ASCII: asked for (--ascii), or a terminal that cannot show them
        self.ascii = ascii_mode.needs_ascii() if ascii is None else ascii
        if self.ascii:
            self._filters.append(ascii_mode.AsciiFilter())
        self.ctx = ctx
        remembered = settings_service.language(ctx)
        default = settings_service.default_language(ctx)
        self.lang: Lang = lang or remembered or default  # type: ignore[assignment]
        self.selected_account_id: str | None = None
        self.damaged = False  # the integrity check failed: only quitting is left
        self.config_note: KamtuiError | None = None  # a config file that could not be read
        self._last_key = 0.0  # monotonic time of the last key (the preload waits for a pause)
        self.account_screens = registry.AccountScreens(self.ACCOUNT_SCREENS)

    # -- screens -------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        from kamtui.ui.screens.portfolio import PortfolioScreen

        return PortfolioScreen()

    def on_mount(self) -> None:
        translate_bindings(self, self.lang)
        self.refresh_bindings()
        remembered.restore_theme(self)
        remembered.restore_screen(self)
        if self.config_note is not None:
            self.notify(self.config_note.message(self.lang), severity="warning", markup=False)
        self._reported: set[str] = set()
        self._screens_failed()
        self._network_notice()

    def _network_notice(self) -> None:
        """On a network filesystem, what kamtui does about it, said inside the app (the CLI
        prints nothing before the app takes the screen)."""
        ws = self.ctx.ws
        if not getattr(ws, "network", False):
            return
        key = "app.network.read_only" if ws.read_only_reason == "network" else (
            "app.network.single_writer" if not ws.read_only else "")
        if key:
            self.notify(Content(t(key, self.lang, file=Path(ws.path).name)),  # type: ignore[arg-type]
                        title=t("app.network.title", self.lang), severity="warning", timeout=12)  # type: ignore[arg-type]

    # -- integrity -----------------------------------------------------------------
    def on_ready(self) -> None:
        """After the first frame: the whole-file check would otherwise delay it by seconds.
        Not at once either: on two cores it would slow the frames that follow."""
        self._check_by = time.monotonic() + CHECK_WAIT
        self._check_started = False
        self._check_timer = self.set_interval(CHECK_AFTER, self._check_when_quiet)
        # The objects of start-up (modules, classes, styles) live as long as the app: out of
        # the collector's sight, a full collection no longer walks them (≈100 ms pauses that
        # landed on whichever screen allocated next). Not collected first: `kamtui PATH` starts
        # with the collector off (cli._run_app), and a collection of all that here took 30 ms
        # to find ≈2,000 objects of garbage, which are kept instead.
        gc.freeze()
        gc.enable()

    def _check_when_quiet(self) -> None:
        """Once the first screen has its data: on two cores the check, reading the whole
        file, would slow a large portfolio's loading threefold."""
        busy = any(w.group not in ("integrity", "preload") and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
                   for w in self.workers)
        if self._check_started or (busy and time.monotonic() < self._check_by):
            return
        if time.monotonic() - self._last_key < CHECK_AFTER:
            return  # typing: the check's reading would compete with the keys on two cores
        self._check_started = True
        self._check_timer.stop()
        self.run_worker(self._check_integrity, thread=True, group="integrity")
        # Not at once: the first frames and the user's first keys come before imports that
        # only the keys 2/3/4 need (pressed sooner, they import on the spot).
        self.set_timer(PRELOAD_AFTER, self._start_preload)

    def _start_preload(self) -> None:
        """When the keyboard has been quiet for a while: the imports hold the interpreter (and
        modules the interface may import meanwhile) for a fifth of a second, which a filter
        being typed would feel."""
        if not self.account_screens.pending():
            return
        quiet = time.monotonic() - self._last_key
        if quiet < PRELOAD_AFTER:
            self.set_timer(PRELOAD_AFTER - quiet + 0.01, self._start_preload)
            return
        self.run_worker(self._preload_screens, thread=True, group="preload")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = time.monotonic()
        await super().on_event(event)

    def _preload_screens(self) -> None:
        """The account screens' modules, imported while the user reads the portfolio."""
        if self.account_screens.preload():
            self.call_from_thread(self._screens_failed)
        gc.freeze()  # the screens' modules, as the start-up's

    def _screens_failed(self) -> None:
        for module, error in list(self.account_screens.failed.items()):
            if module not in self._reported:
                self._reported.add(module)
                self.notify(f"{module}: {error}", title="kamtui", severity="error", markup=False)
        self.refresh_bindings()

    async def action_quit(self) -> None:
        if self.damaged:  # the one sentence again on the terminal, and a failing exit status
            self.exit(return_code=1, message=self._damage_sentence(self._damage))
            return
        remembered.keep_screen(self)  # reopened at the next start
        await super().action_quit()

    def get_key_display(self, binding: Binding) -> str:
        shown = super().get_key_display(binding)
        if self.ascii and not shown.isascii():  # ⏎ ↑ …: the key's name instead
            return binding.key.replace("_", " ")
        return shown

    # -- header facts --------------------------------------------------------------
    def header_facts(self) -> tuple[str, str, str, str, str | None]:
        badge = None
        if self.ctx.read_only:
            network = getattr(self.ctx.ws, "read_only_reason", "") == "network"
            badge = t("header.read_only.network" if network else "header.read_only", self.lang)
        team = settings_service.team_name(self.ctx)
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

    def action_help_quit(self) -> None:
        """ctrl+c (copy in a field, else this): how to quit, in the reader's language (Textual's
        own toast is in English only)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(Content(t("app.quit_hint", self.lang, quit_key=self.get_key_display(active.binding))),  # type: ignore[arg-type]
                            title=t("app.quit_hint.title", self.lang))  # type: ignore[arg-type]
                return

    def action_toggle_lang(self) -> None:
        self.set_lang("zh" if self.lang == "en" else "en")

    def set_lang(self, lang: Lang) -> None:
        self.lang = lang
        try:
            settings_service.remember_language(self.ctx, lang)
        except KamtuiError as exc:  # remembering is a convenience; never block the switch
            self.notify(exc.message(lang), severity="warning", markup=False)
        except Exception as exc:  # noqa: BLE001 - (the same, for what no one foresaw)
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
        if name in self.account_screens and self.selected_account_id:
            try:
                screen = self.account_screens.open(name, self.selected_account_id)
            except ImportError:  # its module failed to load: say so, and the key goes away
                self._screens_failed()
                return
            self.push_screen(screen)

    def on_account(self, screen: Screen) -> bool:
        """Whether `screen` is about the selected account (x exports its plan there)."""
        from kamtui.ui.screens.portfolio import PortfolioScreen

        if not self.selected_account_id or getattr(screen, "is_modal", False):
            return False
        return isinstance(screen, PortfolioScreen) or getattr(screen, "account_id", None) == self.selected_account_id

    def _on_agenda(self) -> bool:
        # Asked on every refresh of the keys: importing the agenda (≈70 ms) is left to its use.
        agenda = sys.modules.get("kamtui.ui.screens.agenda")
        return agenda is not None and isinstance(self.screen, agenda.AgendaScreen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.damaged and action not in _WHEN_DAMAGED:
            return False
        if action == "export_plan":
            return self.on_account(self.screen)
        if action == "agenda":
            return not getattr(self.screen, "is_modal", False) and not self._on_agenda()
        if action == "team":
            return not getattr(self.screen, "is_modal", False) and type(self.screen).__name__ != "TeamScreen"
        if action == "account_screen":
            name = str(parameters[0]) if parameters else ""
            if name not in self.account_screens:
                return False  # absent (not in footer, help or palette) until that screen exists
            if self.selected_account_id and not getattr(self.screen, "is_modal", False):
                return True
            return None  # shown, but there is no account to open it on
        return True


def make_app(ws, today: dt.date | None = None, lang: Lang | None = None, user: str | None = None,
             ascii: bool | None = None) -> KamtuiApp:
    """The one way to build the app (CLI and tests): a workspace, today, a language; `ascii`
    None chooses ASCII symbols when the terminal needs them (kamtui.ui.ascii)."""
    ctx = Context(ws, today=today or dt.date.today())
    if user:
        ctx.user = safe_text.line(user) or ctx.user
    from kamtui.ui import keymap

    unread = None
    try:
        rebound = keymap.from_config()  # a bad [keys] entry: one sentence, before the screen is taken
    except KamtuiError as exc:
        if exc.code != "config.unreadable":
            raise
        rebound, unread = {}, exc  # another user's config (su, sudo): the keys as shipped, said inside
    with workspaces_service.reading(ws):  # damage met here is one sentence, not a traceback
        app = KamtuiApp(ctx, lang, ascii)
    if rebound:
        app.set_keymap(rebound)
    app.config_note = unread
    return app
