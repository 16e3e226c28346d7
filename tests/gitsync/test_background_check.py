"""`kamtui sync`'s quick_check in its thread (store.background_check): its answer, and calling
it off at any moment, also between its connection and its statement, where one interrupt
would be lost."""

from __future__ import annotations

import sqlite3
import threading
import time

from kamtui.store import background_check
from kamtui.store.background_check import BackgroundCheck

# a statement that runs for minutes unless interrupted
ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"


class _SlowToStart:
    """A connection whose statement starts only after `cancel` sent its first interrupt."""

    def __init__(self, conn: sqlite3.Connection, ready: threading.Event, interrupted: threading.Event):
        self._conn, self._ready, self._interrupted = conn, ready, interrupted

    def execute(self, _sql: str) -> sqlite3.Cursor:
        self._ready.set()
        assert self._interrupted.wait(5)
        return self._conn.execute(ENDLESS)  # began after that interrupt: it missed it

    def interrupt(self) -> None:
        self._conn.interrupt()
        self._interrupted.set()

    def close(self) -> None:
        self._conn.close()


def test_a_sound_workspace_is_ok(demo_file, tmp_path):
    import shutil

    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    assert BackgroundCheck(path).wait() == "ok"


def test_called_off_between_its_connection_and_its_statement_it_still_stops(demo_file, tmp_path, monkeypatch):
    import shutil

    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    ready, interrupted = threading.Event(), threading.Event()
    real = sqlite3.connect
    monkeypatch.setattr(background_check.sqlite3, "connect",
                        lambda *a, **k: _SlowToStart(real(*a, **k), ready, interrupted))
    check = BackgroundCheck(path)
    assert ready.wait(5)
    started = time.monotonic()
    check.cancel()
    assert time.monotonic() - started < 5
    assert check.found is None and not check._thread.is_alive()


def test_called_off_before_it_began_or_while_it_runs(demo_file, tmp_path, monkeypatch):
    import shutil

    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    at_once = BackgroundCheck(path)
    at_once.cancel()
    assert at_once.found is None and not at_once._thread.is_alive()

    running = threading.Event()
    real = sqlite3.connect

    class _Endless:
        def __init__(self, conn):
            self._conn = conn

        def execute(self, _sql):
            running.set()
            return self._conn.execute(ENDLESS)

        def __getattr__(self, name):
            return getattr(self._conn, name)

    monkeypatch.setattr(background_check.sqlite3, "connect", lambda *a, **k: _Endless(real(*a, **k)))
    check = BackgroundCheck(path)
    assert running.wait(5)
    time.sleep(0.05)
    started = time.monotonic()
    check.cancel()
    assert time.monotonic() - started < 5
    assert check.found is None
