"""Typed reads. Every function takes the sqlite-utils Database and returns domain objects."""

from __future__ import annotations

import json
from typing import TypeVar

from pydantic import BaseModel
from sqlite_utils import Database

from kamtui.domain.models import (
    Account, Activity, Assessment, Competitor, Department, LayerTarget, Person, PersonLink,
    PitfallDismissal, Policy, Settings, TeamMember,
)
from kamtui.domain.plan import AccountPlan
from kamtui.errors import NotFoundError, entity_name
from kamtui.store.tables import table_for

M = TypeVar("M", bound=BaseModel)

_ORDER = {
    Department: "name, id",
    Person: "name, id",
    PersonLink: "id",
    Competitor: "name, id",
    Assessment: "assessed_on, id",
    LayerTarget: "layer",
    Activity: "planned_on IS NULL, planned_on, id",
    PitfallDismissal: "key",
    TeamMember: "name, id",
    Account: "name, id",
}


def rows(db: Database, cls: type[M], where: str = "", params: dict | tuple = (), order: str | None = None) -> list[M]:
    t = table_for(cls)
    sql = f"SELECT * FROM {t.name}"
    if where:
        sql += f" WHERE {where}"
    sql += f" ORDER BY {order or _ORDER.get(cls, 'rowid')}"
    return [t.from_row(r) for r in db.query(sql, params)]


def get(db: Database, cls: type[M], id: str) -> M:
    found = rows(db, cls, "id = :id", {"id": id})
    if not found:
        raise NotFoundError("record.no_such", entity=entity_name(table_for(cls).name), id=id)
    return found[0]


def raw_row(db: Database, table: str, key: dict) -> dict | None:
    where = " AND ".join(f"{k} = :{k}" for k in key)
    found = list(db.query(f"SELECT * FROM {table} WHERE {where}", key))
    return found[0] if found else None


def settings(db: Database) -> Settings:
    found = list(db.query("SELECT * FROM settings WHERE id = 1"))
    if not found:
        return Settings()
    r = found[0]
    return Settings(
        team_name=r["team_name"], default_lang=r["default_lang"],
        policy=Policy.model_validate_json(r["policy"]), version=r["version"],
    )


def members(db: Database, include_archived: bool = False) -> list[TeamMember]:
    return rows(db, TeamMember, "" if include_archived else "archived = 0")


def accounts(db: Database, include_archived: bool = False) -> list[Account]:
    return rows(db, Account, "" if include_archived else "archived = 0")


def account_ids(db: Database) -> list[str]:
    return [r["id"] for r in db.query("SELECT id FROM account ORDER BY name, id")]


def plan(db: Database, account_id: str) -> AccountPlan:
    """The account and everything hanging off it (archived records included)."""
    account = get(db, Account, account_id)
    p = {"account_id": account_id}
    return AccountPlan(
        account=account,
        departments=rows(db, Department, "account_id = :account_id", p),
        people=rows(db, Person, "account_id = :account_id", p),
        links=rows(db, PersonLink, "account_id = :account_id", p),
        competitors=rows(db, Competitor, "account_id = :account_id", p),
        assessments=rows(db, Assessment, "account_id = :account_id", p),
        targets=rows(db, LayerTarget, "account_id = :account_id", p),
        activities=rows(db, Activity, "account_id = :account_id", p),
        dismissals=rows(db, PitfallDismissal, "account_id = :account_id", p),
    )


def counts(db: Database, account_id: str) -> dict[str, int]:
    """What goes with an account: people, departments, activities, assessments."""
    out = {}
    for table in ("person", "department", "activity", "assessment", "competitor"):
        out[table] = db.execute(
            f"SELECT count(*) FROM {table} WHERE account_id = ?", [account_id]
        ).fetchone()[0]
    return out


def departments(db: Database, account_id: str, parent_id: str | None = None, *, all_levels: bool = False) -> list[Department]:
    if all_levels:
        return rows(db, Department, "account_id = :a AND archived = 0", {"a": account_id})
    if parent_id is None:
        return rows(db, Department, "account_id = :a AND parent_id IS NULL AND archived = 0", {"a": account_id})
    return rows(db, Department, "account_id = :a AND parent_id = :p AND archived = 0", {"a": account_id, "p": parent_id})


def people(db: Database, account_id: str, department_id: str | None = None, *, include_archived: bool = False) -> list[Person]:
    where = "account_id = :a"
    params: dict = {"a": account_id}
    if department_id is not None:
        where += " AND department_id = :d"
        params["d"] = department_id
    if not include_archived:
        where += " AND archived = 0"
    return rows(db, Person, where, params)


def activities(
    db: Database, account_id: str | None = None, start: str | None = None, end: str | None = None,
    owner_id: str | None = None, include_archived: bool = False,
) -> list[Activity]:
    clauses, params = [], {}
    if account_id is not None:
        clauses.append("account_id = :a")
        params["a"] = account_id
    if start is not None:
        clauses.append("planned_on >= :s")
        params["s"] = start
    if end is not None:
        clauses.append("planned_on <= :e")
        params["e"] = end
    if owner_id is not None:
        clauses.append("owner_id = :o")
        params["o"] = owner_id
    if not include_archived:
        clauses.append("archived = 0")
    return rows(db, Activity, " AND ".join(clauses), params)


def assessments(db: Database, account_id: str) -> list[Assessment]:
    return rows(db, Assessment, "account_id = :a", {"a": account_id})


def last_change(db: Database, entity: str, entity_id: str) -> tuple[str | None, str | None]:
    """Who changed a record last, and when (from the audit log)."""
    found = db.execute(
        "SELECT who, at FROM audit WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1",
        [entity, entity_id],
    ).fetchone()
    return (found[0], found[1]) if found else (None, None)


def audit(db: Database, account_id: str | None = None, since: str | None = None, limit: int | None = None) -> list[dict]:
    clauses, params = [], {}
    if account_id is not None:
        clauses.append("account_id = :a")
        params["a"] = account_id
    if since is not None:
        clauses.append("at >= :s")
        params["s"] = since
    sql = "SELECT * FROM audit"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    out = []
    for r in db.query(sql, params):
        r = dict(r)
        r["changes"] = json.loads(r["changes"])
        out.append(r)
    return out


def preference(db: Database, owner: str, key: str) -> str | None:
    found = db.execute("SELECT value FROM preference WHERE owner = ? AND key = ?", [owner, key]).fetchone()
    return found[0] if found else None
