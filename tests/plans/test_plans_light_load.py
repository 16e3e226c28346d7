"""What a plan export loads, and what a bulk import leaves on the connection (issue 18,
point 8: a sync of one changed account loads the export before its first write; the
summaries' rules and sqlite-utils come later, beside git's work)."""

from __future__ import annotations

import subprocess
import sys

from kamtui.services.plans import export, import_


def test_the_export_loads_neither_the_summaries_nor_sqlite_utils():
    probe = ("import sys; import kamtui.services.plans.export, kamtui.services.plans.merge_files; "
             "print(sorted(m for m in ('kamtui.store.summary', 'kamtui.domain.rules.next_step', 'sqlite_utils') "
             "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_bulk_import_gives_the_page_cache_back(demo_ws, empty_ws, ctx_of, tmp_path):
    folder = tmp_path / "plans"
    export.export_accounts(ctx_of(demo_ws), export.all_account_ids(ctx_of(demo_ws)), folder, with_workspace=True)
    before = empty_ws.conn.execute("PRAGMA cache_size").fetchone()[0]
    done = import_.import_path(ctx_of(empty_ws), folder)
    assert done.written > 0
    assert empty_ws.conn.execute("PRAGMA cache_size").fetchone()[0] == before
    # the rows went in whole, through the stage's copy
    for table in ("account", "person", "activity"):
        n = demo_ws.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert empty_ws.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == n > 0
