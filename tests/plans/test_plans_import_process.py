"""`kamtui import` as a real process: killed with SIGKILL part-way, it leaves no process running
(it starts none) and the workspace exactly as it was, and sound; on a terminal, it shows its
progress."""

from __future__ import annotations

import hashlib
import os
import pty
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from plans_helpers import dump

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


def processes() -> list[tuple[int, int, int, float]]:
    """(pid, parent pid, session id, CPU seconds used) of every process."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:  # gone meanwhile
                continue
            fields = stat[stat.rindex(")") + 2:].split()  # after "pid (name) "
            cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            out.append((int(entry), int(fields[1]), int(fields[3]), cpu))
    return out


def cpu_of(pid: int) -> float:
    return next((cpu for p, _, _, cpu in processes() if p == pid), 0.0)


def writing(path: Path) -> bool:
    """Whether another connection holds the workspace's write lock (an import's transaction)."""
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


def test_a_killed_import_leaves_no_process_behind_and_the_workspace_as_it_was(demo_file, tmp_path):
    folder = big_folder(tmp_path / "plans")
    env = {**os.environ, "KAMTUI_WORKSPACES": str(tmp_path), "KAMTUI_USER": "tester"}

    trial = tmp_path / "trial.sqlite"
    shutil.copy(demo_file, trial)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([str(KAMTUI), "import", str(trial), str(folder)], env=env, capture_output=True,
                          text=True, timeout=300)
    after_trial = resource.getrusage(resource.RUSAGE_CHILDREN)
    whole = (after_trial.ru_utime + after_trial.ru_stime) - (used.ru_utime + used.ru_stime)
    assert done.returncode == 0, done.stderr
    assert f"Imported {4 * COPIES} files" in done.stderr

    target = tmp_path / "team.sqlite"
    shutil.copy(demo_file, target)
    before, _ = state(target)
    # While it reads the files (by the CPU time it has used: a busy machine slows it down, it
    # does not change its work), then once its write transaction has begun.
    for moment in ("reading", "writing"):
        proc = subprocess.Popen([str(KAMTUI), "import", str(target), str(folder)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 120
        while not (cpu_of(proc.pid) >= 0.4 * whole if moment == "reading" else writing(target)):
            assert proc.poll() is None, f"the import ended before the kill ({moment})"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        children = [pid for pid, parent, _, _ in processes() if parent == proc.pid]
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        assert children == []  # one process reads, parses and writes
        time.sleep(0.2)
        # every process it could have started shares its session, orphaned or not
        assert [pid for pid, _, session, _ in processes() if session == proc.pid] == []
        after, integrity = state(target)
        assert integrity == "ok"
        assert after == before, moment


def test_an_import_on_a_terminal_shows_its_progress(demo_file, tmp_path):
    folder = big_folder(tmp_path / "plans")
    target = tmp_path / "team.sqlite"
    shutil.copy(demo_file, target)
    env = {**os.environ, "KAMTUI_WORKSPACES": str(tmp_path), "KAMTUI_USER": "tester", "TERM": "xterm-256color"}
    terminal, its_end = pty.openpty()
    proc = subprocess.Popen([str(KAMTUI), "import", str(target), str(folder)], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=its_end)
    os.close(its_end)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(terminal)
    assert proc.wait(timeout=300) == 0, shown.decode(errors="replace")[-2000:]
    text = shown.decode(errors="replace")
    files = 4 * COPIES
    counts = [int(n) for n in re.findall(rf"(\d+)/{files}\b", text)]
    assert "Reading plans" in text and counts and max(counts) > 0
    assert counts == sorted(counts)  # counted up as the files were read
    assert f"Imported {files} files" in text
