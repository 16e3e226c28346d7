"""Importing plan files: everything validated first, then one transaction, upserting by id.

A record is *created* when the workspace lacks it, *unchanged* when its content equals the
stored one, *updated* when it differs and the workspace still holds the version the file was
made from, and a *conflict* when it differs and the workspace's version moved on since:
conflicts are listed and skipped, or overwritten with `overwrite=True`. Records the workspace
has and the files lack are left alone. A file written without private fields
(`private = false`) keeps the private fields stored in the workspace.

How: the files are parsed (`parse`, TOML through `toml_read`) and validated here, one after
the other, each record once, into table rows, which are parked in an in-memory database as they
come (`store.writes.Stage`); `changes` compares them with the stored rows (one query per table),
and the transaction copies the parked rows in with one INSERT … SELECT per table (or, when
only some are new, inserts those with one executemany per table). The summary of an account
the import creates is computed from the file's records while the rows go in, not read back.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamtui.errors import InputError, WorkspaceError
from kamtui.messages import Message
from kamtui.services.backups import before_import
from kamtui.services.context import Context
from kamtui.services.plans.bulk import gc_paused
from kamtui.services.plans.changes import Changes, InputProblems
from kamtui.services.plans.parse import ParsedPlan, ParsedWorkspace, Problem, Source, parse_source, read_path
from kamtui.services.plans.results import Conflict, Counts, ImportResult, summary_rows  # noqa: F401 (re-exported)
from kamtui.services.plans.rows import COLUMNS, INSERT_ORDER, TABLE, PlanRows, parents_first, plan_rows, summary_row
from kamtui.store import sync_base, team
from kamtui.store.writes import Stage

# phase ("read" / "write"), done, total
Progress = Callable[[str, int, int], None]


# --- entry points --------------------------------------------------------------------------

def import_path(ctx: Context, path: Path, *, dry_run: bool = False, overwrite: bool = False,
                progress: Progress | None = None, resolve: str = "",
                choices: Mapping[tuple[str, str], Mapping[str, str]] | None = None) -> ImportResult:
    """Import a plan file or a folder of them (`workspace.toml` and one file per account)."""
    sources, found = read_path(path)
    return import_sources(ctx, sources, dry_run=dry_run, overwrite=overwrite, progress=progress,
                          problems=found, resolve=resolve, choices=choices)


@dataclass(frozen=True)
class Options:
    """How conflicts are met: `resolve` "" stops them, "file" takes the file's values,
    "workspace" keeps the workspace's (both mark the record for the next export);
    `choices`: decisions per record and field, (kind, key) -> {path: "file" / "workspace"}, over
    `resolve` (a record with a conflicting field left out stops, as with "");
    `file_by`: who changed each source last, where known (git), for the conflict lines."""

    resolve: str = ""
    file_by: Mapping[str, str] = field(default_factory=dict)
    backup: bool = True
    choices: Mapping[tuple[str, str], Mapping[str, str]] = field(default_factory=dict)


def import_sources(ctx: Context, sources: list[Source], *, dry_run: bool = False,
                   overwrite: bool = False, progress: Progress | None = None,
                   problems: Iterable[Problem] = (), resolve: str = "",
                   file_by: Mapping[str, str] | None = None, backup: bool = True,
                   choices: Mapping[tuple[str, str], Mapping[str, str]] | None = None) -> ImportResult:
    """Validate every source, then (unless `dry_run`) write all of it in one transaction.

    Raises InputError listing every problem of every file; then nothing is written.
    `overwrite` is `resolve="file"`. `backup`: the workspace is backed up before the import
    writes (`kamtui sync` does without when git holds what the import can change).
    """
    options = Options(resolve or ("file" if overwrite else ""), file_by if file_by is not None else {}, backup,
                      choices or {})
    with gc_paused():
        return _import_sources(ctx, sources, dry_run=dry_run, options=options,
                               progress=progress, problems=problems)


def _import_sources(ctx: Context, sources: list[Source], *, dry_run: bool, options: Options,
                    progress: Progress | None, problems: Iterable[Problem]) -> ImportResult:
    found = list(problems)
    stage = None if dry_run or ctx.ws.read_only else _Staging(ctx.db)
    try:
        return _read_and_write(ctx, sources, found, stage, dry_run=dry_run, options=options,
                               progress=progress)
    finally:
        if stage is not None:
            stage.close()


@dataclass
class _Read:
    """What the files hold, in file order: plans as rows and workspace files; and the plans'
    validated models, kept for the summaries of the accounts the import creates."""

    parsed: list[PlanRows | ParsedWorkspace] = field(default_factory=list)
    models: dict[str, ParsedPlan] = field(default_factory=dict)  # account id -> plan

    @property
    def plans(self) -> list[PlanRows]:
        return [p for p in self.parsed if isinstance(p, PlanRows)]

    @property
    def workspaces(self) -> list[ParsedWorkspace]:
        return [p for p in self.parsed if isinstance(p, ParsedWorkspace)]


def _read(sources: list[Source], found: list[Problem], stage: _Staging | None,
          progress: Progress | None, *, keep_models: bool) -> _Read:
    read = _Read()
    for i, source in enumerate(sources):
        parsed, errs = parse_source(source)
        found += errs
        if isinstance(parsed, ParsedPlan):
            rows = plan_rows(parsed)
            read.parsed.append(rows)
            if keep_models:
                read.models[parsed.account_id] = parsed
            if stage is not None:
                stage.add(i, rows)
        elif parsed is not None:
            read.parsed.append(parsed)
        if progress:
            progress("read", i + 1, len(sources))
    return read


def _read_and_write(ctx: Context, sources: list[Source], found: list[Problem], stage: _Staging | None,
                    *, dry_run: bool, options: Options, progress: Progress | None) -> ImportResult:
    read = _read(sources, found, stage, progress, keep_models=not dry_run)
    found += _across_files(read.parsed)
    if found:
        raise _input_error(found)
    if dry_run:
        return _changes(ctx.db, read.plans, read.workspaces, options).result(len(sources), dry_run=True)
    if options.backup and not ctx.ws.read_only:  # (a read-only one is refused by the write just below)
        before_import(ctx.ws)
    with ctx.write() as tx:
        changes = _changes(tx.db, read.plans, read.workspaces, options)
        policy = changes.settings[0].policy if changes.settings else team.settings(tx.db).policy
        if progress:
            progress("write", 0, 1)
        summaries = _Summaries([read.models.pop(a) for a in sorted(changes.new_accounts)], policy)
        read.models.clear()
        try:
            changes.apply(tx, stage)
        except sqlite3.IntegrityError as exc:  # a reference the checks above did not foresee
            raise WorkspaceError("plan.import.failed", why=str(exc)) from None
        finally:
            summaries.wait()  # the thread ends with the import, failed or not
        tx.use_summaries(summaries.rows())
    if progress:
        progress("write", 1, 1)
    return changes.result(len(sources), dry_run=False)


class _Summaries:
    """The summary rows of the accounts an import creates, made from their plans (the write
    helper would read every record back to make them) in a thread, while the transaction copies
    the rows in: SQLite does that without holding the GIL."""

    def __init__(self, plans: list[ParsedPlan], policy: Any):
        self._rows: list[tuple] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._make, args=(plans, policy), daemon=True)
        self._thread.start()

    def _make(self, plans: list[ParsedPlan], policy: Any) -> None:
        try:
            self._rows = [summary_row(p, policy) for p in plans]
        except BaseException as exc:  # noqa: BLE001 (raised again in the importing thread)
            self._error = exc
        # The plans were kept for this alone: freed here, while the rows are copied, rather
        # than after the import, while the user waits.
        plans.clear()

    def wait(self) -> None:
        self._thread.join()

    def rows(self) -> list[tuple]:
        self.wait()
        if self._error is not None:
            raise self._error
        return self._rows


class _Staging:
    """Each plan file's new-record candidates parked (in memory, next to the workspace) as the file comes in (see
    `store.writes.Stage`), in the order the import inserts them: file by file, parents first."""

    def __init__(self, db: Any):
        self.stage = Stage(db)
        self.files: dict[int, dict[str, list[tuple]]] = {}  # file index -> kind -> rows as parked

    def add(self, i: int, p: PlanRows) -> None:
        parked = {}
        for kind in INSERT_ORDER:
            rows = p.rows.get(kind)
            if rows:
                rows = parents_first(kind, rows)
                base = i * 10_000_000  # a file of 5 MiB holds fewer records than that
                self.stage.add(TABLE[kind].name, COLUMNS[kind], [(base + k, *r) for k, r in enumerate(rows)])
                parked[kind] = rows
        self.files[i] = parked

    def holds_exactly(self, kind: str, rows: list[tuple]) -> bool:
        """Whether the parked rows of `kind`, in the order they would be copied, are `rows`."""
        parked = [r for i in sorted(self.files) for r in self.files[i].get(kind, ())]
        return parked == rows

    def copy(self, tx: Any, kind: str, accounts: set[str]) -> None:
        self.stage.copy(tx, TABLE[kind].name, accounts)

    def copy_bases(self, tx: Any, kind: str) -> None:
        """The parked rows of `kind`, just copied in, are also their records' synced state."""
        keys = {"target": ["account_id", "layer"], "dismissal": ["account_id", "key"]}.get(kind, ["id"])
        account = None if kind == "member" else "id" if kind == "account" else "account_id"
        sync_base.put_from_table(tx.db, kind, f"{Stage.SCHEMA}.{TABLE[kind].name}", COLUMNS[kind], keys, account)

    def close(self) -> None:
        self.stage.close()


def _changes(db: Any, plans: list[PlanRows], workspaces: list[ParsedWorkspace], options: Options) -> Changes:
    try:
        return Changes(db, plans, workspaces, False, options.resolve, options.file_by, options.choices)
    except InputProblems as exc:
        raise _input_error(exc.problems) from None


def _input_error(found: list[Problem]) -> InputError:
    files = {where.split(":")[0].split(", line")[0] for where, _ in found}
    if len(found) == 1:
        where, what = found[0]
        return InputError("plan.import.one", found, where=where, what=what)
    if len(files) == 1:
        return InputError("plan.import.in_file", found, file=next(iter(files)), n=len(found))
    return InputError("plan.import.in_files", found, files=len(files), n=len(found))


def _across_files(parsed: list[PlanRows | ParsedWorkspace]) -> list[Problem]:
    found: list[Problem] = []
    accounts: dict[str, str] = {}
    members: dict[str, str] = {}
    workspaces = [p for p in parsed if isinstance(p, ParsedWorkspace)]
    if sum(w.settings is not None for w in workspaces) > 1:
        names = ", ".join(w.source for w in workspaces if w.settings is not None)
        found.append((names, Message("plan.settings_twice")))
    for p in parsed:
        if isinstance(p, PlanRows):
            if p.account_id in accounts:
                found.append((f"{p.source}: account.id",
                              Message("plan.account_twice", id=p.account_id, other=accounts[p.account_id])))
            accounts.setdefault(p.account_id, p.source)
        else:
            for m in p.members:
                if m.model.id in members and members[m.model.id] != p.source:
                    found.append((f"{p.source}: {m.path}.id", Message("plan.member_twice", other=members[m.model.id])))
                members.setdefault(m.model.id, p.source)
    return found
