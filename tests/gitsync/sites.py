"""Two sites sharing plans through a bare git repository on local disk, each with its own
workspace and clone, syncing with real `kamtui` processes. Edits are made the way the app
makes them (services and the write helper), in this process, with the workspace closed again
before any kamtui process runs."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamtui.domain.models import Account, Person
from kamtui.services.context import Context
from kamtui.services.plans.export import find_account
from kamtui.store import Workspace
from kamtui.store import accounts as store_accounts
from kamtui.store.tables import table_for

KAMTUI = str(Path(sys.executable).with_name("kamtui"))
TODAY = dt.date(2026, 11, 26)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "core.quotePath=off", "-C", str(repo), *args],
                          capture_output=True, text=True, check=True)
    return done.stdout


@dataclass
class Site:
    name: str  # the user (KAMTUI_USER) and the folder
    workspace: Path
    clone: Path

    def kamtui(self, *args: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "KAMTUI_USER": self.name, "KAMTUI_WORKSPACES": str(self.workspace.parent)}
        return subprocess.run([KAMTUI, *args], capture_output=True, text=True, env=env, timeout=120)

    def sync(self, *extra: str) -> subprocess.CompletedProcess:
        return self.kamtui("sync", str(self.workspace), "--repo", str(self.clone), *extra)

    def edit(self, fn) -> Any:
        """fn(ctx) with this site's workspace open (as its user), closed afterwards."""
        with Workspace.open(self.workspace) as ws:
            return fn(Context(ws, today=TODAY, user=self.name))

    def account(self, name: str) -> Account:
        return self.edit(lambda ctx: find_account(ctx, name))

    def plan(self, name: str):
        return self.edit(lambda ctx: store_accounts.plan(ctx.db, find_account(ctx, name).id))

    def update(self, record, **changes) -> None:
        def run(ctx):
            stored = table_for(type(record)).get(ctx.db, record.id)
            with ctx.write() as tx:
                tx.update(stored.model_copy(update=changes))
        self.edit(run)

    def add(self, record) -> None:
        def run(ctx):
            with ctx.write() as tx:
                tx.insert(record)
        self.edit(run)


def two_sites(root: Path, demo_file: Path) -> tuple[Site, Site, Path]:
    """Site A starts the repository from the demo team; site B clones it into a new, empty
    workspace (`kamtui init`) and joins with its first sync."""
    remote = root / "team.git"
    git(root, "init", "-q", "--bare", str(remote))
    a = Site("alice", root / "alice" / "ws" / "team.sqlite", root / "alice" / "plans")
    b = Site("bob", root / "bob" / "ws" / "team.sqlite", root / "bob" / "plans")
    a.workspace.parent.mkdir(parents=True)
    shutil.copy(demo_file, a.workspace)
    git(root, "clone", "-q", str(remote), str(a.clone))
    first = a.sync("--init")
    assert first.returncode == 0, first.stderr
    git(root, "clone", "-q", str(remote), str(b.clone))
    made = b.kamtui("init", str(b.workspace))
    assert made.returncode == 0, made.stderr
    joined = b.sync("--init")
    assert joined.returncode == 0, joined.stderr
    return a, b, remote


def person_named(plan, name: str) -> Person:
    return next(p for p in plan.people if p.name == name)
