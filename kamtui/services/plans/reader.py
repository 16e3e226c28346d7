"""Reading many plan files at once: parse and validate them in worker processes when it pays.

Parsing TOML with the standard library's pure-Python `tomllib` is most of an import's time
(≈ 6 s of CPU for the 46 MiB of the `large` workspace), and files are independent, so they
are read in parallel: this process and one forked child per further CPU take the next file
from a shared counter (largest first, so no one is left with a big file at the end). A child
sends back plain rows (`PlanRows`: tuples, cheap to pickle), never models, and keeps its
validated plans until the import knows the policy the summaries of new accounts need: then
every process summarises the plans it read (`start_summaries`), this one in a thread, while
the transaction copies the rows in (SQLite runs that without holding the GIL).

Children are forked directly only from a single-threaded process (the CLI without a
progress bar): a fork copies one thread, and a lock another thread held at that moment
would stay locked in the child forever. A process with threads (the TUI, whose import runs
in a worker thread; the CLI's progress bar) starts them from a fork server instead, a fresh
single-threaded interpreter, when there is enough to read to pay for starting it (like every
fork-server child, each imports the program's main module first: kamtui's entry points do
nothing on import; should a child fail to start, the others take its share). For a
handful of files, on one CPU, or where neither exists, the files are read here, one after
the other, with the same results.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import threading
import traceback
from collections.abc import Callable
from typing import Any

from kamtui.domain.models import Policy
from kamtui.services.plans import parse as _parse
from kamtui.services.plans.parse import Parsed, ParsedPlan, Problem, Source
from kamtui.services.plans.rows import PlanRows, plan_rows, summary_row

# A file read: its rows (or, for workspace.toml, its few models), or None, and its problems.
Outcome = tuple["PlanRows | _parse.ParsedWorkspace | None", list[Problem]]
ParseFn = Callable[[Source], tuple["Parsed | None", list[Problem]]]
Progress = Callable[[str, int, int], None]

PARALLEL_MIN_BYTES = 1 << 20  # below ≈ 150 ms of parsing, forking does not pay
# A fork server is a fresh interpreter that imports the readers once per session (≈ 1 s).
FORKSERVER_MIN_BYTES = 8 << 20
MAX_WORKERS = 4


def read_one(parse: ParseFn, source: Source) -> tuple[Outcome, ParsedPlan | None]:
    parsed, problems = parse(source)
    if isinstance(parsed, ParsedPlan):
        return (plan_rows(parsed), problems), parsed
    return (parsed, problems), None


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def workers_for(sources: list[Source]) -> tuple[int, str | None]:
    """How many processes read `sources` (1: this one alone) and how they are started."""
    size = sum(len(s.data) for s in sources)
    n = max(1, min(_cpus(), MAX_WORKERS, len(sources)))
    if n < 2 or size < PARALLEL_MIN_BYTES:
        return 1, None
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return n, "fork"
    if "forkserver" in methods and size >= FORKSERVER_MIN_BYTES:
        return n, "forkserver"
    return 1, None


class Reader:
    """Reads every source once (`read`), then summarises the plans read (`start_summaries`).

    Use as a context manager: leaving it ends the worker processes, whatever happened.
    """

    def __init__(self, sources: list[Source], *, parse: ParseFn = _parse.parse_source,
                 progress: Progress | None = None, on_plan: Callable[[int, PlanRows], None] | None = None):
        self.sources = sources
        self._summaries: tuple[threading.Thread, dict[str, tuple], list[Any]] | None = None
        self.parse = parse
        self.progress = progress
        self.on_plan = on_plan  # called here, in this thread, with each plan file's rows as they come
        self.workers, self.method = workers_for(sources)
        self.kept: dict[str, ParsedPlan] = {}  # account id -> plan read in this process
        self._children: list[tuple[Any, Any]] = []  # (process, connection) still waiting for a policy

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ----------------------------------------------------------------------------------
    def read(self) -> list[Outcome]:
        """Every source's outcome, in the order of `sources`."""
        if self.workers <= 1:
            return self._read_here()
        return self._read_parallel()

    def _read_here(self) -> list[Outcome]:
        results: dict[int, Outcome] = {}
        for i, source in enumerate(self.sources):
            outcome, plan = read_one(self.parse, source)
            self._keep(plan)
            self._deliver(results, i, outcome)
        return [results[i] for i in range(len(self.sources))]

    def _read_parallel(self) -> list[Outcome]:
        ctx = multiprocessing.get_context(self.method)
        if self.method == "forkserver":
            # Its children start with the readers (and the parse function's module) imported.
            ctx.set_forkserver_preload([__name__, getattr(self.parse, "__module__", __name__)])
        n = len(self.sources)
        order = sorted(range(n), key=lambda i: -len(self.sources[i].data))
        claimed = ctx.Value("i", 0)
        for _ in range(self.workers - 1):
            ours, theirs = ctx.Pipe()
            proc = ctx.Process(target=_child, args=(theirs, self.sources, order, claimed, self.parse),
                               daemon=True)
            try:
                proc.start()
            except (OSError, RuntimeError):  # no fork server (say, a main script it cannot rerun)
                ours.close()
                break  # the others take its share; this process alone if need be
            finally:
                theirs.close()
            self._children.append((proc, ours))
        # A thread per child takes its files as they come, so that a child never waits on a
        # full pipe and this process unpickles them in the gaps between its own files.
        inbox: queue.SimpleQueue = queue.SimpleQueue()
        receivers = [threading.Thread(target=_receive, args=(k, conn, inbox), daemon=True)
                     for k, (_, conn) in enumerate(self._children)]
        failed: set[int] = set()
        for t in receivers:
            t.start()
        results: dict[int, Outcome] = {}
        running = len(receivers)
        for i in _claim(claimed, order):
            outcome, plan = read_one(self.parse, self.sources[i])
            self._keep(plan)
            self._deliver(results, i, outcome)
            while not inbox.empty():
                running -= self._take(results, failed, *inbox.get())
        while running:
            running -= self._take(results, failed, *inbox.get())
        for t in receivers:
            t.join()
        for proc, conn in [c for k, c in enumerate(self._children) if k in failed]:
            self._end(proc, conn)  # it failed or died: forget it
        for i in range(n):  # files a failed child had taken
            if i not in results:
                outcome, plan = read_one(self.parse, self.sources[i])
                self._keep(plan)
                self._deliver(results, i, outcome)
        return [results[i] for i in range(n)]

    def _keep(self, plan: ParsedPlan | None) -> None:
        if plan is not None:
            self.kept[plan.account_id] = plan

    def _deliver(self, results: dict[int, Outcome], i: int, outcome: Outcome) -> None:
        results[i] = outcome
        if self.on_plan is not None and isinstance(outcome[0], PlanRows):
            self.on_plan(i, outcome[0])
        if self.progress:
            self.progress("read", len(results), len(self.sources))

    def _take(self, results: dict[int, Outcome], failed: set[int], k: int, msg: tuple) -> int:
        """Deliver child k's file; 1 when it has no more to send (done, failed or gone)."""
        if msg[0] == "file":
            self._deliver(results, msg[1], msg[2])
            return 0
        if msg[0] != "done":
            failed.add(k)
        return 1

    # -- summaries ----------------------------------------------------------------------------------
    def start_summaries(self, policy: Policy, accounts: set[str]) -> None:
        """Summarise the plans of `accounts` under `policy`, in every reading process at once;
        `summaries` collects them. Once: the plans are let go meanwhile."""
        asked = []
        for proc, conn in self._children:
            try:
                conn.send(("summaries", policy, accounts))
                asked.append(conn)
            except OSError:
                pass
        mine: dict[str, tuple] = {}
        plans = [(a, p) for a, p in self.kept.items() if a in accounts]
        self.kept.clear()
        thread = threading.Thread(target=_summarise, args=(plans, policy, mine), daemon=True)
        thread.start()
        self._summaries = (thread, mine, asked)

    def summaries(self, accounts: set[str]) -> dict[str, tuple] | None:
        """The rows `start_summaries` made, or None if some of `accounts` could not be summarised."""
        if self._summaries is None:
            return None
        thread, out, asked = self._summaries
        self._summaries = None
        thread.join()
        for conn in asked:
            try:
                got = conn.recv()
                conn.send(("stop",))  # nothing more to ask: it exits while the transaction commits
            except (EOFError, OSError):
                return None
            if not isinstance(got, tuple) or got[0] != "ok":
                return None
            out.update(got[1])
        return out if accounts <= out.keys() else None

    def close(self) -> None:
        if self._summaries is not None:
            self._summaries[0].join()
        while self._children:
            proc, conn = self._children[-1]
            self._end(proc, conn)

    def _end(self, proc: Any, conn: Any) -> None:
        try:
            conn.send(("stop",))
        except (OSError, ValueError):
            pass
        conn.close()
        proc.join(timeout=5)
        if proc.is_alive():
            proc.kill()
            proc.join()
        self._children.remove((proc, conn))


def _summarise(plans: list[tuple[str, ParsedPlan]], policy: Policy, out: dict[str, tuple]) -> None:
    try:
        for account_id, plan in plans:
            out[account_id] = summary_row(plan, policy)
    except Exception:  # noqa: BLE001 (those missing are recomputed from the records, which says why)
        pass
    # The plans were kept for this alone: free them here, while the transaction copies rows
    # without the GIL, rather than after it, while the user waits.
    plans.clear()


def _claim(claimed: Any, order: list[int]):
    """The next file to read, from the counter all readers share, until none is left."""
    while True:
        with claimed.get_lock():
            k = claimed.value
            claimed.value = k + 1
        if k >= len(order):
            return
        yield order[k]


def _receive(k: int, conn: Any, inbox: queue.SimpleQueue) -> None:
    """Pass child k's messages on until it is done with reading (or gone)."""
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            msg = ("gone",)
        inbox.put((k, msg))
        if msg[0] != "file":
            return


def _child(conn: Any, sources: list[Source], order: list[int], claimed: Any, parse: ParseFn) -> None:
    """A worker: read files until none is left, sending each, then answer summary requests."""
    gc.disable()  # as in the importing process (bulk.gc_paused); a fork server's child has it on
    kept: dict[str, ParsedPlan] = {}
    try:
        for i in _claim(claimed, order):
            outcome, plan = read_one(parse, sources[i])
            conn.send(("file", i, outcome))
            if plan is not None:
                kept[plan.account_id] = plan
        conn.send(("done",))
        while True:
            msg = conn.recv()
            if msg[0] != "summaries":
                conn.close()
                # Done: leave at once. Freeing the plans one by one (≈ 0.1 s for half of the
                # `large` workspace) would only keep the importing process waiting.
                os._exit(0)
            _, policy, accounts = msg
            conn.send(("ok", {a: summary_row(p, policy) for a, p in kept.items() if a in accounts}))
    except (EOFError, OSError, KeyboardInterrupt):
        return
    except Exception:
        try:
            conn.send(("error", traceback.format_exc()))
        except OSError:
            pass
    finally:
        conn.close()
