"""The real `kamtui` on a pseudo-terminal held by the test: closing the terminal's master side
is what a dropped SSH connection does to a window.

Three ways the hang-up reaches the process: with the terminal as its controlling terminal the
kernel sends SIGHUP; under nohup that SIGHUP is ignored; in a session of its own (what `su -c`
makes) no SIGHUP comes at all. Each must end the window within 2 s, with status 129, leaving the
workspace free and whole. Quitting and the keys that stand for quitting work as before.
"""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import textwrap
import threading
import time
from pathlib import Path

import pytest

from released import EXIT_WITHIN, assert_released_and_whole, cpu_seconds, running, seconds_until_gone

pytestmark = pytest.mark.e2e
HANGUP_STATUS = 129


class PtyWindow:
    """`kamtui` with a new pseudo-terminal as its stdin, stdout and stderr; the test reads the
    screen's bytes from the master side, types into it, and closes it to hang up."""

    def __init__(self, db: Path, controlling: bool, ignore_hup: bool = False):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

        def in_child() -> None:  # runs after fork, in the new session
            # SIGHUP ignored is inherited through exec: set it either way, whatever the test run
            # itself was started under (pytest under nohup would make every window ignore it)
            signal.signal(signal.SIGHUP, signal.SIG_IGN if ignore_hup else signal.SIG_DFL)  # SIG_IGN: what nohup does
            if controlling:
                fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
               "KAMTUI_USER": "e2e"}
        self.proc = subprocess.Popen([sys.executable, "-m", "kamtui", str(db), "--today", "2026-11-26"],
                                     stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True, preexec_fn=in_child)
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        # Polls with a timeout: a read blocked on the master would keep it open after close().
        while not self._stop.is_set():
            if select.select([self.master], [], [], 0.05)[0]:
                try:
                    data = os.read(self.master, 65536)
                except OSError:  # the window's side has gone
                    return
                if not data:
                    return
                self.output += data

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            assert time.monotonic() < deadline, f"{text!r} not shown in {timeout}s: {bytes(self.output[-400:])!r}"
            assert self.proc.poll() is None, f"kamtui ended ({self.proc.returncode}): {bytes(self.output[-400:])!r}"
            time.sleep(0.05)

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def hang_up(self) -> None:
        self._stop.set()
        self._reader.join()
        os.close(self.master)
        self.master = -1

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.master != -1:
            self.hang_up()


@pytest.fixture
def db(tmp_path, demo_template) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def windows():
    opened: list[PtyWindow] = []
    yield opened
    for window in opened:
        window.close()


def _open(windows, db: Path, **how) -> PtyWindow:
    window = PtyWindow(db, **how)
    windows.append(window)
    window.wait_for("Harbourline Bank")
    time.sleep(0.5)  # the first screen's loading and the integrity check under way, as in use
    return window


@pytest.mark.parametrize("how", [
    pytest.param({"controlling": True}, id="sighup-from-the-kernel"),
    pytest.param({"controlling": True, "ignore_hup": True}, id="nohup"),
    pytest.param({"controlling": False}, id="own-session-no-sighup"),
])
def test_a_hung_up_window_ends_at_once_and_frees_the_workspace(windows, db, how):
    window = _open(windows, db, **how)
    window.hang_up()
    took = seconds_until_gone(window.proc.pid)
    assert took < EXIT_WITHIN, f"still running {took:.1f}s after the hang-up"
    assert window.proc.wait(5) == HANGUP_STATUS
    assert_released_and_whole(db)


def test_sighup_on_a_live_terminal_ends_the_window_cleanly(windows, db):
    window = _open(windows, db, controlling=False)
    window.proc.send_signal(signal.SIGHUP)
    assert window.proc.wait(EXIT_WITHIN) == HANGUP_STATUS
    time.sleep(0.2)  # the reader takes the last bytes
    # The app closed itself (no death by signal): it gave the terminal its main screen back.
    assert b"\x1b[?1049l" in window.output
    assert_released_and_whole(db)


def test_under_nohup_sighup_alone_does_not_end_the_window(windows, db):
    window = _open(windows, db, controlling=False, ignore_hup=True)
    window.proc.send_signal(signal.SIGHUP)
    time.sleep(1.5)
    assert window.proc.poll() is None  # nohup asked for it; the terminal is still there
    window.hang_up()
    assert window.proc.wait(EXIT_WITHIN) == HANGUP_STATUS


def test_quitting_and_ctrl_c_work_as_before(windows, db):
    window = _open(windows, db, controlling=True)
    window.type(b"\x03")  # ctrl+c: kamtui says how to quit (in the reader's language), and the window stays
    window.wait_for("to quit kamtui")
    assert window.proc.poll() is None
    window.type(b"q")
    assert window.proc.wait(10) == 0
    assert_released_and_whole(db)


def test_the_watch_costs_nothing_while_the_terminal_lives(windows, db):
    window = _open(windows, db, controlling=True)
    time.sleep(3)  # past the start-up work (integrity check, preloading the screens)
    before = cpu_seconds(window.proc.pid)
    time.sleep(3)
    assert cpu_seconds(window.proc.pid) - before < 0.15  # an idle window: < 5 % of a core


FROZEN_APP = textwrap.dedent("""
    import os, sys, time
    from kamtui.ui.hangup import leave_on_hangup

    class Frozen:  # an app stuck writing to the dead terminal: asked to exit, it never does
        def exit(self, result=None, return_code=0):
            print("asked", return_code, flush=True)

    def release():
        print("released", flush=True)

    leave_on_hangup(Frozen(), release, fds=[int(sys.argv[1])])
    print("watching", flush=True)
    time.sleep(30)
    print("not ended", flush=True)
""")


def test_a_window_that_does_not_close_itself_is_ended_after_a_second():
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-c", FROZEN_APP, str(slave)], stdout=subprocess.PIPE,
                            pass_fds=[slave], text=True)
    try:
        os.close(slave)
        assert proc.stdout.readline() == "watching\n"
        os.close(master)
        start = time.monotonic()
        assert proc.wait(EXIT_WITHIN) == HANGUP_STATUS
        assert 0.9 < time.monotonic() - start  # it waited for the app first
        assert proc.stdout.read().split("\n") == [f"asked {HANGUP_STATUS}", "released", ""]
    finally:
        if running(proc.pid):
            proc.kill()
        proc.wait()


def test_once_the_app_has_ended_the_watch_stops_and_sighup_is_as_before():
    from kamtui.ui.hangup import leave_on_hangup

    class Ended:
        def exit(self, result=None, return_code=0):
            raise AssertionError("a stopped watch asked the app to exit")

    before = signal.getsignal(signal.SIGHUP)
    master, slave = os.openpty()
    try:
        with leave_on_hangup(Ended(), lambda: None, fds=[slave]):
            # ours, unless SIGHUP is ignored here (nohup): then it stays ignored
            assert (signal.getsignal(signal.SIGHUP) is signal.SIG_IGN) == (before is signal.SIG_IGN)
            assert "kamtui-hangup" in [t.name for t in threading.enumerate()]
        assert signal.getsignal(signal.SIGHUP) is before
        deadline = time.monotonic() + 2
        while "kamtui-hangup" in [t.name for t in threading.enumerate()]:
            assert time.monotonic() < deadline, "the watcher thread did not end"
            time.sleep(0.01)
        os.close(master)  # a hang-up now is none of the ended app's business
        master = -1
        time.sleep(0.2)
    finally:
        if master != -1:
            os.close(master)
        os.close(slave)
