"""What `kamtui WORKSPACE` loads before its first frame, and what it leaves for later.

Start-up time and memory (issue 9) are mostly imports: the first screen is read through plain
sqlite3 and dataclasses, while pydantic, sqlite-utils, icalendar and the account screens load
after the portfolio is painted (the screens in a worker, half a second later).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("pydantic", "sqlite_utils", "icalendar", "click", "kamtui.domain.models",
         "kamtui.store.people", "kamtui.store.activities", "kamtui.store.writes", "kamtui.ui.screens.planner",
         "kamtui.ui.screens.stakeholder_map", "kamtui.ui.screens.assessment",
         "kamtui.ui.screens.account_forms",
         # the contact file libraries: people import only (tests/contacts/test_contacts_lazy.py)
         "charset_normalizer", "python_calamine", "vobject", "kamtui.services.contacts.readers",
         # pypinyin's dictionaries (≈57 MiB): only once a Latin filter term needs them
         "pypinyin",
         # the forms: when a dialog opens
         "kamtui.ui.screens.form", "textual.widgets._text_area")

PROBE = r"""
import datetime as dt, json, sys
from pathlib import Path
from kamtui.services.workspaces import open_workspace
from kamtui.ui.app import make_app

ws, _ = open_workspace(Path(sys.argv[1]), verify=False)
app = make_app(ws, today=dt.date(2026, 11, 26), lang="en")
heavy = sys.argv[2].split(",")
out = {}

async def drive(pilot):
    while not getattr(app.screen, "_loaded", False):
        await pilot.pause(0.01)
    await pilot.pause()
    out["rows"] = len(app.screen.shown_rows)
    out["at_paint"] = sorted(m for m in heavy if m in sys.modules)
    screens = app.account_screens
    out["pending_at_paint"] = screens.pending()
    for _ in range(300):  # the preload starts half a second after the data, in a worker
        await pilot.pause(0.02)
        if not screens.pending() and all(w.group != "preload" for w in app.workers):
            break
    out["pending_later"] = screens.pending()
    out["failed"] = dict(screens.failed)
    await pilot.press("3")
    await pilot.pause()
    out["after_3"] = type(app.screen).__name__
    app.exit()

app.run(headless=True, size=(100, 30), auto_pilot=drive)
print(json.dumps(out))
"""


@pytest.fixture
def demo_copy(tmp_path: Path, demo_template: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


def test_first_frame_loads_no_model_and_no_account_screen(demo_copy: Path) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, str(demo_copy), ",".join(HEAVY)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["rows"] == 4  # the demo's accounts are on the first frame
    assert out["at_paint"] == []
    assert out["pending_at_paint"] == ["assessment", "map", "activities"]
    assert out["pending_later"] == [] and out["failed"] == {}
    assert out["after_3"] == "StakeholderMapScreen"


def test_the_schema_version_constant_counts_the_migrations() -> None:
    from kamtui.store.migrations import MIGRATIONS
    from kamtui.store.version import SCHEMA_VERSION

    assert SCHEMA_VERSION == len(MIGRATIONS._migrations)


def test_an_integrity_check_called_off_stops_and_reports_no_damage(ws, monkeypatch) -> None:
    from kamtui.services.workspaces import IntegrityCheck
    from kamtui.store.workspace import Workspace

    check = IntegrityCheck(ws)
    real = Workspace.quick_check

    def cancelled_meanwhile(self):
        check.cancel()  # as the app does when the user quits while the check reads the file
        return real(self)

    monkeypatch.setattr(Workspace, "quick_check", cancelled_meanwhile)
    assert check.run() == "cancelled"
    monkeypatch.setattr(Workspace, "quick_check", real)
    assert IntegrityCheck(ws).run() == "ok"
    early = IntegrityCheck(ws)
    early.cancel()
    assert early.run() == "cancelled"


def test_quitting_calls_off_the_integrity_check_of_its_workspace(ws) -> None:
    from kamtui.services import workspaces

    assert workspaces.integrity(ws) == "ok"
    workspaces.cancel_integrity(ws)  # the app quits before its check began
    assert workspaces.integrity(ws) == "cancelled"


def test_an_integrity_check_called_off_while_it_opens_its_connection_does_not_run(ws, monkeypatch) -> None:
    from kamtui.services.workspaces import IntegrityCheck
    from kamtui.store.workspace import Workspace

    check = IntegrityCheck(ws)
    real_open = Workspace.open.__func__
    ran = []

    def open_then_called_off(cls, *args, **kwargs):
        opened = real_open(cls, *args, **kwargs)
        check.cancel()  # arrives before the check's statement starts: an interrupt would be lost
        return opened

    monkeypatch.setattr(Workspace, "open", classmethod(open_then_called_off))
    monkeypatch.setattr(Workspace, "quick_check", lambda self: ran.append(1) or "ok")
    assert check.run() == "cancelled" and ran == []


def test_worker_reads_see_committed_rows_only(ws) -> None:
    from kamtui.domain.models import Account
    from kamtui.services import accounts
    from kamtui.services.context import Context
    from kamtui.store import write

    ctx = Context(ws)
    with write(ws, who="t") as tx:
        tx.insert(Account(name="Committed"))
    view = ctx.off_thread()
    assert view.ws is ws.read_view() and view.ws.read_only
    try:
        with write(ws, who="t") as tx:
            tx.insert(Account(name="Not yet"))
            # a worker's read while the UI thread's transaction is open
            seen = [r.name for r in accounts.portfolio(view)]
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    assert seen == ["Committed"]
    assert [r.name for r in accounts.portfolio(ctx)] == ["Committed"]


GC_PROBE = r"""
import gc, json, sys
from textual.app import App

seen = {}
run = App.run


async def drive(pilot):
    seen["off_while_starting"] = not gc.isenabled()
    while not getattr(pilot.app, "_check_timer", None):  # on_ready: the first frame is out
        await pilot.pause(0.01)
    seen["on_after_first_frame"] = gc.isenabled()
    seen["frozen"] = gc.get_freeze_count()
    pilot.app.exit()


App.run = lambda self, *a, **k: run(self, headless=True, size=(100, 30), auto_pilot=drive)
sys.argv = ["kamtui", sys.argv[1], "--lang", "en"]
from kamtui.cli import main

main()
seen["on_after_exit"] = gc.isenabled()
print(json.dumps(seen))
"""


def test_kamtui_starts_without_the_collector_and_turns_it_on_after_the_first_frame(demo_copy: Path) -> None:
    done = subprocess.run([sys.executable, "-c", GC_PROBE, str(demo_copy)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["off_while_starting"] and seen["on_after_first_frame"] and seen["on_after_exit"]
    assert seen["frozen"] > 50_000  # start-up's objects, out of the collector's sight
