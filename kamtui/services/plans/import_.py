"""Importing plan files: everything validated first, then one transaction, upserting by id.

A record is *created* when the workspace lacks it, *unchanged* when its content equals the
stored one, *updated* when it differs and the workspace still holds the version the file was
made from, and a *conflict* when it differs and the workspace's version moved on since:
conflicts are listed and skipped, or overwritten with `overwrite=True`. Records the workspace
has and the files lack are left alone. A file written without private fields
(`private = false`) keeps the private fields stored in the workspace.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kamtui.domain.models import (
    Account, Activity, Assessment, Competitor, Department, LayerTarget, Person, PersonLink,
    PitfallDismissal, Settings,
)
from kamtui.errors import InputError, WorkspaceError
from kamtui.services.backups import before_import
from kamtui.services.context import Context
from kamtui.services.plans import format as fmt
from kamtui.services.plans.bulk import gc_paused
from kamtui.services.plans.parse import (
    Item, Parsed, ParsedPlan, ParsedWorkspace, Problem, Source, parse_source, read_path,
)
from kamtui.services.plans.results import Conflict, Counts, ImportResult, summary_rows  # noqa: F401 (re-exported)
from kamtui.store import queries
from kamtui.store.tables import table_for

# phase ("read" / "write"), done, total
Progress = Callable[[str, int, int], None]

PLAN_MODELS: dict[str, type[BaseModel]] = {
    "department": Department, "person": Person, "link": PersonLink, "competitor": Competitor,
    "assessment": Assessment, "target": LayerTarget, "activity": Activity, "dismissal": PitfallDismissal,
}


# --- entry points --------------------------------------------------------------------------

def import_path(ctx: Context, path: Path, *, dry_run: bool = False, overwrite: bool = False,
                progress: Progress | None = None) -> ImportResult:
    """Import a plan file or a folder of them (`workspace.toml` and one file per account)."""
    sources, found = read_path(path)
    return import_sources(ctx, sources, dry_run=dry_run, overwrite=overwrite, progress=progress,
                          problems=found)


def import_sources(ctx: Context, sources: list[Source], *, dry_run: bool = False,
                   overwrite: bool = False, progress: Progress | None = None,
                   problems: Iterable[Problem] = ()) -> ImportResult:
    """Validate every source, then (unless `dry_run`) write all of it in one transaction.

    Raises InputError listing every problem of every file; then nothing is written.
    """
    with gc_paused():
        return _import_sources(ctx, sources, dry_run=dry_run, overwrite=overwrite,
                               progress=progress, problems=problems)


def _import_sources(ctx: Context, sources: list[Source], *, dry_run: bool, overwrite: bool,
                    progress: Progress | None, problems: Iterable[Problem]) -> ImportResult:
    found = list(problems)
    parsed: list[Parsed] = []
    for i, source in enumerate(sources):
        p, errs = parse_source(source)
        found += errs
        if p is not None:
            parsed.append(p)
        if progress:
            progress("read", i + 1, len(sources))
    found += _across_files(parsed)
    if found:
        raise _input_error(found)
    if dry_run:
        changes = _Changes(ctx.db, parsed, overwrite)
        return changes.result(len(sources), dry_run=True)
    before_import(ctx.ws)
    with ctx.write() as tx:
        changes = _Changes(tx.db, parsed, overwrite)
        if progress:
            progress("write", 0, 1)
        try:
            changes.apply(tx)
        except sqlite3.IntegrityError as exc:  # a reference the checks above did not foresee
            raise WorkspaceError(f"Could not import: {exc} (nothing was imported).") from None
    if progress:
        progress("write", 1, 1)
    return changes.result(len(sources), dry_run=False)


def _input_error(found: list[Problem]) -> InputError:
    files = {where.split(":")[0].split(", line")[0] for where, _ in found}
    if len(found) == 1:
        where, what = found[0]
        return InputError(f"{where}: {what} (nothing was imported)", found)
    if len(files) == 1:
        return InputError(f"{next(iter(files))}: {len(found)} problems (nothing was imported)", found)
    return InputError(f"{len(files)} files have problems, {len(found)} in all (nothing was imported)", found)


def _across_files(parsed: list[Parsed]) -> list[Problem]:
    found: list[Problem] = []
    accounts: dict[str, str] = {}
    members: dict[str, str] = {}
    workspaces = [p for p in parsed if isinstance(p, ParsedWorkspace)]
    if sum(w.settings is not None for w in workspaces) > 1:
        names = ", ".join(w.source for w in workspaces if w.settings is not None)
        found.append((names, "settings are given by more than one file"))
    for p in parsed:
        if isinstance(p, ParsedPlan):
            if p.account_id in accounts:
                found.append((f"{p.source}: account.id",
                              f"{p.account_id!r} is also the account of {accounts[p.account_id]}"))
            accounts.setdefault(p.account_id, p.source)
        else:
            for m in p.members:
                if m.model.id in members and members[m.model.id] != p.source:
                    found.append((f"{p.source}: {m.path}.id", f"also a member in {members[m.model.id]}"))
                members.setdefault(m.model.id, p.source)
    return found


# --- working out the changes ---------------------------------------------------------------

def _stored_by_ids(db: Any, cls: type[BaseModel], ids: list[str]) -> dict[str, Any]:
    if not ids:
        return {}
    found = queries.rows(db, cls, "id IN (SELECT value FROM json_each(:ids))", {"ids": json.dumps(ids)})
    return {m.id: m for m in found}


def _stored_by_accounts(db: Any, cls: type[BaseModel], account_ids: list[str]) -> list[Any]:
    if not account_ids:
        return []
    return queries.rows(db, cls, "account_id IN (SELECT value FROM json_each(:ids))",
                        {"ids": json.dumps(account_ids)})


def _label(model: Any) -> str:
    for attr in ("name", "key"):
        v = getattr(model, attr, None)
        if isinstance(v, str) and v:
            return v
    if isinstance(model, LayerTarget):
        return model.layer.value
    if isinstance(model, Assessment):
        return model.assessed_on.isoformat()
    if isinstance(model, Activity):
        return f"{model.type.value} {model.planned_on or ''}".strip()
    if isinstance(model, PersonLink):
        return model.kind.value
    return getattr(model, "id", "")


class _Changes:
    """What importing `parsed` into the workspace would do: read only, applied by `apply`."""

    def __init__(self, db: Any, parsed: list[Parsed], overwrite: bool):
        self.db = db
        self.overwrite = overwrite
        self.counts: dict[str, Counts] = {kind: Counts() for kind in fmt.KINDS}
        self.per_account: dict[str, tuple[str, Counts]] = {}  # account id -> (source, counts)
        self.workspace_counts = Counts()
        self.workspace_sources: list[str] = []
        self.conflicts: list[Conflict] = []
        self.problems: list[Problem] = []
        self.creates: dict[str, list[tuple[Any, str]]] = {kind: [] for kind in fmt.KINDS}
        self.updates: list[tuple[Any, int, str]] = []  # (record, stored version, where)
        self.settings: tuple[Settings, int] | None = None
        self._plans = [p for p in parsed if isinstance(p, ParsedPlan)]
        self._workspaces = [p for p in parsed if isinstance(p, ParsedWorkspace)]
        self._workspace_part()
        self._plan_part()
        self._check_references()
        self._order_creates()
        if self.problems:
            raise _input_error(self.problems)

    # -- deciding one record ------------------------------------------------------------------
    def _decide(self, kind: str, item: Item, stored: Any, where: str, counts: Counts,
                private: bool = True) -> None:
        model = item.model
        if stored is None:
            self.creates[kind].append((model, where))
            self.counts[kind].created += 1
            counts.created += 1
            return
        if not private:  # the file does not hold them: keep what the workspace has
            model = model.model_copy(update={f: getattr(stored, f) for f in fmt.PRIVATE_FIELDS})
        if fmt.comparable(model) == fmt.comparable(stored):
            self.counts[kind].unchanged += 1
            counts.unchanged += 1
            return
        if stored.version == model.version or self.overwrite:
            self.updates.append((model, stored.version, where))
            self.counts[kind].updated += 1
            counts.updated += 1
        else:
            self.counts[kind].conflicts += 1
            counts.conflicts += 1
        if stored.version != model.version:
            self._conflict(kind, model, stored, where)

    def _conflict(self, kind: str, model: Any, stored: Any, where: str) -> None:
        entity, key = _entity_key(kind, model)
        who, at = queries.last_change(self.db, entity, key)
        self.conflicts.append(Conflict(kind, key, _label(model), where, model.version, stored.version,
                                       who, at, self.overwrite))

    # -- the workspace file ---------------------------------------------------------------------
    def _workspace_part(self) -> None:
        stored_members = {m.id: m for m in queries.members(self.db, include_archived=True)}
        for w in self._workspaces:
            self.workspace_sources.append(w.source)
            for item in w.members:
                self._decide("member", item, stored_members.get(item.model.id), f"{w.source}: {item.path}",
                             self.workspace_counts)
            if w.settings is not None:
                self._settings(w.settings, w.source)
        self.member_ids = set(stored_members) | {i.model.id for w in self._workspaces for i in w.members}

    def _settings(self, item: Item, source: str) -> None:
        new: Settings = item.model
        stored = queries.settings(self.db)
        c = self.counts["settings"]
        if fmt.comparable(new) == fmt.comparable(stored):
            c.unchanged += 1
            self.workspace_counts.unchanged += 1
            return
        # A workspace's settings at version 0 are the defaults `init` wrote, nobody's edit.
        if stored.version in (new.version, 0) or self.overwrite:
            self.settings = (new, stored.version)
            c.updated += 1
            self.workspace_counts.updated += 1
        else:
            c.conflicts += 1
            self.workspace_counts.conflicts += 1
        if stored.version not in (new.version, 0):
            who, at = queries.last_change(self.db, "settings", "1")
            self.conflicts.append(Conflict("settings", "1", new.team_name, f"{source}: settings",
                                           new.version, stored.version, who, at, self.overwrite))

    # -- account plans ----------------------------------------------------------------------------
    def _plan_part(self) -> None:
        plans = self._plans
        stored_accounts = _stored_by_ids(self.db, Account, [p.account_id for p in plans])
        stored: dict[str, dict[Any, Any]] = {}
        for kind, cls in PLAN_MODELS.items():
            if kind == "target":
                found = _stored_by_accounts(self.db, cls, [p.account_id for p in plans])
                stored[kind] = {(m.account_id, m.layer): m for m in found}
            elif kind == "dismissal":
                found = _stored_by_accounts(self.db, cls, [p.account_id for p in plans])
                stored[kind] = {(m.account_id, m.key): m for m in found}
            else:
                ids = [i.model.id for p in plans for i in p.items[kind]]
                stored[kind] = _stored_by_ids(self.db, cls, ids)
        for p in plans:
            counts = Counts()
            self.per_account[p.account_id] = (p.source, counts)
            self._decide("account", p.account, stored_accounts.get(p.account_id),
                         f"{p.source}: account", counts)
            for kind in PLAN_MODELS:
                for item in p.items[kind]:
                    m = item.model
                    key = ((m.account_id, m.layer) if kind == "target" else
                           (m.account_id, m.key) if kind == "dismissal" else m.id)
                    s = stored[kind].get(key)
                    where = f"{p.source}: {item.path}"
                    if s is not None and s.account_id != p.account_id:
                        self.problems.append((f"{where}.id", f"{m.id!r} is a {kind} of another account "
                                                             "in this workspace"))
                        continue
                    if kind == "link" and s is not None and s.from_id != m.from_id:
                        self.problems.append((f"{where}.id", f"{m.id!r} is a link from another person "
                                                             "in this workspace"))
                        continue
                    self._decide(kind, item, s, where, counts, private=p.private or kind != "person")

    # -- references ---------------------------------------------------------------------------
    def _check_references(self) -> None:
        """References the database enforces must resolve within the same account."""
        written = {kind: [(m, w) for m, w in self.creates[kind]] for kind in self.creates}
        for m, _, where in self.updates:
            written[fmt.KIND_OF[type(m)]].append((m, where))
        in_files: dict[str, dict[str, str]] = {"department": {}, "person": {}, "competitor": {}}
        for p in self._plans:
            for kind in in_files:
                for item in p.items[kind]:
                    in_files[kind][item.model.id] = p.account_id
        wanted: dict[str, set[str]] = {k: set() for k in in_files}
        refs: list[tuple[str, str, str, str, str]] = []  # (kind, id, account, where, field)

        def ref(kind: str, value: str | None, account: str, where: str, field_name: str) -> None:
            if value is None:
                return
            if kind == "member":
                if value not in self.member_ids:
                    self.problems.append((f"{where}.{field_name}",
                                          f"no team member {value!r} in the workspace or its file"))
                return
            refs.append((kind, value, account, where, field_name))
            if value not in in_files[kind]:
                wanted[kind].add(value)

        for m, where in written.get("account", []):
            ref("member", m.owner_id, m.id, where, "owner_id")
        for m, where in written.get("department", []):
            ref("department", m.parent_id, m.account_id, where, "parent_id")
        for m, where in written.get("person", []):
            ref("department", m.department_id, m.account_id, where, "department_id")
            ref("person", m.reports_to_id, m.account_id, where, "reports_to_id")
            ref("member", m.owner_id, m.account_id, where, "owner_id")
            ref("competitor", m.leaning_competitor_id, m.account_id, where, "leaning_competitor_id")
        for m, where in written.get("link", []):
            ref("person", m.to_id, m.account_id, where, "to_id")
        cls = {"department": Department, "person": Person, "competitor": Competitor}
        stored_accounts = {kind: {k: v.account_id for k, v in _stored_by_ids(self.db, cls[kind], sorted(ids)).items()}
                           for kind, ids in wanted.items()}
        for kind, value, account, where, field_name in refs:
            owner = in_files[kind].get(value) or stored_accounts[kind].get(value)
            if owner != account:
                what = "of another account" if owner else "in this plan or the workspace"
                self.problems.append((f"{where}.{field_name}", f"no {kind} {value!r} {what}"))

    # -- insert order -------------------------------------------------------------------------
    def _order_creates(self) -> None:
        """Parents before children: the database checks each reference as a row goes in."""
        self.creates["department"] = self._parents_first("department", "parent_id")
        self.creates["person"] = self._parents_first("person", "reports_to_id")

    def _parents_first(self, kind: str, attr: str) -> list[tuple[Any, str]]:
        rows = self.creates[kind]
        new = {m.id: (m, w) for m, w in rows}
        out: list[tuple[Any, str]] = []
        done: set[str] = set()
        for m, _ in rows:
            chain: list[str] = []
            cur: str | None = m.id
            while cur in new and cur not in done:
                if cur in chain:
                    where = new[chain[-1]][1]
                    self.problems.append((f"{where}.{attr}", f"{kind}s form a cycle through {cur!r}"))
                    break
                chain.append(cur)
                cur = getattr(new[cur][0], attr)
            for mid in reversed(chain):
                if mid not in done:
                    done.add(mid)
                    out.append(new[mid])
        return out

    # -- writing ------------------------------------------------------------------------------
    def apply(self, tx: Any) -> None:
        creates = [m for kind in fmt.KINDS for m, _ in self.creates[kind]]
        if creates:
            tx.insert_many(creates)
        for model, base, _ in self.updates:
            tx.update(model, base_version=base)
        if self.settings is not None:
            new, base = self.settings
            tx.save_settings(new, base_version=base)
        for w in self.workspace_sources:
            tx.audit("workspace", "settings", None, "import",
                     {"source": [None, w], **self.workspace_counts.as_changes()})
        for account_id, (source, counts) in self.per_account.items():
            tx.audit("account", account_id, account_id, "import",
                     {"source": [None, source], **counts.as_changes()})

    def result(self, files: int, *, dry_run: bool) -> ImportResult:
        return ImportResult(self.counts, self.conflicts, files, dry_run, self.overwrite)


def _entity_key(kind: str, model: Any) -> tuple[str, str]:
    """The audit log's name for a record: table and key (as the write helper records them)."""
    t = table_for(model)
    return t.name, ":".join(str(v) for v in t.key_of(model).values())
