"""The workspace's quick_check as `kamtui sync` starts it: from the file's path, first of all
(the store's `BackgroundCheck`; the sync waits for it before its first write, see gitsync)."""

from __future__ import annotations

from pathlib import Path

from kamtui.store.background_check import BackgroundCheck


def start_check(path: Path) -> BackgroundCheck:
    """The check, running in its thread on its own read-only connection."""
    return BackgroundCheck(path)
