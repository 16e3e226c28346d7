"""The line `/` opens at the bottom of a screen: what is typed moves to the first match, `↓`/`↑`
to the next and previous, `enter` keeps the match, `escape` goes back to where the search
started. The screen says what can be found (see kamtui.ui.screens.type_ahead).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static


class SearchBar(Horizontal):
    DEFAULT_CSS = """
    SearchBar {
        dock: bottom;
        height: 1;
        display: none;
        background: $panel;
        &.-open { display: block; }
        & > Input { width: 1fr; height: 1; border: none; padding: 0 1; background: $panel; }
        & > Static { width: auto; min-width: 8; padding: 0 1; color: $text-muted; }
        &.-none > Static { color: $text-warning; }
    }
    """
    BINDINGS = [
        Binding("escape", "close(False)", show=False),
        Binding("down", "step(1)", show=False),
        Binding("up", "step(-1)", show=False),
    ]

    class Changed(Message):
        def __init__(self, bar: "SearchBar", term: str) -> None:
            super().__init__()
            self.bar, self.term = bar, term

    class Step(Message):
        def __init__(self, bar: "SearchBar", step: int) -> None:
            super().__init__()
            self.bar, self.step = bar, step

    class Closed(Message):
        def __init__(self, bar: "SearchBar", kept: bool) -> None:
            super().__init__()
            self.bar, self.kept = bar, kept

    def __init__(self, placeholder: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._placeholder = placeholder
        self._last = ""

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self._placeholder, compact=True)
        yield Static("")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def open(self, placeholder: str) -> None:
        self.input.placeholder = placeholder
        self.input.value = ""
        self.show_count("")
        self.add_class("-open")
        self.input.focus()

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def show_count(self, text: str, found: bool = True) -> None:
        self.query_one(Static).update(Content(text))
        self.set_class(not found, "-none")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._last = event.value
        self.post_message(self.Changed(self, event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_close(True)

    def action_step(self, step: int) -> None:
        self.post_message(self.Step(self, step))

    def action_close(self, kept: bool) -> None:
        self.remove_class("-open")
        self.post_message(self.Closed(self, kept))
