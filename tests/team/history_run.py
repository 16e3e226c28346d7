"""The history test's run: a workspace, its workers, the killer and the -wal watcher.

Who writes what (no two live processes ever write the same field of the same account, so an
app's save never meets a conflict dialog and an import never a conflict; different fields of
one account do meet, and the form merges them):
- app{i}: a long-lived window (history_app.py) writing `industry` (even i) or `region` (odd i)
  of the demo's accounts, a share of them each; the killer SIGKILLs some and starts them again.
- open{i}: a process (history_procs.py opener) that opens and quits the app, each time a new
  process that may write `short_name` of the demo's accounts before quitting; some killed.
- cli{i}: one `kamtui` command after another (history_procs.py cli), importing new values of
  `industry` into two accounts of its own, reading the others.
About five processes run at once (each worker, and the command or app a worker started): the
machine has two cores, shared.

Sizes come from the environment so that a short run can be had while developing:
KAMTUI_HISTORY_SECONDS (60), _APPS (2), _CLIS (1), _OPENERS (1), _APP_KILLS (2).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from history_record import History

HERE = Path(__file__).parent
FIELDS = ("name", "short_name", "industry", "region")  # of an account: watched, and read back
GRACE = 120.0  # seconds the workers get, after the deadline, to finish their operation and quit


@dataclass
class Plan:
    seconds: float = 60.0
    apps: int = 2
    clis: int = 1
    openers: int = 1
    app_kills: int = 2
    sabotage: bool = False  # the checker's own test: app0 drops its locks once shown, and after each save
    seed: int = 13

    @classmethod
    def from_env(cls, **defaults) -> "Plan":
        plan = cls(**defaults)
        for name, cast in (("seconds", float), ("apps", int), ("clis", int), ("openers", int),
                           ("app_kills", int)):
            value = os.environ.get(f"KAMTUI_HISTORY_{name.upper()}")
            if value:
                setattr(plan, name, cast(value))
        return plan


@dataclass
class Setup:
    path: Path
    hist: Path
    work: Path
    demo_ids: list[str]
    own_ids: list[list[str]]  # the accounts each cli worker imports into
    initial: dict[tuple[str, str], str]  # (account id, field) -> value before the run
    audit_floor: int  # the highest audit id before the run (the demo's and setup's entries)
    deadline: float = 0.0
    started: float = 0.0
    exits: dict[str, list[int | None]] = field(default_factory=dict)  # slot -> exit codes
    stuck: list[str] = field(default_factory=list)

    def save(self, to: Path) -> None:
        """For checking a run again by hand: history_check.py FOLDER."""
        to.write_text(json.dumps({"path": str(self.path), "hist": str(self.hist), "work": str(self.work),
                                  "demo_ids": self.demo_ids, "own_ids": self.own_ids,
                                  "initial": [[k[0], k[1], v] for k, v in self.initial.items()],
                                  "audit_floor": self.audit_floor, "started": self.started}))

    @classmethod
    def load(cls, folder: Path) -> "Setup":
        d = json.loads((folder / "setup.json").read_text())
        return cls(Path(d["path"]), Path(d["hist"]), Path(d["work"]), d["demo_ids"], d["own_ids"],
                   {(a, f): v for a, f, v in d["initial"]}, d["audit_floor"], started=d.get("started", 0.0))


def prepare(folder: Path, plan: Plan) -> Setup:
    """The demo workspace plus two accounts per cli worker, switched to WAL and closed."""
    from kamtui.services import accounts
    from kamtui.services.context import Context
    from kamtui.services.demo import build_demo
    from kamtui.store import Workspace
    from kamtui.store import accounts as store_accounts

    path = folder / "team.sqlite"
    build_demo(path, "demo")
    ws = Workspace.open(path)
    try:
        ctx = Context(ws, user="setup")
        demo_ids = sorted(a.id for a in store_accounts.accounts(ws.db))
        own = [[accounts.create(ctx, {"name": f"History {c}.{k}", "industry": "seed"}).id for k in range(2)]
               for c in range(plan.clis)]
        initial = {}
        for a in store_accounts.accounts(ws.db):
            values = a.model_dump(mode="json")
            for f in FIELDS:
                initial[(a.id, f)] = values[f]
        floor = ws.db.execute("SELECT max(id) FROM audit").fetchone()[0]
    finally:
        ws.close()
    hist, work = folder / "history", folder / "work"
    hist.mkdir()
    work.mkdir()
    setup = Setup(path, hist, work, demo_ids, own, initial, floor)
    setup.save(folder / "setup.json")
    return setup


class WalWatcher(threading.Thread):
    """Looks, every 100 ms, at every process's open files for the workspace's -wal: one whose
    link reads "… (deleted)" is a live process writing to a log nobody else will read (SQLite
    closes its own handle before it deletes the file, so a closing process never shows it).
    Only /proc is read: nothing of the workspace is opened."""

    def __init__(self, path: Path):
        super().__init__(daemon=True)
        self.wal = f"{path}-wal"
        self.stop = threading.Event()
        self.scans = 0
        self.holders_max = 0
        self.inode_changes = 0
        self.deleted: dict[int, dict] = {}  # pid -> first sighting (monotonic time)
        self._inode: int | None = None

    def run(self) -> None:
        while not self.stop.wait(0.1):
            self.scan()

    def scan(self) -> None:
        self.scans += 1
        try:
            inode = os.stat(self.wal).st_ino
        except FileNotFoundError:
            inode = None
        if inode != self._inode:
            self.inode_changes += 1
            self._inode = inode
        holders = 0
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                fds = os.listdir(f"/proc/{pid}/fd")
            except OSError:
                continue
            for fd in fds:
                try:
                    link = os.readlink(f"/proc/{pid}/fd/{fd}")
                except OSError:
                    continue
                if link == self.wal:
                    holders += 1
                elif link == f"{self.wal} (deleted)" and int(pid) not in self.deleted:
                    self.deleted[int(pid)] = {"pid": int(pid), "mono": time.monotonic(), "cmd": _cmdline(pid)}
        self.holders_max = max(self.holders_max, holders)


def _cmdline(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:  # a /proc file, not the workspace
            return f.read().replace(b"\0", b" ").decode(errors="replace")[:200]
    except OSError:
        return "?"


class Runner:
    def __init__(self, setup: Setup, plan: Plan):
        self.s, self.plan = setup, plan
        self.rng = random.Random(plan.seed)
        self.procs: dict[str, subprocess.Popen] = {}
        self.killer = History(setup.hist, "killer")
        script = Path(sys.executable).parent / "kamtui"  # the installed command, as users run it
        self.kamtui = [str(script)] if script.exists() else [sys.executable, "-m", "kamtui"]

    def _spawn(self, slot: str, argv: list[str]) -> None:
        with open(self.s.work / f"{slot}.err", "ab") as err:
            self.procs[slot] = subprocess.Popen([sys.executable, *argv], stdout=subprocess.DEVNULL,
                                                stderr=err, cwd=self.s.work)

    def _common(self, worker: str) -> dict:
        return {"path": str(self.s.path), "hist": str(self.s.hist), "work": str(self.s.work),
                "worker": worker, "deadline": self.s.deadline}

    def app(self, i: int) -> None:
        share = [a for k, a in enumerate(self.s.demo_ids) if k % max(1, (self.plan.apps + 1) // 2) == i // 2]
        cfg = {**self._common(f"app{i}"), "field": ("industry", "region")[i % 2], "accounts": share,
               "edits_per_session": None, "pause": [0.3, 3.0], "dwell": [0.5, 2.0],
               "sabotage": self.plan.sabotage and i == 0}
        self._spawn(f"app{i}", [str(HERE / "history_app.py"), json.dumps(cfg)])

    def start(self) -> None:
        s = self.s
        s.started = time.monotonic()
        s.deadline = s.started + self.plan.seconds
        for i in range(self.plan.apps):
            self.app(i)
        for c in range(self.plan.clis):
            cfg = {**self._common(f"cli{c}"), "kamtui": self.kamtui, "own": s.own_ids[c],
                   "read": s.demo_ids + [a for ids in s.own_ids for a in ids], "kill_p": 0.15}
            self._spawn(f"cli{c}", [str(HERE / "history_procs.py"), "cli", json.dumps(cfg)])
        for o in range(self.plan.openers):
            share = [a for k, a in enumerate(s.demo_ids) if k % self.plan.openers == o]
            cfg = {**self._common(f"open{o}"), "field": "short_name", "accounts": share,
                   "edit_p": 0.7, "kill_p": 0.25}
            self._spawn(f"open{o}", [str(HERE / "history_procs.py"), "opener", json.dumps(cfg)])

    def run(self) -> None:
        s, plan = self.s, self.plan
        kills = sorted(self.rng.uniform(0.2, 0.8) * plan.seconds for _ in range(plan.app_kills if plan.apps else 0))
        while time.monotonic() < s.deadline:
            if kills and time.monotonic() - s.started >= kills[0]:
                kills.pop(0)
                slot = f"app{self.rng.randrange(plan.apps)}"
                proc = self.procs[slot]
                if proc.poll() is None:
                    proc.send_signal(signal.SIGKILL)
                    proc.wait()
                    self.killer.event("killed", slot=slot, child=proc.pid)
                    s.exits.setdefault(slot, []).append(None)
                    time.sleep(0.3)
                    self.app(int(slot[3:]))
            time.sleep(0.1)
        end = time.monotonic() + GRACE
        for slot, proc in self.procs.items():
            try:
                code = proc.wait(timeout=max(0.1, end - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                s.stuck.append(slot)
                code = None
            s.exits.setdefault(slot, []).append(code)
        self.killer.close()

    def crashed(self) -> dict[str, str]:
        """Workers that ended with an error of their own (not SIGKILL): slot -> its stderr."""
        out = {}
        for slot, codes in self.s.exits.items():
            if any(c not in (0, None) for c in codes) or slot in self.s.stuck:
                out[slot] = (self.s.work / f"{slot}.err").read_text(errors="replace")[-3000:]
        return out


def run(folder: Path, plan: Plan):
    """Prepare, run the workers for plan.seconds, and check: the checker's report."""
    from history_check import check

    setup = prepare(folder, plan)
    watcher = WalWatcher(setup.path)
    watcher.start()
    runner = Runner(setup, plan)
    runner.start()
    setup.save(folder / "setup.json")
    try:
        runner.run()
    finally:
        for proc in runner.procs.values():
            if proc.poll() is None:
                proc.kill()
        watcher.stop.set()
        watcher.join()
    report = check(setup, watcher)
    report.crashed.update(runner.crashed())
    return report
