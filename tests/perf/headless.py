"""One cold start, headless, exiting after the first paint: `headless.py kamtui PATH` or `bare`.

Both variants pay the same interpreter start, Textual import and headless driver, so the
ratio isolates what kamtui adds: its imports, opening the workspace, the first query, paint.
"""

from __future__ import annotations

import sys


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Hello(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self.exit)

    Hello().run(headless=True, size=(120, 36))


def kamtui(path: str) -> None:
    import datetime as dt
    from pathlib import Path

    from kamtui.services.workspaces import open_workspace
    from kamtui.ui.app import make_app

    ws, _ = open_workspace(Path(path))
    app = make_app(ws, today=dt.date(2026, 11, 26), lang="en")
    app.exit_after_paint = True
    app.run(headless=True, size=(120, 36))
    ws.close()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        kamtui(sys.argv[2])
