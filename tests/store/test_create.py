"""A new workspace: private (or group-shared) modes whatever the umask, marked as ours, safe pragmas."""

from __future__ import annotations

import os
import stat
import uuid
import warnings
from pathlib import Path

import pytest

from kamtui.errors import WorkspaceError
from kamtui.store import Workspace, fileinfo, write
from kamtui.store import team as store_team
from kamtui.store.migrations import SCHEMA_VERSION

from store_workers import sha256


def _mode(p: Path) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


@pytest.fixture
def umask():
    """Set the process umask for one test and restore it afterwards."""
    old = os.umask(0o022)
    os.umask(old)

    def set_(value: int) -> None:
        os.umask(value)

    yield set_
    os.umask(old)


@pytest.mark.parametrize("mask", [0o000, 0o022, 0o077])
@pytest.mark.parametrize("shared,file_mode", [(False, 0o600), (True, 0o660)])
def test_file_mode_whatever_the_umask(tmp_path, umask, mask, shared, file_mode):
    umask(mask)
    from kamtui.domain.models import Account

    ws = Workspace.create(tmp_path / "team.sqlite", shared=shared)
    with write(ws) as tx:  # the WAL and its index exist while the workspace is open
        tx.insert(Account(name="Acme"))
    assert _mode(ws.path) == file_mode
    for side in ("-wal", "-shm"):
        p = Path(f"{ws.path}{side}")
        assert p.exists(), side
        assert _mode(p) == file_mode, side
    ws.close()
    assert _mode(ws.path) == file_mode


@pytest.mark.parametrize("mask", [0o000, 0o022])
@pytest.mark.parametrize("shared,dir_mode", [(False, 0o700), (True, 0o2770)])
def test_created_folder_mode(tmp_path, umask, mask, shared, dir_mode):
    umask(mask)
    ws = Workspace.create(tmp_path / "team-folder" / "team.sqlite", shared=shared)
    ws.close()
    assert _mode(tmp_path / "team-folder") == dir_mode


@pytest.mark.parametrize("shared,dir_mode", [(False, 0o700), (True, 0o2770)])
def test_every_created_folder_gets_the_mode(tmp_path, umask, shared, dir_mode):
    umask(0o000)
    ws = Workspace.create(tmp_path / "outer" / "inner" / "team.sqlite", shared=shared)
    ws.close()
    assert _mode(tmp_path / "outer" / "inner") == dir_mode
    assert _mode(tmp_path / "outer") == dir_mode


def test_existing_folder_mode_is_left_alone(tmp_path):
    folder = tmp_path / "existing"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    Workspace.create(folder / "team.sqlite").close()
    assert _mode(folder) == 0o755


def test_create_refuses_an_existing_file(tmp_path):
    p = tmp_path / "team.sqlite"
    p.write_text("precious")
    before = sha256(p)
    with pytest.raises(WorkspaceError, match="already exists"):
        Workspace.create(p)
    assert sha256(p) == before


def test_pragmas_of_a_new_workspace(ws):
    db = ws.db
    assert db.execute("PRAGMA application_id").fetchone()[0] == fileinfo.APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert ws.schema_version == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert not ws.read_only


def test_pragmas_of_every_connection(ws):
    """Connection settings are not stored in the file: a re-open must set them again."""
    path = ws.path
    ws.close()
    again = Workspace.open(path)
    db = again.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
    again.close()
    header = fileinfo.read_header(path)
    assert header.is_sqlite and header.application_id == fileinfo.APPLICATION_ID
    assert header.user_version == SCHEMA_VERSION


def test_a_network_filesystem_opens_read_only_unless_one_machine_writes(ws, monkeypatch):
    """Simulated detection (the mount table says sshfs); tests/gitsync/test_network_fs.py has more."""
    path = ws.path
    ws.close()
    monkeypatch.setattr(fileinfo, "is_network_fs", lambda p: True)
    monkeypatch.setattr(fileinfo, "filesystem_type", lambda p: "fuse.sshfs")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = Workspace.open(path)
    assert not caught  # sentences in ws.notes, never a Python warning
    assert net.network and net.read_only and net.read_only_reason == "network"
    assert net.notes == [f"{path} is on a network filesystem (fuse.sshfs): opened read-only, because "
                         "SQLite's locks do not hold between machines there and two writers corrupt the "
                         "file; if only this machine ever writes to it, open it once with --single-writer."]
    net.close()
    net = Workspace.open(path, single_writer_by="alice")
    assert not net.read_only and net.journal_mode == "delete"
    assert net.db.execute("PRAGMA synchronous").fetchone()[0] == 2
    net.close()
    again = Workspace.open(path)  # remembered in the workspace
    assert not again.read_only and "because alice stated that only one machine writes to it" in again.notes[0]
    again.close()


def test_filesystem_type_is_read_from_the_mount_table(tmp_path):
    kind = fileinfo.filesystem_type(tmp_path)
    assert kind and " " not in kind
    assert fileinfo.is_network_fs(tmp_path) is (kind in fileinfo.NETWORK_FS)


def test_settings_and_ids_of_a_new_workspace(tmp_path):
    from kamtui.domain.models import Account

    ws = Workspace.create(tmp_path / "t.sqlite", team_name="华东大客户部")
    assert store_team.settings(ws.db).team_name == "华东大客户部"
    with write(ws) as tx:
        a = tx.insert(Account(name="Acme"))
    uuid.UUID(a.id)  # ids are UUID strings, so plans can move between workspaces
    ws.close()


def test_create_leaves_no_backup_behind(tmp_path):
    """A new workspace takes all its migrations without a (pointless) pre-migration backup."""
    Workspace.create(tmp_path / "team.sqlite").close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.sqlite"]
