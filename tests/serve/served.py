"""`kamtui serve` as a person runs it: a real process on a free port, the link it prints, and the
app processes it starts for its tabs (one per websocket)."""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid` (the tabs' apps: `exec` makes each the server's child)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running (a zombie has ended: it only waits for its parent to read its status)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_gone(pids: list[int], timeout: float = 15.0) -> list[int]:
    """The pids still running after `timeout` seconds (none, normally)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if alive(p)]


class Served:
    """A running `kamtui serve WORKSPACE --port PORT ARGS…`; `stop()` ends it (and whatever it
    left, so that a failing test leaves no process behind)."""

    def __init__(self, workspace: Path, *args: str, env: dict[str, str] | None = None, port: int | None = None,
                 cwd: Path | None = None) -> None:
        self.port = port or free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kamtui", "serve", str(workspace), "--port", str(self.port), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, cwd=cwd,
            env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **(env or {})})
        self.tabs_seen: set[int] = set()
        self.stderr: str | None = None  # read once it has ended
        self.link = self._first_line(timeout=30.0)
        parts = urlsplit(self.link)
        self.base = f"{parts.scheme}://{parts.netloc}"
        self.key = parts.query.removeprefix("key=")

    def _first_line(self, timeout: float) -> str:
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline().strip() if ready else ""
        if not line:
            self.cleanup()
            raise AssertionError(f"kamtui serve printed no link; stderr:\n{self.stderr}")
        return line

    def tabs(self) -> list[int]:
        """The apps running for tabs now (remembered, to check they end with the server)."""
        found = children_of(self.proc.pid)
        self.tabs_seen.update(found)
        return found

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> int | None:
        """Send `sig` to the server alone, as ctrl+C or kill would; its exit status (None: it
        did not end within `timeout`)."""
        if self.proc.poll() is None:
            self.tabs()
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                return None
        return self.proc.returncode

    def cleanup(self) -> None:
        """Whatever still runs of the server's session is killed (a failed test leaves nothing)."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        for pid in self.tabs_seen:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        self.proc.wait(5)
        if self.stderr is None and self.proc.stderr is not None:
            self.stderr = self.proc.stderr.read()
            self.proc.stderr.close()
            self.proc.stdout.close()  # type: ignore[union-attr]

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cleanup()
