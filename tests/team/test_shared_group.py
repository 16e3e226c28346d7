"""A shared (group) workspace is writable by a second Unix user of the group.

CI runs as root, where permission checks pass vacuously: the second user is a real
unprivileged process (a forked child that drops root), and the test skips loudly when
that cannot be arranged.
"""

from __future__ import annotations

import datetime as dt
import grp
import os
import pwd
import shutil
import stat
import tempfile
from pathlib import Path

import pytest
import sqlite_utils  # noqa: F401 - loaded here: the child that drops root may not read the venv

from kamtui.domain import models  # noqa: F401 - (kamtui loads these on first use)
from kamtui.services import accounts
from kamtui.services.context import Context
from kamtui.store import Workspace, activities, assessments, audit, people, team, writes  # noqa: F401
from kamtui.store.fileinfo import file_mode


def _second_user() -> tuple[int, int]:
    if os.geteuid() != 0:
        pytest.skip("SKIPPED LOUDLY: needs root to become a second Unix user; not root here")
    try:
        return pwd.getpwnam("nobody").pw_uid, grp.getgrnam("users").gr_gid
    except KeyError:
        pytest.skip("SKIPPED LOUDLY: no 'nobody' user or 'users' group on this machine")


def _as_user(uid: int, gid: int, fn, *args) -> tuple[int, str]:
    """Run fn(*args) in a forked child that dropped root for uid/gid. No exec: the code is
    in memory already, so the Python install need not be readable by that user."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        code, message = 1, ""
        try:
            os.setgroups([gid])
            os.setgid(gid)
            os.setuid(uid)
            message, code = fn(*args), 0
        except BaseException as exc:  # everything goes back to the parent as text
            message = f"{type(exc).__name__}: {exc}"
        os.write(write, message.encode())
        os._exit(code)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode()


def _write_as_second(path: str) -> str:
    ws = Workspace.open(Path(path))
    try:
        if ws.read_only:
            raise RuntimeError("opened read-only")
        accounts.create(Context(ws, today=dt.date(2026, 11, 26), user="second"),
                        {"name": "Written by the second user"})
    finally:
        ws.close()
    return "wrote"


_MADE: list[Path] = []


def _folder() -> Path:
    """A folder the second user can reach (pytest's tmp_path sits under a 0700 parent)."""
    base = Path(tempfile.mkdtemp(prefix="kamtui-perm-"))
    os.chmod(base, 0o755)
    _MADE.append(base)
    return base


@pytest.fixture(autouse=True)
def _clean_folders():
    yield
    while _MADE:
        shutil.rmtree(_MADE.pop(), ignore_errors=True)


def test_group_member_can_write_shared_workspace():
    uid, gid = _second_user()
    team_dir = _folder() / "team"
    path = team_dir / "shared.sqlite"
    Workspace.create(path, team_name="Shared", shared=True).close()
    assert file_mode(path) == 0o660
    assert stat.S_IMODE(os.stat(team_dir).st_mode) == 0o2770
    os.chown(team_dir, 0, gid)
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if p.exists():
            os.chown(p, 0, gid)
    code, out = _as_user(uid, gid, _write_as_second, str(path))
    assert (code, out) == (0, "wrote")
    ws = Workspace.open(path)
    names = [row[0] for row in ws.db.execute("SELECT name FROM account")]
    ws.close()
    assert "Written by the second user" in names


def test_other_user_cannot_open_private_workspace():
    uid, gid = _second_user()
    path = _folder() / "private.sqlite"
    Workspace.create(path, team_name="Private").close()
    assert file_mode(path) == 0o600
    before = path.read_bytes()
    code, out = _as_user(uid, gid, _write_as_second, str(path))
    assert code != 0
    assert "permission denied" in out.lower()
    assert path.read_bytes() == before


def _try_write(path: str) -> str:
    from kamtui.errors import ReadOnlyError

    ws = Workspace.open(Path(path))
    try:
        count = ws.db.execute("SELECT count(*) FROM account").fetchone()[0]
        try:
            accounts.create(Context(ws, today=dt.date(2026, 11, 26), user="reader"), {"name": "nope"})
        except ReadOnlyError as exc:
            return f"read_only={ws.read_only} accounts={count} refused: {exc}"
        return "wrote"
    finally:
        ws.close()


@pytest.mark.parametrize("folder_writable", [True, False])
def test_read_only_file_opens_read_only(folder_writable):
    uid, gid = _second_user()
    folder = _folder()
    path = folder / "readonly.sqlite"
    ws = Workspace.create(path, team_name="RO")
    accounts.create(Context(ws), {"name": "Existing"})
    ws.close()
    os.chmod(path, 0o644)
    if folder_writable:
        os.chmod(folder, 0o777)
    before = path.read_bytes()
    code, out = _as_user(uid, gid, _try_write, str(path))
    assert code == 0, out
    assert out.startswith("read_only=True accounts=1 refused:"), out
    assert path.read_bytes() == before
