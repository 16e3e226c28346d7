"""Planner and agenda opening speed on the generated `large` workspace (not part of the test run).

    kamtui demo /tmp/perf6/large.sqlite --size large --no-open        # 500 accounts, ≈8–13 s
    python tests/perf/bench_planner.py /tmp/perf6/large.sqlite [-n 9]

Measured in one process and one run, in alternating order (absolute times drift ±30 %, so
only the ratios count), each time from `push_screen` to the first full frame at 80×24:
- baseline: an empty KamScreen (header and footer, nothing else);
- the planner of the account with the most activities (200 activities, 40 people);
- the planner of a 2,000-person, 1,000-activity account added to a temporary copy;
- my agenda for team member m00 (thousands of open activities across 500 accounts; the
  screen shows the first 300, painting only the rows on screen).
Target: each below 2× the empty screen. Also reports app start → planner painted against
app start → empty screen painted (what a user waits for after pressing 4 at launch).
Exits non-zero when a target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
from harness import copy_workspace  # noqa: E402  (tests/perf on the path, as run.py puts it)
import statistics
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date(2026, 11, 26)
USER = "m00"


def _empty_screen():
    from textual.app import ComposeResult
    from textual.widgets import Footer

    from kamtui.ui.screens.base import KamScreen
    from kamtui.ui.widgets.header import KamHeader

    class EmptyScreen(KamScreen):
        def compose(self) -> ComposeResult:
            yield KamHeader()
            yield Footer()

    return EmptyScreen()


def _add_big_account(ws) -> str:
    """A 2,000-person account with 1,000 activities (half point activities on its people)."""
    from kamtui.domain.catalogue import CATALOGUE, ActivityType
    from kamtui.domain.enums import ActivityStatus, Scope
    from kamtui.domain.models import Account, Activity, Department, Person
    from kamtui.services.context import Context

    ctx = Context(ws, today=TODAY, user="bench")
    big = Account(name="AAA 2000 people")
    dept = Department(account_id=big.id, name="Everyone")
    people = [Person(account_id=big.id, department_id=dept.id, name=f"Person {i:04d}") for i in range(2000)]
    types = list(ActivityType)
    acts = []
    for i in range(1000):
        t = types[i % len(types)]
        spec = CATALOGUE[t]
        acts.append(Activity(
            account_id=big.id, type=t, scope=spec.scope, layer=spec.layer,
            target_person_ids=[people[i].id] if spec.scope == Scope.point else [],
            target_department_id=dept.id if spec.scope == Scope.line else None,
            planned_on=TODAY + dt.timedelta(days=i % 300 - 150),
            status=ActivityStatus.planned if i % 3 else ActivityStatus.done, cost=100.0,
        ))
    with ctx.write() as tx:
        tx.insert_many([big, dept, *people, *acts])
    return big.id


def _busiest_account(ws) -> str:
    row = ws.db.execute(
        "SELECT account_id FROM activity GROUP BY account_id ORDER BY count(*) DESC, account_id LIMIT 1"
    ).fetchone()
    return row[0]


async def _open(app, pilot, make_screen) -> tuple[float, float]:
    """(wall, CPU) seconds from push_screen to the first full frame."""
    t0, c0 = time.perf_counter(), time.process_time()
    await app.push_screen(make_screen())
    await pilot.pause()
    app.screen._compositor.render_full_update()  # the first full frame
    elapsed = (time.perf_counter() - t0, time.process_time() - c0)
    app.pop_screen()
    await pilot.pause()
    return elapsed


async def pushes(path: Path, n: int) -> dict[str, list[tuple[float, float]]]:
    from kamtui.store import Workspace
    from kamtui.ui.app import make_app
    from kamtui.ui.screens.agenda import AgendaScreen
    from kamtui.ui.screens.planner import PlannerScreen

    ws = Workspace.open(path)
    busiest, big = _busiest_account(ws), _add_big_account(ws)
    cases = {
        "empty screen": _empty_screen,
        "planner (200 activities)": lambda: PlannerScreen(busiest),
        "planner (2,000 people, 1,000 activities)": lambda: PlannerScreen(big),
        "my agenda (m00)": AgendaScreen,
    }
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in cases}
    app = make_app(ws, today=TODAY, lang="en", user=USER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for make in cases.values():  # warm-up: imports, CSS, caches
            await _open(app, pilot, make)
        names = list(cases)
        for i in range(n):
            order = names[i % len(names):] + names[:i % len(names)]  # rotate who goes first
            for name in order:
                times[name].append(await _open(app, pilot, cases[name]))
    ws.close()
    return times


async def cold(path: Path, n: int) -> tuple[list[float], list[float]]:
    """App start → screen pushed and painted: the planner against the empty screen."""
    from kamtui.store import Workspace
    from kamtui.ui.app import make_app
    from kamtui.ui.screens.planner import PlannerScreen

    ws = Workspace.open(path, read_only=True)
    account = _busiest_account(ws)

    async def once(make_screen) -> float:
        t0 = time.perf_counter()
        app = make_app(ws, today=TODAY, lang="en", user=USER)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.push_screen(make_screen())
            await pilot.pause()
            app.screen._compositor.render_full_update()
            elapsed = time.perf_counter() - t0
        return elapsed

    planner, empty = [], []
    await once(_empty_screen)
    for i in range(n):
        pair = [(planner, lambda: PlannerScreen(account)), (empty, _empty_screen)]
        for bucket, make in (pair if i % 2 else pair[::-1]):
            bucket.append(await once(make))
    ws.close()
    return planner, empty


def _fmt(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.1f} ms (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})"


async def main(path: Path, n: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        copy_workspace(path, copy)
        times = await pushes(copy, n)
    base = statistics.median(w for w, _ in times["empty screen"])
    base_cpu = statistics.median(c for _, c in times["empty screen"])
    ok = True
    print(f"push_screen → first full frame at 80×24, median of {n} (same run, rotating order);")
    print("wall time (what the user waits) and, in brackets, CPU time (steadier on a busy machine):")
    for name, values in times.items():
        wall, cpu = [w for w, _ in values], [c for _, c in values]
        ratio = statistics.median(wall) / base
        met = name == "empty screen" or ratio < 2.0
        ok &= met
        print(f"  {name:42} {_fmt(wall)}  {ratio:5.2f}×  [CPU {statistics.median(cpu) * 1000:5.1f} ms "
              f"{statistics.median(cpu) / base_cpu:5.2f}×]{'' if name == 'empty screen' else ('  ok' if met else '  OVER 2×')}")
    planner, empty = await cold(path, max(3, n // 2))
    ratio = statistics.median(planner) / statistics.median(empty)
    print("app start → screen painted:")
    print(f"  {'empty screen':42} {_fmt(empty)}")
    print(f"  {'planner (200 activities)':42} {_fmt(planner)}  {ratio:5.2f}×")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workspace", type=Path, nargs="?", default=Path("/tmp/perf6/large.sqlite"))
    parser.add_argument("-n", type=int, default=9)
    args = parser.parse_args()
    if not args.workspace.exists():
        sys.exit(f"build it first: kamtui demo {args.workspace} --size large --no-open")
    sys.exit(asyncio.run(main(args.workspace, args.n)))
