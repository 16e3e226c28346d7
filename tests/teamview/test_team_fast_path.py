"""The team view's fast path (counts by SQLite, figures cached at write time) against the pure
domain functions over the stored models, on a generated workspace (the `small` benchmark)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import pytest

from kamtui.domain.enums import ActivityStatus
from kamtui.domain.models import Assessment
from kamtui.domain.team import ActivityFact, Period, account_figures, awaiting_approval, point_of
from kamtui.services import team
from kamtui.services.context import Context
from kamtui.domain.rules.version import RULES_VERSION
from kamtui.store import Workspace, team_points
from kamtui.store import accounts as store_accounts
from kamtui.store import team as store_team
from kamtui.store.writes import write

TODAY = dt.date(2026, 11, 26)
D = dt.date
PERIODS = [Period(D(2026, 10, 1), D(2026, 12, 31)), Period(D(2025, 1, 1), D(2026, 12, 31)),
           Period(D(2026, 11, 1), D(2026, 11, 30)), Period(D(2020, 1, 1), D(2020, 3, 31)),
           # partial months at either edge (counted over the index), inside one month, one day
           Period(D(2026, 9, 17), D(2026, 12, 10)), Period(D(2026, 11, 3), D(2026, 11, 29)),
           Period(D(2026, 11, 26), D(2026, 11, 26)), Period(D(2026, 8, 31), D(2027, 1, 1)),
           Period(D(2026, 9, 1), D(2026, 10, 31)), Period(D(2026, 12, 1), D(2027, 3, 31))]


@pytest.fixture(scope="module")
def small_template(tmp_path_factory):
    from kamtui.services.demo import build_demo

    path = tmp_path_factory.mktemp("small") / "small.sqlite"
    build_demo(path, "small", today=TODAY)
    return path


@pytest.fixture
def ctx(tmp_path, small_template):
    path = tmp_path / "small.sqlite"
    shutil.copy(small_template, path)  # closed: no connection to it in this process
    ws = Workspace.open(path)
    yield Context(ws, today=TODAY, user="tester")
    ws.close()


def _changed(ctx: Context) -> dict[str, dt.date]:
    """Writes the fast path must follow: activities completed on known days (on time, late),
    one cancelled, an assessment added inside the quarter. Returns the completion days."""
    ids = [r[0] for r in ctx.db.execute("SELECT id FROM account WHERE archived = 0 ORDER BY id LIMIT 3")]
    done: dict[str, dt.date] = {}
    for n, account_id in enumerate(ids):
        plan = store_accounts.plan(ctx.db, account_id)
        open_ = [a for a in plan.activities if a.status.is_open and a.planned_on and a.planned_on in PERIODS[0]]
        for a, shift in zip(open_[:2], (0, 3)):  # on its day, three days late
            day = a.planned_on + dt.timedelta(days=shift)
            with write(ctx.ws, who="tester", now=dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.timezone.utc)) as tx:
                tx.update(a.model_copy(update={"status": ActivityStatus.done}))
            done[a.id] = day
        if open_[2:]:
            with write(ctx.ws, who="tester") as tx:
                tx.update(open_[2].model_copy(update={"status": ActivityStatus.cancelled, "cancel_reason": "moved"}))
        if plan.assessments:
            last = plan.assessments[-1]
            data = {**last.model_dump(), "assessed_on": D(2026, 11, 10 + n), "version": 0}
            data.pop("id")
            with write(ctx.ws, who="tester") as tx:
                tx.insert(Assessment.model_validate(data))
    assert done, "the generated workspace has open activities in the quarter"
    return done


def _reference(ctx: Context, period: Period, done_on: dict[str, dt.date]):
    """Every active account's figures by the domain alone, from its stored models."""
    policy = store_team.settings(ctx.db).policy
    out = []
    for a in store_accounts.team_accounts(ctx.db, RULES_VERSION):
        plan = store_accounts.plan(ctx.db, a.id)
        facts = [ActivityFact(x.planned_on, x.status, done_on.get(x.id)) for x in plan.activities if not x.archived]
        out.append(account_figures(a.id, a.name, a.owner, a.tier.value, [point_of(s) for s in plan.assessments],
                                   facts, period, ctx.today, awaiting_approval(plan.activities, policy)))
    return out


def _without_history(figures):
    return [dataclasses.replace(f, history=()) for f in figures]


def test_the_fast_path_gives_the_domain_figures_for_every_account_and_period(ctx):
    done = _changed(ctx)
    for period in PERIODS:
        fast = team.figures(ctx, period)
        reference = _reference(ctx, period, done)
        assert _without_history(fast) == _without_history(reference), period
        for f, r in zip(fast, reference):  # the period's points: in force at its start, then inside it
            assert set(f.history) <= set(r.history)
    quarter = {f.id: f for f in team.figures(ctx, PERIODS[0])}
    assert sum(f.execution.on_time for f in quarter.values()) >= 1
    assert sum(f.execution.late for f in quarter.values()) >= 1
    assert sum(f.awaiting_approval for f in quarter.values()) > 0
    assert any(f.level_moves or f.end != f.start for f in quarter.values())


def test_cached_points_equal_points_from_the_snapshots_and_follow_writes(ctx):
    _changed(ctx)
    stored = ctx.db.execute("SELECT count(*) FROM assessment_point WHERE rules_version IS NOT NULL").fetchone()[0]
    assert stored == ctx.db.execute("SELECT count(*) FROM assessment").fetchone()[0] > 0
    cached = [team_points.period_points(ctx.db, p.start, p.end) for p in PERIODS]
    with write(ctx.ws, who="tester") as tx:  # every point stale: computed from its snapshot
        tx.db.execute("UPDATE assessment_point SET rules_version = 1")
    assert [team_points.period_points(ctx.db, p.start, p.end) for p in PERIODS] == cached
    assert any(cached[0].values())


def test_without_the_cache_the_figures_are_computed_the_same(ctx):
    """A file whose cached figures were made by other rules, read before they are brought
    current: the team view computes what it cannot trust."""
    before = team.figures(ctx, PERIODS[1])
    with write(ctx.ws, who="tester") as tx:
        tx.db.execute("UPDATE account_summary SET rules_version = 1")
        tx.db.execute("UPDATE assessment_point SET rules_version = 1")
    assert team.figures(ctx, PERIODS[1]) == before
    assert team.awaiting_approval(ctx) == {k: n for k, n in team.computed_awaiting_approval(ctx).items() if n}


def _months(ctx: Context) -> list[tuple]:
    return ctx.db.execute("SELECT * FROM execution_month ORDER BY month, account_id").fetchall()


def _recounted(ctx: Context) -> list[tuple]:
    """execution_month as counted afresh from the stored activities (in a write rolled back)."""
    from kamtui.store import activities

    class Undo(Exception):
        pass

    try:
        with write(ctx.ws, who="tester") as tx:
            activities.refresh_execution(tx.db, [r[0] for r in tx.db.execute("SELECT id FROM account")])
            fresh = _months(ctx)
            raise Undo
    except Undo:
        pass
    return fresh


def _same_as_the_domain(ctx: Context, done: dict[str, dt.date]) -> None:
    for period in PERIODS:
        assert _without_history(team.figures(ctx, period)) == _without_history(_reference(ctx, period, done)), period
    _overview_is_the_report(ctx)


def _overview_is_the_report(ctx: Context) -> list:
    """team.overview (each account's assessments read as their ends over the period) gives
    exactly report's groups and total, every period, grouping and tier. Returns the totals."""
    from kamtui.domain.enums import Tier

    totals = []
    for period in [*PERIODS, Period(D(2026, 11, 5), D(2026, 12, 2)), Period(D(2026, 11, 5), D(2026, 11, 5))]:  # starting and ending on _moved's days
        for by in team.BY:
            for tier in (None, Tier.strategic):
                full, quick = team.report(ctx, by, period, tier), team.overview(ctx, by, period, tier)
                assert quick.accounts is None and quick.period == full.period
                assert quick.groups == full.groups, (period, by, tier)
                full.total.key = "team"  # report's whole team carries the key its callers give it
                assert quick.total == full.total, (period, by, tier)
                totals.append(quick.total)
    return totals


def _moved(ctx: Context) -> None:
    """Assessments inside the quarter that move accounts' levels up and down and flag people
    (attitudes turned to threat, then back), two of them on one day (the last recorded counts)."""
    from kamtui.domain.enums import Attitude

    ids = [r[0] for r in ctx.db.execute(
        "SELECT DISTINCT account_id FROM assessment WHERE assessed_on <= '2026-10-01' ORDER BY account_id LIMIT 4")]
    for n, account_id in enumerate(ids):
        last = store_accounts.plan(ctx.db, account_id).assessments[-1]
        value = 4 if n % 2 == 0 else 1
        steps = [(D(2026, 11, 5), value, Attitude.threat), (D(2026, 11, 5), value, Attitude.advocate),
                 (D(2026, 12, 2), 5 - value, Attitude.threat)][: 1 + n]
        for day, rating, attitude in steps:
            data = last.model_dump()
            data.update(assessed_on=day, version=0,
                        org={d: {**r, "value": rating} for d, r in data["org"].items()},
                        people=[{**p, "attitude": attitude} for p in data["people"]])
            data.pop("id")
            with write(ctx.ws, who="tester") as tx:
                tx.insert(Assessment.model_validate(data))


def test_the_overview_gives_the_reports_groups_exactly(ctx):
    _changed(ctx)
    _moved(ctx)
    totals = _overview_is_the_report(ctx)
    assert any(t.flags_opened and t.flags_cleared for t in totals)  # flags compared along a period
    assert any(t.ups for t in totals) and any(t.downs for t in totals) and any(t.new for t in totals)
    assert any(t.key_deltas and t.extensive_deltas for t in totals)
    assert any(t.execution.on_time and t.execution.late and t.awaiting_approval for t in totals)
    with write(ctx.ws, who="tester") as tx:  # a point made by other rules: the overview is the report
        tx.db.execute("UPDATE assessment_point SET rules_version = 1 WHERE rowid = (SELECT min(rowid) FROM assessment_point)")
    assert team_points.period_ends(ctx.db, PERIODS[0].start, PERIODS[0].end) is None
    _overview_is_the_report(ctx)


def test_execution_months_follow_every_kind_of_write(ctx):
    """Inserts, completions (again after re-opening: the latest day), a planned day moved
    after completion, archive, delete, an account archived and one deleted: the months kept
    at write time are what counting afresh gives, and the figures the domain's."""
    from kamtui.domain.models import Activity

    done = _changed(ctx)
    ids = [r[0] for r in ctx.db.execute("SELECT id FROM account WHERE archived = 0 ORDER BY id")]
    plan = store_accounts.plan(ctx.db, ids[0])
    template = next(a for a in plan.activities if a.planned_on is not None)
    with write(ctx.ws, who="tester") as tx:  # new, in the month holding today, before and after it
        for day, status in ((D(2026, 11, 20), ActivityStatus.planned), (D(2026, 11, 28), ActivityStatus.in_progress),
                            (None, ActivityStatus.planned)):
            data = {**template.model_dump(), "planned_on": day, "status": status, "version": 0, "approval": None}
            data.pop("id")
            tx.insert(Activity.model_validate(data))
    finished = next(a for a in store_accounts.plan(ctx.db, ids[0]).activities if a.id in done)
    for status, day in ((ActivityStatus.planned, D(2026, 12, 20)), (ActivityStatus.done, D(2026, 12, 22))):
        current = store_accounts.plan(ctx.db, ids[0])
        a = next(x for x in current.activities if x.id == finished.id)
        with write(ctx.ws, who="tester", now=dt.datetime(day.year, day.month, day.day, 23, 30, tzinfo=dt.timezone.utc)) as tx:
            tx.update(a.model_copy(update={"status": status}))
    done[finished.id] = D(2026, 12, 22)  # re-opened, then done again: the latest day counts
    current = store_accounts.plan(ctx.db, ids[0])
    a = next(x for x in current.activities if x.id == finished.id)
    with write(ctx.ws, who="tester") as tx:  # done late becomes on time: its day moved after
        tx.update(a.model_copy(update={"planned_on": D(2026, 12, 31)}))
    others = [x for x in store_accounts.plan(ctx.db, ids[1]).activities if x.planned_on and not x.archived]
    with write(ctx.ws, who="tester") as tx:
        tx.update(others[0].model_copy(update={"archived": True}))
        tx.delete(others[1])
    account = store_accounts.plan(ctx.db, ids[2]).account
    with write(ctx.ws, who="tester") as tx:
        tx.update(account.model_copy(update={"archived": True}))
    gone = store_accounts.plan(ctx.db, ids[3]).account
    with write(ctx.ws, who="tester") as tx:
        tx.delete(gone)
    assert not ctx.db.execute("SELECT 1 FROM execution_month WHERE account_id = ?", [gone.id]).fetchall()
    assert _months(ctx) == _recounted(ctx)
    _same_as_the_domain(ctx, done)


def test_an_imported_workspace_counts_its_execution_as_written(ctx, tmp_path):
    """Plan files imported into a new workspace (the bulk path: rows copied, figures computed
    from the plans): its months are what counting afresh gives, its figures the domain's
    (activities written done by an import have no completion day)."""
    from kamtui.services.plans import export, import_

    folder = tmp_path / "plans"
    export.export_accounts(ctx, export.all_account_ids(ctx), folder, include_private=True, with_workspace=True)
    other = Workspace.create(tmp_path / "imported.sqlite", team_name="other")
    try:
        imported = Context(other, today=TODAY, user="tester")
        import_.import_path(imported, folder)
        assert _months(imported) and _months(imported) == _recounted(imported)
        _same_as_the_domain(imported, {})
        assert _without_history(team.figures(imported, PERIODS[1])) == _without_history(team.figures(ctx, PERIODS[1]))
    finally:
        other.close()
