"""`kamtui report --by …` as a real process (issue 16.4)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from kamtui.services import team_report
from kamtui.store import Workspace

from teamview_seed import seed


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kamtui", "report", *args, "--today", "2026-11-26"],
                          capture_output=True, text=True, env={"COLUMNS": "80", "PATH": "/usr/bin:/bin",
                                                                "KAMTUI_USER": "tester"})


def _seeded(tmp_path):
    path = tmp_path / "team.sqlite"
    ws = Workspace.create(path, team_name="East")
    seed(ws)
    ws.close()
    return str(path)


def test_formats_by_owner_tier_level(tmp_path):
    path = _seeded(tmp_path)
    out = _run(path, "--by", "tier", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert [r["group"] for r in json.loads(out.stdout)] == ["Strategic", "Key", "Standard", "Whole team"]
    out = _run(path, "--by", "level", "--format", "csv", "--from", "2026-10-01", "--to", "2026-12-31")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert tuple(rows[0]) == team_report.COLUMNS
    assert [r["group"] for r in rows] == ["Supplier", "Strategic supplier", "(not assessed)", "Whole team"]
    md = _run(path, "--format", "md", "--lang", "zh").stdout  # md alone: by owner
    assert md.startswith("# 团队回顾 · East") and "| Ann |" in md
    table = _run(path, "--by", "owner").stdout
    assert "Team review · 2026-10-01 to 2026-12-31" in table and "Whole team" in table
    assert "Orphan" not in table and max(len(line) for line in table.splitlines()) <= 80
    assert "Not shown at this width: Levels start → end" in table  # what 80 columns leave out is said


def test_a_period_ending_before_it_starts_is_a_usage_error(tmp_path):
    out = _run(_seeded(tmp_path), "--by", "owner", "--from", "2026-12-01", "--to", "2026-11-01")
    assert out.returncode == 2 and "--to" in out.stderr and "Traceback" not in out.stderr
    assert "this quarter" not in out.stderr  # both dates were given: nothing was filled in
    one = _run(_seeded(tmp_path / "y") if (tmp_path / "y").mkdir() is None else "", "--from", "2027-03-01")
    assert one.returncode == 2 and "the date not given is this quarter's" in one.stderr
    out = _run(_seeded(tmp_path / "x") if (tmp_path / "x").mkdir() is None else "", "--from", "soon")
    assert out.returncode == 2 and "not a date written YYYY-MM-DD" in out.stderr
