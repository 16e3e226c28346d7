"""Acknowledged writes survive, proven with real processes (issue 13, requirement 3).

For a minute (KAMTUI_HISTORY_SECONDS) long-lived app windows, processes opening and quitting
the app, and `kamtui` commands work on one workspace while some are killed with SIGKILL; each
records every operation in a history of its own (history_record.py). The checker
(history_check.py) then holds the final workspace to it: every "Saved." and every import
that exited 0 is in the audit log exactly once, in commit order, each field holds its last
write, every export read what was acknowledged before it began, the file is sound and no live
process ever held a deleted -wal. A second, shorter run breaks the rule the bug broke (a
window closes a plain handle on the database after each save) to show that the checker sees it.
"""

from __future__ import annotations

import os

from history_run import Plan, run


def test_acknowledged_writes_survive_apps_commands_and_kills(tmp_path):
    plan = Plan.from_env()
    report = run(tmp_path, plan)
    print(f"\nhistory run, {plan.seconds:.0f} s, {plan.apps} apps, {plan.clis} cli, "
          f"{plan.openers} openers, {plan.app_kills} app kills:\n{report.text()}")
    assert not report.crashed, report.crashed
    assert report.ok, report.text()
    # the run did what it is for: windows acknowledged saves, imports exited 0, exports read
    assert "ok 0 " not in report.counts["ops app-edit"] + " "
    assert "ok 0 " not in report.counts.get("ops import", "ok 0") + " "
    assert report.counts["fields read back by exports"] > 0


def test_the_checker_sees_a_window_that_drops_its_locks(tmp_path):
    """app0 does `open(workspace).close()` after each save, as read_header did: the next process
    to close thinks it is the last and deletes the -wal under it. The checker must say so."""
    seconds = float(os.environ.get("KAMTUI_HISTORY_BROKEN_SECONDS", "15"))
    plan = Plan(seconds=seconds, apps=1, clis=1, openers=1, app_kills=0, sabotage=True)
    report = run(tmp_path, plan)
    print(f"\nbroken on purpose, {seconds:.0f} s:\n{report.text()}")
    assert not report.crashed, report.crashed
    assert report.violations["-wal deleted under a live process"], report.text()
    assert not report.ok
