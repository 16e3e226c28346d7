"""The history test's checker: every acknowledged write is in the audit log, once, in order.

Written values are unique in the run, so each audit entry of a watched field (an account's
name, short name, industry, region) names the operation that wrote it. With the audit id as
the commit order (AUTOINCREMENT: allocated inside the write transaction, never reused):

- lost / duplicate: an acknowledged write has no entry, or several;
- failed but written: a write refused for sure has an entry (the form said the workspace was
  busy, or replaced under the window, "nothing was saved"; the import reported a conflict);
- phantom: an entry whose value no operation wrote;
- chain: for each field, each entry's before-value is the previous entry's after-value (the
  value before the run for the first), and the stored value is the last after-value; a write
  that did not see the one before it (a lost update, a log forked by a deleted -wal) breaks it;
- program order: one process's writes have increasing audit ids in the order it made them;
- real time: a write acknowledged before another began has the smaller audit id;
- reuse: the id an app read back for its own save, and every entry a `kamtui log` printed,
  are in the final log under the same id with the same content;
- stale read: an export shows, for each field, a written value whose entry is not older than
  any write acknowledged before the export began (and not one not yet begun when it ended);
- backups: each verifies, and holds every write acknowledged before it began, with the ids
  and contents of the final log;
- `PRAGMA integrity_check` is ok, and no live process ever held a deleted -wal.

Operations whose outcome is unknown (killed, or an outcome the worker could not tell) may be
in the log or not, but once: they are checked like the others for duplicates and order.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from history_procs import digest
from history_record import read_all

WRITES = ("app-edit", "import")
SHOWN = 3  # violations printed per kind (all are counted)


@dataclass
class Op:
    op: str
    kind: str
    worker: str
    pid: int
    seq: int
    t_inv: float
    key: tuple[str, str] | None = None  # (account id, field) of a write
    value: str | None = None
    status: str = "unknown"  # ok | fail | info | unknown
    t_done: float | None = None
    done: dict = field(default_factory=dict)
    entries: list[int] = field(default_factory=list)  # audit ids carrying its value


@dataclass
class Final:
    """What the workspace holds after the run."""
    audit: list[dict]  # id, entity, entity_id, action, changes (dict)
    values: dict[tuple[str, str], Any]
    integrity: str


@dataclass
class Report:
    violations: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    counts: dict[str, Any] = field(default_factory=dict)
    crashed: dict[str, str] = field(default_factory=dict)
    tally: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # kind -> status -> n

    def add(self, kind: str, text: str) -> None:
        self.violations[kind].append(text)

    @property
    def ok(self) -> bool:
        return not any(self.violations.values())

    def text(self) -> str:
        lines = [f"{k}: {v}" for k, v in self.counts.items()]
        for kind, found in self.violations.items():
            if found:
                lines.append(f"VIOLATION {kind}: {len(found)}")
                lines += [f"    {t}" for t in found[:SHOWN]]
        return "\n".join(lines)


def load(folder: Path) -> tuple[dict[str, Op], list[dict]]:
    ops: dict[str, Op] = {}
    events: list[dict] = []
    for r in read_all(folder):
        if r["t"] == "invoke":
            key = (r["id"], r["field"]) if r.get("field") else None
            ops[r["op"]] = Op(r["op"], r["kind"], r["worker"], r["pid"], r["seq"], r["mono"], key, r.get("value"),
                              done={"id": r.get("id")})
        elif r["t"] in ("ok", "fail", "info"):
            op = ops[r["op"]]
            op.status, op.t_done, op.done = r["t"], r["mono"], {**op.done, **r}
        else:
            events.append(r)
    return ops, events


def read_final(path: Path, fields: tuple[str, ...]) -> Final:
    """The final state; a damaged file is read as far as it goes (its damage is the finding)."""
    from kamtui.errors import KamtuiError
    from kamtui.store import Workspace
    from kamtui.store import accounts as store_accounts

    try:
        ws = Workspace.open(path, verify=False)  # nothing else has it open any more
    except KamtuiError as exc:
        return Final([], {}, f"cannot be opened: {exc}")
    audit, values = [], {}
    try:
        integrity = "; ".join(r[0] for r in ws.db.execute("PRAGMA integrity_check(5)").fetchall())
        try:
            for r in ws.db.query("SELECT id, entity, entity_id, action, changes FROM audit ORDER BY id"):
                audit.append({**r, "changes": json.loads(r["changes"])})
            for a in store_accounts.accounts(ws.db, include_archived=True):
                dumped = a.model_dump(mode="json")
                values.update({(a.id, f): dumped[f] for f in fields})
        except sqlite3.DatabaseError as exc:
            integrity += f"; reading it: {exc}"
    finally:
        ws.close()
    return Final(audit, values, integrity)


def check_writes(ops: dict[str, Op], initial: dict, final: Final, report: Report, floor: int = 0,
                 started: float = 0.0) -> None:
    writes = {o.op: o for o in ops.values() if o.kind in WRITES}
    by_value = {o.value: o for o in writes.values()}
    chains: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for e in final.audit:
        if e["entity"] != "account" or e["id"] <= floor:
            continue
        for f, change in e["changes"].items():
            if (e["entity_id"], f) in initial and isinstance(change, list) and len(change) == 2:
                chains[(e["entity_id"], f)].append({"id": e["id"], "before": change[0], "after": change[1]})
    checked = 0
    for key, value in initial.items():
        previous = value
        for e in chains.get(key, []):
            checked += 1
            if e["before"] != previous:
                report.add("chain", f"audit {e['id']} {key}: before={e['before']!r}, but the entry before "
                                    f"it left {previous!r} (a write that did not see the one before it)")
            previous = e["after"]
            op = by_value.get(e["after"])
            if op is None or op.key != key:
                report.add("phantom", f"audit {e['id']} {key} = {e['after']!r}: no operation wrote that")
            else:
                op.entries.append(e["id"])
        if final.values.get(key) != previous:
            report.add("final", f"{key} holds {final.values.get(key)!r}, its last audit entry says {previous!r}")
    report.counts["audit entries checked"] = checked
    report.counts["audit entries in all"] = len(final.audit)
    ids = [e["id"] for e in final.audit]
    if len(ids) != len(set(ids)):
        report.add("duplicate audit id", f"{len(ids) - len(set(ids))} ids appear twice")
    for o in writes.values():
        if o.status == "ok" and not o.entries:
            report.add("lost", f"{o.worker} pid {o.pid} #{o.seq} {o.kind} {o.key} = {o.value!r}: acknowledged "
                               f"({_notes(o)}) at {o.t_done - started:.1f}s, in no audit entry")
        if len(o.entries) > 1:
            report.add("duplicate", f"{o.value!r} in audit entries {o.entries}")
        if o.status == "fail" and o.entries:
            report.add("failed but written", f"{o.value!r} ({o.done.get('why')}) in audit {o.entries}")
        seen = o.done.get("audit_id")
        if o.status == "ok" and o.kind == "app-edit":
            if seen is None:
                report.add("own entry unseen", f"{o.value!r}: Saved., but its process saw no audit entry")
            elif o.entries and seen not in o.entries:
                report.add("audit id reused", f"{o.value!r}: its app read it back as audit {seen}; the "
                                              f"final log has it as {o.entries} and {seen} as {_entry(final, seen)}")
    _orders(list(writes.values()), report)


def _notes(o: Op) -> str:
    return "Saved." if o.kind == "app-edit" else "exit 0"


def _entry(final: Final, audit_id: int) -> str:
    e = next((e for e in final.audit if e["id"] == audit_id), None)
    return "nothing" if e is None else f"{e['entity']} {e['entity_id'][:8]} {e['changes']}"


def _orders(writes: list[Op], report: Report) -> None:
    placed = [o for o in writes if len(o.entries) == 1]
    per_process: dict[int, list[Op]] = defaultdict(list)
    for o in placed:
        per_process[o.pid].append(o)
    for pid, mine in per_process.items():
        mine.sort(key=lambda o: o.seq)
        for a, b in zip(mine, mine[1:]):
            if a.entries[0] > b.entries[0]:
                report.add("program order", f"pid {pid}: #{a.seq} is audit {a.entries[0]}, the later "
                                            f"#{b.seq} audit {b.entries[0]}")
    # real time: sweep the invocations in time order, knowing the highest id acknowledged so far
    acked = sorted((o for o in placed if o.status == "ok"), key=lambda o: o.t_done)
    highest, k, holder = 0, 0, None
    for b in sorted(placed, key=lambda o: o.t_inv):
        while k < len(acked) and acked[k].t_done < b.t_inv:
            if acked[k].entries[0] > highest:
                highest, holder = acked[k].entries[0], acked[k]
            k += 1
        if highest > b.entries[0]:
            report.add("real-time order", f"{b.value!r} began after {holder.value!r} was acknowledged, but "
                                          f"has the older audit id ({b.entries[0]} < {highest})")


def check_reads(ops: dict[str, Op], initial: dict, report: Report) -> None:
    """Each field an export showed: a value written (or the one before the run), not older than
    a write acknowledged before the export began, not written after it ended."""
    writes = [o for o in ops.values() if o.kind in WRITES and o.entries]  # (duplicates: reported)
    by_value = {o.value: o for o in writes}
    acked_by_key: dict[tuple[str, str], list[Op]] = defaultdict(list)
    for o in writes:
        if o.status == "ok":
            acked_by_key[o.key].append(o)
    n = 0
    for r in ops.values():
        if r.kind != "export" or r.status != "ok":
            continue
        for f, shown in r.done["values"].items():
            key = (r.done["id"], f)
            if key not in initial:
                continue
            n += 1
            if shown == initial[key] and shown not in by_value:
                order = 0
            elif shown in by_value and by_value[shown].key == key:
                w = by_value[shown]
                order = w.entries[0]
                if w.t_inv > r.t_done:
                    report.add("read from the future", f"export by {r.worker} showed {shown!r}, written later")
            else:
                report.add("read unknown value", f"export by {r.worker} pid {r.pid} showed {key} = {shown!r}, "
                                                 "which no audit entry holds")
                continue
            newer = [w for w in acked_by_key[key] if w.t_done < r.t_inv and w.entries[0] > order]
            if newer:
                w = max(newer, key=lambda w: w.entries[0])
                report.add("stale read", f"export by {r.worker} showed {key[1]} = {shown!r} "
                                         f"{r.t_inv - w.t_done:.1f}s after {w.value!r} was acknowledged")
    report.counts["fields read back by exports"] = n


def check_logs(ops: dict[str, Op], final: Final, report: Report) -> None:
    now = {e["id"]: digest(e) for e in final.audit}
    n = 0
    for r in ops.values():
        if r.kind != "log" or r.status != "ok":
            continue
        for audit_id, seen in r.done["seen"]:
            n += 1
            if now.get(audit_id) != seen:
                report.add("log entry changed", f"`kamtui log` by {r.worker} showed audit {audit_id}; the final "
                                                f"log has {'nothing' if audit_id not in now else 'another entry'} there")
    report.counts["log entries compared"] = n


def check_backups(ops: dict[str, Op], final: Final, report: Report) -> None:
    now = {e["id"]: digest(e) for e in final.audit}
    acked = [o for o in ops.values() if o.kind in WRITES and o.status == "ok" and len(o.entries) == 1]
    n = 0
    for b in ops.values():
        if b.kind != "backup" or b.status != "ok":
            continue
        n += 1
        conn = sqlite3.connect(f"file:{b.done['file']}?mode=ro", uri=True)
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            held = {r[0]: digest({"id": r[0], "entity": r[1], "entity_id": r[2], "action": r[3],
                                  "changes": json.loads(r[4])})
                    for r in conn.execute("SELECT id, entity, entity_id, action, changes FROM audit")}
        finally:
            conn.close()
        if integrity != "ok":
            report.add("backup", f"{b.done['file']}: integrity_check {integrity}")
        differ = [i for i, d in held.items() if now.get(i) != d]
        if differ:
            report.add("backup", f"{Path(b.done['file']).name}: audit {differ[:5]} differ from the final log")
        missing = [o.value for o in acked if o.t_done < b.t_inv and o.entries[0] not in held]
        if missing:
            report.add("backup", f"{Path(b.done['file']).name} lacks {len(missing)} writes acknowledged before "
                                 f"it began, e.g. {missing[:3]}")
    report.counts["backups checked"] = n


def count_ops(ops: dict[str, Op], events: list[dict], report: Report, work: Path | None = None) -> None:
    per = report.tally
    for o in ops.values():
        per[o.kind][o.status] += 1
    for kind in sorted(per):
        c = per[kind]
        report.counts[f"ops {kind}"] = " ".join(f"{s} {c[s]}" for s in ("ok", "fail", "info", "unknown"))
    what = Counter(e["what"] for e in events)
    report.counts["app sessions opened / quit"] = f"{what['opened']} / {what['closed']}"
    report.counts["SIGKILLs (apps, opener children, cli commands)"] = what["killed"]
    quits = [e for e in events if e["what"] == "quitting"]
    report.counts["pauses in which a long-lived app's live refresh re-read"] = sum(
        e["counts"]["refreshes"] for e in quits if e["worker"].startswith("app"))
    report.counts["saves merged with another's change"] = sum(e["counts"]["merged"] for e in quits)
    report.counts["sessions whose integrity check ran / preloaded"] = (
        f"{sum(bool(e['checked']) for e in quits)} / {sum(bool(e['preloaded']) for e in quits)} of {len(quits)}")
    for e in quits:
        if e.get("damaged"):
            report.add("app saw damage", f"{e['worker']} pid {e['pid']} showed the damaged-workspace dialog")
    for e in events:
        if e["what"] == "exited" and e["code"] != 0:  # an opener's app process failed by itself
            err = Path(work or ".") / f"{e['worker']}-{e['pid']}.err"
            tail = err.read_text(errors="replace")[-2000:] if err.exists() else ""
            report.crashed[f"{e['worker']} child {e['child']}"] = f"exit code {e['code']}: {tail}"
        if e["what"] == "never-shown":
            report.crashed[f"{e['worker']} {e['pid']}"] = "the portfolio never showed (60 s)"
        if e["what"] == "driver-error":
            report.counts["driver errors (pilot timeouts)"] = report.counts.get("driver errors (pilot timeouts)", 0) + 1
    checks = [o for o in ops.values() if o.kind == "check"]
    for o in checks:
        out = o.done.get("out", "")
        if "quick_check:" in out and "quick_check: ok" not in out:
            report.add("kamtui check", out.strip().replace("\n", "; ")[:300])


def check(setup, watcher=None) -> Report:
    from history_run import FIELDS

    report = Report()
    ops, events = load(setup.hist)
    final = read_final(setup.path, FIELDS)
    if final.integrity != "ok":
        report.add("integrity", final.integrity)
    check_writes(ops, setup.initial, final, report, setup.audit_floor, setup.started)
    check_reads(ops, setup.initial, report)
    check_logs(ops, final, report)
    check_backups(ops, final, report)
    count_ops(ops, events, report, setup.work)
    if watcher is not None:
        report.counts["-wal watcher scans / inode changes / most processes on it at once"] = (
            f"{watcher.scans} / {watcher.inode_changes} / {watcher.holders_max}")
        for seen in sorted(watcher.deleted.values(), key=lambda d: d["mono"]):
            report.add("-wal deleted under a live process",
                       f"pid {seen['pid']} held the deleted -wal at {seen['mono'] - setup.started:.1f}s: "
                       f"{seen['cmd'][:120]}")
    return report


if __name__ == "__main__":  # check a kept run again: python history_check.py FOLDER
    import sys

    from history_run import Setup

    print(check(Setup.load(Path(sys.argv[1]))).text())
