"""What importing plan files would do to a workspace, worked out on rows; and doing it.

A record is *created* when the workspace lacks it, *unchanged* when its content equals the
stored one, *updated* when it differs and the workspace still holds the version the file was
made from, and a *conflict* when it differs and the workspace's version moved on since.

Stored rows are read with one query per table and compared as rows: equal rows (but for the
version) are the same content; only when they differ are both turned into models and
compared in their file form (`format.comparable`), which is what decides.
"""

from __future__ import annotations

from typing import Any

from kamtui.domain.models import Activity, Assessment, LayerTarget, PersonLink, Settings
from kamtui.services.plans import format as fmt
from kamtui.services.plans.parse import ParsedWorkspace, Problem
from kamtui.services.plans.results import Conflict, Counts, ImportResult
from kamtui.services.plans.rows import (
    COLUMNS, INDEX, INSERT_ORDER, PLAN_KINDS, TABLE, PlanRows, key_of, model_of, row_of,
)
from kamtui.store import queries
from kamtui.store.writes import stored_rows

_PRIVATE_COLUMNS = [INDEX["person"][TABLE["person"].col(f)] for f in fmt.PRIVATE_FIELDS]
# The references the database enforces: (kind, column, kind referred to).
_REFS = {
    "account": [("owner_id", "member")],
    "department": [("parent_id", "department")],
    "person": [("department_id", "department"), ("reports_to_id", "person"), ("owner_id", "member"),
               ("leaning_competitor_id", "competitor")],
    "link": [("to_id", "person")],
}


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


def _stored(db: Any, kind: str, column: str, values: list[str]) -> list[tuple]:
    """Stored rows of a kind, their columns put in the order `COLUMNS[kind]` has them."""
    if not values:
        return []
    cols, found = stored_rows(db, TABLE[kind].name, column, values)
    pick = [cols.index(c) for c in COLUMNS[kind]]
    return [tuple(r[i] for i in pick) for r in found]


class Changes:
    """What importing these files would do: worked out read-only here, applied by `apply`."""

    def __init__(self, db: Any, plans: list[PlanRows], workspaces: list[ParsedWorkspace], overwrite: bool):
        self.db = db
        self.overwrite = overwrite
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
        self._plans = plans
        self._workspaces = workspaces
        self._workspace_part()
        self._plan_part()
        self._check_references()
        self._order_creates()
        if self.problems:
            raise InputProblems(self.problems)

    # -- deciding one record ------------------------------------------------------------------
    def _same(self, kind: str, row: tuple, stored: tuple) -> bool:
        v = INDEX[kind]["version"]
        if row[:v] == stored[:v] and row[v + 1:] == stored[v + 1:]:
            return True
        return fmt.comparable(model_of(kind, row)) == fmt.comparable(model_of(kind, stored))

    def _decide(self, kind: str, row: tuple, stored: tuple | None, where: str, counts: Counts,
                private: bool = True) -> None:
        if stored is None:
            self.creates[kind].append((row, where))
            self.counts[kind].created += 1
            counts.created += 1
            return
        if not private:  # the file does not hold them: keep what the workspace has
            row = list(row)
            for i in _PRIVATE_COLUMNS:
                row[i] = stored[i]
            row = tuple(row)
        v = INDEX[kind]["version"]
        version, stored_version = row[v], stored[v]
        if self._same(kind, row, stored):
            self.counts[kind].unchanged += 1
            counts.unchanged += 1
            return
        if stored_version == version or self.overwrite:
            self.updates.append((kind, row, stored_version, where))
            self.counts[kind].updated += 1
            counts.updated += 1
        else:
            self.counts[kind].conflicts += 1
            counts.conflicts += 1
        if stored_version != version:
            self._conflict(kind, row, stored_version, where)

    def _conflict(self, kind: str, row: tuple, stored_version: int, where: str) -> None:
        model = model_of(kind, row)
        t = TABLE[kind]
        key = ":".join(str(v) for v in t.key_of(model).values())
        who, at = queries.last_change(self.db, t.name, key)
        self.conflicts.append(Conflict(kind, key, _label(model), where, model.version, stored_version,
                                       who, at, self.overwrite))

    # -- the workspace file ---------------------------------------------------------------------
    def _workspace_part(self) -> None:
        stored_ids = {m.id for m in queries.members(self.db, include_archived=True)}
        in_files = [i.model.id for w in self._workspaces for i in w.members]
        stored = {key_of("member", r): r for r in _stored(self.db, "member", "id", in_files)}
        for w in self._workspaces:
            self.workspace_sources.append(w.source)
            for item in w.members:
                self._decide("member", row_of("member", item.model), stored.get(item.model.id),
                             f"{w.source}: {item.path}", self.workspace_counts)
            if w.settings is not None:
                self._settings(w.settings.model, w.source)
        self.member_ids = stored_ids | set(in_files)

    def _settings(self, new: Settings, source: str) -> None:
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
        account_ids = [p.account_id for p in plans]
        stored: dict[str, dict[Any, tuple]] = {
            "account": {key_of("account", r): r for r in _stored(self.db, "account", "id", account_ids)}}
        for kind in PLAN_KINDS:
            if kind in ("target", "dismissal"):
                found = _stored(self.db, kind, "account_id", account_ids)
            else:
                found = _stored(self.db, kind, "id", [key_of(kind, r) for p in plans for r in p.rows[kind]])
            stored[kind] = {key_of(kind, r): r for r in found}
        self.new_accounts = set(account_ids) - stored["account"].keys()
        account_col = {kind: INDEX[kind]["account_id"] for kind in PLAN_KINDS}
        from_col = INDEX["link"]["from_id"]
        for p in plans:
            counts = Counts()
            self.per_account[p.account_id] = (p.source, counts)
            self._decide("account", p.rows["account"][0], stored["account"].get(p.account_id),
                         f"{p.source}: {p.paths['account'][0]}", counts)
            for kind in PLAN_KINDS:
                rows, paths, found = p.rows[kind], p.paths[kind], stored[kind]
                if not found:  # nothing of this kind stored: every record is new
                    self.creates[kind].extend((r, f"{p.source}: {w}") for r, w in zip(rows, paths))
                    self.counts[kind].created += len(rows)
                    counts.created += len(rows)
                    continue
                for row, path in zip(rows, paths):
                    s = found.get(key_of(kind, row))
                    where = f"{p.source}: {path}"
                    if s is not None and s[account_col[kind]] != p.account_id:
                        self.problems.append((f"{where}.id", f"{row[0]!r} is a {kind} of another account "
                                                             "in this workspace"))
                        continue
                    if kind == "link" and s is not None and s[from_col] != row[from_col]:
                        self.problems.append((f"{where}.id", f"{row[0]!r} is a link from another person "
                                                             "in this workspace"))
                        continue
                    self._decide(kind, row, s, where, counts, private=p.private or kind != "person")

    # -- references ---------------------------------------------------------------------------
    def _check_references(self) -> None:
        """References the database enforces must resolve within the same account."""
        written: dict[str, list[tuple[tuple, str]]] = {kind: list(rows) for kind, rows in self.creates.items()}
        for kind, row, _, where in self.updates:
            written[kind].append((row, where))
        in_files: dict[str, dict[str, str]] = {"department": {}, "person": {}, "competitor": {}}
        for p in self._plans:
            for kind, ids in in_files.items():
                for row in p.rows[kind]:
                    ids[row[0]] = p.account_id
        wanted: dict[str, set[str]] = {k: set() for k in in_files}
        refs: list[tuple[str, str, str, str, str]] = []  # (kind, id, account, where, field)
        for kind in ("account", "department", "person", "link"):
            own = INDEX[kind]["id" if kind == "account" else "account_id"]
            checks = [(INDEX[kind][col], col, target) for col, target in _REFS[kind]]
            for row, where in written[kind]:
                for i, col, target in checks:
                    value = row[i]
                    if value is None:
                        continue
                    if target == "member":
                        if value not in self.member_ids:
                            self.problems.append((f"{where}.{col}",
                                                  f"no team member {value!r} in the workspace or its file"))
                        continue
                    refs.append((target, value, row[own], where, col))
                    if value not in in_files[target]:
                        wanted[target].add(value)
        col = {kind: INDEX[kind]["account_id"] for kind in wanted}
        stored_accounts = {kind: {r[0]: r[col[kind]] for r in _stored(self.db, kind, "id", sorted(ids))}
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

    def _parents_first(self, kind: str, attr: str) -> list[tuple[tuple, str]]:
        rows = self.creates[kind]
        col = INDEX[kind][attr]
        new = {r[0]: (r, w) for r, w in rows}
        out: list[tuple[tuple, str]] = []
        done: set[str] = set()
        for r, _ in rows:
            if r[col] not in new and r[0] not in done:  # the common case: a root, or a stored parent
                done.add(r[0])
                out.append(new[r[0]])
                continue
            chain: list[str] = []
            cur: str | None = r[0]
            while cur in new and cur not in done:
                if cur in chain:
                    where = new[chain[-1]][1]
                    self.problems.append((f"{where}.{attr}", f"{kind}s form a cycle through {cur!r}"))
                    break
                chain.append(cur)
                cur = new[cur][0][col]
            for mid in reversed(chain):
                if mid not in done:
                    done.add(mid)
                    out.append(new[mid])
        return out

    # -- writing ------------------------------------------------------------------------------
    def apply(self, tx: Any, staged: Any = None) -> None:
        """Write it all in `tx`. `staged`: new rows parked ahead (`import_._Staging`), copied when they are exactly the
        ones to create (a first import), else the creates are inserted here."""
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
            else:
                tx.insert_rows(TABLE[kind].name, COLUMNS[kind], rows, accounts)
        for kind, row, base, _ in self.updates:
            tx.update(model_of(kind, row), base_version=base)
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
