"""The activity form can be trusted (issue 15.4): an empty date says it is empty and the
planner flags the activity; a suggestion is marked as one and typing replaces it, however the
field was reached; the focused control is visibly different from the others."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label, TextArea

from kamtui.ui.screens.activity_forms import ActivityFormDialog
from planner_helpers import open_planner, static_text


async def _open_form(app, pilot, account_id):
    await open_planner(app, pilot, account_id)
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, ActivityFormDialog)
    return app.screen


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_an_empty_date_says_so_and_looks_like_no_value(demo_ws, make, accounts, lang):
    app = make(demo_ws, user="demo", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(app, pilot, accounts["Harbourline"])
        date = form.query_one("#field-planned_on", Input)
        assert date.value == ""
        # the placeholder is words, not a date the eye takes for a value
        assert not any(ch.isdigit() for ch in date.placeholder) and date.placeholder
        hint = static_text(app, "#date-hint")
        assert ("never overdue" in hint) if lang == "en" else ("不会逾期" in hint)
        date.value = "2026-12-18"
        await pilot.pause()
        assert not form.query_one("#date-hint").display


async def test_typing_replaces_an_untouched_suggestion_however_the_field_is_reached(demo_ws, make, accounts):
    app = make(demo_ws, user="demo")
    async with app.run_test(size=(120, 36)) as pilot:
        form = await _open_form(app, pilot, accounts["Harbourline"])
        await pilot.press(*"gift", "enter")
        await pilot.pause()
        board = form.query_one("#field-short_board", Input)
        suggested = board.value
        assert suggested.startswith("Daniel Ng") and board.has_class("-suggested")
        assert "typing replaces it" in static_text(app, "#board-hint")
        # tab from the objective, type: the objective keeps its words, the board gets the new ones
        form.query_one("#field-objective", TextArea).focus()
        await pilot.press(*"meet the CFO", "tab")
        await pilot.pause()
        assert app.focused is board
        await pilot.press(*"Kevin")
        await pilot.pause()
        assert form.query_one("#field-objective", TextArea).text == "meet the CFO"
        assert board.value == "Kevin" and not board.has_class("-suggested")
        assert "Daniel Ng" in static_text(app, "#board-hint")  # the current board stays in sight
        # back to the suggestion; a click puts the cursor in the text, typing still replaces it
        board.value = ""
        form.choose_type(form.kind)
        await pilot.pause()
        assert board.value == suggested
        await pilot.click("#field-short_board", offset=(3, 0))
        await pilot.pause()
        assert app.focused is board and board.selection.is_empty
        await pilot.press(*"X")
        assert board.value == "X"
        # a value the user typed is never replaced by a new suggestion
        await pilot.press(*"Y")
        assert board.value == "XY"


def _look(widget) -> tuple:
    row = next((a for a in widget.ancestors if a.has_class("form-row")), None)
    label = row.query(Label).first() if row is not None and row.query(Label) else None
    return (widget.styles.background, widget.styles.text_style,
            label.styles.color if label else None, label.styles.text_style if label else None,
            *(c.styles.background for c in widget.children))


async def test_the_focused_control_looks_different_in_the_activity_form(demo_ws, make, accounts):
    app = make(demo_ws, user="demo")
    async with app.run_test(size=(120, 36)) as pilot:
        form = await _open_form(app, pilot, accounts["Harbourline"])
        await pilot.press(*"gift", "enter")
        await pilot.pause()
        chain = [w for w in form.focus_chain]
        assert len(chain) >= 10
        for widget in chain:
            other = next(w for w in chain if w is not widget)
            other.focus()
            await pilot.pause()
            blurred = _look(widget)
            widget.focus()
            await pilot.pause()
            assert _look(widget) != blurred, widget
