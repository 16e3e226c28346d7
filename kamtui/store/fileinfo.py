"""What a file is, read from its header and the mount table before SQLite touches it."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

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


def read_header(path: Path) -> Header:
    with open(path, "rb") as f:
        head = f.read(100)
    size = os.path.getsize(path)
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return Header(False, size=size)
    return Header(
        True,
        application_id=int.from_bytes(head[68:72], "big"),
        user_version=int.from_bytes(head[60:64], "big"),
        size=size,
    )


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


def create_private_file(path: Path, shared: bool) -> None:
    """Create an empty file 0600 (0660 when shared) whatever the umask; folders 0700/2770."""
    folder_mode = 0o2770 if shared else 0o700
    missing = []
    parent = path.parent
    while not parent.exists():
        missing.append(parent)
        parent = parent.parent
    for folder in reversed(missing):  # every folder we make is private (or the team's)
        os.mkdir(folder, folder_mode)
        os.chmod(folder, folder_mode)
    mode = 0o660 if shared else 0o600
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
    try:
        os.fchmod(fd, mode)
    finally:
        os.close(fd)


def file_mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)
