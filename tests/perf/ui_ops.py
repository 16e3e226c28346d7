"""In-process Textual measurements: opening account screens, filter keystrokes."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from harness import Result, workspace

TODAY = dt.date(2026, 11, 26)
FILTER_KEYS = ["C", "u", "s", "t", "o", "m", "backspace", "backspace", "backspace", "backspace",
               "backspace", "backspace", "王", "强", "backspace", "backspace", "E", "n", "g",
               "backspace", "backspace", "backspace"]


def _frame(app) -> None:
    app.screen._compositor.render_full_update()


async def _settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    _frame(app)


def _empty_screen():
    from textual.app import ComposeResult

    from kamtui.ui.screens.base import KamScreen
    from kamtui.ui.widgets.footer import KamFooter
    from kamtui.ui.widgets.header import KamHeader

    class EmptyScreen(KamScreen):
        def compose(self) -> ComposeResult:
            yield KamHeader()
            yield KamFooter()

    return EmptyScreen()


def _copy_with_big_account(size: str) -> tuple[Path, str, str]:
    """A private copy of the cached workspace (closed file) plus a 2,000-person account."""
    import bench_planner

    from kamtui.store import Workspace

    src = workspace(size)
    tmp = Path(tempfile.mkdtemp(prefix="kamtui-perf-"))
    path = tmp / src.name
    shutil.copy(src, path)  # the cached file is closed, in rollback-journal mode
    ws = Workspace.open(path, verify=False)
    busiest = bench_planner._busiest_account(ws)  # of the generated ones, before adding the big one
    big = bench_planner._add_big_account(ws)
    ws.close()
    return path, busiest, big


async def _open_screens(path: Path, targets: dict[str, tuple[str, object]], n: int) -> dict[str, tuple[list, list]]:
    from kamtui.store import Workspace
    from kamtui.ui.app import make_app

    ws = Workspace.open(path, verify=False)
    app = make_app(ws, today=TODAY, lang="en", user="bench")
    out: dict[str, tuple[list, list]] = {name: ([], []) for name in targets}
    async with app.run_test(size=(120, 36)) as pilot:
        await _settle(app, pilot)

        async def push(make) -> float:
            t0 = time.perf_counter()
            await app.push_screen(make())
            await _settle(app, pilot)
            elapsed = time.perf_counter() - t0
            app.pop_screen()
            await pilot.pause()
            return elapsed

        for name, (_, make) in targets.items():
            await push(make)  # warm-up
            await push(_empty_screen)
            for i in range(n):
                first, second = (make, _empty_screen) if i % 2 == 0 else (_empty_screen, make)
                a = await push(first)
                b = await push(second)
                k, e = (a, b) if first is make else (b, a)
                out[name][0].append(k)
                out[name][1].append(e)
    ws.close()
    return out


def open_account_screens(size: str, n: int) -> list[Result]:
    from kamtui.ui.screens.assessment import AssessmentScreen
    from kamtui.ui.screens.planner import PlannerScreen
    from kamtui.ui.screens.stakeholder_map import StakeholderMapScreen

    path, busiest, big = _copy_with_big_account(size)
    targets = {}
    for label, account in (("busiest account", busiest), ("2,000 people", big)):
        for screen_name, cls in (("stakeholder map", StakeholderMapScreen), ("planner", PlannerScreen),
                                 ("assessment wizard", AssessmentScreen)):
            targets[f"open {screen_name} ({label})"] = (account, (lambda cls=cls, a=account: cls(a)))
    measured = asyncio.run(_open_screens(path, targets, n))
    shutil.rmtree(path.parent, ignore_errors=True)
    return [Result(name, size, "≤ 2× pushing an empty screen", k, b, ratio_limit=2.0)
            for name, (k, b) in measured.items()]


async def _settle_filter(app, pilot) -> None:
    """As _settle, waiting for the portfolio's own workers (its rows, names, filter) only: the
    app's integrity check and preload run beside the typing and are not part of a key."""
    await pilot.pause()
    await app.workers.wait_for_complete([w for w in app.workers if w.group in ("load", "filter", "names", "pinyin")])
    await pilot.pause()
    _frame(app)


async def _keystrokes(path: Path) -> list[float]:
    from kamtui.store import Workspace
    from kamtui.ui.app import make_app

    ws = Workspace.open(path, read_only=True, verify=False)
    app = make_app(ws, today=TODAY, lang="en", user="bench")
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        while not app.screen._loaded:  # all rows in (above 200 accounts they follow the first page)
            await pilot.pause(0.01)
        await _settle_filter(app, pilot)
        await pilot.press("slash")
        await _settle_filter(app, pilot)
        for key in FILTER_KEYS:
            t0 = time.perf_counter()
            await pilot.press(key)
            await _settle_filter(app, pilot)
            times.append(time.perf_counter() - t0)
    ws.close()
    return times


async def _baseline_keystrokes() -> list[float]:
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    class HelloInput(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()

    app = HelloInput()
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        for key in FILTER_KEYS:
            t0 = time.perf_counter()
            await pilot.press(key)
            await _settle(app, pilot)
            times.append(time.perf_counter() - t0)
    return times


def filter_keystroke(size: str, n: int) -> Result:
    """Every key of a filter session (typing, Chinese, clearing) to the repainted list.

    The names' pinyin readings are kept in the user's cache (kamtui.services.pinyin_readings):
    here a private one. The first session starts without it, as the first start on a workspace
    does: its first Latin key waits for pypinyin's load, said apart in the note. The measured
    sessions start as any later start: the readings in the file, none in memory."""
    import os

    from kamtui.services import pinyin_readings

    path = workspace(size)
    cache = tempfile.mkdtemp(prefix="kamtui-perf-cache-")
    was = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = cache
    try:
        pinyin_readings.forget()
        cold = asyncio.run(_keystrokes(path))[0]
        ks, bs = _keystroke_sessions(path, n, pinyin_readings.forget)
    finally:
        if was is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = was
        shutil.rmtree(cache, ignore_errors=True)
    # Pilot's own waiting (~100 ms a key here) is in both; what kamtui adds is the difference.
    overhead = statistics.median(bs)
    added = [max(0.0, k - overhead) for k in ks]
    limit = 100.0 if size == "xl" else 50.0
    r = Result("filter keystroke (added to an Input key)", size, f"every key ≤ {limit:.0f} ms added",
               added, bs, absolute_limit_ms=limit)
    r.note = (f"added per key: median {statistics.median(added) * 1000:.1f} ms, "
              f"p90 {sorted(added)[int(len(added) * 0.9)] * 1000:.1f} ms, max {max(added) * 1000:.1f} ms; "
              f"first Latin key with no readings cached (pypinyin loads): {cold * 1000:.0f} ms")
    return r


def _keystroke_sessions(path: Path, n: int, new_process) -> tuple[list[float], list[float]]:
    ks: list[float] = []
    bs: list[float] = []
    for i in range(max(1, n // 3)):  # sessions alternate; each session types every key
        new_process()  # what a new process holds: the readings only in the cache file
        if i % 2:
            bs += asyncio.run(_baseline_keystrokes())
            ks += asyncio.run(_keystrokes(path))
        else:
            ks += asyncio.run(_keystrokes(path))
            bs += asyncio.run(_baseline_keystrokes())
    return ks, bs


def _team_first_open():
    """The team screen as first opened: nothing kept from an earlier open, its figures read."""
    from kamtui.ui.screens.team import TeamScreen, forget_kept

    forget_kept()
    return TeamScreen()


def _team_reopen():
    """The team screen opened again with nothing written since: the overview read last shown."""
    from kamtui.ui.screens.team import TeamScreen

    return TeamScreen()


def open_team_screen(size: str, n: int) -> list[Result]:
    """The team screen (this quarter, by owner, every group's figures) against pushing an
    empty screen, in the same app and run: first opened (figures read; the target), and
    reopened with nothing written since (the figures read last kept)."""
    from kamtui.services.workspaces import open_workspace

    src = workspace(size)
    tmp = Path(tempfile.mkdtemp(prefix="kamtui-perf-"))
    path = tmp / src.name
    shutil.copy(src, path)  # the cached file is closed
    # As `kamtui PATH` opens it: migrated, its cached figures made by this program's rules
    # (a cache built by an older kamtui is recomputed here, once, before measuring).
    ws, _ = open_workspace(path, verify=False)
    ws.close()
    measured = asyncio.run(_open_screens(path, {"open team screen": ("", _team_first_open),
                                                "reopen team screen (nothing written)": ("", _team_reopen)}, n))
    shutil.rmtree(tmp, ignore_errors=True)
    return [Result(name, size, "≤ 2× pushing an empty screen", k, b, ratio_limit=2.0)
            for name, (k, b) in measured.items()]
