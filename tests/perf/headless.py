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

    ws, _ = open_workspace(Path(path), verify=False)  # as `kamtui WORKSPACE` opens it
    app = make_app(ws, today=dt.date(2026, 11, 26), lang="en")

    async def until_painted(pilot) -> None:
        await pilot.pause()
        await app.workers.wait_for_complete()  # rows loaded off the UI thread (xl)
        await pilot.pause()
        app.screen._compositor.render_full_update()
        app.exit()

    app.run(headless=True, size=(120, 36), auto_pilot=until_painted)
    ws.close()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        kamtui(sys.argv[2])
