"""Alternating pairs (kamtui, baseline) measured in one run, reported as ratios.

Absolute times drift ±30 % on these machines (shared/measured.md), so every figure is a
ratio against a baseline measured in the same run, interleaved to share the drift.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
REPO = HERE.parent.parent
CACHE = HERE / ".cache"


@dataclass
class Result:
    operation: str
    size: str
    target: str
    kamtui: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    kamtui_mem_mib: float | None = None
    baseline_mem_mib: float | None = None
    absolute_limit_ms: float | None = None  # for targets stated in ms, not as a ratio
    ratio_limit: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float:
        return statistics.median(self.kamtui) / statistics.median(self.baseline)

    @property
    def mem_ratio(self) -> float | None:
        if self.kamtui_mem_mib and self.baseline_mem_mib:
            return self.kamtui_mem_mib / self.baseline_mem_mib
        return None

    @property
    def met(self) -> bool:
        ok = True
        if self.ratio_limit is not None:
            ok &= self.ratio <= self.ratio_limit
        if self.absolute_limit_ms is not None:
            ok &= max(self.kamtui) * 1000 <= self.absolute_limit_ms
        return ok

    def row(self) -> list[str]:
        k, b = self.kamtui, self.baseline
        return [
            self.operation, self.size,
            f"{statistics.median(k) * 1000:.1f} ({min(k) * 1000:.1f}–{max(k) * 1000:.1f})",
            f"{statistics.median(b) * 1000:.1f} ({min(b) * 1000:.1f}–{max(b) * 1000:.1f})",
            f"{self.ratio:.2f}×",
            "" if self.mem_ratio is None else f"{self.kamtui_mem_mib:.1f}/{self.baseline_mem_mib:.1f} MiB = {self.mem_ratio:.2f}×",
            self.target, "yes" if self.met else "NO",
        ]

    def note_row(self) -> str:
        return f"{self.operation} ({self.size}): {self.note}" if self.note else ""

    def to_json(self) -> dict:
        d = asdict(self)
        d.update(ratio=self.ratio, mem_ratio=self.mem_ratio, met=self.met,
                 kamtui_median=statistics.median(self.kamtui),
                 baseline_median=statistics.median(self.baseline))
        return d


def pairs(kamtui: Callable[[], float], baseline: Callable[[], float], n: int = 9) -> tuple[list[float], list[float]]:
    """n alternating pairs, after one warm-up of each (file cache, imports)."""
    kamtui()
    baseline()
    ks, bs = [], []
    for i in range(n):
        if i % 2:
            bs.append(baseline())
            ks.append(kamtui())
        else:
            ks.append(kamtui())
            bs.append(baseline())
    return ks, bs


def run_process(argv: list[str], env: dict | None = None, cwd: Path | None = None) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MiB) of one child process, which must exit 0.

    A child that reports a measured point (headless.py writes "peak-MiB wall-clock" to the fd
    named by KAMTUI_PERF_PEAK_FD when its first frame is painted) is measured from its spawn
    to that point; any other child from spawn to exit, with its whole peak."""
    read_end, write_end = os.pipe()
    # Bytecode is cached as on any installed copy (pip compiles it; this machine's
    # PYTHONDONTWRITEBYTECODE=1 would make each start compile kamtui's sources again).
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    spawned = time.time()
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env={**base, **(env or {}), "KAMTUI_PERF_PEAK_FD": str(write_end)},
                            cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, pass_fds=(write_end,))
    os.close(write_end)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    reported = os.read(read_end, 128).decode().split()
    os.close(read_end)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{argv} failed: {proc.stderr.read().decode()[-2000:]}")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if reported:
        return float(reported[1]) - spawned, float(reported[0])
    return elapsed, usage.ru_maxrss / 1024


def copy_workspace(src: Path, dest: Path) -> None:
    """A private copy through SQLite's backup API: never a file copy, which would read the
    workspace outside SQLite while this process may hold a connection to it (dropping its
    locks, see kamtui/store/fileinfo.py) and would miss what is still in a -wal."""
    import sqlite3

    source, out = sqlite3.connect(f"file:{src.resolve()}?mode=ro", uri=True), sqlite3.connect(dest)
    try:
        source.backup(out)
    finally:
        out.close()
        source.close()


def workspace(size: str) -> Path:
    """The cached generated workspace of a size, built once."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{size}.sqlite"
    if not path.exists():
        print(f"building the {size} workspace (once; cached in {CACHE}) …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "kamtui", "demo", str(path), "--size", size, "--no-open"],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def print_table(results: list[Result]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="kamtui benchmarks (median ms, min–max; ratio to the same-run baseline)")
    for head in ("operation", "size", "kamtui", "baseline", "ratio", "peak memory", "target", "met"):
        table.add_column(head)
    for r in results:
        table.add_row(*r.row())
    console = Console(width=180)
    console.print(table)
    for r in results:
        if r.note_row():
            console.print(r.note_row(), markup=False)


def save_json(results: list[Result], path: Path) -> None:
    path.write_text(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False))
