"""One process's history of operations, one JSON line each, on disk before it counts.

Each worker of the history test appends to a file of its own: `invoke` before an operation
starts, then `ok` (acknowledged), `fail` (definitely not done) or `info` (may or may not have
been done); a process killed in between leaves the `invoke` alone, which the checker reads as
unknown, never as acknowledged. Every line is written with one `write` to an O_APPEND file and
fsync'd before the caller goes on, so an acknowledgement is recorded before anything that
depends on it happens. Times: `mono` (CLOCK_MONOTONIC, comparable across the processes of one
machine) orders operations; `wall` is for people.

These are the history's own files, never the workspace's: plain file handles are safe here.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class History:
    def __init__(self, folder: Path, worker: str):
        self.worker = worker
        self.pid = os.getpid()
        self.path = Path(folder) / f"{worker}-{self.pid}.jsonl"
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self._seq = itertools.count(1)

    def _append(self, record: dict[str, Any]) -> dict[str, Any]:
        record = {**record, "worker": self.worker, "pid": self.pid,
                  "mono": time.monotonic(), "wall": time.time()}
        os.write(self._fd, (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode())
        os.fsync(self._fd)
        return record

    def value(self, seq: int) -> str:
        """The value a write puts in its field: unique in the whole run."""
        return f"{self.worker}.{self.pid}.{seq}"

    def next_seq(self) -> int:
        return next(self._seq)

    def invoke(self, kind: str, seq: int | None = None, **fields: Any) -> str:
        seq = self.next_seq() if seq is None else seq
        op = f"{self.pid}-{seq}"
        self._append({"t": "invoke", "op": op, "seq": seq, "kind": kind, **fields})
        return op

    def ok(self, op: str, **fields: Any) -> None:
        self._append({"t": "ok", "op": op, **fields})

    def fail(self, op: str, why: str, **fields: Any) -> None:
        self._append({"t": "fail", "op": op, "why": why, **fields})

    def info(self, op: str, why: str, **fields: Any) -> None:
        self._append({"t": "info", "op": op, "why": why, **fields})

    def event(self, what: str, **fields: Any) -> None:
        """Something that is not an operation (a session opened, a child killed)."""
        self._append({"t": "event", "what": what, **fields})

    def close(self) -> None:
        os.close(self._fd)


def read_all(folder: Path) -> Iterator[dict[str, Any]]:
    """Every record of every history file in `folder`; a line cut short by SIGKILL is skipped."""
    for path in sorted(Path(folder).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue
