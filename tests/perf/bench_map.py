"""Stakeholder map speed on a 2,000-person account (not part of the test run).

    python tests/perf/bench_map.py [-n 9]

Builds a temporary workspace holding one account of 2,000 people (40 departments three
levels deep, reports-to chains, 12 of our members as owners, 600 activities, 300 links) by
bulk insert, then measures in one process and one run, in rotating order (absolute times
drift ±30 %, so only ratios count), each from `push_screen` to the first full frame at 80×24:
- baseline: an empty KamScreen (header and footer, nothing else), pushed until settled;
- the map's first frame (the organization tree, one level open);
- the read of the whole account that follows the first frame (the one stall: keys wait);
- the map ready: figures shown, everything settled;
and, on the open map, each `v` switch (organization → chain → grid → coverage → organization)
and a pagedown down the 2,000-line decision chain (the card follows), each until its first
frame is painted and until everything has settled; the switches start a second after the
map opened (the other views mount in the background meanwhile).
Targets: first frame below 2× the empty screen; the read and each step's median under
100 ms. Exits non-zero when a target is missed. On a loaded machine (see `uptime`) every
absolute figure grows; compare the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date(2026, 11, 26)
PEOPLE = 2000


def build(path: Path) -> str:
    """A workspace with one 2,000-person account; returns its id."""
    from kamtui.domain.catalogue import CATALOGUE, ActivityType
    from kamtui.domain.enums import ActivityStatus, Attitude, ChainRole, LinkKind, Scope
    from kamtui.domain.models import (
        Account, Activity, Competitor, Department, Person, PersonLink, TeamMember,
    )
    from kamtui.services.context import Context
    from kamtui.store import Workspace

    rng = random.Random(2026)
    ws = Workspace.create(path, team_name="Map bench")
    ctx = Context(ws, today=TODAY, user="bench")
    members = [TeamMember(name=f"成员 Member {i:02d}", login=f"m{i:02d}") for i in range(12)]
    account = Account(name="大客户 2,000 people", short_name="Big2000", owner_id=members[0].id)
    comps = [Competitor(account_id=account.id, name=n) for n in ("华为 Huawei", "ZTE", "Ericsson")]
    depts: list[Department] = []
    for i in range(40):  # 1 root, 6 under it, the rest under those
        parent = None if i == 0 else depts[0].id if i <= 6 else depts[1 + (i % 6)].id
        depts.append(Department(account_id=account.id, parent_id=parent, name=f"部门 Dept {i:02d}",
                                importance=1 + i % 3, business_line=f"Line {i % 5}"))
    surnames, given = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗", "伟芳娜敏静强磊军洋勇艳杰涛明超霞"
    people: list[Person] = []
    for k in range(PEOPLE):
        dept = depts[k % len(depts)]
        boss = people[k - len(depts)] if k >= len(depts) else None  # a chain inside each department
        name = rng.choice(surnames) + rng.choice(given) + (rng.choice(given) if k % 2 else "") + f"{k:04d}"
        people.append(Person(
            account_id=account.id, department_id=dept.id, name=name,
            title=rng.choice(["总经理", "副总经理", "主任", "Director", "Manager", "Engineer"]),
            reports_to_id=boss.id if boss else None, role=rng.choice([*ChainRole, None]),
            influence=rng.randint(1, 5), attitude=rng.choice(list(Attitude)),
            hidden_decision_maker=k % 97 == 0, rising_star=k % 89 == 0, needs_level=rng.randint(1, 5),
            owner_id=rng.choice(members).id if k % 5 else None,
            last_contact=TODAY - dt.timedelta(days=rng.randint(0, 300))))
    links = [PersonLink(account_id=account.id, from_id=people[i].id, to_id=people[(i * 7 + 3) % PEOPLE].id,
                        kind=rng.choice(list(LinkKind))) for i in range(300)]
    acts = []
    types = [t for t in ActivityType if CATALOGUE[t].scope == Scope.point]
    for i in range(600):
        t = types[i % len(types)]
        spec = CATALOGUE[t]
        acts.append(Activity(
            account_id=account.id, type=t, scope=spec.scope, layer=spec.layer,
            target_person_ids=[people[(i * 13) % PEOPLE].id, people[(i * 17 + 1) % PEOPLE].id],
            planned_on=TODAY - dt.timedelta(days=rng.randint(-60, 300)), owner_id=rng.choice(members).id,
            status=rng.choice(list(ActivityStatus)), cost=float(rng.choice([0, 200, 800])),
            compliance_reviewed=True))
    with ctx.write() as tx:
        tx.insert_many([*members, account, *comps, *depts, *people, *links, *acts])
    ws.close()
    return account.id


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


def _frame(app) -> None:
    app.screen._compositor.render_full_update()


async def _settle(app) -> None:
    """Until nothing is left to lay out or paint (a pilot pause waits for more than that)."""
    await asyncio.sleep(0)
    quiet = 0
    while quiet < 2:
        await asyncio.sleep(0.001)
        screen = app.screen
        busy = screen._dirty_widgets or screen._layout_required or screen._repaint_required
        quiet = 0 if busy else quiet + 1
    _frame(app)


def _timed_map():
    """The map screen, noting when its first frame is done (its full read starts right then)."""
    from kamtui.ui.screens.stakeholder_map import StakeholderMapScreen

    class TimedMap(StakeholderMapScreen):
        CSS_PATH = StakeholderMapScreen.CSS_PATH  # resolved next to the map's module, not here
        first_frame = loaded = 0.0

        def _load(self) -> None:
            self.first_frame = time.perf_counter()
            super()._load()
            self.loaded = time.perf_counter()

    TimedMap.CSS_PATH = str(Path(sys.modules[StakeholderMapScreen.__module__].__file__).with_name(
        "stakeholder_map.tcss"))
    return TimedMap


async def measure(path: Path, account_id: str, n: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    from kamtui.store import Workspace
    from kamtui.ui.app import make_app

    TimedMap = _timed_map()
    ws = Workspace.open(path)
    opens: dict[str, list[float]] = {k: [] for k in (
        "empty screen", "map: first frame", "map: read of the account (a stall)", "map: ready, figures shown")}
    switches: dict[str, list[float]] = {}
    app = make_app(ws, today=TODAY, lang="en", user="bench")
    painted: list[float] = []  # when each frame went out to the terminal
    display = app._display

    def timed_display(*args, **kwargs):
        painted.append(time.perf_counter())
        return display(*args, **kwargs)

    app._display = timed_display  # type: ignore[method-assign]

    def first_paint_after(t0: float) -> float:
        return next((t for t in painted if t > t0), time.perf_counter()) - t0

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for i in range(n + 1):  # the first round warms up (imports, CSS, caches) and is dropped
            pair = ["empty", "map"] if i % 2 else ["map", "empty"]
            for kind in pair:
                t0 = time.perf_counter()
                if kind == "empty":
                    await app.push_screen(_empty_screen())
                    await _settle(app)
                    if i:
                        opens["empty screen"].append(time.perf_counter() - t0)
                else:
                    screen = TimedMap(account_id)
                    await app.push_screen(screen)
                    while not screen.loaded:
                        await asyncio.sleep(0.001)
                    await _settle(app)
                    if i:
                        opens["map: first frame"].append(screen.first_frame - t0)
                        opens["map: read of the account (a stall)"].append(screen.loaded - screen.first_frame)
                        opens["map: ready, figures shown"].append(time.perf_counter() - t0)
                app.pop_screen()
                await _settle(app)
        for i in range(n):  # a fresh map each round: every view is filled for the first time
            screen = TimedMap(account_id)
            await app.push_screen(screen)
            while not screen.loaded:
                await asyncio.sleep(0.001)
            await asyncio.sleep(1.0)  # a user reads for a moment; the other views mount meanwhile
            await _settle(app)
            for _ in range(4):
                label = f"v: {screen.view} → "
                t0 = time.perf_counter()
                screen.action_next_view()
                await _settle(app)
                switches.setdefault(label + screen.view + ", painted", []).append(first_paint_after(t0))
                switches.setdefault(label + screen.view + ", settled", []).append(time.perf_counter() - t0)
            screen.show_view("chain")
            await _settle(app)
            chain = screen.query_one("#view-chain")
            for _ in range(5):  # down the 2,000-line chain a page at a time: the card follows
                t0 = time.perf_counter()
                chain.action_page(1)
                await _settle(app)
                switches.setdefault("chain: pagedown, painted", []).append(first_paint_after(t0))
                switches.setdefault("chain: pagedown, card settled", []).append(time.perf_counter() - t0)
            app.pop_screen()
            await _settle(app)
    ws.close()
    return opens, switches


def _fmt(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.1f} ms (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})"


async def main(n: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map-bench.sqlite"
        t0 = time.perf_counter()
        account_id = build(path)
        print(f"built a {PEOPLE}-person account in {time.perf_counter() - t0:.1f}s")
        opens, switches = await measure(path, account_id, n)
    base = statistics.median(opens["empty screen"])
    ok = True
    print(f"push_screen → settled frame at 80×24, median of {n} (same run, alternating order):")
    for name, values in opens.items():
        ratio = statistics.median(values) / base
        if name == "map: first frame":
            met, target = ratio < 2.0, "< 2× empty"
        elif name.startswith("map: read of"):
            met, target = statistics.median(values) < 0.100, "< 100 ms"
        else:
            met, target = True, ""
        ok &= met
        verdict = ("ok" if met else "MISSED") if target else ""
        print(f"  {name:40} {_fmt(values)}  {ratio:5.2f}×  {target:11} {verdict}")
    print("on the open map (target: every step under 100 ms; ratio to the empty screen's push):")
    for name, values in switches.items():
        met = statistics.median(values) < 0.100
        ok &= met
        print(f"  {name:44} {_fmt(values)}  {statistics.median(values) / base:5.2f}×  {'ok' if met else 'OVER 100 ms'}")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=9)
    sys.exit(asyncio.run(main(parser.parse_args().n)))
