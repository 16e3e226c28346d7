"""The real `kamtui` in tmux at 80×24: assess the first account with the keyboard alone (`2`,
1–4 picks, `]` steps, `+` on a person, ctrl+s) and see its portfolio row change; then check
the snapshot in the workspace after `q`.

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
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)"),
]


@pytest.fixture
def tmux(tmp_path: Path):
    t = session(tmp_path, "assess")
    yield t
    t.kill()


def harbourline(screen: str) -> str:
    return next(line for line in screen.splitlines() if "Harbourline" in line)


def test_an_assessment_end_to_end_in_tmux(tmux: Tmux, tmp_path: Path):
    db = tmp_path / "demo.sqlite"
    tmux.start(f"{shlex.quote(sys.executable)} -m kamtui demo {shlex.quote(str(db))} --today 2026-11-26")
    before = harbourline(tmux.wait_for("4 accounts", "Harbourline"))
    # (at 80 columns the portfolio gives the assessment's age up to keep the short board: the
    # date saved is read from the workspace below)
    assert "Strategic supplier" in before and "Info access 1" in before

    tmux.keys("2")  # the first row (Harbourline Bank) is selected
    screen = tmux.wait_for("Assessment · Harbourline", "▶[1 Organization]",
                           "Level: Strategic supplier · held down by: Corporate alliance")
    assert all(len(line) <= 80 for line in screen.splitlines())

    for key in ("4", "Tab", "Tab", "4", "Tab", "Tab", "4", "Tab", "Tab", "4"):
        tmux.keys(key)
        time.sleep(0.3)  # a person's pace: each focus move lands before the next key
    tmux.wait_for("Level: Partner")
    tmux.keys("]")
    tmux.wait_for("▶[2 Key people]", "Margaret Lin", "Key index 33")
    tmux.keys("+")  # Margaret Lin: accepting → advocate
    tmux.wait_for("Key index 38")
    tmux.keys("]")
    tmux.wait_for("▶[3 Departments]", "Information Security")
    tmux.keys("]")
    screen = tmux.wait_for("▶[4 Review]", "▲ Level: Partner", "▲ Margaret Lin: + Accepting → ++ Advocate")
    assert "Pitfalls" in screen

    tmux.keys("C-s")
    after = harbourline(tmux.wait_for("Assessment of 2026-11-26 saved.", "4 accounts"))
    assert "Partner" in after and "38" in after

    tmux.keys("q")
    deadline = time.monotonic() + 15
    while not tmux.dead() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert tmux.dead()

    from kamtui.services.demo_content import demo_id
    from kamtui.store import Workspace
    from kamtui.store import assessments as store_assessments

    ws = Workspace.open(db, read_only=True)
    try:
        snaps = store_assessments.assessments(ws.db, demo_id("acct", "harbourline-cn"))
    finally:
        ws.close()
    latest = max(snaps, key=lambda a: (a.assessed_on, a.id))
    assert len(snaps) == 3 and latest.assessed_on == dt.date(2026, 11, 26) and latest.recorded_by == "e2e"
    assert {r.value for r in latest.org.values()} == {4}
