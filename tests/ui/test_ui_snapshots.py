"""Snapshots of the portfolio (empty, demo, filtered, help open, a form with a validation error),
the overview and the settings, at 80×24 and 120×36, in English and Chinese; today is fixed.

Update with `--snapshot-update` after looking at the report; the SVGs live in __snapshots__/.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

SIZES = [(80, 24), (120, 36)]
LANGS = ["en", "zh"]


def steady(app) -> None:
    """No blinking cursor: the screenshot must not depend on when it is taken."""
    for widget in app.screen.query(Input):
        widget.cursor_blink = False


async def filtered(pilot) -> None:
    await pilot.pause()
    await pilot.press("slash", *"Zhou", "enter")
    await pilot.pause()


async def help_open(pilot) -> None:
    await pilot.pause()
    await pilot.press("question_mark")
    await pilot.pause()


async def form_error(pilot) -> None:
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    pilot.app.screen.query_one("#field-short_name").value = "Nordwind"
    await pilot.press("ctrl+s")
    await pilot.pause()
    steady(pilot.app)


async def settled(pilot) -> None:
    await pilot.pause()
    steady(pilot.app)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_portfolio_empty(snap_compare, empty_ws, make, size, lang):
    assert snap_compare(make(empty_ws, lang=lang), terminal_size=size, run_before=settled)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_portfolio_demo(snap_compare, demo_ws, make, size, lang):
    assert snap_compare(make(demo_ws, lang=lang), terminal_size=size, run_before=settled)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_portfolio_filtered(snap_compare, demo_ws, make, size, lang):
    assert snap_compare(make(demo_ws, lang=lang), terminal_size=size, run_before=filtered)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_portfolio_help(snap_compare, demo_ws, make, size, lang):
    assert snap_compare(make(demo_ws, lang=lang), terminal_size=size, run_before=help_open)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_portfolio_form_error(snap_compare, demo_ws, make, size, lang):
    assert snap_compare(make(demo_ws, lang=lang), terminal_size=size, run_before=form_error)


async def overview_open(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_overview(snap_compare, demo_ws, make, size, lang):
    assert snap_compare(make(demo_ws, lang=lang), terminal_size=size, run_before=overview_open)


async def overview_people(pilot) -> None:
    await overview_open(pilot)
    pilot.app.screen.show_section("people")
    await pilot.pause()


def test_overview_people_80x24(snap_compare, demo_ws, make):
    assert snap_compare(make(demo_ws, lang="zh"), terminal_size=(80, 24), run_before=overview_people)


async def settings_open(pilot) -> None:
    await pilot.pause()
    pilot.app.action_settings()
    await pilot.pause()


@pytest.mark.parametrize("lang", LANGS)
def test_settings_80x24(snap_compare, demo_ws, make, lang):
    assert snap_compare(make(demo_ws, lang=lang), terminal_size=(80, 24), run_before=settings_open)


async def join_open(pilot) -> None:
    await pilot.pause()
    await pilot.press("m")
    await pilot.pause()
    steady(pilot.app)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_join_team_dialog(snap_compare, empty_ws, make, size, lang):
    """A new workspace: m offers to add the acting user (issue 15.6)."""
    assert snap_compare(make(empty_ws, lang=lang), terminal_size=size, run_before=join_open)
