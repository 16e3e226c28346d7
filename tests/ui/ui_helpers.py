"""What the tests read off the screen: the text of widgets, never pixels."""

from __future__ import annotations

import datetime as dt

from textual.app import App
from textual.widgets import Static

TODAY = dt.date(2026, 11, 26)
HOSTILE_NAMES = ("[red]x[/red]", "Q3 [/] notes", "[@click=app.quit]x[/]", "ACME [EU]")


def static_text(app: App, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content.plain if hasattr(content, "plain") else str(content)


def table_lines(app: App, selector: str = "#portfolio-table") -> list[str]:
    return app.screen.query_one(selector).visible_lines()  # type: ignore[attr-defined]


def screen_text(app: App) -> str:
    """The current screen as the terminal shows it, one string per line."""
    update = app.screen._compositor.render_full_update(simplify=True)  # type: ignore[attr-defined]
    return "\n".join("".join(strip.text for strip in line) for line in update.strips)


def footer_keys(app: App) -> dict[str, str]:
    """key display -> description of the bindings the footer shows (enabled or not)."""
    out = {}
    for key, active in app.screen.active_bindings.items():
        if active.binding.show:
            out[active.binding.key_display or key] = active.binding.description
    return out
