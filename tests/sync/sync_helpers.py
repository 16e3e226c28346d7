"""What the sync tests share: waiting on a running app, reading what a screen shows."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from textual.app import App
from textual.widgets import Input, Static

TODAY = dt.date(2026, 11, 26)
# a fixed moment for "their" saves, so who/when reads the same in every run
THEIR_TIME = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.timezone.utc)


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 2.0) -> float:
    """Let the app run until `condition()` holds; the seconds it took (fails after timeout)."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"not within {timeout} s")
        await pilot.pause(0.05)
    return time.monotonic() - start


async def settle(pilot, times: int = 3) -> None:
    for _ in range(times):
        await pilot.pause()


def screen_text(app: App) -> str:
    """The current screen as the terminal shows it, one string per line."""
    update = app.screen._compositor.render_full_update(simplify=True)  # type: ignore[attr-defined]
    return "\n".join("".join(strip.text for strip in line) for line in update.strips)


def static_text(app: App, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content.plain if hasattr(content, "plain") else str(content)


def field(app: App, name: str) -> Input:
    return app.screen.query_one(f"#field-{name}", Input)


def notes(app: App) -> list[str]:
    """The texts of the notifications shown so far."""
    return [str(n.message.plain if hasattr(n.message, "plain") else n.message) for n in app._notifications]
