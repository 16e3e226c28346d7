"""Fields holding a suggestion: typing replaces it whole (the activity form's short board
and objective)."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea
from textual.widgets.input import Selection as TextRange


class SuggestedInput(Input):
    """An input holding a suggestion the user has not touched: the first key typed (or text
    pasted) replaces the whole suggestion, wherever the cursor is, so that nothing typed is
    silently appended to pre-filled text (tab already selects it; a click does not)."""

    suggested = ""

    @property
    def untouched(self) -> bool:
        return bool(self.suggested) and self.value == self.suggested

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and self.untouched:
            self.selection = TextRange(0, len(self.value))

    def _on_paste(self, event: events.Paste) -> None:
        if self.untouched:
            self.selection = TextRange(0, len(self.value))


class SuggestedTextArea(TextArea):
    """The same for a text area (the activity form's objective): while the suggestion is
    untouched it is shown selected when focused, and the first key typed or text pasted
    replaces it whole."""

    suggested = ""

    @property
    def untouched(self) -> bool:
        return bool(self.suggested) and self.text == self.suggested

    def _select_suggestion(self) -> None:
        self.select_all()

    def _on_focus(self, event: events.Focus) -> None:
        if self.untouched:
            self.call_after_refresh(self._select_suggestion)  # after TextArea's own focus handling

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and self.untouched:
            self.select_all()

    def _on_paste(self, event: events.Paste) -> None:
        if self.untouched:
            self.select_all()
