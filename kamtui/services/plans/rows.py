"""A validated plan file as table rows: plain tuples, cheap to compare, park and insert.

The import compares and writes rows, not models: each record is validated once (pydantic, in
`parse`), turned into its row in the store's encoding (`Table.encode`) and, where an account's
summary can be known from its file alone, summarised from the models (`summary_row`). Models
are rebuilt from rows
only for the few records that need one (an update, a conflict's label, a content comparison
that the rows alone cannot settle).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from kamtui.domain import ordering
from kamtui.domain.models import Policy
from kamtui.domain.plan import AccountPlan
from kamtui.services.plans import format as fmt
from kamtui.services.plans.parse import ParsedPlan
from kamtui.store.tables import Table, table_for

# Kinds a plan file holds, in the order the import walks them (and reports their problems).
PLAN_KINDS = ("department", "person", "link", "competitor", "assessment", "target", "activity", "dismissal")
ROW_KINDS = ("member", "account", *PLAN_KINDS)
MODEL: dict[str, type[BaseModel]] = {kind: fmt.KINDS[kind][0] for kind in ROW_KINDS}
TABLE: dict[str, Table] = {kind: table_for(MODEL[kind]) for kind in ROW_KINDS}
# A row's columns: the table's declared columns (its model's fields in declaration order).
COLUMNS: dict[str, list[str]] = {kind: t.columns for kind, t in TABLE.items()}
INDEX: dict[str, dict[str, int]] = {kind: {c: i for i, c in enumerate(cols)} for kind, cols in COLUMNS.items()}
# Parents before children: the database checks each reference as a row goes in.
INSERT_ORDER = tuple(sorted(ROW_KINDS, key=lambda kind: ordering.INSERT_ORDER.index(MODEL[kind].__name__)))


@dataclass
class PlanRows:
    """One plan file's records as rows (kind -> rows, file order) and where each was."""

    source: str
    private: bool
    account_id: str
    rows: dict[str, list[tuple]] = field(default_factory=dict)
    paths: dict[str, list[str]] = field(default_factory=dict)
    entries: list[dict] = field(default_factory=list)  # the file's [[conflicts]]


_MAKE_ROW = {kind: t.encode for kind, t in TABLE.items()}


def row_of(kind: str, model: BaseModel) -> tuple:
    return _MAKE_ROW[kind](model)


def model_of(kind: str, row: tuple) -> Any:
    """The model a row stands for (as the store would read it back)."""
    return TABLE[kind].model_of(row)


def key_of(kind: str, row: tuple) -> Any:
    """What a record is upserted by: targets by (account, layer), dismissals by (account, key)."""
    ix = INDEX[kind]
    if kind == "target":
        return (row[ix["account_id"]], row[ix["layer"]])
    if kind == "dismissal":
        return (row[ix["account_id"]], row[ix["key"]])
    return row[ix["id"]]


def account_plan(p: ParsedPlan) -> AccountPlan:
    """The file's validated records as an AccountPlan, without validating them again."""
    def models(kind: str) -> list:
        return [i.model for i in p.items.get(kind, [])]

    return AccountPlan.model_construct(
        account=p.account.model, departments=models("department"), people=models("person"),
        links=models("link"), competitors=models("competitor"), assessments=models("assessment"),
        targets=models("target"), activities=models("activity"), dismissals=models("dismissal"),
    )


def summary_row(p: ParsedPlan, policy: Policy) -> tuple:
    # (imported here: the summary's rules and sqlite-utils are no part of an export, nor of
    # the merge driver, which load this module)
    from kamtui.store.summary import row_of_plan

    return row_of_plan(account_plan(p), policy)


def plan_rows(p: ParsedPlan) -> PlanRows:
    """`p` as rows."""
    out = PlanRows(p.source, p.private, p.account_id, entries=p.entries)
    out.rows["account"] = [row_of("account", p.account.model)]
    out.paths["account"] = [p.account.path]
    for kind in PLAN_KINDS:
        items = p.items.get(kind, [])
        make = _MAKE_ROW[kind]
        out.rows[kind] = [make(i.model) for i in items]
        out.paths[kind] = [i.path for i in items]
    return out


def parents_first(kind: str, rows: list[tuple]) -> list[tuple]:
    """Departments and people of one file with each parent before its children (the order the
    import inserts new ones in); other kinds as they are. Rows in a cycle keep their place
    after the others (the import refuses them anyway)."""
    attr = {"department": "parent_id", "person": "reports_to_id"}.get(kind)
    if attr is None:
        return rows
    col = INDEX[kind][attr]
    new = {r[0]: r for r in rows}
    out: list[tuple] = []
    done: set[str] = set()
    for r in rows:
        chain: list[str] = []
        cur: str | None = r[0]
        while cur in new and cur not in done and cur not in chain:
            chain.append(cur)
            cur = new[cur][col]
        for mid in reversed(chain):
            done.add(mid)
            out.append(new[mid])
    return out
