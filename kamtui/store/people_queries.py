"""Reads the stakeholder map needs beyond kamtui.store.queries: one tree level at a time."""

from __future__ import annotations

from sqlite_utils import Database

from kamtui.domain.models import Activity, Department, Person, PersonLink
from kamtui.store.queries import rows


def department_people(db: Database, account_id: str, department_id: str | None) -> list[Person]:
    """The active people of one department; `None`: those in no (active) department."""
    if department_id is None:
        return rows(
            db, Person,
            "account_id = :a AND archived = 0 AND (department_id IS NULL OR department_id NOT IN "
            "(SELECT id FROM department WHERE account_id = :a AND archived = 0))",
            {"a": account_id},
        )
    return rows(db, Person, "account_id = :a AND department_id = :d AND archived = 0",
                {"a": account_id, "d": department_id})


def direct_reports(db: Database, person_id: str, department_id: str | None = None) -> list[Person]:
    """Active people reporting to a person, optionally only those in one department."""
    if department_id is None:
        return rows(db, Person, "reports_to_id = :p AND archived = 0", {"p": person_id})
    return rows(db, Person, "reports_to_id = :p AND department_id = :d AND archived = 0",
                {"p": person_id, "d": department_id})


def people_counts(db: Database, account_id: str) -> dict[str | None, int]:
    """Active people per department id (None: no department)."""
    return dict(db.execute(
        "SELECT department_id, count(*) FROM person WHERE account_id = ? AND archived = 0 "
        "GROUP BY department_id", [account_id]).fetchall())


def people_by_ids(db: Database, ids: list[str]) -> list[Person]:
    if not ids:
        return []
    marks = ", ".join(f":p{i}" for i in range(len(ids)))
    return rows(db, Person, f"id IN ({marks})", {f"p{i}": v for i, v in enumerate(ids)})


def department(db: Database, department_id: str) -> Department | None:
    found = rows(db, Department, "id = :d", {"d": department_id})
    return found[0] if found else None


def links_of(db: Database, person_id: str) -> list[PersonLink]:
    """Typed links from and to a person."""
    return rows(db, PersonLink, "from_id = :p OR to_id = :p", {"p": person_id})


def activities_of(db: Database, person_id: str) -> list[Activity]:
    """Activities naming the person among their targets (archived ones left out)."""
    return rows(
        db, Activity,
        "archived = 0 AND EXISTS (SELECT 1 FROM json_each(activity.target_person_ids) "
        "WHERE json_each.value = :p)",
        {"p": person_id},
    )


def subtree_ids(db: Database, department_id: str) -> set[str]:
    """A department and every department below it (archived ones included)."""
    found = db.execute(
        "WITH RECURSIVE sub(id) AS (SELECT :d UNION SELECT d.id FROM department d "
        "JOIN sub ON d.parent_id = sub.id) SELECT id FROM sub", {"d": department_id}).fetchall()
    return {r[0] for r in found}


def manager_chain(db: Database, person_id: str) -> list[str]:
    """The ids up a person's reports-to line, nearest first (stops at a cycle)."""
    found = db.execute(
        "WITH RECURSIVE up(id, depth) AS (SELECT reports_to_id, 1 FROM person WHERE id = :p "
        "UNION SELECT p.reports_to_id, up.depth + 1 FROM person p JOIN up ON p.id = up.id "
        "WHERE up.depth < 10000) SELECT id FROM up WHERE id IS NOT NULL ORDER BY depth",
        {"p": person_id}).fetchall()
    return [r[0] for r in found]


def contacts(db: Database, account_id: str, statuses: list[str]) -> list[tuple[str, str]]:
    """(person id, owner id) for each active activity of these statuses targeting the person."""
    marks = ", ".join("?" for _ in statuses)
    return [tuple(r) for r in db.execute(
        "SELECT DISTINCT j.value, a.owner_id FROM activity a, json_each(a.target_person_ids) j "
        f"WHERE a.account_id = ? AND a.archived = 0 AND a.owner_id IS NOT NULL AND a.status IN ({marks})",
        [account_id, *statuses]).fetchall()]
