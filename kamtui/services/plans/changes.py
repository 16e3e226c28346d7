"""What importing plan files would do to a workspace, worked out on rows; and doing it.

A record is *created* when the workspace lacks it, *unchanged* when the file brings nothing
new, *updated* when the file changed it since the last sync (merged field by field with what
the workspace changed meanwhile), and a *conflict* when both changed the same field
differently, or the file itself carries a conflict a merge left (see `threeway`). Every record
read from the files, but the conflicting ones, becomes the record's new base.

Stored rows are read with one query per table and compared as rows: equal rows (but for the
version) are the same content; only when they differ are both turned into models and
compared in their file form (`format.comparable`), which is what decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kamtui.domain.models import Activity, Assessment, LayerTarget, PersonLink, Settings
from kamtui.domain.plan_merge import equal_records
from kamtui.messages import Message
from kamtui.services.plans import format as fmt
from kamtui.services.plans.parse import ParsedWorkspace, Problem
from kamtui.services.plans import threeway
from kamtui.services.plans.plan_refs import parents_first, reference_problems, stored_of
from kamtui.services.plans.results import Conflict, Counts, ImportResult
from kamtui.services.plans.rows import (
    COLUMNS, INDEX, INSERT_ORDER, PLAN_KINDS, TABLE, PlanRows, key_of, model_of, row_of,
)
from kamtui.services.sync import record_values
from kamtui.store import audit, sync_base, team
from kamtui.store.sync_base import key_text

_PRIVATE_COLUMNS = [INDEX["person"][TABLE["person"].col(f)] for f in fmt.PRIVATE_FIELDS]


class InputProblems(Exception):
    """Problems only the workspace reveals (references, ids of other accounts, cycles)."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        self.problems = problems


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


class Changes:
    """What importing these files would do: worked out read-only here, applied by `apply`."""

    def __init__(self, db: Any, plans: list[PlanRows], workspaces: list[ParsedWorkspace], overwrite: bool,
                 resolve: str = "", file_by: Mapping[str, str] | None = None,
                 choices: Mapping[tuple[str, str], Mapping[str, str]] | None = None):
        self.db = db
        self.resolve = resolve or ("file" if overwrite else "")
        # (kind, key) -> {field path: "file" / "workspace"}: a person's decisions, record by
        # record, over `resolve` (a record whose conflicting fields are not all decided stops)
        self.choices = choices or {}
        self.overwrite = self.resolve == "file"
        # source -> who changed it last (git), when known; asked only for a conflict
        self.file_by: Mapping[str, str] = file_by if file_by is not None else {}
        self.synced_once = sync_base.is_synced(db)
        self.bases: dict[str, dict[str, tuple]] = {}  # kind -> key -> (base columns, kept conflict)
        self.synced: list[sync_base.BaseRow] = []  # the new bases of records read and not stopped
        self.kept: list[tuple[str, str, str | None, dict]] = []  # conflicts to keep (kind, key, account, …)
        self.settings_base: dict | None = None
        self.counts: dict[str, Counts] = {kind: Counts() for kind in fmt.KINDS}
        self.per_account: dict[str, tuple[str, Counts]] = {}  # account id -> (source, counts)
        self.workspace_counts = Counts()
        self.workspace_sources: list[str] = []
        self.conflicts: list[Conflict] = []
        self.problems: list[Problem] = []
        self.creates: dict[str, list[tuple[tuple, str]]] = {kind: [] for kind in INSERT_ORDER}
        self.updates: list[tuple[str, tuple, int, str]] = []  # (kind, row, stored version, where)
        self.settings: tuple[Settings, int] | None = None
        self.new_accounts: set[str] = set()  # accounts the workspace lacks: all theirs is created
        # some record stays (or becomes) other than the file has it: the files do not hold
        # the workspace's state of what they carry (a sync then exports those accounts again)
        self.diverged = False
        self.audit_span: tuple[int, int] | None = None  # the audit entries `apply` wrote: (after, up to)
        self._plans = plans
        self._workspaces = workspaces
        self._workspace_part()
        self._plan_part()
        written: dict[str, list[tuple[tuple, str]]] = {kind: list(rows) for kind, rows in self.creates.items()}
        for kind, row, _, where in self.updates:
            written[kind].append((row, where))
        self.problems += reference_problems(self.db, self._plans, written, self.member_ids)
        for kind, attr in (("department", "parent_id"), ("person", "reports_to_id")):
            self.creates[kind], cycles = parents_first(self.creates[kind], kind, attr)
            self.problems += cycles
        if self.problems:
            raise InputProblems(self.problems)

    # -- deciding one record ------------------------------------------------------------------
    def _same(self, kind: str, row: tuple, stored: tuple) -> bool:
        v = INDEX[kind]["version"]
        if row[:v] == stored[:v] and row[v + 1:] == stored[v + 1:]:
            return True
        return fmt.comparable(model_of(kind, row)) == fmt.comparable(model_of(kind, stored))

    def _load_bases(self, kind: str, keys: list[Any]) -> None:
        self.bases[kind] = sync_base.bases(self.db, kind, keys) if self.synced_once else {}

    def _decide(self, kind: str, row: tuple, stored: tuple | None, where: str, counts: Counts,
                private: bool = True, entries: list[dict] | None = None, source: str = "") -> None:
        key = key_text(key_of(kind, row))
        base, kept = self.bases.get(kind, {}).get(key, (None, None))
        account = row[INDEX[kind]["id" if kind == "account" else "account_id"]] if kind != "member" else None
        if stored is None:
            if base is not None and kept is None and self._same_as(kind, row, base):
                self._count(kind, counts, "unchanged")  # deleted here since the last sync: stays so
                self.diverged = True
                return
            self.creates[kind].append((row, where))
            self._count(kind, counts, "created")
            return
        if not private:  # the file does not hold them: keep what the workspace has
            row = list(row)
            for i in _PRIVATE_COLUMNS:
                row[i] = stored[i]
            row = tuple(row)
        if entries and kept != sync_base.RESOLVED:
            outcome = threeway.decide_recorded(threeway.base_values(kind, base) if base else None,
                                               threeway.values_of(kind, stored), threeway.values_of(kind, row),
                                               entries, self.choices.get((kind, key), self.resolve))
        elif self._same(kind, row, stored):
            self._count(kind, counts, "unchanged")  # the common case: the file holds what is stored
            self._synced(kind, key, account, row, kept, entries, "")
            return
        else:
            outcome = threeway.decide_rows(kind, row, stored, base, self.choices.get((kind, key), self.resolve))
        if outcome.fields:
            self._conflict(kind, key, row, stored, where, outcome, entries, source)
        if outcome.action == "conflict":
            self._count(kind, counts, "conflicts")
            self.diverged = True
            return
        if not self.diverged and not _as_in_file(kind, row, stored, outcome):
            self.diverged = True
        if outcome.action == "update":
            version = stored[INDEX[kind]["version"]]
            self.updates.append((kind, threeway.with_version(kind, outcome.values, version), version, where))
            self._count(kind, counts, "updated")
        else:
            self._count(kind, counts, "unchanged")
        self._synced(kind, key, account, row, kept, entries, outcome.resolution)

    def _synced(self, kind: str, key: str, account: str | None, row: tuple, kept: dict | None,
                entries: list[dict] | None, resolution: str) -> None:
        """The file's record becomes the record's base (a decided conflict: marked for export)."""
        if kept == sync_base.RESOLVED and entries:
            return  # decided here, not yet written by an export: the decision stays
        self.synced.append((kind, key, account, threeway.base_data(kind, row)))
        if entries or resolution:
            self.kept.append((kind, key, account, sync_base.RESOLVED))  # the next export writes it

    def _same_as(self, kind: str, row: tuple, base: dict | None) -> bool:
        return base is not None and threeway.base_data(kind, row) == base

    def _count(self, kind: str, counts: Counts, what: str) -> None:
        setattr(self.counts[kind], what, getattr(self.counts[kind], what) + 1)
        setattr(counts, what, getattr(counts, what) + 1)

    def _conflict(self, kind: str, key: str, row: tuple, stored: tuple, where: str,
                  outcome: threeway.Outcome, entries: list[dict] | None, source: str) -> None:
        model = model_of(kind, row)
        who, at = audit.last_change(self.db, TABLE[kind].name, key)
        file_by = self.file_by.get(source)
        if entries:  # who made each side is in the entries
            by = {e["field"]: e for e in entries}
            sides = [(by[f.path].get("ours_by"), by[f.path].get("theirs_by"), by[f.path].get("ours"))
                     for f in outcome.fields]
            names = {theirs_by if f.workspace == ours else ours_by
                     for (ours_by, theirs_by, ours), f in zip(sides, outcome.fields)} - {None}
            file_by = ", ".join(sorted(names)) or file_by
        self.conflicts.append(Conflict(kind, key, _label(model), where, outcome.fields, who, at, file_by,
                                       outcome.resolution, bool(entries)))
        if outcome.action == "conflict":
            record_id = _record_id(kind, row)
            self.kept.append((kind, key, row[INDEX[kind]["account_id"]] if "account_id" in INDEX[kind] else
                              (row[0] if kind == "account" else None),
                              {"record": threeway.base_data(kind, row),
                               "entries": entries or threeway.entry_values(outcome.fields, kind, record_id,
                                                                           who, file_by)}))

    # -- the workspace file ---------------------------------------------------------------------
    def _workspace_part(self) -> None:
        stored_ids = {m.id for m in team.members(self.db, include_archived=True)}
        in_files = [i.model.id for w in self._workspaces for i in w.members]
        stored = {key_of("member", r): r for r in stored_of(self.db, "member", "id", in_files)}
        self._load_bases("member", in_files)
        for w in self._workspaces:
            self.workspace_sources.append(w.source)
            entries = _entries_by_record(w.entries)
            for item in w.members:
                self._decide("member", row_of("member", item.model), stored.get(item.model.id),
                             f"{w.source}: {item.path}", self.workspace_counts,
                             entries=entries.get(("member", item.model.id)), source=w.source)
            if w.settings is not None:
                self._settings(w.settings.model, w.source, entries.get(("settings", "1")))
        self.member_ids = stored_ids | set(in_files)

    def _settings(self, new: Settings, source: str, entries: list[dict] | None) -> None:
        """The settings, decided like any record (their base is kept as their values)."""
        stored = team.settings(self.db)
        c = self.counts["settings"]
        base, kept = (sync_base.bases(self.db, "settings", ["1"]).get("1", (None, None))
                      if self.synced_once else (None, None))
        mine, theirs = record_values(stored), record_values(new)
        # A workspace's settings at version 0 are the defaults `init` wrote, nobody's edit.
        if base is None and stored.version in (new.version, 0):
            base = mine
        resolve_as = self.choices.get(("settings", "1"), self.resolve)
        if entries and kept != sync_base.RESOLVED:
            outcome = threeway.decide_recorded(base, mine, theirs, entries, resolve_as)
        else:
            outcome = threeway.decide(base, mine, theirs, resolve_as)
        if outcome.fields:
            who, at = audit.last_change(self.db, "settings", "1")
            self.conflicts.append(Conflict("settings", "1", new.team_name, f"{source}: settings", outcome.fields,
                                           who, at, self.file_by.get(source), outcome.resolution, bool(entries)))
        if outcome.action == "conflict" or not equal_records(
                outcome.values if outcome.action == "update" else mine, theirs):
            self.diverged = True
        if outcome.action == "conflict":
            c.conflicts += 1
            self.workspace_counts.conflicts += 1
            self.kept.append(("settings", "1", None, {"record": theirs, "entries": entries or threeway.entry_values(
                outcome.fields, "settings", "1", None, self.file_by.get(source))}))
            return
        if outcome.action == "update":
            self.settings = (Settings.model_validate({**outcome.values, "version": stored.version}), stored.version)
            c.updated += 1
            self.workspace_counts.updated += 1
        else:
            c.unchanged += 1
            self.workspace_counts.unchanged += 1
        self.settings_base = theirs
        if entries or outcome.resolution:
            self.kept.append(("settings", "1", None, sync_base.RESOLVED))

    # -- account plans ----------------------------------------------------------------------------
    def _plan_part(self) -> None:
        plans = self._plans
        account_ids = [p.account_id for p in plans]
        stored: dict[str, dict[Any, tuple]] = {
            "account": {key_of("account", r): r for r in stored_of(self.db, "account", "id", account_ids)}}
        for kind in PLAN_KINDS:
            if kind in ("target", "dismissal"):
                found = stored_of(self.db, kind, "account_id", account_ids)
            else:
                found = stored_of(self.db, kind, "id", [key_of(kind, r) for p in plans for r in p.rows[kind]])
            stored[kind] = {key_of(kind, r): r for r in found}
        self.new_accounts = set(account_ids) - stored["account"].keys()
        self._load_bases("account", account_ids)
        for kind in PLAN_KINDS:
            self._load_bases(kind, [key_of(kind, r) for p in plans for r in p.rows[kind]])
        account_col = {kind: INDEX[kind]["account_id"] for kind in PLAN_KINDS}
        from_col = INDEX["link"]["from_id"]
        for p in plans:
            counts = Counts()
            self.per_account[p.account_id] = (p.source, counts)
            entries = _entries_by_record(p.entries, p.account_id)
            self._decide("account", p.rows["account"][0], stored["account"].get(p.account_id),
                         f"{p.source}: {p.paths['account'][0]}", counts,
                         entries=entries.get(("account", p.account_id)), source=p.source)
            for kind in PLAN_KINDS:
                rows, paths, found = p.rows[kind], p.paths[kind], stored[kind]
                if not found and not self.bases.get(kind):  # nothing of this kind stored: every record is new
                    self.creates[kind].extend((r, f"{p.source}: {w}") for r, w in zip(rows, paths))
                    self.counts[kind].created += len(rows)
                    counts.created += len(rows)
                    continue
                for row, path in zip(rows, paths):
                    s = found.get(key_of(kind, row))
                    where = f"{p.source}: {path}"
                    if s is not None and s[account_col[kind]] != p.account_id:
                        self.problems.append((f"{where}.id", Message("plan.foreign_record", id=row[0],
                                                                     kind=Message(f"plan.kind.{kind}"))))
                        continue
                    if kind == "link" and s is not None and s[from_col] != row[from_col]:
                        self.problems.append((f"{where}.id", Message("plan.foreign_link", id=row[0])))
                        continue
                    self._decide(kind, row, s, where, counts, private=p.private or kind != "person",
                                 entries=entries.get((kind, key_text(key_of(kind, row)))), source=p.source)

    # -- writing ------------------------------------------------------------------------------
    def apply(self, tx: Any, staged: Any = None) -> None:
        """Write it all in `tx`. `staged`: new rows parked ahead (`import_._Staging`), copied when they are exactly the
        ones to create (a first import), else the creates are inserted here."""
        first = sync_base.audit_mark(tx.db)
        for kind in INSERT_ORDER:
            rows = [r for r, _ in self.creates[kind]]
            if not rows:
                continue
            if kind == "member":
                accounts: set[str] = set()
            else:
                i = INDEX[kind]["id" if kind == "account" else "account_id"]
                accounts = {r[i] for r in rows}
            if staged is not None and staged.holds_exactly(kind, rows):
                staged.copy(tx, kind, accounts)
                staged.copy_bases(tx, kind)
            else:
                tx.insert_rows(TABLE[kind].name, COLUMNS[kind], rows, accounts)
                sync_base.put(tx.db, [(kind, key_text(key_of(kind, r)), _account_of(kind, r),
                                       threeway.base_data(kind, r)) for r in rows])
        for kind, row, base, _ in self.updates:
            tx.update(model_of(kind, row), base_version=base)
        if self.settings is not None:
            new, base = self.settings
            tx.save_settings(new, base_version=base)
        sync_base.put(tx.db, self.synced)
        if self.settings_base is not None:
            sync_base.put(tx.db, [("settings", "1", None, self.settings_base)])
        for kind, key, account, conflict in self.kept:
            sync_base.mark_conflict(tx.db, kind, key, account, conflict)
        for w in self.workspace_sources:
            tx.audit("workspace", "settings", None, "import",
                     {"source": [None, w], **self.workspace_counts.as_changes()})
        for account_id, (source, counts) in self.per_account.items():
            tx.audit("account", account_id, account_id, "import",
                     {"source": [None, source], **counts.as_changes()})
        self.audit_span = (first, sync_base.audit_mark(tx.db))

    def result(self, files: int, *, dry_run: bool) -> ImportResult:
        return ImportResult(self.counts, self.conflicts, files, dry_run, self.overwrite, self.diverged,
                            self.audit_span)


def _as_in_file(kind: str, row: tuple, stored: tuple, outcome: threeway.Outcome) -> bool:
    """Whether the record ends as the file has it (the row, private fields already the
    workspace's where the file has none)."""
    ends = outcome.values if outcome.action == "update" else threeway.values_of(kind, stored)
    return equal_records(ends, threeway.values_of(kind, row))


def _account_of(kind: str, row: tuple) -> str | None:
    if kind == "member":
        return None
    return row[INDEX[kind]["id" if kind == "account" else "account_id"]]


def _record_id(kind: str, row: tuple) -> str:
    """A record as a `[[conflicts]]` entry names it: its id; a target's layer, a dismissal's key."""
    ix = INDEX[kind]
    return str(row[ix["layer"]] if kind == "target" else row[ix["key"]] if kind == "dismissal" else row[ix["id"]])


def _entries_by_record(entries: list[dict], account_id: str | None = None) -> dict[tuple[str, str], list[dict]]:
    """A file's [[conflicts]] by (kind, record key as the import keys it)."""
    out: dict[tuple[str, str], list[dict]] = {}
    for e in entries:
        kind, rid = e.get("kind"), str(e.get("id"))
        key = f"{account_id}:{rid}" if kind in ("target", "dismissal") else rid
        out.setdefault((kind, key), []).append(e)
    return out

