"""Workers of the history test that run other processes (run as a script).

`python history_procs.py cli CONFIG_JSON`: the command line, one real `kamtui` process after
another until the deadline: `import` of a plan file changing one field of an account only this
worker writes (exported just before, so the import has no conflict to refuse), `export` of any
watched account (a read the checker holds to what was acknowledged before it started),
`report`, `check`, `backup` (the checker looks inside each copy) and `log` (every entry it
printed must still be in the final log under the same id). Some imports are killed with
SIGKILL at a random moment: their write is then "info", done or not.

`python history_procs.py opener CONFIG_JSON`: opens and quits the app again and again, each
time a new process (history_app.py) that may make one edit before quitting; some are killed
with SIGKILL instead.

Neither process ever opens the workspace itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from history_record import History

HERE = Path(__file__).parent
TODAY = "2026-11-26"
READ_FIELDS = ("name", "short_name", "industry", "region")
CLI_TIMEOUT = 120.0  # seconds; far beyond what a command takes here, even on two busy cores


def digest(entry: dict) -> str:
    """What an audit entry says, in a few bytes: the checker compares it with the final log."""
    body = json.dumps([entry["entity"], entry["entity_id"], entry["action"], entry["changes"]],
                      ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(body.encode()).hexdigest()[:16]


class Cli:
    def __init__(self, cfg: dict):
        self.cfg = cfg
        os.environ["KAMTUI_USER"] = cfg["worker"]  # the audit's `who` of its commands
        self.hist = History(Path(cfg["hist"]), cfg["worker"])
        self.rng = random.Random(self.hist.pid)
        self.work = Path(cfg["work"]) / f"{cfg['worker']}-{self.hist.pid}"
        self.work.mkdir(parents=True)
        self.ws = cfg["path"]

    def run(self, *args: str, kill_after: float | None = None) -> tuple[int | None, str, str]:
        """(exit code or None when killed, stdout, stderr) of `kamtui ARGS`."""
        proc = subprocess.Popen([*self.cfg["kamtui"], *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=self.work)
        try:
            out, err = proc.communicate(timeout=kill_after if kill_after is not None else CLI_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            out, err = proc.communicate()
            self.hist.event("killed", args=list(args), pid=proc.pid, after=kill_after)
            return None, out, err
        return proc.returncode, out, err

    # -- reads ---------------------------------------------------------------------
    def export(self, account_id: str) -> dict | None:
        """The account as a fresh process reads it; the values of its fields are checked."""
        target = self.work / f"{account_id}.toml"
        op = self.hist.invoke("export", entity="account", id=account_id)
        code, _, err = self.run("export", self.ws, "--account", account_id, "-o", str(target),
                                "--today", TODAY)
        if code != 0:
            self.hist.fail(op, "exit", code=code, err=err[-500:])
            return None
        plan = tomllib.loads(target.read_text(encoding="utf-8"))
        values = {f: plan["account"].get(f, "") for f in READ_FIELDS}
        self.hist.ok(op, values=values)
        return {"plan": target, "values": values}

    def simple(self, kind: str, *args: str) -> None:
        op = self.hist.invoke(kind)
        code, out, err = self.run(*args)
        if code != 0:
            self.hist.fail(op, "exit", code=code, out=out[-500:], err=err[-500:])
            return
        extra: dict = {}
        if kind == "log":
            entries = [json.loads(line) for line in out.splitlines() if line.strip()]
            extra["seen"] = [[e["id"], digest(e)] for e in entries]
        elif kind == "check":
            extra["out"] = out
        elif kind == "backup":
            extra["file"] = args[-1]
        elif kind == "report":
            extra["accounts"] = len(json.loads(out))
        self.hist.ok(op, **extra)

    # -- the write -----------------------------------------------------------------
    def import_(self, account_id: str) -> None:
        exported = self.export(account_id)
        if exported is None:
            return
        plan: Path = exported["plan"]
        seq = self.hist.next_seq()
        value = self.hist.value(seq)
        text, n = re.subn(r'(?m)^industry = .*$', f'industry = "{value}"', plan.read_text(encoding="utf-8"), count=1)
        assert n == 1, "the plan file has no industry line"
        plan.write_text(text, encoding="utf-8")
        kill_after = self.rng.uniform(0.2, 2.5) if self.rng.random() < self.cfg["kill_p"] else None
        op = self.hist.invoke("import", seq=seq, entity="account", id=account_id, field="industry",
                              value=value, will_kill=kill_after is not None)
        code, out, err = self.run("import", self.ws, str(plan), kill_after=kill_after)
        if code is None:
            self.hist.info(op, "killed")
            return
        if code != 0:  # an error after the commit would also exit 1: not known to be undone
            self.hist.info(op, "exit", code=code, err=err[-500:])
            return
        account_row = next((line.split() for line in out.splitlines() if line.startswith("account ")), None)
        # kind, created, updated, unchanged, conflicts
        if account_row == ["account", "0", "1", "0", "0"]:
            self.hist.ok(op, out=out[-300:])
        elif account_row is not None and account_row[4] != "0":
            self.hist.fail(op, "conflict", out=out[-300:], err=err[-500:])
        else:
            self.hist.info(op, "unexpected", out=out[-300:], err=err[-500:])

    def loop(self) -> None:
        """An import every other command (the writes the check is about), the reads between
        them in a shuffled round, so that a short run still has a few of each."""
        cfg, rng = self.cfg, self.rng
        n = 0
        while True:
            reads = ["export", "report", "check", "backup", "log"]
            rng.shuffle(reads)
            for kind in [k for read in reads for k in ("import", read)]:
                if time.monotonic() >= cfg["deadline"]:
                    self.hist.close()
                    return
                n += 1
                if kind == "import":
                    if cfg["own"]:
                        self.import_(rng.choice(cfg["own"]))
                elif kind == "export":
                    self.export(rng.choice(cfg["read"]))
                elif kind == "report":
                    self.simple("report", "report", self.ws, "--format", "json", "--today", TODAY)
                elif kind == "check":
                    self.simple("check", "check", self.ws)
                elif kind == "backup":
                    self.simple("backup", "backup", self.ws, str(self.work / f"backup-{n}.sqlite"))
                else:
                    self.simple("log", "log", self.ws, "--json")


def opener(cfg: dict) -> None:
    """Open and quit the app, each time a new process; kill some of them instead."""
    hist = History(Path(cfg["hist"]), cfg["worker"])
    rng = random.Random(hist.pid)
    errors = open(Path(cfg["work"]) / f"{cfg['worker']}-{hist.pid}.err", "ab")  # noqa: SIM115
    while time.monotonic() < cfg["deadline"]:
        child = {**cfg, "edits_per_session": 1 if rng.random() < cfg["edit_p"] else 0,
                 "dwell": [0.2, 2.5], "pause": [0.0, 0.0]}
        proc = subprocess.Popen([sys.executable, str(HERE / "history_app.py"), json.dumps(child)],
                                stdout=subprocess.DEVNULL, stderr=errors)
        kill_after = rng.uniform(0.8, 5.0) if rng.random() < cfg["kill_p"] else None
        try:
            code = proc.wait(timeout=kill_after if kill_after is not None else CLI_TIMEOUT)
            hist.event("exited", child=proc.pid, code=code)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            hist.event("killed", child=proc.pid, after=kill_after)
    errors.close()
    hist.close()


if __name__ == "__main__":
    role, config = sys.argv[1], json.loads(sys.argv[2])
    if role == "cli":
        Cli(config).loop()
    else:
        opener(config)
