"""Opening refuses anything that is not a kamtui workspace this program can use, writing nothing."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from kamtui.errors import ReadOnlyError, WorkspaceError
from kamtui.store import Workspace, fileinfo, write
from kamtui.store import accounts as store_accounts
from kamtui.store.migrations import SCHEMA_VERSION
from kamtui.store.file_checks import check_file

from store_workers import sha256

NOBODY = 65534


def _one_sentence(msg: str) -> None:
    assert msg, "empty message"
    assert "\n" not in msg, f"not one line: {msg!r}"
    assert msg.rstrip().endswith("."), f"not a sentence: {msg!r}"
    assert not re.search(r"[.!?]\s+\S", msg), f"more than one sentence: {msg!r}"
    assert "Traceback" not in msg and "sqlite3." not in msg, msg


# -- files that are not workspaces -------------------------------------------------------

def _foreign_sqlite(p: Path) -> None:
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes(body) VALUES ('not ours')")
    conn.commit()
    conn.close()


def _toml(p: Path) -> None:
    p.write_text('[team]\nname = "Key Accounts East"\nlang = "zh"\n', encoding="utf-8")


def _empty(p: Path) -> None:
    p.write_bytes(b"")


def _random(p: Path) -> None:
    p.write_bytes(os.urandom(8192))


def _random_with_magic(p: Path) -> None:
    p.write_bytes(fileinfo.SQLITE_MAGIC + os.urandom(4096 - len(fileinfo.SQLITE_MAGIC)))


def _newer(p: Path) -> None:
    Workspace.create(p).close()
    conn = sqlite3.connect(p)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    conn.commit()
    conn.close()
    for f in p.parent.iterdir():  # only the file under test in the folder
        if f != p:
            f.unlink()


BAD_FILES = {
    "foreign-sqlite": (_foreign_sqlite, "another program"),
    "toml": (_toml, "not an SQLite database"),
    "empty": (_empty, "empty"),
    "random-bytes": (_random, "not an SQLite database"),
    "random-after-sqlite-magic": (_random_with_magic, "not a kamtui workspace"),
    "newer-schema": (_newer, "upgrade kamtui"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_file_is_refused_and_left_byte_for_byte(tmp_path, kind):
    folder = tmp_path / "folder"
    folder.mkdir()
    p = folder / "team.sqlite"
    make, phrase = BAD_FILES[kind]
    make(p)
    before = sha256(p)
    listing = sorted(f.name for f in folder.iterdir())
    with pytest.raises(WorkspaceError) as err:
        Workspace.open(p)
    msg = str(err.value)
    _one_sentence(msg)
    assert phrase in msg
    assert str(p) in msg
    assert sha256(p) == before, "the file was changed by a refused open"
    assert sorted(f.name for f in folder.iterdir()) == listing, "journal or other files were left behind"
    # read-only opening refuses it the same way
    with pytest.raises(WorkspaceError):
        Workspace.open(p, read_only=True)
    assert sha256(p) == before


def test_newer_schema_names_both_versions(tmp_path):
    p = tmp_path / "newer.sqlite"
    _newer(p)
    with pytest.raises(WorkspaceError, match=r"newer kamtui") as err:
        check_file(p)
    assert str(SCHEMA_VERSION + 7) in str(err.value)


def test_newer_schema_still_in_the_wal_is_refused(tmp_path):
    """The header can lag behind a WAL: the version is read again through SQLite. Here a
    second process holds the WAL open, so the header bytes on disk are stale."""
    p = tmp_path / "lag.sqlite"
    Workspace.create(p).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sqlite3, sys
            c = sqlite3.connect({str(p)!r}, isolation_level=None)
            c.execute("PRAGMA wal_autocheckpoint = 0")
            c.execute("PRAGMA user_version = {SCHEMA_VERSION + 1}")
            print("ready", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert fileinfo.read_header(p).user_version <= SCHEMA_VERSION  # the header has not caught up
        with pytest.raises(WorkspaceError, match="newer kamtui") as err:
            Workspace.open(p)
        _one_sentence(str(err.value))
    finally:
        holder.stdin.close()
        holder.wait(10)


def test_header_is_read_through_sqlite_while_a_connection_is_open(tmp_path):
    """With a connection open in this process, the header comes through SQLite (a plain
    open/close would drop the process's locks), so it sees what is still in the WAL."""
    p = tmp_path / "live.sqlite"
    holder = Workspace.create(p)
    try:
        conn = sqlite3.connect(p)
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()
        conn.close()
        assert fileinfo.read_header(p).user_version == SCHEMA_VERSION + 1
        with pytest.raises(WorkspaceError, match="newer kamtui"):
            Workspace.open(p)
    finally:
        holder.close()


def test_folder_is_refused(tmp_path):
    d = tmp_path / "team.sqlite"
    d.mkdir()
    with pytest.raises(WorkspaceError, match="folder") as err:
        Workspace.open(d)
    _one_sentence(str(err.value))
    assert list(d.iterdir()) == []


def test_missing_path_is_refused_and_not_created(tmp_path):
    p = tmp_path / "nowhere" / "team.sqlite"
    with pytest.raises(WorkspaceError, match="No workspace") as err:
        Workspace.open(p)
    _one_sentence(str(err.value))
    assert "kamtui init" in str(err.value)
    assert not p.exists() and not p.parent.exists()


def test_damaged_workspace_is_refused_in_one_line_and_left_untouched(tmp_path, ws):
    from kamtui.domain.models import Account

    with write(ws) as tx:
        for i in range(200):
            tx.insert(Account(name=f"Account {i:04d} " + "x" * 40))
    root = ws.db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_entity'").fetchone()[0]
    page = ws.db.execute("PRAGMA page_size").fetchone()[0]
    ws.close()
    p = ws.path
    data = bytearray(p.read_bytes())
    data[(root - 1) * page: root * page] = b"\xff" * page  # an index page that is no b-tree page
    p.write_bytes(bytes(data))
    before = sha256(p)
    with pytest.raises(WorkspaceError, match="damaged") as err:
        Workspace.open(p)
    _one_sentence(str(err.value))
    assert sha256(p) == before


# -- read-only -----------------------------------------------------------------------

def test_read_only_open_reads_and_refuses_writes(ws):
    from kamtui.domain.models import Account

    with write(ws) as tx:
        tx.insert(Account(name="Readable"))
    path = ws.path
    ws.close()
    before = sha256(path)
    ro = Workspace.open(path, read_only=True)
    assert ro.read_only
    assert [a.name for a in store_accounts.accounts(ro.db)] == ["Readable"]
    with pytest.raises(ReadOnlyError):
        with write(ro) as tx:
            tx.insert(Account(name="Never saved"))
    ro.close()
    assert sha256(path) == before


def test_unwritable_file_opens_read_only(ws, monkeypatch):
    """The decision as Workspace.open takes it; the permissions themselves are tested below."""
    path = ws.path
    ws.close()
    monkeypatch.setattr(fileinfo, "writable", lambda p: False)
    ro = Workspace.open(path)
    assert ro.read_only
    with pytest.raises(ReadOnlyError, match="read-only"):
        with write(ro) as tx:
            tx.set_preference("lang", "zh")
    ro.close()


def test_read_only_workspace_that_needs_a_migration_is_refused(tmp_path, monkeypatch):
    """A file this process cannot write (faked: root writes anyway) is refused, untouched."""
    from kamtui.store import fileinfo
    from store_workers import make_v1

    p = tmp_path / "old.sqlite"
    make_v1(p)
    before = sha256(p)
    monkeypatch.setattr(fileinfo, "writable", lambda path: False)
    with pytest.raises(WorkspaceError, match="upgrade") as err:
        Workspace.open(p, read_only=True)
    _one_sentence(str(err.value))
    assert sha256(p) == before


def test_asking_read_only_on_an_older_writable_workspace_migrates_it_first(tmp_path):
    from store_workers import make_v1

    p = tmp_path / "old.sqlite"
    make_v1(p)
    ws = Workspace.open(p, read_only=True)
    assert ws.read_only and ws.schema_version == SCHEMA_VERSION
    ws.close()


# Real permissions. Root ignores file modes, so as root each scenario runs in a child that
# drops to `nobody` (after importing everything, since the interpreter's own files may be
# private to root); as another user chmod is enough.

_CHILD = textwrap.dedent(
    """
    import json, os, sys
    import sqlite3
    import kamtui.store, kamtui.store.writes, kamtui.store.summary, kamtui.store.accounts, kamtui.store.team
    import kamtui.store.workspace, kamtui.domain.models, kamtui.errors
    import sqlite_utils  # Workspace.db loads it on first use: after the drop it may be unreadable
    if sys.argv[2] == "drop":
        try:
            os.setgroups([])
            os.setgid({nobody})
            os.setuid({nobody})
        except PermissionError:
            print("CANNOT-DROP-PRIVILEGES")
            sys.exit(3)
    from kamtui.domain.models import Account
    from kamtui.errors import ReadOnlyError, WorkspaceError
    from kamtui.store import Workspace, write
    from kamtui.store import accounts as store_accounts
    out = {{}}
    try:
        ws = Workspace.open(sys.argv[1])
    except WorkspaceError as exc:
        out["error"] = str(exc)
    else:
        out["read_only"] = ws.read_only
        out["accounts"] = [a.name for a in store_accounts.accounts(ws.db)]
        try:
            with write(ws) as tx:
                tx.insert(Account(name="intruder"))
            out["write"] = "saved"
        except ReadOnlyError as exc:
            out["write"] = "ReadOnlyError: " + str(exc)
        except Exception as exc:
            out["write"] = type(exc).__name__ + ": " + str(exc)
        ws.close()
    print(json.dumps(out))
    """
).format(nobody=NOBODY)


@pytest.fixture
def open_dir():
    """A folder under /tmp that an unprivileged user can reach (tmp_path's parents are 0700)."""
    d = Path(tempfile.mkdtemp(prefix="kamtui-store-perm-", dir="/tmp"))
    os.chmod(d, 0o755)
    yield d
    for root, dirs, files in os.walk(d):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
    shutil.rmtree(d, ignore_errors=True)


def _as_unprivileged(path: Path) -> dict:
    mode = "drop" if os.geteuid() == 0 else "stay"
    r = subprocess.run([sys.executable, "-c", _CHILD, str(path), mode],
                       capture_output=True, text=True, timeout=60)
    if r.returncode == 3 and "CANNOT-DROP-PRIVILEGES" in r.stdout:
        pytest.skip("running as root and cannot drop privileges (no CAP_SETUID): "
                    "file permissions cannot be tested here")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def _chown_to_child(p: Path) -> None:
    if os.geteuid() == 0:
        os.chown(p, NOBODY, NOBODY)


def _workspace_with_account(folder: Path) -> Path:
    from kamtui.domain.models import Account

    p = folder / "team.sqlite"
    ws = Workspace.create(p)
    with write(ws) as tx:
        tx.insert(Account(name="Visible"))
    ws.close()
    for f in folder.iterdir():
        if f != p:
            f.unlink()
    return p


def test_read_only_file_opens_read_only(open_dir):
    work = open_dir / "rw-folder"
    work.mkdir()
    p = _workspace_with_account(work)
    _chown_to_child(work)  # the folder is writable by the child, the file is not
    os.chmod(p, 0o444)
    before = sha256(p)
    out = _as_unprivileged(p)
    assert out.get("read_only") is True, out
    assert out["accounts"] == ["Visible"]
    assert out["write"].startswith("ReadOnlyError"), out
    assert sha256(p) == before


def test_file_in_read_only_folder_opens_read_only(open_dir):
    work = open_dir / "ro-folder"
    work.mkdir()
    p = _workspace_with_account(work)
    _chown_to_child(p)  # the file is writable by the child, its folder is not
    os.chmod(p, 0o644)
    os.chmod(work, 0o555)
    before = sha256(p)
    out = _as_unprivileged(p)
    assert out.get("read_only") is True, out
    assert out["accounts"] == ["Visible"]
    assert out["write"].startswith("ReadOnlyError"), out
    assert sha256(p) == before
    assert sorted(f.name for f in work.iterdir()) == ["team.sqlite"]


def test_unreadable_file_is_refused(open_dir):
    p = _workspace_with_account(open_dir)
    os.chmod(p, 0o000 if os.geteuid() != 0 else 0o600)  # root's 0600 file: nobody cannot read it
    before = sha256(p)
    out = _as_unprivileged(p)
    assert "error" in out, out
    assert "permission denied" in out["error"]
    _one_sentence(out["error"])
    assert sha256(p) == before
