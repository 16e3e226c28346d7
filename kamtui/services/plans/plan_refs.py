"""The references of an import's records, checked before anything is written: each must
resolve within its own account (to a record in the files or in the workspace) or to a team
member; departments and people go in parents first, and a cycle among new records is named."""

from __future__ import annotations

from typing import Any

from kamtui.messages import Message
from kamtui.services.plans.parse import Problem
from kamtui.services.plans.rows import COLUMNS, INDEX, TABLE, PlanRows
from kamtui.store.writes import stored_rows

# The references the database enforces: (kind, column, kind referred to).
_REFS = {
    "account": [("owner_id", "member")],
    "department": [("parent_id", "department")],
    "person": [("department_id", "department"), ("reports_to_id", "person"), ("owner_id", "member"),
               ("leaning_competitor_id", "competitor")],
    "link": [("to_id", "person")],
}


def stored_of(db: Any, kind: str, column: str, values: list[str]) -> list[tuple]:
    """Stored rows of a kind, their columns put in the order `COLUMNS[kind]` has them."""
    if not values:
        return []
    cols, found = stored_rows(db, TABLE[kind].name, column, values)
    pick = [cols.index(c) for c in COLUMNS[kind]]
    return [tuple(r[i] for i in pick) for r in found]


def reference_problems(db: Any, plans: list[PlanRows], written: dict[str, list[tuple[tuple, str]]],
                       member_ids: set[str]) -> list[Problem]:
    """References the database enforces must resolve within the same account. `written`:
    per kind, the (row, where) the import creates or updates."""
    problems: list[Problem] = []
    in_files: dict[str, dict[str, str]] = {"department": {}, "person": {}, "competitor": {}}
    for p in plans:
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
                    if value not in member_ids:
                        problems.append((f"{where}.{col}", Message("plan.no_member", id=value)))
                    continue
                refs.append((target, value, row[own], where, col))
                if value not in in_files[target]:
                    wanted[target].add(value)
    col = {kind: INDEX[kind]["account_id"] for kind in wanted}
    stored_accounts = {kind: {r[0]: r[col[kind]] for r in stored_of(db, kind, "id", sorted(ids))}
                       for kind, ids in wanted.items()}
    for kind, value, account, where, field_name in refs:
        owner = in_files[kind].get(value) or stored_accounts[kind].get(value)
        if owner != account:
            code = "plan.ref_other_account" if owner else "plan.ref_missing"
            problems.append((f"{where}.{field_name}", Message(code, kind=Message(f"plan.kind.{kind}"), id=value)))
    return problems


def parents_first(rows: list[tuple[tuple, str]], kind: str, attr: str) -> tuple[list[tuple[tuple, str]], list[Problem]]:
    """The new (row, where) in an order the database accepts (each reference checked as a row
    goes in), and the cycles found among them."""
    col = INDEX[kind][attr]
    new = {r[0]: (r, w) for r, w in rows}
    out: list[tuple[tuple, str]] = []
    problems: list[Problem] = []
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
                problems.append((f"{where}.{attr}", Message(f"plan.cycle.{kind}", id=cur)))
                break
            chain.append(cur)
            cur = new[cur][0][col]
        for mid in reversed(chain):
            if mid not in done:
                done.add(mid)
                out.append(new[mid])
    return out, problems
