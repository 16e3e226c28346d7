"""The demo team as plan files: shipped in the package (`kamtui/demo_plans/`, read through
importlib.resources, so an installed copy uses them), imported by `kamtui demo`.

The files are an export of `demo_team()` with private fields included; a test keeps them
equal to a fresh export. They are written against DEMO_TODAY; `demo_sources(today=…)` moves
every date by the days since, so the demo shows a living plan whenever it is built. To write
them again after changing the demo content:

    python -m kamtui.services.plans.demo_files
"""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from kamtui.errors import InputError
from kamtui.services.plans import format as fmt
from kamtui.services.plans.export import Written, plan_toml, workspace_toml, write_text
from kamtui.services.plans.parse import Source, read_path

# Package data (pyproject: tool.setuptools.package-data), wherever kamtui is installed.
DEMO_FOLDER: Traversable = files("kamtui") / "demo_plans"


def demo_texts() -> dict[str, str]:
    """File name → text of every demo plan file, exported from the demo content."""
    from kamtui.services.demo_content import demo_team

    settings, members, plans = demo_team()
    out = {fmt.WORKSPACE_FILE: workspace_toml(settings, members)}
    for plan in plans:
        out[fmt.file_name(plan.account)] = plan_toml(plan, include_private=True)
    return out


def write_demo_files(folder: Path | None = None) -> list[Written]:
    folder = folder or Path(str(DEMO_FOLDER))
    folder.mkdir(parents=True, exist_ok=True)
    return [write_text(folder / name, text) for name, text in demo_texts().items()]


def demo_sources(folder: Traversable | None = None, today: dt.date | None = None) -> list[Source]:
    """The shipped files (an in-memory export of the demo content when they are not there),
    their dates moved so that DEMO_TODAY falls on `today` (as written without it)."""
    folder = folder or DEMO_FOLDER
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".toml")), key=lambda e: e.name) \
        if folder.is_dir() else []
    if entries and isinstance(folder, Path):
        sources, problems = read_path(folder)
        if problems:
            raise InputError("plan.demo_files", problems, folder=folder, where=problems[0][0], what=problems[0][1])
    elif entries:  # package data that is no folder on disk (a zip)
        sources = [Source(e.name, e.read_bytes()) for e in entries]
    else:
        sources = [Source(name, text.encode("utf-8")) for name, text in demo_texts().items()]
    from kamtui.services.demo_content import DEMO_TODAY

    if today is None or today == DEMO_TODAY:
        return sources
    return [moved(s, today - DEMO_TODAY) for s in sources]


def moved(source: Source, by: dt.timedelta) -> Source:
    """A plan file with every date and time in it moved by `by` (text fields are left as
    they are)."""
    import tomli_w

    def shift(value: Any) -> Any:
        if isinstance(value, (dt.date, dt.datetime)):  # datetime is a date too
            return value + by
        if isinstance(value, dict):
            return {k: shift(v) for k, v in value.items()}
        if isinstance(value, list):
            return [shift(v) for v in value]
        return value

    doc = tomllib.loads(source.data.decode("utf-8"))
    return Source(source.name, tomli_w.dumps(shift(doc)).encode("utf-8"))


if __name__ == "__main__":
    for w in write_demo_files():
        print(f"{w.path} ({w.size} bytes)")
