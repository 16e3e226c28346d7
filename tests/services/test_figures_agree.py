"""Every figure of every account, computed through every path that shows it, is the same value
under the same name (docs/figures.md): the portfolio's cached rows, the report (JSON and
table), the overview, the stakeholder map and the Markdown brief, on the demo and on a
generated workspace, each against the domain rules applied to the account's plan."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass

import pytest
from rich.console import Console

from kamtui import formatting as fmt
from kamtui.cli_table import portfolio_table
from kamtui.domain.rules.summary import figures, key_now
from kamtui.services import accounts, map_data
from kamtui.services.context import Context
from kamtui.services.overview import overview
from kamtui.services.plans.brief import brief
from kamtui.services.report import json_report
from kamtui.store import Workspace
from kamtui.store import accounts as store_accounts
from kamtui.store import people as store_people
from kamtui.store import team as store_team

TODAY = dt.date(2026, 11, 26)


@dataclass(frozen=True)
class Expected:
    org_level: object
    key_index: float | None
    coverage: float | None
    red_flags: int
    extensive_index: float | None
    short_board: tuple | None
    assessed_on: dt.date | None
    key_index_now: float | None
    coverage_now: float | None
    red_flags_now: int


def expected(ws: Workspace, account_id: str) -> Expected:
    plan = store_accounts.plan(ws.db, account_id)
    latest = plan.latest
    f = figures(latest, {d.id: d.name for d in plan.departments}) if latest else None
    now = key_now(plan.active_people())
    sb = f.short_board if f else None
    return Expected(
        f.org_level if f else None, f.key_index if f else None, f.coverage if f else None,
        len(f.red_flags) if f else 0, f.extensive_index if f else None,
        (sb.department, sb.indicator, sb.value) if sb else None,
        latest.assessed_on if latest else None, now.key_index, now.coverage, len(now.red_flags))


def _same(a: float | None, b: float | None, places: int = 9) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and round(a - b, places) == 0)


@pytest.fixture(scope="module", params=["demo", "small"])
def workspace(request, tmp_path_factory, demo_template):
    folder = tmp_path_factory.mktemp(request.param)
    path = folder / "team.sqlite"
    if request.param == "demo":
        shutil.copy(demo_template, path)
    else:
        from kamtui.services.demo import build_demo

        build_demo(path, "small")
    ws = Workspace.open(path)
    yield ws
    ws.close()


def test_every_path_shows_the_same_figures(workspace):
    ctx = Context(workspace, today=TODAY)
    rows = accounts.portfolio(ctx)
    report = {e["id"]: e for e in json.loads(json_report(ctx))}
    policy = store_team.settings(workspace.db).policy
    console = Console(width=200, record=True, color_system=None)
    console.print(portfolio_table(rows, "en", TODAY, 200))
    lines = console.export_text().splitlines()[2:]  # below the title and the headings
    table = {line.split("  ")[0].strip(): line for line in lines if line.strip()}
    checked = 0
    for row in rows:
        e = expected(workspace, row.id)
        # the portfolio's cached figures
        s = row.state
        assert (s.org_level, s.red_flags, s.last_assessed, s.red_flags_now) == (
            e.org_level, e.red_flags, e.assessed_on, e.red_flags_now), row.name
        for got, want in ((s.key_index, e.key_index), (s.coverage, e.coverage),
                          (s.extensive_index, e.extensive_index), (s.key_index_now, e.key_index_now),
                          (s.coverage_now, e.coverage_now)):
            assert _same(got, want), row.name
        assert ((s.sb_department, s.sb_indicator, s.sb_value) if s.sb_indicator else None) == e.short_board
        # the report's JSON: the same figures, rounded as documented
        j = report[row.id]
        assert j["org_level"] == (e.org_level.value if e.org_level else None)
        assert _same(j["key_index"], None if e.key_index is None else round(e.key_index, 1))
        assert _same(j["coverage"], None if e.coverage is None else round(e.coverage, 3))
        assert _same(j["key_index_now"], None if e.key_index_now is None else round(e.key_index_now, 1))
        assert _same(j["coverage_now"], None if e.coverage_now is None else round(e.coverage_now, 3))
        assert (j["red_flags"], j["red_flags_now"]) == (e.red_flags, e.red_flags_now)
        assert j["last_assessed"] == (e.assessed_on.isoformat() if e.assessed_on else None)
        # the report's table: the same words for the same values
        line = next(v for k, v in table.items() if k and row.name.startswith(k.rstrip("…")))
        assert fmt.index(e.key_index) in line and fmt.index(e.extensive_index) in line
        # the overview: the assessed figures and the key layer now
        ov = overview(ctx, row.id)
        f = ov.figures
        assert (f.org_level if f else None) == e.org_level
        assert _same(f.key_index if f else None, e.key_index)
        assert _same(f.coverage if f else None, e.coverage)
        assert _same(ov.now.key_index, e.key_index_now) and _same(ov.now.coverage, e.coverage_now)
        assert len(ov.now.red_flags) == e.red_flags_now
        # the stakeholder map: now, with the assessed index beside it
        h = map_data.load(ctx, row.id).header
        assert _same(h.key_index, e.key_index_now) and _same(h.coverage, e.coverage_now)
        assert h.red_flags == e.red_flags_now
        assert _same(h.assessed_key_index, e.key_index) and h.assessed_on == e.assessed_on
        # the brief: both, each under the name of what it is
        text = brief(store_accounts.plan(workspace.db, row.id), policy, TODAY)
        assert fmt.key_figures("en", e.key_index_now, e.coverage_now, e.red_flags_now) in text
        if e.assessed_on:
            assert f"| {fmt.assessed_note('en', e.assessed_on).capitalize()} |" in text
            assert fmt.key_figures("en", e.key_index, e.coverage, e.red_flags) in text
        checked += 1
    assert checked == len(rows) >= 4


def test_a_changed_attitude_moves_the_now_figures_only(workspace, tmp_path):
    """After a person's attitude changes in their form, the map (now) and the overview
    (assessed, with now beside it) differ, each labelled: neither masquerades as the other."""
    from kamtui.domain.enums import Attitude
    from kamtui.services import people

    copy = tmp_path / "copy.sqlite"
    src = workspace.conn
    import sqlite3

    out = sqlite3.connect(copy)
    src.backup(out)
    out.close()
    ws = Workspace.open(copy)
    try:
        ctx = Context(ws, today=TODAY)
        row = next(r for r in accounts.portfolio(ctx) if r.state.last_assessed)
        before = expected(ws, row.id)
        person = next(p for p in store_people.people(ws.db, row.id) if p.attitude != Attitude.advocate
                      and p.attitude != Attitude.unknown)
        people.edit_person(ctx, person, {"attitude": "advocate"})  # the person form's save
        after = expected(ws, row.id)
        assert _same(after.key_index, before.key_index)  # the assessment did not change
        assert after.key_index_now != before.key_index_now
        h = map_data.load(ctx, row.id).header
        assert _same(h.key_index, after.key_index_now) and _same(h.assessed_key_index, before.key_index)
        cached = next(r for r in accounts.portfolio(ctx) if r.id == row.id).state
        assert _same(cached.key_index, before.key_index) and _same(cached.key_index_now, after.key_index_now)
    finally:
        ws.close()
