"""`kamtui import` killed with SIGKILL part-way: no process of it is left running (it starts
none), and the workspace is exactly as it was, and sound."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import dump

from kamtui.services.plans import demo_files
from kamtui.services.plans import format as fmt
from kamtui.store import Workspace

COPIES = 150  # × the 4 demo accounts: 600 files, 18 MiB
KAMTUI = Path(sys.executable).parent / "kamtui"
_ID = re.compile(r'"([0-9a-f]{32})"')


def big_folder(folder: Path) -> Path:
    """The demo accounts many times over, each copy with ids of its own (the members' kept)."""
    folder.mkdir()
    texts = demo_files.demo_texts()
    members = set(_ID.findall(texts[fmt.WORKSPACE_FILE]))
    for name, text in texts.items():
        if name == fmt.WORKSPACE_FILE:
            continue
        for k in range(COPIES):
            copy = _ID.sub(lambda m: m.group(0) if m.group(1) in members
                           else f'"{hashlib.md5(f"{k}{m.group(1)}".encode()).hexdigest()}"', text)
            (folder / f"{k:03d}-{name}").write_text(copy, encoding="utf-8")
    return folder


def state(path: Path) -> tuple[dict, str]:
    with Workspace.open(path) as ws:
        return dump(ws), ws.db.execute("PRAGMA integrity_check").fetchone()[0]


def processes() -> list[tuple[int, int, int]]:
    """(pid, parent pid, session id) of every process."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:  # gone meanwhile
                continue
            fields = stat[stat.rindex(")") + 2:].split()  # after "pid (name) "
            out.append((int(entry), int(fields[1]), int(fields[3])))
    return out


def test_a_killed_import_leaves_no_process_behind_and_the_workspace_as_it_was(demo_file, tmp_path):
    folder = big_folder(tmp_path / "plans")
    env = {**os.environ, "KAMTUI_WORKSPACES": str(tmp_path), "KAMTUI_USER": "tester"}

    trial = tmp_path / "trial.sqlite"
    shutil.copy(demo_file, trial)
    started = time.monotonic()
    done = subprocess.run([str(KAMTUI), "import", str(trial), str(folder)], env=env, capture_output=True,
                          text=True, timeout=300)
    whole = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert f"Imported {4 * COPIES} files" in done.stderr

    target = tmp_path / "team.sqlite"
    shutil.copy(demo_file, target)
    before, _ = state(target)
    for share in (0.35, 0.7):  # while it reads; about when it writes
        proc = subprocess.Popen([str(KAMTUI), "import", str(target), str(folder)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        time.sleep(share * whole)
        assert proc.poll() is None, f"the import ended before {share:.0%} of its time"
        children = [pid for pid, parent, _ in processes() if parent == proc.pid]
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        assert children == []  # one process reads, parses and writes
        time.sleep(0.2)
        # every process it could have started shares its session, orphaned or not
        assert [pid for pid, _, session in processes() if session == proc.pid] == []
        after, integrity = state(target)
        assert integrity == "ok"
        assert after == before
