"""The operations the suite measures, each against its same-run baseline."""

from __future__ import annotations

import sys
from pathlib import Path

from harness import REPO, Result, pairs, run_process, workspace

PY = sys.executable
TODAY = "2026-11-26"
HERE = Path(__file__).parent


def report_json(size: str, n: int) -> Result:
    """`kamtui report --format json` vs bare sqlite3 doing the same SQLite work: the
    report's own query, and the quick_check that the report runs (issue 13: a damaged file
    is refused, never printed) — there one after the other, in kamtui side by side."""
    from kamtui.store.accounts import REPORT_SQL

    path = workspace(size)
    bare = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
        "assert c.execute('PRAGMA quick_check').fetchone()[0] == 'ok';"
        "rows = c.execute(sys.argv[2], {'today': sys.argv[3]}).fetchall();"
        "sys.stdout.write(str(len(rows)))"
    )
    k, b = pairs(
        lambda: run_process([PY, "-m", "kamtui", "report", str(path), "--format", "json", "--today", TODAY])[0],
        lambda: run_process([PY, "-c", bare, str(path), REPORT_SQL, TODAY])[0],
        n,
    )
    return Result("report --format json", size, "≤ 3× bare sqlite3 (query + quick_check)", k, b, ratio_limit=3.0)


def cold_start(size: str, n: int) -> Result:
    """`kamtui WORKSPACE` to the painted portfolio vs a bare Textual app painting one widget."""
    path = workspace(size)
    env = {"KAMTUI_EXIT_AFTER_PAINT": "1", "KAMTUI_WORKSPACES": str(path.parent), "TERM": "xterm-256color"}
    kam = [PY, str(HERE / "headless.py"), "kamtui", str(path)]
    base = [PY, str(HERE / "headless.py"), "bare"]
    mem: dict[str, list[float]] = {"k": [], "b": []}

    def k() -> float:
        t, m = run_process(kam, env)
        mem["k"].append(m)
        return t

    def b() -> float:
        t, m = run_process(base, env)
        mem["b"].append(m)
        return t

    ks, bs = pairs(k, b, n)
    limit = 1.6 if size == "xl" else 1.3
    r = Result("cold start → painted portfolio", size, f"≤ {limit}× bare app; memory ≤ 1.4×", ks, bs,
               ratio_limit=limit)
    r.kamtui_mem_mib = max(mem["k"])
    r.baseline_mem_mib = max(mem["b"])
    return r


def plans_ops(size: str, n: int) -> list[Result]:
    """Export of one account (≤ 50 ms) and import of the workspace vs executemany."""
    import shutil
    import tempfile

    import bench_plans

    tmp = Path(tempfile.mkdtemp(prefix="kamtui-plans-"))
    try:
        out = bench_plans.measure(workspace(size), tmp, n)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    k, b = out["export one account"]
    one = Result("export one account plan", size, "≤ 50 ms (json.dumps baseline)", k, b,
                 absolute_limit_ms=50.0)
    k, b = out["import whole workspace"]
    imp = Result("import the workspace (rows/s)", size, "≥ 0.5× executemany rows/s", k, b,
                 ratio_limit=2.0)
    imp.note = "ratio is time: ≤ 2× time = ≥ 0.5× the rows/s"
    return [one, imp]


def contacts_op(size: str, n: int) -> Result:
    """20,000 contacts into one account (kamtui people import) vs executemany of the same rows."""
    import shutil
    import tempfile

    import bench_contacts

    tmp = Path(tempfile.mkdtemp(prefix="kamtui-contacts-"))
    try:
        out = bench_contacts.measure(tmp, n)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    r = Result("import 20,000 contacts (rows/s)", "20k", "≥ 0.5× executemany rows/s", out["k"], out["b"],
               ratio_limit=2.0)
    r.note = "ratio is time: ≤ 2× time = ≥ 0.5× the rows/s (the plan import's target)"
    return r


def _ui(name: str):
    def run(size: str, n: int):
        import ui_ops

        return getattr(ui_ops, name)(size, n)
    return run


OPERATIONS = [
    ("cold_start", ("large", "xl"), cold_start),
    ("filter_keystroke", ("large", "xl"), _ui("filter_keystroke")),
    ("open_screens", ("large",), _ui("open_account_screens")),
    ("team_screen", ("xl",), _ui("open_team_screen")),
    ("report_json", ("xl",), report_json),
    ("plans", ("large",), plans_ops),
    ("sync", ("large",), lambda size, n: __import__("bench_sync").sync_one_account(size, n)),
    ("contacts", ("large",), contacts_op),  # its own 20,000-contact file, whatever the size
]
