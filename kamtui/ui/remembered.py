"""What the app remembers for each user, in the workspace beside the language (the
`preference` table, through kamtui.services.settings): the theme, the portfolio's sort, and
the screen the app was left on, reopened at the next start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from kamtui.errors import KamtuiError
from kamtui.services import settings as settings_service

if TYPE_CHECKING:
    from kamtui.ui.app import KamtuiApp

# The screens a start may reopen, by class name (their modules are imported only when used).
_SCREENS = {"AgendaScreen": "agenda", "TeamScreen": "team", "AccountOverviewScreen": "overview",
            "StakeholderMapScreen": "map", "PlannerScreen": "activities"}


def keep(app: "KamtuiApp", key: str, value: str) -> None:
    """Remember `key`; remembering is a convenience, so a failure is a notice, never a stop."""
    try:
        settings_service.remember(app.ctx, key, value)
    except KamtuiError as exc:
        if app.is_running:
            app.notify(exc.message(app.lang), severity="warning", markup=False)  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - (the same, for what no one foresaw)
        if app.is_running:
            app.notify(str(exc), severity="warning", markup=False)


def recall(app: "KamtuiApp", key: str) -> str | None:
    try:
        return settings_service.preference(app.ctx, key)
    except Exception:  # noqa: BLE001 - an unreadable preference is one not remembered
        return None


# -- theme ---------------------------------------------------------------------------
def restore_theme(app: "KamtuiApp") -> None:
    """The user's theme, if Textual still has it; then every change of theme is kept."""
    theme = recall(app, "theme")
    if theme and theme in app.available_themes and theme != app.theme:
        app.theme = theme
    app.theme_changed_signal.subscribe(app, lambda new: keep(app, "theme", new.name))


# -- portfolio sort --------------------------------------------------------------------
def portfolio_sort(app: "KamtuiApp", columns: tuple[str, ...] | list[str]) -> tuple[str, bool]:
    """(column, reverse) remembered for the portfolio; ("name", False) when none or stale."""
    value = recall(app, "portfolio_sort") or ""
    column, _, order = value.partition(":")
    if column not in columns:
        return "name", False
    return column, order == "reverse"


def keep_portfolio_sort(app: "KamtuiApp", column: str, reverse: bool) -> None:
    keep(app, "portfolio_sort", f"{column}:reverse" if reverse else column)


# -- last screen -----------------------------------------------------------------------
def screen_key(screen: Screen) -> str | None:
    """How `screen` is remembered: "agenda", "team", or "<name>:<account id>"."""
    name = _SCREENS.get(type(screen).__name__)
    if name is None:
        return None
    account = getattr(screen, "account_id", None)
    if name in ("agenda", "team"):
        return name
    return f"{name}:{account}" if account else None


def keep_screen(app: "KamtuiApp") -> None:
    """At the end: the full screen the user was on (under any dialog), or the portfolio."""
    if app.damaged:
        return
    shown = [s for s in app.screen_stack if not getattr(s, "is_modal", False)]
    key = screen_key(shown[-1]) if shown else None
    keep(app, "screen", key or "portfolio")


def restore_screen(app: "KamtuiApp") -> None:
    """Reopen the remembered screen over the portfolio; an account gone since is not reopened."""
    value = recall(app, "screen") or "portfolio"
    name, _, account = value.partition(":")
    if name == "agenda":
        app.action_agenda()
    elif name == "team":
        app.action_team()
    elif account and name in ("overview", "map", "activities"):
        from kamtui.services import accounts

        try:
            accounts.get(app.ctx, account)
        except KamtuiError:
            return
        from kamtui.ui.screens.account_overview import AccountOverviewScreen

        app.selected_account_id = account
        app.push_screen(AccountOverviewScreen(account))
        if name != "overview":
            app.action_account_screen(name)
