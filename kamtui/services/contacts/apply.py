"""Importing people from a contact file into an account: read and check everything, show what
would happen (a dry run), then write it in one transaction, all or nothing.

Like a plan import: nothing is written when any row is bad (unless `skip_bad`), a backup is
taken before the first write, the plan is made again inside the write transaction (so it
answers to what is stored at that moment), new departments and people go in with one
executemany per table, updates through the versioned update, and the account's audit log
gets one entry that counts what the import did.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kamtui.domain.models import Department, Person
from kamtui.domain.plan import AccountPlan
from kamtui.errors import InputError, WorkspaceError
from kamtui.messages import Message
from kamtui.services.context import Context, changed
from kamtui.services.contacts import mapping as mapping_
from kamtui.services.contacts import readers
from kamtui.services.contacts.mapping import Contact, Mapping, Problem, Rejected
from kamtui.services.contacts.plan import NEW_DEPARTMENT_FIELDS, NEW_PERSON_FIELDS, ContactPlan, plan
from kamtui.services.contacts.words import place_message, problem_message
from kamtui.store import accounts as store_accounts
from kamtui.store import people as store_people
from kamtui.store import team
from kamtui.store.summary import row_of_plan
from kamtui.store.tables import table_for
from kamtui.store.writes import Stage

# phase ("read" / "check" / "write"), done, total
Progress = Callable[[str, int, int], None]


@dataclass
class Prepared:
    """A contact file read and mapped: the contacts, and the rows that could not be."""

    path: Path
    sheet: readers.Sheet
    mapping: Mapping
    contacts: list[Contact]
    problems: list[Problem]
    rejected: list[Rejected]

    @property
    def source(self) -> str:
        return self.sheet.source


def prepare(path: Path, *, sheet: str | None = None, encoding: str | None = None,
            maps: list[tuple[str, str]] | tuple = (), preset: str | None = None,
            progress: Progress | None = None, ctx: Context | None = None) -> Prepared:
    """Read `path` and map its columns; InputError when the file itself cannot be used.

    With `ctx`, the workspace it has open is refused as a contact file before a byte is read
    (as are its -wal, -shm, -journal): our own descriptor on it, closed, would drop the
    process's SQLite locks, and another process could then delete the -wal under us."""
    if ctx is not None and ctx.ws.is_own_file(path):
        raise InputError("contacts.own_workspace", file=path.name)
    if progress:
        progress("read", 0, 1)
    table = readers.read(path, sheet=sheet, encoding=encoding)
    found = mapping_.mapping_for(table, list(maps), preset)
    contacts, problems, rejected = mapping_.contacts(table, found)
    if progress:
        progress("read", 1, 1)
    return Prepared(path, table, found, contacts, problems, rejected)


def preview(ctx: Context, account_id: str, prepared: Prepared, *, skip_bad: bool = False) -> ContactPlan:
    """What importing would do now (nothing is written): raises nothing for bad rows, they
    are in the plan's `problems`."""
    return _plan(ctx.db, account_id, prepared, skip_bad)


def import_contacts(ctx: Context, account_id: str, prepared: Prepared, *, dry_run: bool = False,
                    skip_bad: bool = False, progress: Progress | None = None) -> ContactPlan:
    """Import (or with `dry_run` only check) the prepared file into the account.

    Raises InputError naming every bad row when there is one and `skip_bad` is not given;
    then nothing is written. A dry run raises nothing for bad rows: they are in the plan's
    entries and `problems` (`refusal` says whether the real run would be refused)."""
    if progress:
        progress("check", 0, 1)
    if dry_run:  # bad rows are in the plan, to be shown in place (`refusal` words them)
        return _plan(ctx.db, account_id, prepared, skip_bad)
    if prepared.problems and not skip_bad:  # refused before any backup, naming every bad row
        _refuse_bad(prepared, _plan(ctx.db, account_id, prepared, skip_bad))
    from kamtui.services.backups import before_import

    if not ctx.read_only:  # (a read-only one is refused by the write just below)
        before_import(ctx.ws)
    stage = None if ctx.read_only else _stage(ctx.db)
    try:
        with ctx.write() as tx:
            stored = store_accounts.plan(tx.db, account_id)  # as stored now, under the lock
            result = _plan_of(stored, prepared, skip_bad)
            _refuse_bad(prepared, result)
            if progress:
                progress("write", 0, 1)
            try:
                _write(tx, prepared, result, stored, stage)
            except sqlite3.IntegrityError as exc:  # a reference the checks did not foresee
                raise WorkspaceError("contacts.failed", why=str(exc)) from None
    finally:
        if stage is not None:
            stage.close()
    if progress:
        progress("write", 1, 1)
    return result


_STAGED = (Department, Person)  # new rows of these go in through the stage


def _stage(db) -> Stage:
    """New rows are parked in an in-memory database, then copied in with one INSERT … SELECT
    per table (store.writes.Stage): a third of an executemany's time into the workspace's
    tables, whose search triggers fire per row (measured: 20,000 people 0.57 s against 1.5 s).
    It is attached, its tables made, before the transaction (SQLite attaches only outside one)."""
    stage = Stage(db)
    for model in _STAGED:
        t = table_for(model)
        stage.add(t.name, [t.col(f) for f in t.fields], [])
    return stage


def _plan(db, account_id: str, prepared: Prepared, skip_bad: bool) -> ContactPlan:
    account = store_accounts.account(db, account_id)
    people = store_people.people(db, account_id, include_archived=True)
    departments = store_people.departments(db, account_id)
    return plan(account, prepared.contacts, prepared.problems, people, departments, skip_bad=skip_bad,
                rejected=prepared.rejected)


def _plan_of(stored: AccountPlan, prepared: Prepared, skip_bad: bool) -> ContactPlan:
    return plan(stored.account, prepared.contacts, prepared.problems, stored.people,
                [d for d in stored.departments if not d.archived], skip_bad=skip_bad, rejected=prepared.rejected)


def refusal(prepared: Prepared, result: ContactPlan) -> InputError | None:
    """Why `result` may not be written: its bad rows, unless they are to be skipped."""
    if result.problems and not result.skip_bad:
        return problems_error(prepared.source, result.problems)
    return None


def _refuse_bad(prepared: Prepared, result: ContactPlan) -> None:
    error = refusal(prepared, result)
    if error is not None:
        raise error


def where_message(source: str, p: Problem) -> Message:
    return Message("contacts.where", file=source, place=place_message(p.place, p.column))


def problem_where(source: str, p: Problem, lang: str = "en") -> str:
    return where_message(source, p).text(lang)


def problems_error(source: str, problems: list[Problem]) -> InputError:
    listed = [(where_message(source, p), problem_message(p)) for p in problems]
    if len(listed) == 1:
        where, what = listed[0]
        return InputError("contacts.bad_row", problems=listed, where=where, what=what)
    rows = len({(p.place.unit, p.place.number) for p in problems})
    return InputError("contacts.bad_rows", problems=listed, file=source, rows=rows, n=len(problems))


def _rows(t, models: list, varying: tuple[str, ...]) -> tuple[list[str], list[tuple]]:
    """The models as rows in the store's encoding (`Table.to_row`), for models that differ
    from the first only in `varying`, plain text or None: the first encoded, the others copies
    of it with those columns replaced (a test checks this gives `to_row`'s rows)."""
    first = t.to_row(models[0])
    columns = list(first)
    template = list(first.values())
    at = [(columns.index(t.col(f)), f) for f in varying]
    rows = []
    for m in models:
        row = template.copy()
        for i, f in at:
            row[i] = getattr(m, f)
        rows.append(tuple(row))
    return columns, rows


def _write(tx, prepared: Prepared, result: ContactPlan, stored: AccountPlan, stage: Stage | None = None) -> None:
    account = result.account.id
    for models, varying in ((result.new_departments, NEW_DEPARTMENT_FIELDS), (result.creates, NEW_PERSON_FIELDS)):
        if models:
            t = table_for(models[0])
            columns, rows = _rows(t, models, varying)
            if stage is not None and stage.columns.get(t.name) == columns:
                stage.add(t.name, columns, [(i, *r) for i, r in enumerate(rows)])
                stage.copy(tx, t.name, [account])
            else:
                tx.insert_rows(t.name, columns, rows, [account])
    saved = {}
    for person, changes in result.updates:
        saved[person.id] = tx.update(changed(person, changes))
    # The account's figures from the records it now has, rather than read back (as the plan
    # import does): the stored ones with this import's changes.
    after = stored.model_copy(update={
        "departments": stored.departments + result.new_departments,
        "people": [saved.get(p.id, p) for p in stored.people] + result.creates,
    })
    tx.use_summaries([row_of_plan(after, team.settings(tx.db).policy)])
    counts = {"source": [None, prepared.source], "people_created": [None, len(result.creates)],
              "people_updated": [None, len(result.updates)],
              "departments_created": [None, len(result.new_departments)]}
    if result.written:
        tx.audit("account", account, account, "import", {k: v for k, v in counts.items() if v[1]})
