"""Worker processes for the team-safety tests (importable by multiprocessing spawn)."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

from kamtui.domain.models import Activity
from kamtui.errors import BusyError, ConflictError
from kamtui.services.context import Context, changed
from kamtui.store import Workspace
from kamtui.store.tables import table_for


def _save(ctx: Context, record: Activity, changes: dict) -> Activity:
    """A versioned save through the write helper, as every service makes one."""
    with ctx.write() as tx:
        return tx.update(changed(record, changes))


def increment_cost(path: str, activity_id: str, edits: int, who: str) -> dict:
    """Read-modify-write `edits` times through the service layer, retrying on conflict."""
    os.environ["KAMTUI_USER"] = who
    ws = Workspace.open(Path(path), verify=False)
    ctx = Context(ws, today=dt.date(2026, 11, 26), user=who)
    latencies, conflicts, errors, messages = [], 0, 0, []
    done = 0
    while done < edits:
        record = table_for(Activity).get(ctx.db, activity_id)
        started = time.perf_counter()
        try:
            _save(ctx, record, {"cost": record.cost + 1.0})
        except ConflictError:
            conflicts += 1
            continue
        except BusyError as exc:
            errors += 1
            messages.append(getattr(exc, "detail", str(exc)))
            continue
        latencies.append(time.perf_counter() - started)
        done += 1
    ws.close()
    return {"latencies": latencies, "conflicts": conflicts, "errors": errors, "messages": messages}


def save_forever(path: str, activity_id: str, ready: str) -> None:
    """Save new versions of one record until killed; each save touches the outcome too."""
    ws = Workspace.open(Path(path), verify=False)
    ctx = Context(ws, today=dt.date(2026, 11, 26), user="victim")
    Path(ready).write_text("ready")
    while True:
        record = table_for(Activity).get(ctx.db, activity_id)
        n = int(record.cost) + 1
        _save(ctx, record, {"cost": float(n), "outcome": f"save {n}", "objective": f"objective {n}"})
