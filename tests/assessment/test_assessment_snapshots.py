"""Snapshots of each wizard step, the rating guide and the history of the demo bank account,
at 80×24 and 120×36, in English and Chinese; today is fixed at 2026-11-26.

Update with `--snapshot-update` after looking at the report; the SVGs live in __snapshots__/.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from assess_helpers import BANK, app_for
from kamtui.ui.screens.assessment import AssessmentScreen
from kamtui.ui.screens.assessment_history import AssessmentHistoryScreen

SIZES = [(80, 24), (120, 36)]
LANGS = ["en", "zh"]
STEPS = {"1-organization": 0, "2-people": 1, "3-departments": 2, "4-review": 3}


def steady(app) -> None:
    """No blinking cursor: the screenshot must not depend on when it is taken."""
    for widget in app.screen.query(Input):
        widget.cursor_blink = False


def at_step(step: int):
    async def run(pilot) -> None:
        await pilot.pause()
        await pilot.app.push_screen(AssessmentScreen(BANK))
        await pilot.pause()
        for _ in range(step):
            await pilot.press("ctrl+right")
            await pilot.pause()
        steady(pilot.app)
        await pilot.pause()

    return run


async def guide(pilot) -> None:
    await at_step(2)(pilot)
    await pilot.press("right", "right", "question_mark")  # information access
    await pilot.pause()


async def history(pilot) -> None:
    await pilot.pause()
    await pilot.app.push_screen(AssessmentHistoryScreen(BANK))
    await pilot.pause()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", list(STEPS))
def test_wizard_step(snap_compare, demo_ws, view, size, lang):
    assert snap_compare(app_for(demo_ws, lang=lang), terminal_size=size, run_before=at_step(STEPS[view]))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_rating_guide(snap_compare, demo_ws, size, lang):
    assert snap_compare(app_for(demo_ws, lang=lang), terminal_size=size, run_before=guide)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_history(snap_compare, demo_ws, size, lang):
    assert snap_compare(app_for(demo_ws, lang=lang), terminal_size=size, run_before=history)
