"""A saving process killed with SIGKILL, 40 times: every record whole, audit exact, file sound."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from kamtui.domain.models import Activity
from kamtui.services.demo import build_demo
from kamtui.store import Workspace
from kamtui.store import activities as store_activities
from kamtui.store.tables import table_for

KILLS = 40
HERE = Path(__file__).parent


def _state(path: Path, activity_id: str) -> tuple[Activity, int, str]:
    ws = Workspace.open(path)
    try:
        a = table_for(Activity).get(ws.db, activity_id)
        audits = ws.db.execute(
            "SELECT count(*) FROM audit WHERE entity = 'activity' AND entity_id = ? AND action = 'update'",
            [activity_id],
        ).fetchone()[0]
        integrity = ws.db.execute("PRAGMA integrity_check").fetchone()[0]
        return a, audits, integrity
    finally:
        ws.close()


def test_sigkill_during_saves_leaves_whole_records(tmp_path):
    path = tmp_path / "kill.sqlite"
    build_demo(path, "demo")
    ws = Workspace.open(path)
    target = next(a for a in store_activities.activities(ws.db) if a.status.value == "planned")
    ws.close()
    base_version = target.version
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), *sys.path])}
    for i in range(KILLS):
        ready = tmp_path / f"ready{i}"
        proc = subprocess.Popen(
            [sys.executable, "-c",
             "import sys, team_workers; team_workers.save_forever(*sys.argv[1:])",
             str(path), target.id, str(ready)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 20
        while not ready.exists():
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the saving process never started"
            time.sleep(0.01)
        time.sleep(rng.uniform(0.01, 0.15))
        proc.send_signal(signal.SIGKILL)
        proc.wait()

        record, audits, integrity = _state(path, target.id)
        n = int(record.cost)
        assert integrity == "ok"
        if record.version > base_version:
            # entirely new: every field of that save, and its audit entry
            assert record.outcome == f"save {n}" and record.objective == f"objective {n}"
        # one audit entry per committed version, never one more or one less
        assert audits == record.version - base_version
