"""The real `kamtui` in a real terminal (tmux) on a workspace another program filled with
terminal controls, bidi overrides and invisible characters, KAMTUI_USER hostile too.

tmux is told to accept clipboard escapes (set-clipboard on), so an OSC 52 from the app would
land in its paste buffers. Every screen is read twice: `capture-pane -p` (the characters in the
cells: no bidi or invisible one may be there) and `capture-pane -e -p` (with the attributes tmux
keeps: no blink and no basic red, which only the hostile text asks for; kamtui's theme never
does). At the end tmux must hold no paste buffer.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
import time
from pathlib import Path

import pytest
from filter_hostile import HOSTILE_USER, leaks
from filter_hostile import hostile_file  # noqa: F401 - a fixture
from tmux_session import Tmux, session

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)"),
]

SGR = re.compile(r"\x1b\[([0-9;:]*)m")
MARK = "]52;c;UFdORUQ="  # what is left of the hostile text once filtered


def foreign_attributes(styled: str) -> list[str]:
    """SGR parameters the hostile text asks for (5 blink, 31 red) wherever tmux shows them."""
    out = []
    for params in SGR.findall(styled):
        codes = params.replace(":", ";").split(";")
        i = 0
        while i < len(codes):
            if codes[i] in ("38", "48", "58"):  # a colour: 38;5;n or 38;2;r;g;b
                i += 3 if i + 1 < len(codes) and codes[i + 1] == "5" else 5
                continue
            if codes[i] in ("5", "6", "31"):
                out.append(codes[i])
            i += 1
    return out


@pytest.fixture
def tmux(tmp_path: Path):
    t = session(tmp_path, "filter-trust", user=HOSTILE_USER, workspaces=tmp_path / "workspaces")
    yield t
    t.kill()


def test_the_real_app_writes_no_hostile_sequence_to_the_terminal(tmux: Tmux, hostile_file: Path, tmp_path: Path):
    conf = tmp_path / "tmux.conf"
    conf.write_text("set -s set-clipboard on\nset -g history-limit 0\n")
    cmd = (f"cd {shlex.quote(str(tmp_path))} && exec {shlex.quote(sys.executable)} -m kamtui "
           f"{shlex.quote(str(hostile_file))} --today 2026-11-26")
    tmux.run("-f", str(conf), "new-session", "-d", "-s", tmux.SESSION, "-x", "160", "-y", "45",
             f"sh -c {shlex.quote(cmd)}")
    tmux.run("set-option", "-t", tmux.SESSION, "remain-on-exit", "on")
    assert tmux.run("show-options", "-s", "set-clipboard").stdout.split() == ["set-clipboard", "on"]

    problems: list[str] = []
    visited: list[str] = []

    def look(name: str, *keys: str, wait_for: tuple[str, ...] = (), settle: float = 0.6) -> str:
        for key in keys:
            tmux.keys(key)
            time.sleep(0.15)
        screen = tmux.wait_for(*wait_for) if wait_for else tmux.screen()
        time.sleep(settle)  # the rest of the screen (a worker's rows) paints after its title
        plain = tmux.screen()
        styled = tmux.run("capture-pane", "-e", "-p", "-t", tmux.SESSION).stdout
        if leaks(plain.replace("\n", "")):
            problems.append(f"{name}: cells hold {leaks(plain.replace(chr(10), ''))}")
        if foreign_attributes(styled):
            problems.append(f"{name}: attributes {sorted(set(foreign_attributes(styled)))}")
        if "\x1b]" in styled:
            problems.append(f"{name}: an OSC sequence")
        if MARK not in plain:
            problems.append(f"{name}: no hostile record on screen")
        visited.append(name)
        return screen

    look("portfolio", wait_for=("4 accounts", "Strategic supplier"))
    look("overview", "Enter", wait_for=("Pitfalls",))
    look("overview people", "]", "]", "]", "]", wait_for=("Attitude",))  # after next, pitfalls, activities, competitors
    look("assessment history", "h", wait_for=("Assessment history",))
    look("map", "Escape", "Escape", "3", wait_for=("▸ Organization",))
    look("map decision chain", "v", wait_for=("▸ Decision chain",))
    look("map influence grid", "v", wait_for=("▸ Influence×attitude",))
    look("map coverage", "v", wait_for=("▸ Coverage",))
    look("planner list", "4", wait_for=("Activities ·",))
    look("planner timeline", "v", wait_for=("Timeline ·",))
    look("agenda", "o", wait_for=("My agenda",))
    look("wizard", "1", "2", wait_for=("Organization",), settle=1.0)
    look("wizard people step", "C-Right", wait_for=("Key people",), settle=1.0)

    tmux.keys("Escape")
    time.sleep(0.5)
    buffers = tmux.run("list-buffers").stdout
    assert problems == [] and buffers == "", "\n".join(problems) + f"\nbuffers: {buffers[:300]!r}"
    assert len(visited) == 13
