"""The top line: team, workspace file, user, language, read-only badge."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from kamtui.ui.text import safe_line


class KamHeader(Horizontal):
    def __init__(self) -> None:
        super().__init__(id="kam-header")
        self._shown: tuple | None = None

    def compose(self) -> ComposeResult:
        # With the facts from the start when the app has them: each later change of a Static's
        # text is another layout pass before the first frame.
        facts = getattr(self.app, "header_facts", None)
        team, where, badge = ("", "", "")
        if facts is not None:
            self._shown = facts()
            team, where, badge = self._texts(*self._shown)
        yield Static("kamtui", id="header-app")
        yield Static(Content(team), id="header-team")
        yield Static(Content(where), id="header-where")
        yield Static(Content(badge), id="header-badge", classes="" if badge else "-hidden")

    @staticmethod
    def _texts(team: str, file: str, user: str, lang: str, read_only: str | None) -> tuple[str, str, str]:
        # the team's name is read straight from the file at start-up: any program may have written it
        return safe_line(team), safe_line(f"{file} · {user} · {lang.upper()}"), read_only or ""

    def show(self, team: str, file: str, user: str, lang: str, read_only: str | None) -> None:
        facts = (team, file, user, lang, read_only)
        if facts == self._shown:
            return
        self._shown = facts
        team_text, where, badge_text = self._texts(*facts)
        self.query_one("#header-team", Static).update(Content(team_text))
        self.query_one("#header-where", Static).update(Content(where))
        badge = self.query_one("#header-badge", Static)
        badge.update(Content(badge_text))
        badge.set_class(not badge_text, "-hidden")
