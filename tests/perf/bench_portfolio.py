"""Portfolio speed on the generated workspaces (not part of the test run).

    kamtui demo /tmp/perf/large.sqlite --size large --no-open    # 500 accounts, ≈8 s
    kamtui demo /tmp/perf/xl.sqlite --size xl --no-open          # 5,000 accounts, ≈90 s
    python tests/perf/bench_portfolio.py /tmp/perf/large.sqlite /tmp/perf/xl.sqlite

Measures, in one process and one run (compare ratios, absolute times drift ±30 %):
- paint: app start → first full paint of the portfolio at 80×24 (headless), against a bare
  Textual app measured the same way (the "hello app" of measured.md); the workspace is open
  already (opening it, with the store's quick_check, is reported apart);
- per keystroke: typing into the `/` filter, the time of the filter handler (FTS search,
  filtering, sorting, handing the rows to the table) plus painting the visible rows, and the
  wall time of the whole key press through Pilot;
- overview: opening an account with 2,000 people against one with a handful.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from harness import copy_workspace  # noqa: E402  (tests/perf on the path, as run.py puts it)
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static

TODAY = dt.date(2026, 11, 26)
KEYS = ["C", "u", "s", "t", "o", "m", "backspace", "backspace", "backspace", "backspace", "backspace",
        "backspace", "王", "强", "backspace", "backspace", "E", "n", "g", "i", "n", "e", "e", "r"]


class Hello(App):
    def compose(self) -> ComposeResult:
        yield Static("hello")
        yield Footer()


async def paint_times(make_app) -> tuple[float, float]:
    """(start → first full frame, start → frame with the rows): they differ when the rows
    are loaded off the UI thread (workspaces of more than a thousand accounts)."""
    started = time.perf_counter()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen._compositor.render_full_update()  # the first full frame
        first = time.perf_counter() - started
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen._compositor.render_full_update()
        rows = time.perf_counter() - started
    return first, rows


async def paint_time(make_app) -> float:
    return (await paint_times(make_app))[0]


_OPEN: dict[Path, object] = {}


def kamtui_app(path: Path):
    """The app on an already open workspace: opening (and its quick_check) is timed apart."""
    from kamtui.store import Workspace
    from kamtui.ui.app import make_app

    if path not in _OPEN:
        _OPEN[path] = Workspace.open(path, read_only=True, verify=False)
    return make_app(_OPEN[path], today=TODAY, lang="en", user="bench")


class HelloInput(App):
    def compose(self) -> ComposeResult:
        from textual.widgets import Input

        yield Input()
        yield Footer()


async def pilot_baseline() -> list[float]:
    """Wall time of a Pilot key press into a bare app's Input (Pilot's own waiting)."""
    app = HelloInput()
    wall = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in KEYS:
            t0 = time.perf_counter()
            await pilot.press(key)
            wall.append((time.perf_counter() - t0) * 1000)
    return wall


async def keystrokes(path: Path, threaded: bool) -> tuple[list[float], list[float], list[float]]:
    """Per key: the search (match_rows, ms), what the UI thread does with its answer (sorting,
    the table, painting the visible rows, ms), and the wall time of the whole Pilot press."""
    from kamtui.services import accounts

    app = kamtui_app(path)
    search: list[float] = []
    show: list[float] = []
    wall: list[float] = []
    real_match = accounts.match_rows

    def timed_match(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return real_match(*args, **kwargs)
        finally:
            search.append((time.perf_counter() - t0) * 1000)

    accounts.match_rows = timed_match  # type: ignore[assignment]
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            screen.THREAD_ABOVE = 0 if threaded else 10**9
            real_show = screen._show

            def timed_show(matches, keep=None):
                t0 = time.perf_counter()
                real_show(matches, keep)
                screen.table.visible_lines()  # paint the rows that show
                show.append((time.perf_counter() - t0) * 1000)

            screen._show = timed_show  # type: ignore[method-assign]
            await pilot.press("slash")
            await pilot.pause()
            search.clear()
            show.clear()
            for key in KEYS:
                t0 = time.perf_counter()
                await pilot.press(key)
                await app.workers.wait_for_complete()
                wall.append((time.perf_counter() - t0) * 1000)
    finally:
        accounts.match_rows = real_match  # type: ignore[assignment]
    return search, show, wall


async def overview_times(path: Path) -> tuple[float, float]:
    """Seconds to open the overview of a small account and of one with 2,000 people."""
    from kamtui.domain.models import Account, Department, Person
    from kamtui.services import accounts
    from kamtui.services.context import Context
    from kamtui.store import Workspace
    from kamtui.ui.app import make_app
    from kamtui.ui.screens.account_overview import AccountOverviewScreen

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        copy_workspace(path, copy)
        ws = Workspace.open(copy)
        ctx = Context(ws, today=TODAY, user="bench")
        big = Account(name="AAA 2000 people")
        dept = Department(account_id=big.id, name="Everyone")
        with ctx.write() as tx:
            tx.insert_many([big, dept, *(Person(account_id=big.id, department_id=dept.id,
                                                name=f"Person {i:04d}") for i in range(2000))])
        small = accounts.portfolio(ctx)[1].id
        app = make_app(ws, today=TODAY, lang="en", user="bench")
        out = []
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for account_id in (small, small, big.id):  # the first one warms the screen's imports
                t0 = time.perf_counter()
                app.push_screen(AccountOverviewScreen(account_id))
                await pilot.pause()
                app.screen._compositor.render_full_update()
                out.append(time.perf_counter() - t0)
                app.pop_screen()
                await pilot.pause()
        ws.close()
    return out[1], out[2]


def summary(values: list[float]) -> str:
    return (f"median {statistics.median(values):6.1f}  p90 {sorted(values)[int(len(values) * 0.9)]:6.1f}"
            f"  max {max(values):6.1f}")


async def main(paths: list[Path]) -> None:
    await paint_time(Hello)  # warm the imports for both sides
    await paint_time(lambda: kamtui_app(paths[0]))
    hello = statistics.median([await paint_time(Hello) for _ in range(3)])
    print(f"bare Textual app, start → first paint: {hello * 1000:.0f} ms")
    print(f"bare app, Pilot press into an Input  ms: {summary(await pilot_baseline())}")
    for path in paths:
        from kamtui.services import accounts
        from kamtui.services.context import Context
        from kamtui.store import Workspace

        t0 = time.perf_counter()
        ws = Workspace.open(path, read_only=True)
        opened = time.perf_counter() - t0
        ws.close()
        ws = Workspace.open(path, read_only=True, verify=False)
        t0 = time.perf_counter()
        n = len(accounts.portfolio(Context(ws, today=TODAY)))
        load = time.perf_counter() - t0
        ws.close()
        runs = [await paint_times(lambda: kamtui_app(path)) for _ in range(3)]
        paint = statistics.median(r[0] for r in runs)
        rows_painted = statistics.median(r[1] for r in runs)
        small, big = await overview_times(path)
        print(f"\n{path.name}: {n} accounts (portfolio query {load * 1000:.0f} ms; opening the file "
              f"with its quick_check, before the app starts: {opened * 1000:.0f} ms)")
        print(f"  start → first paint   {paint * 1000:6.0f} ms = {paint / hello:.2f} × the bare app")
        print(f"  start → rows painted  {rows_painted * 1000:6.0f} ms = {rows_painted / hello:.2f} × the bare app")
        for threaded in (False, True):
            search, show, wall = await keystrokes(path, threaded)
            total = [a + b for a, b in zip(search, show)]
            how = "search off the UI thread" if threaded else "all on the UI thread"
            print(f"  filter keystroke ({how}), {len(KEYS)} keys:")
            print(f"    search (match_rows)        ms: {summary(search)}")
            print(f"    table + paint (UI thread)  ms: {summary(show)}")
            print(f"    search + table + paint     ms: {summary(total)}")
            print(f"    whole Pilot press          ms: {summary(wall)}")
        print(f"  overview: small account {small * 1000:.0f} ms, 2,000-person account {big * 1000:.0f} ms")


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]] or [Path("/tmp/perf/large.sqlite"), Path("/tmp/perf/xl.sqlite")]
    missing = [str(p) for p in args if not p.exists()]
    if missing:
        sys.exit(f"build them first with `kamtui demo PATH --size large|xl --no-open`: {missing}")
    asyncio.run(main(args))
