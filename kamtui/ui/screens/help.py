"""`?`: the keys of the screen underneath, each with a sentence."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from kamtui.ui.screens.base import KamModal


class HelpDialog(KamModal[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="close_help"),
        Binding("question_mark", "dismiss", "Close", show=False, id="close_help_q"),
    ]

    def __init__(self, rows: list[tuple[str, str]], title: str, footer: str):
        super().__init__()
        self.rows = rows
        self.heading = title
        self.footer = footer

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(self.heading, id="help-title", markup=False)
            width = max((len(k) for k, _ in self.rows), default=4)
            lines = "\n".join(f"{k:>{width}}  {sentence}" for k, sentence in self.rows)
            yield Static(lines, id="help-rows", markup=False)
            yield Static(self.footer, id="help-footer", markup=False)

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)
