"""Keys that arrive in one burst (a paste without bracketed paste, a macro, tmux send-keys)
land where they would typed one by one: a tab moves the focus before the keys after it are
routed (walk-through defect: "Fast Co", tab, "FC" gave the name "Fast CoFC")."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


def _burst(app, *texts: str) -> None:
    """Every key queued on the app at once, as a terminal's read hands them over."""
    for text in texts:
        if text in ("tab", "shift+tab"):
            app.post_message(events.Key(text, None))
        else:
            for ch in text:
                app.post_message(events.Key("space" if ch == " " else ch, ch))


KEYS = ("Fast Co", "tab", "FC", "tab", "Retail", "shift+tab", "shift+tab", "X")


async def _form_values(app, pilot, burst: bool) -> list[str]:
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.focused, Input)
    if burst:
        _burst(app, *KEYS)
    else:
        for text in KEYS:
            await pilot.press(*([text] if "tab" in text else [("space" if c == " " else c) for c in text]))
    await pilot.pause()
    await pilot.pause()
    return [w.value for w in app.screen.query(Input)][:3]


async def test_tab_in_a_burst_moves_the_following_keys_to_the_next_field(demo_ws, make):
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        typed = await _form_values(app, pilot, burst=False)
    assert typed == ["X", "FC", "Retail"], typed  # a field reached again has its text selected
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await _form_values(app, pilot, burst=True) == typed
