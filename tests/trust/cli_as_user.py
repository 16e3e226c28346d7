"""`kamtui ARGS` run by another Unix user: a forked child that drops root, then runs the
real command line (kamtui.cli.main) with its stdout and stderr on pipes.

No exec: the interpreter lives under a folder the other user may not read, so everything
the commands import is loaded here first (every kamtui module, and what they load lazily).
CI runs as root, where permission checks pass vacuously; without root the tests skip loudly.
"""

from __future__ import annotations

import grp
import importlib
import os
import pkgutil
import pwd
import selectors
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import pytest

import kamtui


def _preload() -> None:
    for info in pkgutil.walk_packages(kamtui.__path__, "kamtui."):
        if info.name != "kamtui.__main__":
            importlib.import_module(info.name)
    for name in ("getpass", "sqlite_utils", "tomli_w", "icalendar", "rich.console", "rich.table",
                 "rich.progress", "click.testing", "unicodedata", "tomllib", "textual.app"):
        importlib.import_module(name)


def other_user() -> tuple[int, int]:
    """The uid and gid of an unprivileged user ('nobody', group 'users')."""
    if os.geteuid() != 0:
        pytest.skip("SKIPPED LOUDLY: needs root to become a second Unix user; not root here")
    try:
        return pwd.getpwnam("nobody").pw_uid, grp.getgrnam("users").gr_gid
    except KeyError:
        pytest.skip("SKIPPED LOUDLY: no 'nobody' user or 'users' group on this machine")


def run_as(uid: int, gid: int, args: list[str], env: dict[str, str] | None = None,
           cwd: Path | None = None, timeout: float = 60) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of `kamtui ARGS` run as uid/gid; a child still running
    after `timeout` seconds is killed (status -9)."""
    _preload()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 98
        try:
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            os.dup2(out_w, 1)
            os.dup2(err_w, 2)
            for fd in (out_r, err_r, out_w, err_w):
                os.close(fd)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
            os.setgroups([gid])
            os.setgid(gid)
            os.setuid(uid)
            os.environ.update(env or {})
            os.environ["HOME"] = "/nonexistent"
            os.environ["XDG_CONFIG_HOME"] = tempfile.gettempdir() + "/kamtui-no-config"
            if cwd is not None:
                os.chdir(cwd)
            from kamtui.cli import main

            sys.argv = ["kamtui", *args]
            try:
                main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 97
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    os.close(out_w)
    os.close(err_w)
    chunks: dict[int, list[bytes]] = {out_r: [], err_r: []}
    sel = selectors.DefaultSelector()
    for fd in chunks:
        sel.register(fd, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    open_fds = set(chunks)
    while open_fds and time.monotonic() < deadline:
        for key, _ in sel.select(timeout=max(0.0, deadline - time.monotonic())):
            data = os.read(key.fd, 65536)
            if data:
                chunks[key.fd].append(data)
            else:
                sel.unregister(key.fd)
                open_fds.discard(key.fd)
    if open_fds:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    for fd in chunks:
        os.close(fd)
    return (os.waitstatus_to_exitcode(status), b"".join(chunks[out_r]).decode(errors="replace"),
            b"".join(chunks[err_r]).decode(errors="replace"))


class Folders:
    """Folders another user can reach (pytest's tmp_path sits under a 0700 parent)."""

    def __init__(self) -> None:
        self.made: list[Path] = []

    def new(self, mode: int = 0o755) -> Path:
        base = Path(tempfile.mkdtemp(prefix="kamtui-trust-"))
        os.chmod(base, mode)
        self.made.append(base)
        return base

    def clean(self) -> None:
        while self.made:
            shutil.rmtree(self.made.pop(), ignore_errors=True)
