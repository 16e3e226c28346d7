"""What the plan dialog tests share: the date, contexts, waiting for workers, reading widgets."""

from __future__ import annotations

import datetime as dt

from textual.app import App
from textual.widgets import Static

from kamtui.services.context import Context

TODAY = dt.date(2026, 11, 26)
HOSTILE_NAMES = ("[red]x[/red]", "Q3 [/] notes", "[@click=app.quit]x[/]", "ACME [EU]")


def ctx_of(ws) -> Context:
    return Context(ws, today=TODAY, user="tester")


def text_of(app: App, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content.plain if hasattr(content, "plain") else str(content)


def notices(app: App) -> list[str]:
    return [getattr(n.message, "plain", str(n.message)) for n in app._notifications]


async def settle(pilot, until=lambda: True, seconds: float = 10.0) -> None:
    """Let the workers run until `until()` holds (their results arrive on the UI thread)."""
    steps = int(seconds / 0.02)
    for _ in range(steps):
        await pilot.pause(0.02)
        if until():
            await pilot.pause()
            return
    raise AssertionError("timed out waiting for the dialog's worker")


async def open_from_palette(app: App, pilot, title: str) -> None:
    await pilot.pause()
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*title)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
