"""A yes/no question (y / n / escape), and the forms that ask one before dropping typed changes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from kamtui.ui.screens.base import KamModal, ResultT
from kamtui.ui.text import plain


class ConfirmDialog(KamModal[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm_yes"),
        Binding("n", "answer(False)", "No", id="confirm_no"),
        Binding("escape", "answer(False)", "No", show=False, id="confirm_escape"),
    ]

    def __init__(self, title: str | Content, body: str | Content):
        super().__init__()
        self.title_text = title if isinstance(title, Content) else plain(title)
        self.body_text = body if isinstance(body, Content) else plain(body)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.title_text, id="confirm-title")
            yield Static(self.body_text, id="confirm-body")
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(self.tr("confirm.yes") + " (y)"), id="yes", variant="error")
                yield Button(Content(self.tr("confirm.no") + " (n)"), id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class GuardedForm(KamModal[ResultT]):
    """A form whose cancel (escape or its Cancel button) asks before dropping typed changes;
    its Save button saves. Subclasses say what `dirty` and saving are."""

    @property
    def dirty(self) -> bool:
        raise NotImplementedError

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return
        self.app.push_screen(ConfirmDialog(self.tr("form.discard.title"), self.tr("form.discard.body")),
                             lambda discard: self.dismiss(None) if discard else None)

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
