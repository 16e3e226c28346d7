"""8 processes × 300 read-modify-write edits of one record: nothing lost, nothing broken."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import statistics

from kamtui.domain.models import Activity
from kamtui.services.demo import build_demo
from kamtui.store import Workspace
from kamtui.store import activities as store_activities
from kamtui.store.tables import table_for

from team_workers import increment_cost

PROCESSES, EDITS = 8, 300


def _pick_activity(ws: Workspace) -> Activity:
    return next(a for a in store_activities.activities(ws.db) if a.status.value == "planned")


def test_eight_writers_lose_nothing(tmp_path):
    path = tmp_path / "team.sqlite"
    build_demo(path, "demo")
    ws = Workspace.open(path)
    target = _pick_activity(ws)
    start_cost = target.cost
    audit_before = ws.db.execute(
        "SELECT count(*) FROM audit WHERE entity = 'activity' AND entity_id = ?", [target.id]
    ).fetchone()[0]
    ws.close()

    ctx = mp.get_context("spawn")
    with ctx.Pool(PROCESSES) as pool:
        results = pool.starmap(
            increment_cost, [(str(path), target.id, EDITS, f"user{i}") for i in range(PROCESSES)]
        )

    ws = Workspace.open(path)
    final = table_for(Activity).get(ws.db, target.id)
    audit_after = ws.db.execute(
        "SELECT count(*) FROM audit WHERE entity = 'activity' AND entity_id = ?", [target.id]
    ).fetchone()[0]
    integrity = ws.db.execute("PRAGMA integrity_check").fetchone()[0]
    ws.close()

    total = PROCESSES * EDITS
    assert final.cost == start_cost + total, "an edit was lost"
    assert final.version == target.version + total
    assert audit_after - audit_before == total
    assert sum(r["errors"] for r in results) == 0, [m for r in results for m in r["messages"]][:3]
    assert integrity == "ok"
    latencies = sorted(x for r in results for x in r["latencies"])
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    conflicts = sum(r["conflicts"] for r in results)
    print(f"\nload: {total} edits, {conflicts} conflicts retried, commit median "
          f"{statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
