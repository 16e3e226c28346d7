"""Leaving when the terminal goes away (a dropped SSH connection), however the window started.

Textual's input thread selects on the terminal and reads it; once the terminal has hung up,
every read returns at once with nothing and the loop spins (half a core or more) for as long as
the process lives, holding the workspace open. Textual never notices: only SIGHUP's default
action ends such a window, and that signal does not come under `nohup` (ignored), `su -c` (the
command runs in a session of its own) or `su`/`runuser` as a pane's first process (they block it
and pass nothing on). So the terminal itself is watched: a thread blocks in poll() asking only
for its hang-up, which costs nothing while the terminal lives.
"""

from __future__ import annotations

import os
import select
import signal
import threading
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

HANGUP_STATUS = 129  # 128 + SIGHUP: what a shell reports for a process ended by a hang-up
GRACE = 1.0  # seconds the app has to close itself before the process ends anyway
RELEASE_WAIT = 0.3  # seconds the workspace's closing may take on that forced way out
_DEAD = select.POLLHUP | select.POLLERR  # what poll() says of a hung-up terminal


def leave_on_hangup(app: App, release: Callable[[], None], fds: Iterable[int] = (0, 1, 2)) -> AbstractContextManager:
    """Until the returned context ends, a hang-up of the terminal on `fds` (or a SIGHUP) ends
    the process within about a second: the app is asked to exit with status 129; if it has not
    ended by then (Textual's output thread dies on the first write to the dead terminal, and
    the app can then stall on that thread's full queue), `release` closes the workspace and the
    process ends with that status. Nothing is watched when no fd is a terminal."""
    ttys = [fd for fd in dict.fromkeys(fds) if _isatty(fd)]
    if not ttys:
        return nullcontext()
    watch = HangupWatch(app, release, ttys)
    watch.start()
    return watch


class HangupWatch(AbstractContextManager):
    def __init__(self, app: App, release: Callable[[], None], ttys: list[int]):
        self.app = app
        self.release = release
        self.ttys = ttys
        self.why = ""  # "hangup" or "SIGHUP" once the watch has acted
        self._wake, self._waker = os.pipe()
        os.set_blocking(self._waker, False)  # the signal handler never waits on it
        self._sighup: object = None  # SIGHUP's handler before ours, while ours is in place

    def start(self) -> None:
        # Under nohup SIGHUP stays ignored, as asked: the terminal's own hang-up still ends us.
        if (threading.current_thread() is threading.main_thread()
                and signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN):
            self._sighup = signal.signal(signal.SIGHUP, self._on_sighup)
        threading.Thread(target=self._watch, name="kamtui-hangup", daemon=True).start()

    def stop(self) -> None:
        """The app has ended on its own: stop watching, give SIGHUP its handler back."""
        if self._sighup is not None:
            signal.signal(signal.SIGHUP, self._sighup)  # type: ignore[arg-type]
            self._sighup = None
        if self._waker >= 0:
            self._wake_with(b"s")
            os.close(self._waker)  # the byte stays for the watcher to read
            self._waker = -1  # never written again: the number may soon name another file

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _on_sighup(self, signum: int, frame: object) -> None:
        # Runs on the app's own thread, anywhere in its loop: the watcher does the leaving.
        self._wake_with(b"h")

    def _wake_with(self, what: bytes) -> None:
        try:
            os.write(self._waker, what)
        except OSError:  # full (the watcher has bytes to read already) or stopped meanwhile
            pass

    def _watch(self) -> None:
        poller = select.poll()
        for fd in self.ttys:
            poller.register(fd, 0)  # no events asked: poll() reports hang-up and errors only
        poller.register(self._wake, select.POLLIN)
        while not self.why:
            for fd, mask in poller.poll():
                if fd == self._wake:
                    woken_by = os.read(self._wake, 64)
                    if b"h" not in woken_by:  # stopped
                        os.close(self._wake)
                        return
                    self.why = "SIGHUP"
                elif mask & _DEAD:
                    self.why = "hangup"
                elif mask & select.POLLNVAL:  # closed under us: nothing left to watch there
                    poller.unregister(fd)
        self._leave()

    def _leave(self) -> None:
        try:
            self.app.exit(return_code=HANGUP_STATUS)
        except Exception:  # the app is already closing: the forced way out below still holds
            pass
        # The app normally ends the process well before this returns (the thread is a daemon).
        threading.Event().wait(GRACE)
        closer = threading.Thread(target=self._release, name="kamtui-release", daemon=True)
        closer.start()
        closer.join(RELEASE_WAIT)  # a closing stuck on a lock the frozen app holds is not waited for
        os._exit(HANGUP_STATUS)

    def _release(self) -> None:
        try:
            self.release()
        except Exception:  # the connection was closing on the app's side: the exit releases it
            pass


def _isatty(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False
