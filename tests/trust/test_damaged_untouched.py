"""A damaged workspace is never written: not by the app's start (which opens without the
up-front quick_check), not by a journal-mode switch, not by a save attempted before the
integrity check has answered."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from kamtui.domain.models import Account
from kamtui.errors import WorkspaceError
from kamtui.services.workspaces import open_workspace
from kamtui.store import write

from damage import corrupt


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damaged_copy(demo_template: Path, tmp_path: Path, journal: str) -> Path:
    path = tmp_path / "team.sqlite"
    shutil.copy(demo_template, path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()
    corrupt(path)
    return path


def test_a_damaged_file_needing_a_journal_switch_is_refused_before_it(demo_template, tmp_path):
    path = damaged_copy(demo_template, tmp_path, "delete")
    before = digest(path)
    with pytest.raises(WorkspaceError, match="is damaged"):
        open_workspace(path, verify=False)  # as `kamtui PATH` opens it
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.sqlite"]


async def test_the_app_on_a_damaged_file_changes_no_byte_even_when_asked_to_save(demo_template, tmp_path, make):
    path = damaged_copy(demo_template, tmp_path, "wal")
    before = digest(path)
    ws, _ = open_workspace(path, verify=False)
    try:
        with pytest.raises(WorkspaceError, match="is damaged"):  # before the check has answered
            with write(ws) as tx:
                tx.insert(Account(name="Never"))
        app = make(ws)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(100):
                await pilot.pause(0.05)
                titles = app.screen.query("#damaged-title")
                if app.damaged and titles and "damaged" in str(titles.first().content).lower():
                    break
            assert app.damaged
            assert "damaged" in str(app.screen.query_one("#damaged-title").content).lower()
    finally:
        ws.close()
    assert digest(path) == before
