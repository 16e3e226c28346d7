"""Reads of the customer's people, departments, competitors and the links between people.

People come two ways: as validated models (`people`, `person`: what a form or a write
takes) and as light rows (`person_rows`, `chain_rows`: the table's generated `PersonRow`, for
the map and the wizard, where an account can hold thousands).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from kamtui.store.tables import COMPETITOR, DEPARTMENT, LINK, PERSON

if TYPE_CHECKING:
    from kamtui.domain.models import Competitor, Department, Person, PersonLink

PersonRow = PERSON.row
LinkRow = LINK.row


# -- people --------------------------------------------------------------------------------
def people(db: Any, account_id: str, department_id: str | None = None, *,
           include_archived: bool = False) -> list[Person]:
    where, params = "account_id = ?", [account_id]
    if department_id is not None:
        where += " AND department_id = ?"
        params.append(department_id)
    if not include_archived:
        where += " AND archived = 0"
    return PERSON.models(db, where, params)


def person(db: Any, person_id: str) -> Person | None:
    found = PERSON.models(db, "id = ?", [person_id])
    return found[0] if found else None


def person_rows(db: Any, account_id: str) -> list[PersonRow]:
    """Every person of the account, archived ones too, as light rows in list order."""
    return PERSON.rows(db, "account_id = ?", [account_id])


def chain_rows(db: Any, account_id: str, rated: Iterable[str]) -> list[PersonRow]:
    """The active people who hold a decision-chain role or are in `rated` (ids), as light rows."""
    return PERSON.rows(db, "account_id = ? AND archived = 0 AND (role IS NOT NULL OR id IN "
                       "(SELECT value FROM json_each(?)))", [account_id, json.dumps(sorted(rated))])


def person_names(db: Any, account_id: str) -> dict[str, str]:
    """id → name of every person of the account (archived too)."""
    return dict(db.execute("SELECT id, name FROM person WHERE account_id = ?", [account_id]).fetchall())


def people_counts(db: Any, account_id: str) -> dict[str | None, int]:
    """Active people per department id (None: no department)."""
    return dict(db.execute(
        "SELECT department_id, count(*) FROM person WHERE account_id = ? AND archived = 0 "
        "GROUP BY department_id", [account_id]).fetchall())


def foreign_people(db: Any, account_id: str, person_ids: list[str]) -> set[str]:
    """Those of `person_ids` that are not people of the account."""
    found = {r[0] for r in db.execute(
        "SELECT id FROM person WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))",
        [account_id, json.dumps(list(person_ids))])}
    return set(person_ids) - found


# -- departments -----------------------------------------------------------------------------
def departments(db: Any, account_id: str, *, include_archived: bool = False) -> list[Department]:
    """The account's departments at every level (archived ones only when asked: old
    snapshots name them)."""
    where = "account_id = ?" + ("" if include_archived else " AND archived = 0")
    return DEPARTMENT.models(db, where, [account_id])


def department(db: Any, department_id: str) -> Department | None:
    found = DEPARTMENT.models(db, "id = ?", [department_id])
    return found[0] if found else None


# -- links and competitors -------------------------------------------------------------------
def link_rows(db: Any, account_id: str) -> list[LinkRow]:
    return LINK.rows(db, "account_id = ?", [account_id])


def links_of(db: Any, person_id: str) -> list[PersonLink]:
    """Typed links from and to a person."""
    return LINK.models(db, "from_id = ? OR to_id = ?", [person_id, person_id])


def competitors(db: Any, account_id: str) -> list[Competitor]:
    return COMPETITOR.models(db, "account_id = ?", [account_id])
