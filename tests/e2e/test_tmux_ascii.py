"""The real `kamtui` on a terminal that cannot show the symbols (TERM=vt100): ASCII in their place."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import pytest

from tmux_session import Tmux, session

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None,
                       reason="tmux is not installed (.ci/run installs it; apt-get install tmux)"),
]

SYMBOLS = "⚑◆★▲▼✓●○▶◀▸▾·…│─"


@pytest.fixture
def tmux(tmp_path: Path):
    t = session(tmp_path, "habits-ascii", workspaces=tmp_path / "workspaces")
    yield t
    t.kill()


def _demo(tmux: Tmux, tmp_path: Path, env: str, option: str = "") -> str:
    db = tmp_path / "demo.sqlite"
    tmux.start(f"env {env} {shlex.quote(sys.executable)} -m kamtui demo {shlex.quote(str(db))} "
               f"--today 2026-11-26 {option}", width=120, height=30)
    return tmux.wait_for("4 accounts", line=1)


def test_vt100_gets_ascii_in_place_of_every_symbol(tmux: Tmux, tmp_path: Path):
    screen = _demo(tmux, tmp_path, "TERM=vt100")
    assert "!F Harbourline" in screen  # the red flag, as the portfolio's attention column
    assert not any(s in screen for s in SYMBOLS), screen
    tmux.keys("G")  # keys still work: the last account
    tmux.keys("3")
    screen = tmux.wait_for("F red flag  H hidden decision maker  * rising star")
    assert not any(s in screen for s in SYMBOLS), screen


def test_a_utf8_xterm_keeps_the_symbols_and_ascii_asks_for_ascii(tmux: Tmux, tmp_path: Path):
    screen = _demo(tmux, tmp_path, "TERM=xterm-256color LANG=C.UTF-8")
    assert "!⚑ Harbourline" in screen
    tmux.keys("q")
    tmux.kill()
    again = session(tmp_path, "habits-ascii2", workspaces=tmp_path / "workspaces")
    try:
        screen = _demo(again, tmp_path, "TERM=xterm-256color LANG=C.UTF-8", "--ascii")
        assert "!F Harbourline" in screen and "⚑" not in screen
    finally:
        again.kill()
