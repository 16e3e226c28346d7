"""One cold start, headless, exiting after the first paint: `headless.py kamtui PATH` or `bare`.

Both variants pay the same interpreter start, Textual import and headless driver, so the
ratio isolates what kamtui adds: its command line, imports, opening the workspace, the first
query, paint.
"""

from __future__ import annotations

import sys


async def until_painted(pilot) -> None:
    """The same ending for both: the first screen with its data, one pause, a full frame."""
    app = pilot.app
    # kamtui's portfolio loads its rows off the UI thread above 1,000 accounts. The app's own
    # after-start work (integrity check, the account screens' imports) is not waited for:
    # the user does not wait for it either.
    while not getattr(app.screen, "rows_shown", True):
        await pilot.pause(0.002)
    # Every message queued so far processed (layout, the table's rows), then the frame.
    # Not pilot.pause(): it waits for the whole process to idle, and kamtui's integrity
    # check, reading the file in a thread after the rows are in, would hold it up to 1 s.
    await pilot._wait_for_screen()
    await pilot._wait_for_screen()
    app.screen._compositor.render_full_update()
    _peak_at_paint()
    app.exit()


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Hello(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

    Hello().run(headless=True, size=(120, 36), auto_pilot=until_painted)


def kamtui(path: str) -> None:
    """`kamtui PATH` through the real command line; only App.run is made headless."""
    from textual.app import App

    run = App.run

    def headless_run(self, *args, **kwargs):
        return run(self, headless=True, size=(120, 36), auto_pilot=until_painted)

    App.run = headless_run  # type: ignore[method-assign]
    sys.argv = ["kamtui", path, "--lang", "en", "--today", "2026-11-26"]
    from kamtui.cli import main

    main()


def _peak_at_paint() -> None:
    """When the frame was painted (wall clock) and the peak memory so far, reported to the
    harness on the fd it names: the process's exit, and whatever the app goes on to do after
    the measured point, are not part of "start to painted portfolio"."""
    import os
    import time

    if os.environ.get("KAMTUI_PERF_PEAK_FD"):
        with open("/proc/self/status") as f:
            hwm = next(line for line in f if line.startswith("VmHWM:"))
        report = f"{int(hwm.split()[1]) / 1024:.1f} {time.time():.6f}\n"
        os.write(int(os.environ["KAMTUI_PERF_PEAK_FD"]), report.encode())


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        kamtui(sys.argv[2])
