"""Issue 18 item 6 on a real network filesystem: one folder mounted twice through sshfs to
127.0.0.1 (two client machines of one server). kamtui, run as the user runs it, opens the
workspace there read-only on both mounts, says so in one line (CLI) or inside the app, and
writes only once `--single-writer` is given, which the workspace then remembers.

Skips, saying why, where FUSE mounts cannot be made (no /dev/fuse in an unprivileged container,
no sshfs/sshd); tests/gitsync/test_network_fs.py simulates the detection everywhere.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fuse_mounts import Mounts, Unavailable

KAMTUI = str(Path(sys.executable).with_name("kamtui"))
E2E = Path(__file__).parent.parent / "e2e"


@pytest.fixture
def mounts(tmp_path):
    try:
        with Mounts(tmp_path) as m:
            yield m
    except Unavailable as exc:
        pytest.skip(f"SKIPPED LOUDLY: no FUSE mounts here: {exc}")


def kamtui(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([KAMTUI, *args], capture_output=True, text=True, timeout=60, env=env)


def accounts_in(path: Path, env: dict[str, str]) -> list[str]:
    done = kamtui("report", str(path), "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    return [a["name"] for a in json.loads(done.stdout)]


def test_two_sshfs_mounts_open_read_only_unless_single_writer(mounts, tmp_path):
    env = {**os.environ, "KAMTUI_USER": "fuse-tester", "KAMTUI_WORKSPACES": str(tmp_path)}
    local = mounts.share / "team.sqlite"
    done = kamtui("init", str(local), "--team", "Net team", env=env)
    assert done.returncode == 0 and "read-only" not in done.stderr  # local disk: no note
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "workspace.toml").write_text('schema_version = 1\n\n[settings]\nteam_name = "Renamed over sshfs"\n')

    for machine in (mounts.first, mounts.second):
        ws = machine / "team.sqlite"
        done = kamtui("import", str(ws), str(plans), env=env)
        assert done.returncode == 1, done.stdout + done.stderr
        lines = done.stderr.splitlines()
        assert lines[0].startswith("kamtui: note: ") and "opened read-only" in lines[0], done.stderr
        assert "is open read-only" in lines[-1] and "Traceback" not in done.stderr
        assert len(lines) == 2  # the note, the error: one clean line each

    if shutil.which("tmux") is None:
        pytest.skip("SKIPPED LOUDLY: the CLI half passed; the app half needs tmux")
    sys.path.insert(0, str(E2E))
    from tmux_session import session

    app_ws = shlex.quote(str(mounts.first / "team.sqlite"))
    tmux = session(tmp_path, "fuse-ro")
    try:
        tmux.start(f"{shlex.quote(KAMTUI)} open {app_ws} --today 2026-11-26", 100, 30)
        tmux.wait_for("READ-ONLY: network filesystem")
        tmux.keys("q")
        _ended(tmux)
    finally:
        tmux.kill()
    assert accounts_in(mounts.second / "team.sqlite", env) == []

    tmux = session(tmp_path, "fuse-rw")
    try:
        tmux.start(f"{shlex.quote(KAMTUI)} open {app_ws} --single-writer --today 2026-11-26", 100, 30)
        screen = tmux.wait_for("0 accounts")
        assert "READ-ONLY" not in screen
        tmux.keys("n")
        tmux.wait_for("New account")
        tmux.keys("Written over sshfs", literal=True)
        tmux.keys("C-s")
        tmux.wait_for("1 account")
        tmux.keys("q")
        _ended(tmux)
    finally:
        tmux.kill()
    # seen from the other machine's mount, and remembered: the next import there writes
    assert accounts_in(mounts.second / "team.sqlite", env) == ["Written over sshfs"]
    done = kamtui("import", str(mounts.second / "team.sqlite"), str(plans), env=env)
    assert done.returncode == 0 and "read-only" not in done.stderr, done.stderr


def _ended(tmux) -> None:
    import time

    deadline = time.monotonic() + 20
    while not tmux.dead():
        if time.monotonic() > deadline:
            raise AssertionError(f"the app did not quit; the screen shows:\n{tmux.screen()}")
        time.sleep(0.1)
