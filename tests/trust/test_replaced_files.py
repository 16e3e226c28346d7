"""A workspace file, -wal or -shm deleted or replaced under an open window: the next write is
refused in one sentence before anything is committed where nobody reads it, the workspace is
reopened at its path, and the write after that lands where everyone reads."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kamtui.domain.models import Account
from kamtui.errors import WorkspaceChangedError
from kamtui.store import Workspace, write


def seen_elsewhere(path: Path) -> list[str]:
    code = textwrap.dedent(f"""
        import sqlite3
        c = sqlite3.connect({str(path)!r})
        print("\\n".join(r[0] for r in c.execute("SELECT name FROM account ORDER BY name")))
        print("integrity", c.execute("PRAGMA integrity_check").fetchone()[0])
        c.close()
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def copy_through_sqlite(path: Path, dest: Path) -> None:
    src, out = sqlite3.connect(path), sqlite3.connect(dest)
    src.backup(out)
    out.execute("PRAGMA journal_mode = wal")
    out.close()
    src.close()


def _delete_wal_files(path: Path, tmp_path: Path) -> None:
    os.unlink(f"{path}-wal")
    os.unlink(f"{path}-shm")


def _replace_file(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    copy_through_sqlite(path, copy)
    os.replace(copy, path)


def _replace_wal(path: Path, tmp_path: Path) -> None:
    os.unlink(f"{path}-wal")
    subprocess.run(["touch", f"{path}-wal"], check=True)  # another process made a new, empty one


CHANGES = {"-wal and -shm deleted": _delete_wal_files, "file replaced": _replace_file,
           "-wal replaced": _replace_wal}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_write_after_the_files_changed_is_refused_then_reopened(tmp_path, change):
    path = tmp_path / "team.sqlite"
    ws = Workspace.create(path)
    try:
        with write(ws) as tx:
            tx.insert(Account(name="First"))
        CHANGES[change](path, tmp_path)
        with pytest.raises(WorkspaceChangedError) as err:
            with write(ws) as tx:
                tx.insert(Account(name="Lost"))
        msg = str(err.value)
        assert "\n" not in msg and msg.endswith("save again.")
        assert not ws.files_replaced()
        with write(ws) as tx:
            tx.insert(Account(name="Second"))
        seen = seen_elsewhere(path)
        assert "Lost" not in seen and "Second" in seen and seen[-2:] == ["integrity", "ok"]
    finally:
        ws.close()
    assert "Second" in seen_elsewhere(path)


def test_a_view_handed_out_before_the_reopen_reads_the_new_file(tmp_path):
    path = tmp_path / "team.sqlite"
    ws = Workspace.create(path)
    view = ws.read_view()
    _delete_wal_files(path, tmp_path)
    with pytest.raises(WorkspaceChangedError):
        with write(ws) as tx:
            tx.insert(Account(name="Lost"))
    with write(ws) as tx:
        tx.insert(Account(name="Seen"))
    assert view.conn.execute("SELECT name FROM account").fetchall() == [("Seen",)]
    ws.close()


def test_a_deleted_workspace_refuses_every_write_and_still_reads(tmp_path):
    path = tmp_path / "team.sqlite"
    ws = Workspace.create(path)
    with write(ws) as tx:
        tx.insert(Account(name="Kept"))
    for f in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        f.unlink()
    for _ in range(2):
        with pytest.raises(WorkspaceChangedError, match="cannot be reopened") as err:
            with write(ws) as tx:
                tx.insert(Account(name="Nowhere"))
        assert "\n" not in str(err.value)
    assert ws.conn.execute("SELECT name FROM account").fetchall() == [("Kept",)]
    ws.close()
    assert not path.exists(), "nothing may recreate a deleted workspace"


async def test_a_form_keeps_its_input_when_the_file_changed_under_the_window(demo_ws, make):
    """The real app (integrity check, preload, live refresh running): the save that would go
    to a deleted -wal is refused with the sentence, the form stays with what was typed, and
    the next ctrl+s saves into the reopened workspace for everyone to read."""
    from kamtui.ui.screens.form import FormDialog

    path = demo_ws.path
    app = make(demo_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#field-industry").value = "Retail banking"
        _delete_wal_files(path, path.parent)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#field-industry").value == "Retail banking"
        message = form.query_one("#form-message").content
        assert "deleted or replaced" in str(message) and "your input is kept" in str(message)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    code = (f"import sqlite3; c = sqlite3.connect({str(path)!r}); "
            "print(c.execute(\"SELECT count(*) FROM account WHERE industry = 'Retail banking'\").fetchone()[0])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"
