"""The top line: team, workspace file, user, language, read-only badge."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static


class KamHeader(Horizontal):
    def __init__(self) -> None:
        super().__init__(id="kam-header")

    def compose(self) -> ComposeResult:
        yield Static("kamtui", id="header-app")
        yield Static("", id="header-team")
        yield Static("", id="header-where")
        yield Static("", id="header-badge")

    def show(self, team: str, file: str, user: str, lang: str, read_only: str | None) -> None:
        self.query_one("#header-team", Static).update(Content(team))
        self.query_one("#header-where", Static).update(Content(f"{file} · {user} · {lang.upper()}"))
        badge = self.query_one("#header-badge", Static)
        badge.update(Content(read_only or ""))
        badge.display = bool(read_only)
