"""The focus is obvious in every dialog (issue 15.4): each control a tab reaches looks
different when it has the focus (tint, or its row's label in bold accent)."""

from __future__ import annotations

from textual.screen import ModalScreen
from textual.widgets import Label


def _look(widget) -> tuple:
    row = next((a for a in widget.ancestors if a.has_class("form-row")), None)
    labels = row.query(Label) if row is not None else []
    label = labels.first() if labels else None
    return (widget.styles.background, widget.styles.text_style,
            label.styles.color if label else None, label.styles.text_style if label else None,
            *(c.styles.background for c in widget.children))


async def _every_focus_shows(app, pilot) -> int:
    screen = app.screen
    assert isinstance(screen, ModalScreen)
    chain = list(screen.focus_chain)
    assert len(chain) >= 2
    for widget in chain:
        other = next(w for w in chain if w is not widget)
        other.focus()
        await pilot.pause()
        blurred = _look(widget)
        widget.focus()
        await pilot.pause()
        assert _look(widget) != blurred, widget
    return len(chain)


async def test_focus_shows_in_the_account_form_and_the_confirm_dialog(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert await _every_focus_shows(app, pilot) >= 6  # the fields and both buttons
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await _every_focus_shows(app, pilot)
