"""A private tmux server driving the real `kamtui`: send-keys to type, capture-pane to read."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path


class Tmux:
    SESSION = "kam"

    def __init__(self, socket: str, env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.socket, *args], env=self.env, check=check,
                              capture_output=True, text=True, timeout=30)

    def start(self, command: str, width: int = 80, height: int = 24) -> None:
        self.run("-f", "/dev/null", "new-session", "-d", "-s", self.SESSION, "-x", str(width),
                 "-y", str(height), command)
        self.run("set-option", "-t", self.SESSION, "remain-on-exit", "on")

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", self.SESSION, *(["-l"] if literal else []), *keys)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.SESSION).stdout

    def wait_for(self, *texts: str, timeout: float = 30.0, line: int | None = None) -> str:
        """Wait until every text shows (at the start of screen line `line`, if given)."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            lines = shown.splitlines()
            if line is None and all(t in shown for t in texts):
                return shown
            if line is not None and len(lines) > line and all(lines[line].strip().startswith(t) for t in texts):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{texts!r} did not appear within {timeout}s; the screen shows:\n{shown}")

    def wait_for_row(self, *parts: str, timeout: float = 30.0) -> str:
        """Wait for one screen line holding every part (toasts may cover other lines)."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if any(all(p in line for p in parts) for line in shown.splitlines()):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"no line with {parts!r} within {timeout}s; the screen shows:\n{shown}")

    def dead(self) -> bool:
        return self.run("list-panes", "-t", self.SESSION, "-F", "#{pane_dead}", check=False).stdout.strip() == "1"

    def kill(self) -> None:
        self.run("kill-server", check=False)


def session(tmp_path: Path, name: str, user: str = "e2e", workspaces: Path | None = None) -> Tmux:
    env = {**os.environ, "KAMTUI_WORKSPACES": str(workspaces or tmp_path), "KAMTUI_USER": user,
           "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TMUX_TMPDIR": str(tmp_path)}
    env.pop("TMUX", None)
    return Tmux(f"kamtui-{name}-{os.getpid()}", env)
