"""Builders shared by the assessment tests (a plain module so tests can import it)."""

from __future__ import annotations

import datetime as dt

from textual.screen import Screen

from kamtui.services.demo_content import demo_id
from kamtui.ui.app import KamtuiApp, make_app

TODAY = dt.date(2026, 11, 26)
BANK = demo_id("acct", "harbourline-cn")  # Harbourline Bank: two snapshots, 17 people, 7 departments
TELECOM = demo_id("acct", "hxm-sh")


def person_id(account_key: str, person_key: str) -> str:
    return demo_id("person", account_key, person_key)


def dept_id(account_key: str, dept_key: str) -> str:
    return demo_id("dept", account_key, dept_key)


class Blank(Screen):
    """Stands in for the portfolio under the pushed screen (that screen is another issue's)."""


def app_for(ws, lang: str = "en", user: str = "tester") -> KamtuiApp:
    app = make_app(ws, today=TODAY, lang=lang, user=user)
    app.get_default_screen = Blank  # type: ignore[method-assign]
    return app


def grid_text(grid) -> list[str]:
    """Every rendered line of a windowed grid (header first), as plain text."""
    return [grid.render_line(y).text for y in range(grid.size.height)]


def widget_text(widget) -> str:
    """What a widget shows, as plain text (Static, Lines, DimensionChoice …; containers: their children)."""
    if widget.children:
        return " ".join(widget_text(child) for child in widget.children)
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))
