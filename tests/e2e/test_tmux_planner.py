"""The real `kamtui` in tmux at 80×24: key 4 opens the planner of the selected account, an
activity is planned (n), started and marked done with its outcome (space, space), then the
program quits and the workspace holds the done activity.

Runs `<this python> -m kamtui demo …` on a private tmux server (its own -L socket), types keys
with `send-keys` and reads the screen with `capture-pane -p`.
"""

from __future__ import annotations

import datetime as dt
import shlex
import shutil
import sys
import time
from pathlib import Path

import pytest

from tmux_session import Tmux, session

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None,
                       reason="tmux is not installed (.ci/run installs it; apt-get install tmux)"),
]


@pytest.fixture
def tmux(tmp_path: Path):
    t = session(tmp_path, "planner", user="demo", workspaces=tmp_path / "workspaces")
    yield t
    t.kill()


def test_plan_an_activity_and_mark_it_done(tmux: Tmux, tmp_path: Path):
    db = tmp_path / "demo.sqlite"
    cmd = f"cd {shlex.quote(str(tmp_path))} && {shlex.quote(sys.executable)} -m kamtui demo {shlex.quote(str(db))} --today 2026-11-26"
    tmux.start(f"sh -c {shlex.quote(cmd)}")
    tmux.wait_for("4 accounts")

    tmux.keys("4")  # the first row, Harbourline, is selected
    screen = tmux.wait_for("Activities · Harbourline")
    assert "⚑ Professional support with Daniel Ng" in screen  # the suggestions, the red flag first
    assert all(len(line) <= 80 for line in screen.splitlines())

    tmux.keys("n")
    tmux.wait_for("New activity")
    time.sleep(0.5)  # a dialog paints before it focuses its first field: do not type into the gap
    tmux.keys("cxo", literal=True)
    tmux.wait_for("CXO mutual visit · 高层互访")
    tmux.keys("Enter")
    tmux.wait_for("✓ CXO mutual visit → Organization")
    tmux.keys("C-s")
    tmux.wait_for("Saved: CXO mutual visit")
    # the new one is selected: undated, planned, owned by the acting user
    tmux.wait_for_row("CXO mutual visit", "whole account", "no date", "○ Planned", "Demo Us")

    tmux.keys("Space")
    tmux.wait_for_row("CXO mutual visit", "no date", "◐ In progress")
    tmux.keys("Space")
    tmux.wait_for("Done: what came out of")
    time.sleep(0.5)
    tmux.keys("Agreed a joint 2027 roadmap review", literal=True)
    tmux.keys("C-s")
    screen = tmux.wait_for_row("CXO mutual visit", "no date", "● Done", "Demo Us")
    assert "Done: what came out of" not in screen

    tmux.keys("Escape")
    tmux.wait_for("4 accounts")
    tmux.keys("q")
    deadline = time.monotonic() + 15
    while not tmux.dead() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert tmux.dead(), tmux.screen()

    from kamtui.domain.catalogue import ActivityType
    from kamtui.domain.enums import ActivityStatus
    from kamtui.services import activities
    from kamtui.services.context import Context
    from kamtui.store import Workspace
    from kamtui.store import accounts as store_accounts

    ws = Workspace.open(db, read_only=True)
    try:
        ctx = Context(ws, today=dt.date(2026, 11, 26), user="demo")
        bank = next(a for a in store_accounts.accounts(ws.db) if a.short_name == "Harbourline")
        made = [a for a in activities.load(ctx, bank.id).activities
                if a.type == ActivityType.cxo_visit and a.outcome == "Agreed a joint 2027 roadmap review"]
        assert len(made) == 1 and made[0].status == ActivityStatus.done
        assert made[0].owner_id == activities.member_for_user(ctx).id
    finally:
        ws.close()
