"""`kamtui sync` of the `large` workspace with one changed account vs the git commands it runs
alone (issue 18: ≤ 3×). Both sides start from the same synced clone and push to the same bare
repository; the baseline changes one plan file by hand and runs status, add, commit, pull and
push itself. Not part of the default test run."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from harness import Result, copy_workspace, pairs, workspace  # noqa: E402

KAMTUI = str(Path(sys.executable).with_name("kamtui"))


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def sync_one_account(size: str, n: int) -> Result:
    from kamtui.services.context import Context
    from kamtui.store import Workspace
    from kamtui.store import accounts as store_accounts
    from kamtui.store.tables import table_for

    tmp = Path(tempfile.mkdtemp(prefix="kamtui-sync-"))
    try:
        ws_path = tmp / "team.sqlite"
        copy_workspace(workspace(size), ws_path)
        _git(tmp, "init", "-q", "--bare", "remote.git")
        _git(tmp, "clone", "-q", "remote.git", "plans")
        # Bytecode cached as on any installed copy (harness.run_process says why)
        env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "KAMTUI_USER": "bench"}
        subprocess.run([KAMTUI, "sync", str(ws_path), "--repo", str(tmp / "plans"), "--init"],
                       check=True, capture_output=True, env=env)
        _git(tmp, "clone", "-q", "remote.git", "bare-side")
        for repo in ("plans", "bare-side"):
            _git(tmp / repo, "config", "user.name", "bench")
            _git(tmp / repo, "config", "user.email", "bench@example.org")
        with Workspace.open(ws_path) as ws:
            account = store_accounts.accounts(ws.db)[0]
        counter = iter(range(10**6))
        cpu: list[float] = []

        def kamtui() -> float:
            with Workspace.open(ws_path) as ws:
                ctx = Context(ws, today=dt.date(2026, 11, 26), user="bench")
                stored = table_for(type(account)).get(ws.db, account.id)
                with ctx.write() as tx:
                    tx.update(stored.model_copy(update={"industry": f"Industry {next(counter)}"}))
            used = _children_cpu()
            started = time.perf_counter()
            done = subprocess.run([KAMTUI, "sync", str(ws_path)], capture_output=True, text=True, env=env)
            elapsed = time.perf_counter() - started
            cpu.append(_children_cpu() - used)  # kamtui's and its git processes' CPU time
            assert done.returncode == 0, done.stderr
            return elapsed

        side = tmp / "bare-side"

        def git_alone() -> float:
            # another account than kamtui's (its change reaches kamtui's side, as a teammate's would)
            target = next(p for p in sorted(side.glob("*.toml"))
                          if p.name != "workspace.toml" and account.id not in p.name)
            text = target.read_text(encoding="utf-8")
            target.write_text(re.sub(r'(?m)^region = .*$', f'region = "Region {next(counter)}"', text, count=1)
                              if "\nregion = " in text else
                              text.replace("[account]\n", f'[account]\nregion = "Region {next(counter)}"\n', 1),
                              encoding="utf-8")
            started = time.perf_counter()
            for args in (("status", "--porcelain"), ("add", "-A"), ("commit", "-q", "-m", "bench"),
                         ("pull", "-q", "--no-rebase", "--no-edit"), ("push", "-q")):
                _git(side, *args)
            return time.perf_counter() - started

        k, b = pairs(kamtui, git_alone, n)
        checks = [_quick_check(ws_path) for _ in range(n)]
        changed = subprocess.run(["git", "-C", str(tmp / "plans"), "show", "--name-only", "--format=", "HEAD~0"],
                                 capture_output=True, text=True).stdout.split()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    r = Result("sync with one changed account", size, "≤ 3× the git commands alone", k, b, ratio_limit=3.0)
    r.note = (f"the last sync's commit touched {changed}; the workspace's quick_check alone, which a sync "
              f"passes before it writes: {statistics.median(checks) * 1000:.0f} ms (median of {n}, same run); "
              f"CPU time of a sync (user+system, with its git processes): "
              f"{statistics.median(cpu[-n:]) * 1000:.0f} ms median")
    return r


def _children_cpu() -> float:
    import resource

    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _quick_check(path: Path) -> float:
    import sqlite3

    started = time.perf_counter()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    return time.perf_counter() - started


if __name__ == "__main__":
    res = sync_one_account(sys.argv[1] if len(sys.argv) > 1 else "large", int(sys.argv[2]) if len(sys.argv) > 2 else 5)
    print(res.row(), res.note)
