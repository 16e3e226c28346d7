"""What an export writes beyond the workspace's records, and what it leaves in the workspace.

- A conflict an import stopped (`store.sync_base`) is written as the file had it: the file's
  record, and its `[[conflicts]]` entries (each field with both values and who made them), so
  that the conflict travels with the file until someone decides it. A decided one is written
  from the workspace, without entries.
- Every other record written becomes its record's synced state (its base): the common
  ancestor the next import of a file made from it merges against.
"""

from __future__ import annotations

from typing import Any

from kamtui.domain.models import Settings, TeamMember
from kamtui.domain.plan import AccountPlan
from kamtui.services.context import Context
from kamtui.services.plans.rows import key_of, row_of
from kamtui.services.plans.threeway import base_data
from kamtui.services.sync import record_values
from kamtui.store import accounts, sync_base, team
from kamtui.store.sync_base import BaseRow, key_text

# AccountPlan's list of each kind
_ATTR = {"department": "departments", "person": "people", "link": "links", "competitor": "competitors",
         "assessment": "assessments", "target": "targets", "activity": "activities", "dismissal": "dismissals"}


def _kept(db: Any, account_ids: list[str] | None) -> tuple[dict[tuple[str, str], dict], list[dict]]:
    """The unresolved conflicts: {(kind, key): the file's record}, and their entries."""
    records: dict[tuple[str, str], dict] = {}
    entries: list[dict] = []
    for kind, key, _account, conflict in sync_base.conflicts(db, account_ids):
        if "record" in conflict:
            records[(kind, key)] = conflict["record"]
            entries += conflict["entries"]
    return records, entries


def _from_data(kind: str, data: dict) -> Any:
    from kamtui.services.plans.rows import COLUMNS, model_of

    return model_of(kind, tuple(0 if c == "version" else data.get(c) for c in COLUMNS[kind]))


def plan_for_file(db: Any, account_id: str) -> tuple[AccountPlan, list[dict], list[BaseRow]]:
    """The account's plan as its file is to hold it, the file's `[[conflicts]]`, and the
    bases of the records written from the workspace."""
    plan = accounts.plan(db, account_id)
    kept, entries = _kept(db, [account_id]) if sync_base.is_synced(db) else ({}, [])
    bases: list[BaseRow] = []

    def take(kind: str, model: Any) -> Any:
        row = row_of(kind, model)
        key = key_text(key_of(kind, row))
        if (kind, key) in kept:
            return _from_data(kind, kept.pop((kind, key)))
        bases.append((kind, key, account_id, base_data(kind, row)))
        return model

    account = take("account", plan.account)
    lists = {attr: [take(kind, m) for m in getattr(plan, attr)] for kind, attr in _ATTR.items()}
    for (kind, _key), data in kept.items():  # kept, but gone from the workspace since
        if kind in _ATTR:
            lists[_ATTR[kind]].append(_from_data(kind, data))
    return AccountPlan.model_construct(account=account, **lists), entries, bases


def workspace_for_file(db: Any) -> tuple[Settings, list[TeamMember], list[dict], list[BaseRow]]:
    """workspace.toml's settings and members as the file is to hold them (see `plan_for_file`)."""
    settings = team.settings(db)
    members = team.members(db, include_archived=True)
    kept, entries = _kept(db, None) if sync_base.is_synced(db) else ({}, [])
    bases: list[BaseRow] = []
    if ("settings", "1") in kept:
        settings = Settings.model_validate({**kept[("settings", "1")], "version": settings.version})
    else:
        bases.append(("settings", "1", None, record_values(settings)))
    out = []
    for m in members:
        row = row_of("member", m)
        if ("member", m.id) in kept:
            out.append(_from_data("member", kept[("member", m.id)]))
        else:
            out.append(m)
            bases.append(("member", m.id, None, base_data("member", row)))
    entries = [e for e in entries if e.get("kind") in ("settings", "member")]
    return settings, out, entries, bases


def record_bases(ctx: Context, bases: list[BaseRow]) -> bool:
    """Store what was written as the records' synced state; False when the workspace is
    read-only here (the files are written all the same; the next import of them then merges
    against the state of the last exchange this workspace could record)."""
    if ctx.read_only or not bases:
        return not ctx.read_only
    with ctx.write() as tx:
        sync_base.put(tx.db, bases)
    return True

