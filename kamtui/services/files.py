"""Files kamtui exports (plans, briefs, calendars, maps): whole or not at all, and as private
or shared as the workspace they come from."""

from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from kamtui.services.context import Context


@dataclass(frozen=True)
class Written:
    path: Path
    size: int


def workspace_mode(ctx: Context) -> int:
    """The workspace file's permission bits (no set-id bits), for what is exported from it:
    a plan is the team's data, shared or private like the file it came from."""
    return stat.S_IMODE(os.stat(ctx.ws.path).st_mode) & 0o777


def write_file(path: Path, data: bytes | str, mode: int | None) -> Written:
    """Write `path` whole or not at all, with permission bits `mode` (None: the umask's).

    The bytes go to a temporary name in the same folder (hidden, ending in `.tmp`, so no
    glob for plan files picks it up), are flushed to disk and renamed over `path`: a reader,
    a full disk or a kill never meets half a file under the final name. On failure the
    temporary file is removed and the OSError names `path`, not the temporary name.
    """
    body = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name[:40]}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        # 0600 until written: the final bits are set only once the content is all there
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else 0o600)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        try:
            view = memoryview(body)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
            if mode is not None:
                os.fchmod(fd, mode)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    return Written(path, len(body))


def _sync_folder(folder: Path) -> None:
    """The rename is durable once the folder is flushed (some file systems refuse: fine)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
