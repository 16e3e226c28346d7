"""Where workspace files and the config file live: one function each.

Workspaces: $KAMTUI_WORKSPACES, else the config file's `workspaces`, else an existing
`./workspaces` (a checkout, a team's habit), else the platform's user data folder
(`~/.local/share/kamtui/workspaces` on Linux): one place, whichever folder kamtui starts in.
The config file: `config.toml` in the platform's user config folder (`~/.config/kamtui`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from kamtui import safe_text
from kamtui.errors import KamtuiError

_TEAM_NAME = re.compile(r"^[\w.-]+$", re.UNICODE)


LOCAL_WORKSPACES = Path("workspaces")


def workspaces_dir() -> Path:
    env = os.environ.get("KAMTUI_WORKSPACES")
    if env:
        return Path(env)
    configured = config().get("workspaces")
    if isinstance(configured, str) and configured.strip():
        return Path(configured).expanduser()
    if LOCAL_WORKSPACES.is_dir():
        return LOCAL_WORKSPACES
    return user_data_dir() / "workspaces"


def user_data_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path("kamtui", appauthor=False)


def docs_dir() -> Path | None:
    """The docs: installed with the package (`share/doc/kamtui`), or a checkout's `docs/`."""
    import sys

    for folder in (Path(sys.prefix) / "share" / "doc" / "kamtui", Path(__file__).resolve().parents[1] / "docs"):
        if (folder / "figures.md").is_file():
            return folder
    return None


def config_file() -> Path:
    return config_dir() / "config.toml"


def config() -> dict:
    """The config file's settings ({} without one). A file that is no TOML is said in one
    sentence, not ignored: the user wrote it to be read."""
    path = config_file()
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except OSError as exc:
        from kamtui.messages import os_reason

        raise KamtuiError("config.unreadable", path=path, why=os_reason(exc)) from None
    import tomllib  # (its nine regular expressions: ≈5 ms of every start without a config file)

    try:
        return tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KamtuiError("config.invalid", path=path, why=str(exc)) from None


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


def display_name(login: str) -> str:
    """The full name the system knows for `login` (the passwd entry's comment), or "": what a
    new workspace proposes as the user's name on the team."""
    try:
        import pwd

        gecos = pwd.getpwnam(login).pw_gecos
    except (ImportError, KeyError, OSError):
        return ""
    return safe_text.line(gecos.split(",")[0]).strip()


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


def config_dir() -> Path:
    """The platform's user config folder for kamtui (honours $XDG_CONFIG_HOME on Linux)."""
    import platformdirs

    return platformdirs.user_config_path("kamtui", appauthor=False)
