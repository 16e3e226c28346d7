"""The real `kamtui` in tmux at 80×24: open the first account's stakeholder map with `3`,
walk its four views with `v`, add a person with `n`, and find them in the workspace after `q`.

Runs `<this python> -m kamtui demo …` on a private tmux server (its own -L socket).
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
                       reason="tmux is not installed (apt-get install tmux)"),
]


@pytest.fixture
def tmux(tmp_path: Path):
    t = session(tmp_path, "map")
    yield t
    t.kill()


def test_stakeholder_map_end_to_end_in_tmux(tmux: Tmux, tmp_path: Path):
    db = tmp_path / "demo.sqlite"
    tmux.start(f"{shlex.quote(sys.executable)} -m kamtui demo {shlex.quote(str(db))} --today 2026-11-26")
    tmux.wait_for("4 accounts", "Harbourline")

    tmux.keys("3")  # the first row (Harbourline Bank) is selected
    screen = tmux.wait_for("▸ Organization", "Executive Committee", "People 17")
    assert "Pitfalls: Hidden decision chain not explored" in screen
    assert all(len(line) <= 80 for line in screen.splitlines())

    tmux.keys("v")
    tmux.wait_for("▸ Decision chain", "▾ Decision maker · 5", "Richard Hale")
    tmux.keys("v")
    tmux.wait_for("▸ Influence×attitude", "Threat", "Unknown", "Daniel")
    tmux.keys("v")
    tmux.wait_for("▸ Coverage", "Key people")
    tmux.keys("v")
    tmux.wait_for("▸ Organization")

    tmux.keys("n")
    tmux.wait_for("New person in Executive Committee")
    tmux.keys("Tmux 测试员", literal=True)
    tmux.wait_for("Tmux 测试员")  # typed into the form before saving it
    tmux.keys("C-s")
    screen = tmux.wait_for("People 18", "Tmux 测试员")

    tmux.keys("q")
    deadline = time.monotonic() + 15
    while not tmux.dead() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert tmux.dead(), tmux.screen()

    from kamtui.services import accounts
    from kamtui.services import people as people_service
    from kamtui.services.context import Context
    from kamtui.store import Workspace

    ws = Workspace.open(db, read_only=True)
    try:
        ctx = Context(ws, today=dt.date(2026, 11, 26), user="e2e")
        bank = next(r for r in accounts.portfolio(ctx) if r.short_name == "Harbourline")
        added = next(p for p in people_service.people(ctx, bank.id) if p.name == "Tmux 测试员")
        dept = next(d for d in people_service.departments(ctx, bank.id) if d.id == added.department_id)
        assert dept.name == "Executive Committee"
    finally:
        ws.close()
