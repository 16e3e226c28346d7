"""The demo workspace: the bilingual demo team, or a generated one at benchmark size."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from kamtui.services.context import Context
from kamtui.store import Workspace
from kamtui.store.backup import replace_with


def load_demo_team(ctx: Context, today: dt.date | None = None) -> int:
    """Fill an empty workspace with the demo team; returns the number of records written.

    The team comes through the real import path: the plan files shipped in the package
    (`kamtui/demo_plans/`; an in-memory export of the demo content when they are missing),
    dated so that the demo's "today" is `today` (the day they were written against without).
    """
    from kamtui.services.plans.demo_files import demo_sources
    from kamtui.services.plans.import_ import import_sources

    return import_sources(ctx, demo_sources(today=today)).written


def build_demo(path: Path, size: str = "demo", today: dt.date | None = None,
               progress: Callable[[int, int], None] | None = None) -> None:
    """Build a new workspace at `path`: `demo` is the team, `small`/`large`/`xl` are generated.

    Dated for `today` (a living plan whenever it is built; without it, for the fixed day the
    demo and the benchmarks are written against). `progress(done, total)` follows a generated
    build account by account. It is built under a temporary name and moved into place only
    when complete, so an interrupted build never leaves a half-filled workspace behind.
    """
    from kamtui.services.generator import SIZES, generate

    tmp = path.with_name(f".{path.name}.building-{os.getpid()}")
    team = "Key Accounts East / 华东大客户部" if size == "demo" else f"Benchmark team ({size})"
    ws = Workspace.create(tmp, team_name=team)
    try:
        ctx = Context(ws)
        if size == "demo":
            load_demo_team(ctx, today)
        elif today is None:
            generate(ctx, SIZES[size], progress=progress)
        else:
            generate(ctx, SIZES[size], base=today, progress=progress)
        ws.finish_build()
        ws.close()
        replace_with(path, tmp)
    finally:
        ws.close()
        for leftover in (tmp, *(Path(f"{tmp}{s}") for s in ("-wal", "-shm", "-journal"))):
            leftover.unlink(missing_ok=True)
