"""Issue 13, part D: a backup is whole and verified under its final name, or not there at all.

`kamtui backup` is killed (SIGKILL) again and again while it copies and verifies a large
workspace; what it leaves is never under a backup's name, the next backup clears it, and
rotation keeps only whole backups. A user who may read a workspace but not write its folder
is told so in one sentence.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_as_user import Folders, other_user, run_as
from kamtui.store import backup as store_backup
from kamtui.store import Workspace

KAMTUI = [sys.executable, "-m", "kamtui"]


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Path:
    """The generated `large` workspace (500 accounts, 100,000 activities, ≈ 60 MB), built once."""
    from kamtui.services.demo import build_demo

    path = tmp_path_factory.mktemp("large") / "large.sqlite"
    build_demo(path, "large")
    return path


def final_names(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if store_backup.is_backup_name(p.name)]


def partials(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if ".partial-" in p.name]


def test_kill_9_during_backup_never_leaves_a_bad_file_under_a_backup_name(large, tmp_path):
    ws = tmp_path / "team.sqlite"
    shutil.copy(large, ws)
    runs = []
    for _ in range(2):  # two whole backups first: with the last one, rotation has 3 to keep
        started = time.monotonic()
        done = subprocess.run([*KAMTUI, "backup", str(ws), "--keep", "3"], capture_output=True, text=True,
                              timeout=300)
        runs.append(time.monotonic() - started)
        assert done.returncode == 0, done.stderr
    whole_run = max(runs)
    kills, caught_midway = 16, 0
    for i in range(kills):
        victim = subprocess.Popen([*KAMTUI, "backup", str(ws), "--keep", "3"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if i % 2:
            # spread over the whole run and a little past it: start-up, copying, verifying, renaming
            time.sleep(whole_run * (0.1 + 1.0 * i / kills))
        else:
            # while the copy is being written, however slow the machine is today
            deadline = time.monotonic() + 60
            mine = f"-{victim.pid}-"
            while (not any(mine in p.name for p in partials(tmp_path)) and victim.poll() is None
                   and time.monotonic() < deadline):
                time.sleep(0.005)
            time.sleep(whole_run * 0.3 * i / kills)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        caught_midway += bool(partials(tmp_path))
        for p in final_names(tmp_path):
            assert store_backup.verify(p) == "ok", (i, p.name)
            assert not Path(f"{p}-journal").exists(), (i, p.name)
        assert all(".partial-" not in p.name for p in store_backup.backups_of(ws))
    assert caught_midway >= kills // 4, f"only {caught_midway} of {kills} kills hit a backup being written"

    left = partials(tmp_path)  # the last kill's (each backup clears those of the kills before)
    r = subprocess.run([*KAMTUI, "backup", str(ws), "--keep", "3"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert partials(tmp_path) == []
    for p in left:
        assert f"removed what an interrupted backup left {p}" in r.stderr
    kept = store_backup.backups_of(ws)
    assert len(kept) == 3 and Path(r.stdout.strip()) == kept[0]
    assert [store_backup.verify(p) for p in kept] == ["ok"] * 3
    assert sorted(final_names(tmp_path)) == sorted(kept)


def _legacy_partial(ws: Path, like: Path) -> Path:
    """What an older kamtui left when killed: half a copy under a backup's final name, with the
    rollback journal of its unfinished write beside it."""
    time.sleep(0.01)
    p = store_backup.backup_path(ws)
    data = like.read_bytes()  # a finished backup, no connection open on it
    p.write_bytes(data[: len(data) // 2])
    Path(f"{p}-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\0" * 504)
    return p


def test_rotation_keeps_only_whole_backups_and_drops_an_old_kamtuis_partial(tmp_path):
    from kamtui.services import backups

    ws = tmp_path / "team.sqlite"
    Workspace.create(ws, team_name="Team").close()
    first, _ = backups.backup(ws, keep=2)
    broken = _legacy_partial(ws, first)
    assert store_backup.verify(broken) != "ok"
    assert store_backup.newest_verified(ws) == first  # the newer, broken one is never named
    second, removed = backups.backup(ws, keep=2)
    assert broken in removed and not broken.exists() and not Path(f"{broken}-journal").exists()
    assert store_backup.backups_of(ws) == [second, first]
    third, removed = backups.backup(ws, keep=2)
    assert removed == [first]
    assert store_backup.backups_of(ws) == [third, second]


def test_stale_partials_go_and_live_ones_stay(tmp_path):
    ws = tmp_path / "team.sqlite"
    final = store_backup.backup_path(ws)
    sleeper = subprocess.Popen(["sleep", "60"])
    dead = subprocess.Popen(["true"])
    dead.wait()
    host, other = store_backup._HOST, "0123abcd" if store_backup._HOST != "0123abcd" else "4567ef01"

    def partial(host: str, pid: int, age: float = 0) -> Path:
        p = final.with_name(f".{final.name}.partial-{host}-{pid}-{os.urandom(4).hex()}")
        p.write_bytes(b"x")
        Path(f"{p}-journal").write_bytes(b"x")
        if age:
            os.utime(p, (time.time() - age, time.time() - age))
            os.utime(f"{p}-journal", (time.time() - age, time.time() - age))
        return p

    try:
        gone = partial(host, dead.pid)  # killed here: its process is gone
        running = partial(host, sleeper.pid)  # being written here right now
        elsewhere = partial(other, 1)  # another machine's, written a moment ago
        abandoned = partial(other, 1, age=store_backup.STALE_AFTER + 60)  # another machine's, long dead
        removed = store_backup.remove_stale_partials(tmp_path)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert sorted(removed) == sorted([gone, Path(f"{gone}-journal"), abandoned, Path(f"{abandoned}-journal")])
    assert running.exists() and elsewhere.exists()
    assert store_backup.backups_of(ws) == []


# -- a user who may read the workspace but not write its folder ----------------------------------

@pytest.fixture
def folders():
    made = Folders()
    yield made
    made.clean()


def test_a_read_only_user_is_told_to_back_up_elsewhere(folders):
    uid, gid = other_user()
    team = folders.new(0o755)  # root's: others may read, not write
    ws = team / "team.sqlite"
    built = Workspace.create(ws, team_name="Team")
    from kamtui.services import accounts
    from kamtui.services.context import Context

    accounts.create(Context(built), {"name": "Harbourline"})
    built.close()
    os.chmod(ws, 0o644)
    listing = sorted(p.name for p in team.iterdir())

    code, out, err = run_as(uid, gid, ["backup", str(ws)])
    assert code == 1 and out == "" and "Traceback" not in err, err
    (line,) = err.splitlines()
    assert line.startswith("kamtui: error: ") and "not writable" in line, line
    assert f"kamtui backup {ws} DEST" in line, line
    assert sorted(p.name for p in team.iterdir()) == listing

    mine = folders.new(0o777)
    code, out, err = run_as(uid, gid, ["backup", str(ws), str(mine)])
    assert code == 0, err
    made = Path(out.strip())
    assert made.parent == mine and store_backup.verify(made) == "ok"
    assert os.stat(made).st_uid == uid
    assert partials(mine) == [] and sorted(p.name for p in team.iterdir()) == listing
    check = Workspace.open(made, read_only=True)
    assert check.conn.execute("SELECT name FROM account").fetchall() == [("Harbourline",)]
    check.close()
