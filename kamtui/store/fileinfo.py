"""What a file is: its header facts (read through SQLite), its filesystem, its permissions.

Never read a workspace file, its `-wal` or `-shm` with a plain `open()`: POSIX advisory locks
belong to the process, and closing *any* descriptor on the file drops *all* of the process's
locks on it (sqlite.org/howtocorrupt.html §2.2). With its locks gone, another process that
closes the workspace believes it is the last user, checkpoints and deletes the `-wal` under
this process's open connection, and every commit of ours after that is lost. SQLite's own
connections share one lock table per file within a process (and defer closing a descriptor
while the process holds locks), so once a connection is open, header facts come from a
short-lived SQLite connection, and everything else from `os.stat` (no descriptor). Not an
`immutable=1` or `nolock=1` one: those close their descriptor at once, like `open()`.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

APPLICATION_ID = 0x4B414D54  # "KAMT"
SQLITE_MAGIC = b"SQLite format 3\x00"
NETWORK_FS = {
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "fuse.sshfs", "sshfs", "9p",
    "afs", "ncpfs", "fuse.gvfsd-fuse", "davfs", "fuse.rclone", "glusterfs", "ceph", "lustre",
}


@dataclass(frozen=True)
class Header:
    is_sqlite: bool
    application_id: int = 0
    user_version: int = 0
    size: int = 0


def sqlite_uri(path: Path, **params: str) -> str:
    """A `file:` URI for `path` ('?' and '#' in a name are not parameters)."""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(Path(path).resolve()))}" + (f"?{query}" if query else "")


def held_open_here(path: Path) -> bool:
    """Does this process hold a descriptor on `path` (an SQLite connection's, most likely)?
    Read from /proc/self/fd links (no descriptor on the file itself); where that cannot be
    read, assume it does."""
    try:
        fds = os.listdir("/proc/self/fd")
    except OSError:
        return True
    real = os.path.realpath(path)
    for fd in fds:
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == real:
                return True
        except OSError:
            continue
    return False


def read_header(path: Path) -> Header:
    """The header facts of `path` (see the module doc for why this is careful).

    While this process holds no descriptor on the file, its first 100 bytes are read
    directly: that touches nothing, not even a -wal or -shm for a file that will be refused.
    Once a connection is open, they are read through a short-lived read-only SQLite
    connection, which shares the process's lock table with the others. Raises
    PermissionError when the file cannot be read.
    """
    st = os.stat(path)
    if st.st_size == 0:
        return Header(False, size=0)
    if not os.access(path, os.R_OK):
        raise PermissionError(path)
    if held_open_here(path):
        return _header_through_sqlite(path, st.st_size)
    with open(path, "rb") as f:
        head = f.read(100)
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return Header(False, size=st.st_size)
    return Header(
        True,
        application_id=int.from_bytes(head[68:72], "big"),
        user_version=int.from_bytes(head[60:64], "big"),
        size=st.st_size,
    )


def _header_through_sqlite(path: Path, size: int) -> Header:
    try:
        conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, isolation_level=None)
    except sqlite3.OperationalError:
        raise PermissionError(path) from None
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            return Header(False, size=size)
        raise
    finally:
        conn.close()
    return Header(True, application_id=application_id, user_version=user_version, size=size)


def filesystem_type(path: Path) -> str | None:
    """The type of the filesystem holding `path`, from /proc/mounts (None if unknown)."""
    try:
        target = os.path.realpath(path if path.exists() else path.parent)
        best, best_type = "", None
        with open("/proc/mounts", encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.split()
                if len(parts) < 3:
                    continue
                mount = parts[1].replace("\\040", " ")
                if (target == mount or target.startswith(mount.rstrip("/") + "/")) and len(mount) >= len(best):
                    best, best_type = mount, parts[2]
        return best_type
    except OSError:
        return None


def is_network_fs(path: Path) -> bool:
    return (filesystem_type(path) or "") in NETWORK_FS


def writable(path: Path) -> bool:
    """The file and its folder are writable (SQLite needs both for journals)."""
    return os.access(path, os.W_OK) and os.access(path.parent or Path("."), os.W_OK)


def create_private_file(path: Path, shared: bool, gid: int | None = None) -> None:
    """Create an empty file 0600 (0660 when shared) whatever the umask; folders 0700/2770.
    `gid`: the team's group, given to the folders made and to the file."""
    folder_mode = 0o2770 if shared else 0o700
    for folder in reversed(missing_folders(path)):  # every folder we make is private (or the team's)
        os.mkdir(folder, folder_mode)
        if gid is not None:
            os.chown(folder, -1, gid)
        os.chmod(folder, folder_mode)  # (after chown, which clears the setgid bit)
    mode = 0o660 if shared else 0o600
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
    try:
        if gid is not None:
            os.fchown(fd, -1, gid)
        os.fchmod(fd, mode)
    finally:
        os.close(fd)


def missing_folders(path: Path) -> list[Path]:
    """The folders on the way to `path` that do not exist yet, innermost first."""
    missing = []
    parent = path.parent
    while not parent.exists():
        missing.append(parent)
        parent = parent.parent
    return missing


def group_of_new_file(path: Path) -> int:
    """The group a file created at `path` would get: its folder's when the nearest existing
    folder has the setgid bit (and new folders inherit it), else this process's."""
    missing = missing_folders(path)
    existing = (missing[-1] if missing else path).parent
    st = os.stat(existing)
    return st.st_gid if st.st_mode & stat.S_ISGID else os.getegid()


def is_private_group(gid: int) -> bool:
    """A user's private group: named like this process's user, with no other members."""
    import grp
    import pwd

    try:
        group = grp.getgrgid(gid)
        user = pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return False
    return group.gr_name == user and all(m == user for m in group.gr_mem)


def file_mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)
