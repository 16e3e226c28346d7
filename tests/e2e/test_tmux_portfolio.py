"""The real `kamtui` in tmux at 80×24: portfolio, filter, overview, a new account, language, quit.

Runs `<this python> -m kamtui demo …` on a private tmux server (its own -L socket), types
keys with `send-keys` and reads the screen with `capture-pane -p`.
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
    t = session(tmp_path, "portfolio", workspaces=tmp_path / "workspaces")
    yield t
    t.kill()


def test_portfolio_end_to_end_in_tmux(tmux: Tmux, tmp_path: Path):
    db = tmp_path / "demo.sqlite"
    tmux.start(f"{shlex.quote(sys.executable)} -m kamtui demo {shlex.quote(str(db))} --today 2026-11-26")

    screen = tmux.wait_for("4 accounts", line=1)
    assert "Harbourline Bank" in screen and "Rheinwerk Automobil AG" in screen
    assert "demo.sqlite · e2e · EN" in screen
    assert all(len(line) <= 80 for line in screen.splitlines())

    tmux.keys("/")
    tmux.keys("Zhou", literal=True)
    screen = tmux.wait_for("1 of 4 accounts")
    assert "person: Helen Zhou" in screen and "Rheinwerk" not in screen
    tmux.keys("Escape")
    tmux.wait_for("4 accounts ·", line=1)  # the status line, no longer "1 of 4 accounts"

    tmux.keys("Enter")
    screen = tmux.wait_for("Pitfalls (")
    assert "Harbourline Bank (China) Co., Ltd." in screen and "held down by" in screen
    tmux.keys("Escape")
    tmux.wait_for("4 accounts", line=1)

    tmux.keys("n")
    tmux.wait_for("New account")
    tmux.keys("Tmux Trading Co", literal=True)
    tmux.keys("C-s")
    screen = tmux.wait_for("5 accounts", line=1)
    assert "Tmux Trading Co" in screen

    tmux.keys("L")
    screen = tmux.wait_for("5 个客户", line=1)
    assert "组织关系" in screen

    tmux.keys("q")
    deadline = time.monotonic() + 15
    while not tmux.dead() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert tmux.dead(), tmux.screen()

    from kamtui.services import accounts
    from kamtui.services import settings as settings_service
    from kamtui.services.context import Context
    from kamtui.store import Workspace

    ws = Workspace.open(db, read_only=True)
    try:
        ctx = Context(ws, today=dt.date(2026, 11, 26), user="e2e")
        assert "Tmux Trading Co" in [r.name for r in accounts.portfolio(ctx)]
        assert settings_service.language(ctx) == "zh"
    finally:
        ws.close()
