"""Where workspace files live: one function, honouring KAMTUI_WORKSPACES."""

from __future__ import annotations

import os
import re
from pathlib import Path

from kamtui import safe_text
from kamtui.errors import KamtuiError

_TEAM_NAME = re.compile(r"^[\w.-]+$", re.UNICODE)


def workspaces_dir() -> Path:
    return Path(os.environ.get("KAMTUI_WORKSPACES") or "workspaces")


def resolve_workspace(arg: str) -> Path:
    """A path as given, or a bare team name mapped to `<workspaces>/<name>.sqlite`."""
    if os.sep in arg or arg.endswith((".sqlite", ".db", ".sqlite3")) or arg.startswith("."):
        return Path(arg)
    if _TEAM_NAME.match(arg):
        return workspaces_dir() / f"{arg}.sqlite"
    return Path(arg)


def exists(path: Path) -> bool:
    """Whether `path` exists. A folder on its way that this user may not enter is said in
    one sentence (Path.exists() raises PermissionError for it)."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except PermissionError:
        raise KamtuiError("path.unreachable", path=path) from None
    return True


def current_user() -> str:
    """Who is writing: $KAMTUI_USER, else the login name. Cleaned like a name typed in a
    form: it goes into the audit log, the header and every export."""
    user = safe_text.line(os.environ.get("KAMTUI_USER") or "").strip()
    if user:
        return user
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return os.environ.get("USER") or "unknown"

