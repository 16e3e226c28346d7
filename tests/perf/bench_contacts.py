"""People import against a same-run baseline: `python tests/perf/bench_contacts.py [-n 5]`.

20,000 contacts (a Salesforce-style CSV: Chinese and Western names, 50 departments two levels
deep, a reports-to tree by record id) into one empty account of a new workspace, all of it:
detect the encoding, read, map, check, plan, one transaction, the account's figures. The
baseline is a bare `executemany` of the same person and department rows into a new workspace
(same schema, one transaction). Rows per second, as for the plan import.

Not part of the default test run (pytest ignores tests/perf).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from harness import pairs  # noqa: E402

from kamtui.services import accounts  # noqa: E402
from kamtui.services.contacts import apply  # noqa: E402
from kamtui.services.context import Context  # noqa: E402
from kamtui.store import Workspace  # noqa: E402

CONTACTS = 20_000
TODAY = dt.date(2026, 11, 26)
_FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = ["强", "芳", "伟", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超"]


def contacts_csv(path: Path, n: int = CONTACTS) -> None:
    """Salesforce's Contact export columns; every tenth contact reports to the one ten up."""
    rows = [["Id", "AccountId", "LastName", "FirstName", "Name", "Title", "Department", "Email", "Phone",
             "MobilePhone", "ReportsToId"]]
    for i in range(n):
        if i % 3:
            last, first = _FAMILY[i % len(_FAMILY)], _GIVEN[i % len(_GIVEN)] + str(i)
            name = last + first
        else:
            last, first = f"Becker{i}", "Thomas"
            name = f"{first} {last}"
        boss = f"003{(i - 1) // 10:07d}" if i >= 10 else ""
        rows.append([f"003{i:07d}", "001A", last, first, name, "经理" if i % 2 else "Manager",
                     f"部门{i % 10} / 组{i % 5}", f"p{i}@example.com", f"+86 21 5555 {i % 10000:04d}", "", boss])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def measure(tmp: Path, n: int) -> dict:
    source = tmp / "Contact.csv"
    contacts_csv(source)
    counter = iter(range(10**6))
    phases: list[dict[str, float]] = []
    captured: dict[str, object] = {}

    def fresh() -> tuple[Workspace, str]:
        ws = Workspace.create(tmp / f"ws-{next(counter)}.sqlite", team_name="bench")
        return ws, accounts.create(Context(ws, today=TODAY), {"id": "a" * 32, "name": "Huaxin"}).id

    def kamtui_import() -> float:
        ws, account = fresh()
        ctx = Context(ws, today=TODAY)
        marks: dict[str, float] = {}

        def progress(phase: str, done: int, total: int) -> None:
            marks.setdefault(f"{phase}{done}", time.perf_counter())

        started = time.perf_counter()
        prepared = apply.prepare(source, progress=progress)
        result = apply.import_contacts(ctx, account, prepared, progress=progress)
        ended = time.perf_counter()
        assert len(result.creates) == CONTACTS and not result.problems
        phases.append({"read + map": marks["read1"] - started, "plan": marks["write0"] - marks["read1"],
                       "write + figures + commit": ended - marks["write0"]})
        if "rows" not in captured:
            captured["rows"] = {t: ws.conn.execute(f"SELECT * FROM {t} WHERE account_id = ? ORDER BY rowid",
                                                                [account]).fetchall()
                                for t in ("department", "person")}
            captured["cols"] = {t: [c[1] for c in ws.conn.execute(f"PRAGMA table_info({t})")]
                                for t in ("department", "person")}
        ws.close()
        return ended - started

    def bare_executemany() -> float:
        ws, _ = fresh()
        rows, cols = captured["rows"], captured["cols"]
        conn = ws.db.conn
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for t in ("department", "person"):
            conn.executemany(f"INSERT INTO {t} ({', '.join(cols[t])}) VALUES ({', '.join('?' for _ in cols[t])})",
                             rows[t])
        conn.execute("COMMIT")
        elapsed = time.perf_counter() - started
        ws.close()
        return elapsed

    k, b = pairs(kamtui_import, bare_executemany, n)
    rows = sum(len(r) for r in captured["rows"].values())
    return {"k": k, "b": b, "rows": rows, "phases": phases}


def report(out: dict) -> None:
    k, b, rows = out["k"], out["b"], out["rows"]
    mk, mb = statistics.median(k), statistics.median(b)
    print(f"people import of {CONTACTS:,} contacts ({rows:,} rows with the departments), "
          f"Python {sys.version.split()[0]}")
    print(f"kamtui {mk * 1000:.0f} ms (min {min(k) * 1000:.0f}, max {max(k) * 1000:.0f})   "
          f"bare executemany {mb * 1000:.0f} ms   ratio {mk / mb:.2f}× time")
    print(f"rows/s: kamtui {rows / mk:,.0f}, executemany {rows / mb:,.0f}: {mb / mk:.2f}× the executemany rate")
    phases = out["phases"]
    print("phases (median s): " + ", ".join(f"{p} {statistics.median([x[p] for x in phases]):.3f}"
                                            for p in phases[0]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=5, help="alternating pairs")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-contacts-"))
    try:
        report(measure(tmp, args.n))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
