"""The app's command palette (ctrl+p): the app-wide commands, the account screens', the plans
as files (x), my agenda, the team view and the selected account's assessment history.

A base of KamtuiApp (it uses the app's lang, selected account and account screens).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen

from kamtui.errors import KamtuiError
from kamtui.ui.i18n import t
from kamtui.ui.screens import plan_io_text  # noqa: F401 - registers the words of x and the plan commands
from kamtui.ui.screens.base import KamScreenMixin
from kamtui.ui.text import plain

ACCOUNT_KEYS = {"2": "assessment", "3": "map", "4": "activities"}


class PaletteCommands(App[None]):
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        yield SystemCommand(t("cmd.keys", lang), t("help.help", lang), self.action_keys)
        yield SystemCommand(t("cmd.lang", lang), t("help.lang", lang), self.action_toggle_lang)
        yield SystemCommand(t("cmd.portfolio", lang), t("help.portfolio", lang), self.action_portfolio)
        yield SystemCommand(t("cmd.theme", lang), t("cmd.theme.help", lang), self.action_change_theme)
        yield SystemCommand(t("cmd.settings", lang), t("cmd.settings.help", lang), self.action_settings)
        if self.selected_account_id:
            for key, name in ACCOUNT_KEYS.items():
                if name in self.account_screens:
                    yield SystemCommand(
                        t(f"cmd.{name}", lang), t(f"help.{name}", lang),
                        lambda name=name: self.action_account_screen(name),
                    )
        yield from self._plan_commands(screen)
        if isinstance(screen, KamScreenMixin) and hasattr(screen, "commands"):
            for title, help_text, callback in screen.commands():  # type: ignore[attr-defined]
                yield SystemCommand(title, help_text, callback)
        yield SystemCommand(t("cmd.quit", lang), t("help.quit", lang), self.action_quit)

    def _plan_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Plans as files, my agenda, and the selected account's assessment history."""
        from kamtui.ui.screens.agenda import agenda_command

        lang = self.lang
        if self.on_account(screen):
            yield SystemCommand(t("cmd.plan_export", lang), t("help.plan_export", lang), self.action_export_plan)
            yield SystemCommand(t("cmd.plan_export_brief", lang), t("cmd.plan_export_brief.help", lang),
                                lambda: self.action_export_plan("md"))
            from kamtui.ui.screens.assessment_history import AssessmentHistoryScreen

            if not isinstance(screen, AssessmentHistoryScreen):  # there already
                yield SystemCommand(t("cmd.account_history", lang), t("cmd.account_history.help", lang),
                                    self.action_account_history)
        yield SystemCommand(t("cmd.plan_export_all", lang), t("cmd.plan_export_all.help", lang),
                            self.action_export_all)
        if not self.ctx.read_only:
            yield SystemCommand(t("cmd.plan_import", lang), t("cmd.plan_import.help", lang), self.action_import_plans)
        if self.check_action("agenda", ()):
            yield SystemCommand(*agenda_command(self))
        if self.check_action("team", ()):
            yield SystemCommand(t("cmd.team", lang), t("help.team", lang), self.action_team)

    def action_settings(self) -> None:
        from kamtui.ui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    # -- plans as files, agenda, history ----------------------------------------------
    def action_export_plan(self, fmt_name: str = "toml") -> None:
        if not self.on_account(self.screen):
            return
        self._push_plan_dialog(lambda dialogs: dialogs.PlanExportDialog(self.selected_account_id, fmt_name))

    def action_export_all(self) -> None:
        self._push_plan_dialog(lambda dialogs: dialogs.PlanExportDialog(None))

    def action_import_plans(self) -> None:
        if not self.ctx.read_only:
            self._push_plan_dialog(lambda dialogs: dialogs.PlanImportDialog(), self._imported)

    def _push_plan_dialog(self, build, callback=None) -> None:
        from kamtui.ui.screens import plan_io

        try:
            dialog = build(plan_io)
        except KamtuiError as exc:  # the account went meanwhile
            self.notify(plain(exc.message(self.lang)), severity="error")
            return
        self.push_screen(dialog, callback)

    def _imported(self, result: object) -> None:
        """Every screen shows what the import wrote (those under a dialog do not reload alone)."""
        if result is None or not getattr(result, "written", 0):
            return
        self.refresh_headers()  # the team's name may have come with workspace.toml
        for screen in self.screen_stack:
            reload = getattr(screen, "reload", None)
            if isinstance(screen, KamScreenMixin) and callable(reload):
                reload()

    def action_agenda(self) -> None:
        from kamtui.ui.screens.agenda import agenda_command

        if self.check_action("agenda", ()):
            agenda_command(self)[2]()

    def action_team(self) -> None:
        from kamtui.ui.screens.team import TeamScreen

        if self.check_action("team", ()):
            self.push_screen(TeamScreen())

    def action_account_history(self) -> None:
        from kamtui.ui.screens.assessment_history import AssessmentHistoryScreen

        if self.selected_account_id:
            self.push_screen(AssessmentHistoryScreen(self.selected_account_id))
