"""Plan export / import against same-run baselines: `python tests/perf/bench_plans.py [-n 3]`.

- export of one account (the largest of the `large` workspace) vs `json.dumps` of its data;
- export of the whole `large` workspace (`--all`) vs `json.dumps` of the same data;
- import of that export into a new workspace vs a bare `executemany` of the same rows into a
  new workspace (same schema, one transaction), as rows per second; with a phase breakdown
  (read + validate runs in the importing process; TOML is parsed by toml-rs, or tomllib where
  toml-rs is missing, see kamtui/services/plans/toml_read.py).

Not part of the default test run (pytest ignores tests/perf).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from harness import pairs, workspace  # noqa: E402

from kamtui.services.context import Context  # noqa: E402
from kamtui.services.plans import export, import_, toml_read  # noqa: E402
from kamtui.store import Workspace, accounts, team  # noqa: E402

TABLES = ["team_member", "account", "competitor", "department", "person", "person_link",
          "assessment", "layer_target", "activity", "pitfall_dismissal"]
TODAY = dt.date(2026, 11, 26)


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def med(xs: list[float]) -> float:
    return statistics.median(xs)


def plan_json(plan) -> dict:
    return plan.model_dump(mode="json")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=3, help="alternating pairs for the whole-workspace figures")
    parser.add_argument("--size", default="large")
    args = parser.parse_args()
    src = workspace(args.size)
    tmp = Path(tempfile.mkdtemp(prefix="bench-plans-"))
    try:
        return run(src, tmp, args.n)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(src: Path, tmp: Path, n: int) -> int:
    out = measure(src, tmp, n)
    report(src, out)
    return 0


def measure(src: Path, tmp: Path, n: int) -> dict:
    ws = Workspace.open(src, read_only=True, verify=False)
    ctx = Context(ws, today=TODAY)
    ids = export.all_account_ids(ctx)
    biggest = max(ids, key=lambda i: sum(accounts.counts(ws.db, i).values()))
    out: dict[str, object] = {}

    # -- one account ----------------------------------------------------------------------------
    one = plan_json(accounts.plan(ws.db, biggest))
    k, b = pairs(lambda: timed(lambda: export.account_text(ctx, biggest, include_private=True)),
                 lambda: timed(lambda: json.dumps(one, ensure_ascii=False)), 9)
    out["export one account"] = (k, b)

    # -- the whole workspace --------------------------------------------------------------------
    everything = [plan_json(accounts.plan(ws.db, i)) for i in ids]
    settings = team.settings(ws.db).model_dump(mode="json")
    members = [m.model_dump(mode="json") for m in team.members(ws.db, True)]
    counter = iter(range(10**6))

    def kamtui_export() -> float:
        folder = tmp / f"export-{next(counter)}"
        t = timed(lambda: export.export_accounts(ctx, ids, folder, include_private=True, with_workspace=True))
        shutil.rmtree(folder)
        return t

    def json_export() -> float:
        return timed(lambda: [json.dumps(x, ensure_ascii=False) for x in [settings, members, *everything]])

    out["export whole workspace"] = pairs(kamtui_export, json_export, n)
    plans_dir = tmp / "plans"
    export.export_accounts(ctx, ids, plans_dir, include_private=True, with_workspace=True)
    size = sum(p.stat().st_size for p in plans_dir.iterdir())

    # -- import ---------------------------------------------------------------------------------
    rows = {t: [tuple(r) for r in ws.db.execute(f"SELECT * FROM {t}")] for t in TABLES}
    cols = {t: [c[1] for c in ws.db.execute(f"PRAGMA table_info({t})")] for t in TABLES}
    n_rows = sum(len(v) for v in rows.values())
    ws.close()
    phases: list[dict[str, float]] = []

    def fresh() -> Workspace:
        path = tmp / f"ws-{next(counter)}.sqlite"
        return Workspace.create(path, team_name="bench")

    def kamtui_import() -> float:
        target = fresh()
        marks: dict[str, float] = {}

        def progress(phase: str, done: int, total: int) -> None:
            if phase == "read" and done == total:
                marks["read"] = time.perf_counter()
            if phase == "write" and done == 0:
                marks["write"] = time.perf_counter()

        started = time.perf_counter()
        result = import_.import_path(Context(target, today=TODAY), plans_dir, progress=progress)
        ended = time.perf_counter()
        assert result.written == n_rows + 1, (result.written, n_rows)  # + the settings
        phases.append({"read + validate": marks["read"] - started, "compare": marks["write"] - marks["read"],
                       "write + summaries + commit": ended - marks["write"]})
        target.close()
        return ended - started

    def bare_executemany() -> float:
        target = fresh()
        conn = target.db.conn
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for t in TABLES:
            if rows[t]:
                conn.executemany(f"INSERT INTO {t} ({', '.join(cols[t])}) VALUES "
                                 f"({', '.join('?' for _ in cols[t])})", rows[t])
        conn.execute("COMMIT")
        elapsed = time.perf_counter() - started
        target.close()
        return elapsed

    out["import whole workspace"] = pairs(kamtui_import, bare_executemany, n)
    out["_info"] = {"ids": ids, "n_rows": n_rows, "size": size, "phases": phases,
                    "parser": "toml-rs" if toml_read.fast_loads() else "tomllib (toml-rs is not installed)"}
    return out


def report(src: Path, out: dict) -> None:
    info = out.pop("_info")
    ids, n_rows, size, phases = info["ids"], info["n_rows"], info["size"], info["phases"]
    print(f"import parses TOML with {info['parser']}")
    print(f"workspace: {src} ({len(ids)} accounts, {n_rows} rows; export {size / 2**20:.1f} MiB, "
          f"sqlite {sqlite3.sqlite_version}, Python {sys.version.split()[0]})")
    for name, (k, b) in out.items():
        print(f"{name:<24} kamtui {med(k) * 1000:9.1f} ms (min {min(k) * 1000:.1f}, max {max(k) * 1000:.1f})"
              f"   baseline {med(b) * 1000:8.1f} ms   ratio {med(k) / med(b):6.2f}×")
    k, b = out["import whole workspace"]
    print(f"import rows/s: kamtui {n_rows / med(k):,.0f}, bare executemany {n_rows / med(b):,.0f}: "
          f"{med(b) / med(k):.2f}× the executemany rate")
    if phases:
        print("import phases (median s): " + ", ".join(
            f"{p} {med([x[p] for x in phases]):.2f}" for p in phases[0]))
        write = med([x["write + summaries + commit"] for x in phases])
        print(f"write phase alone: {n_rows / write:,.0f} rows/s = {med(b) / write:.2f}× the executemany rate")
    k1 = out["export one account"][0]
    print(f"export one account max {max(k1) * 1000:.1f} ms (target ≤ 50 ms): {'met' if max(k1) <= 0.05 else 'NOT met'}")


if __name__ == "__main__":
    sys.exit(main())
