"""The real `kamtui` in tmux, started the ways people start it, and its terminal destroyed:
`tmux kill-session` closes the pane's terminal as a dropped SSH connection does. The window
must be gone within 2 s and its workspace free and whole, however it was started: directly,
under nohup, or as a second Unix user through `su -c`, `sudo -u` or `runuser -u`; the command
typed into the pane's shell (an SSH login) or run as the pane's own command (`ssh host CMD`).

The second user cannot run this checkout's Python (it lives under root's 0700 home, the
checkout may be 0700 too): it runs a Python it can, of the same version, on a world-readable
copy of kamtui and its dependencies, made once per module.
"""

from __future__ import annotations

import os
import pwd
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import pytest

from released import EXIT_WITHIN, assert_released_and_whole, holders, running, seconds_until_gone
from tmux_session import Tmux, session

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None,
                       reason="tmux is not installed (.ci/run installs it; apt-get install tmux)"),
]
SECOND_USER = "nobody"  # as tests/team/test_shared_group.py
TODAY = ["--today", "2026-11-26"]
LAUNCHERS = ["direct", "nohup", "su", "sudo", "runuser"]
_ENV = ["KAMTUI_USER=e2e", "TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "PYTHONDONTWRITEBYTECODE=1"]


def _needs_second_user(launcher: str) -> bool:
    return launcher in ("su", "sudo", "runuser")


@pytest.fixture(scope="module")
def second_user():
    """(uid, python, lib): the second user, a Python it can run, the copy it imports kamtui from."""
    if os.geteuid() != 0:
        pytest.skip("SKIPPED LOUDLY: su/sudo/runuser to a second Unix user need root; not root here")
    try:
        uid = pwd.getpwnam(SECOND_USER).pw_uid
    except KeyError:
        pytest.skip(f"SKIPPED LOUDLY: no {SECOND_USER!r} user on this machine")
    if shutil.which("runuser") is None:
        pytest.skip("SKIPPED LOUDLY: runuser (util-linux) is not installed")
    base = Path(tempfile.mkdtemp(prefix="kamtui-hangup-lib-"))
    try:
        os.chmod(base, 0o755)
        _copy_kamtui_and_dependencies(base)
        python = _python_for_second_user(base)
        if python is None:
            pytest.skip(f"SKIPPED LOUDLY: no Python {sys.version_info[0]}.{sys.version_info[1]} that "
                        f"{SECOND_USER!r} can run (apt-get install python3)")
        yield uid, python, base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _copy_kamtui_and_dependencies(lib: Path) -> None:
    import kamtui

    shutil.copytree(Path(kamtui.__file__).parent, lib / "kamtui", ignore=shutil.ignore_patterns("__pycache__"))
    for name in _requirements("kamtui", set()) - {"kamtui"}:
        dist = metadata.distribution(name)
        for file in dist.files or []:
            source = Path(str(dist.locate_file(file)))
            if ".." in file.parts or not source.is_file():  # console scripts in bin/
                continue
            (lib / file).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, lib / file)
    for folder, dirs, files in os.walk(lib):
        for entry in dirs + files:
            os.chmod(os.path.join(folder, entry), 0o755 if entry in dirs else 0o644)


def _requirements(name: str, seen: set[str]) -> set[str]:
    key = re.sub(r"[-_.]+", "-", name).lower()
    if key not in seen:
        seen.add(key)
        from packaging.requirements import Requirement

        for requirement in metadata.requires(name) or []:
            # an extra's, or another Python's (pypinyin: `argparse; python_version < "2.7"`): not ours
            wanted = Requirement(requirement)
            if wanted.marker is None or wanted.marker.evaluate({"extra": ""}):
                _requirements(wanted.name, seen)
    return seen


def _python_for_second_user(lib: Path) -> str | None:
    version = "%d.%d" % sys.version_info[:2]
    # root's PATH may lead to root's own interpreters (pyenv shims) first: the system's too
    candidates = [sys.executable, getattr(sys, "_base_executable", ""), shutil.which(f"python{version}"),
                  *(f"{folder}/python{version}" for folder in ("/usr/local/bin", "/usr/bin"))]
    for python in dict.fromkeys(c for c in candidates if c):
        probe = subprocess.run(
            ["runuser", "-u", SECOND_USER, "--", "env", f"PYTHONPATH={lib}", "PYTHONDONTWRITEBYTECODE=1", python,
             "-c", "import sys, kamtui.cli, textual, pydantic_core; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, timeout=60, cwd="/")
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return python
    return None


@pytest.fixture
def workspace(demo_template, request):
    """A copy of the demo in a folder of its own, owned by whoever the window runs as."""
    base = Path(tempfile.mkdtemp(prefix="kamtui-hangup-"))
    os.chmod(base, 0o755)  # the second user walks through to its folder
    folder = base / "team"
    folder.mkdir(mode=0o700)
    db = folder / "demo.sqlite"
    shutil.copy(demo_template, db)
    if _needs_second_user(request.node.callspec.params["launcher"]):
        uid = pwd.getpwnam(SECOND_USER).pw_uid
        os.chown(folder, uid, -1)
        os.chown(db, uid, -1)
    yield db
    shutil.rmtree(base, ignore_errors=True)


def _command(launcher: str, db: Path, second_user) -> str:
    q = shlex.quote
    if launcher in ("direct", "nohup"):
        kamtui = " ".join(q(w) for w in [sys.executable, "-m", "kamtui", str(db), *TODAY])
        if launcher == "direct":
            return kamtui
        # nohup takes the terminal away from the command: a window under it takes it back.
        return f"nohup sh -c {q(f'exec {kamtui} </dev/tty >/dev/tty 2>&1')} >/dev/null 2>&1"
    _, python, lib = second_user
    kamtui = " ".join(q(w) for w in ["env", f"PYTHONPATH={lib}", *_ENV, python, "-m", "kamtui", str(db), *TODAY])
    return {
        "su": f"su -s /bin/sh {SECOND_USER} -c {q('exec ' + kamtui)}",
        "sudo": f"sudo -u {SECOND_USER} {kamtui}",
        "runuser": f"runuser -u {SECOND_USER} -- {kamtui}",
    }[launcher]


def _window_pid(db: Path) -> int:
    """The Python process running kamtui on `db` (not the su/sudo/sh around it)."""
    found = []
    for entry in os.scandir("/proc"):
        try:
            args = Path(f"/proc/{entry.name}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if (entry.name.isdigit() and os.path.basename(args[0]).startswith(b"python")
                and b"kamtui" in args and str(db).encode() in args):
            found.append(int(entry.name))
    assert len(found) == 1, found
    return found[0]


def _uid(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^Uid:\s+(\d+)", status, re.M).group(1))


@pytest.mark.parametrize("started", ["typed", "pane"])
@pytest.mark.parametrize("launcher", LAUNCHERS)
def test_a_window_whose_terminal_vanishes_ends_and_frees_the_workspace(launcher, started, workspace, tmp_path, request):
    if _needs_second_user(launcher):
        second_user = request.getfixturevalue("second_user")
        if shutil.which(launcher) is None:
            pytest.skip(f"SKIPPED LOUDLY: {launcher} is not installed (.ci/run installs sudo; apt-get install sudo)")
    else:
        second_user = None
    tmux: Tmux = session(tmp_path, f"hangup-{launcher}-{started}")
    command = _command(launcher, workspace, second_user)
    pid = None
    try:
        if started == "typed":
            tmux.start("env PS1='hangup$ ' bash --norc --noprofile -i")
            tmux.wait_for("hangup$")
            tmux.keys(command, literal=True)
            tmux.keys("Enter")
        else:
            tmux.start(command)
        tmux.wait_for("Harbourline Bank")
        pid = _window_pid(workspace)
        assert _uid(pid) == (second_user[0] if second_user else os.geteuid())
        assert pid in holders(workspace)
        time.sleep(0.5)  # the first screen's loading and the integrity check under way, as in use

        tmux.run("kill-session", "-t", Tmux.SESSION)
        took = seconds_until_gone(pid)
    finally:
        tmux.kill()
        if pid is not None and running(pid):  # a failure leaves no window spinning behind
            os.kill(pid, signal.SIGKILL)
    assert took < EXIT_WITHIN, f"{launcher} ({started}): still running {took:.1f}s after the terminal went"
    assert_released_and_whole(workspace)
