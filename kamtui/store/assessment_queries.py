"""Reads the assessment wizard needs beyond kamtui.store.queries: each step's share only.

Opening reads the account, its latest snapshot, the layer targets, the departments and the
decision chain (as plain tuples: the values saving merges against, read when the session
starts); only the review's pitfalls read the whole plan (`queries.plan`: thousands of
validated rows on a big account).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import NamedTuple

from sqlite_utils import Database

from kamtui.domain.enums import Attitude, ChainRole
from kamtui.domain.models import Assessment, Competitor, Department, LayerTarget
from kamtui.store.queries import rows
from kamtui.store.tables import table_for


def latest_assessment(db: Database, account_id: str) -> Assessment | None:
    """The newest snapshot: the same one as `AccountPlan.latest` (by date, then id)."""
    found = list(db.query(
        "SELECT * FROM assessment WHERE account_id = :a ORDER BY assessed_on DESC, id DESC LIMIT 1",
        {"a": account_id}))
    return table_for(Assessment).from_row(found[0]) if found else None


def targets(db: Database, account_id: str) -> list[LayerTarget]:
    return rows(db, LayerTarget, "account_id = :a", {"a": account_id})


class ChainPerson(NamedTuple):
    """What the wizard shows and edits of a person (the `Person` fields of the same names)."""

    id: str
    name: str
    title: str
    department_id: str | None
    role: ChainRole | None
    attitude: Attitude
    influence: int
    needs_level: int | None
    hidden_decision_maker: bool
    rising_star: bool
    leaning_known: bool
    leaning_competitor_id: str | None
    archived: bool = False


def chain_people(db: Database, account_id: str, rated: Iterable[str]) -> list[ChainPerson]:
    """The active people who hold a decision-chain role or are in `rated` (ids), by name.

    Stored rows were validated when written: they are read without pydantic (a chain can be
    thousands of people).
    """
    found = db.execute(
        "SELECT id, name, title, department_id, role, attitude, influence, needs_level, "
        "hidden_decision_maker, rising_star, leaning_known, leaning_competitor_id FROM person "
        "WHERE account_id = ? AND archived = 0 AND (role IS NOT NULL OR id IN (SELECT value FROM json_each(?))) "
        "ORDER BY name, id",
        [account_id, json.dumps(sorted(rated))],
    )
    return [
        ChainPerson(pid, name, title, dept, ChainRole(role) if role is not None else None, Attitude(attitude),
                    influence, needs, bool(hidden), bool(star), bool(known) or leaning is not None, leaning)
        for pid, name, title, dept, role, attitude, influence, needs, hidden, star, known, leaning in found
    ]


def departments(db: Database, account_id: str) -> list[Department]:
    """Every department of the account, archived ones included (old snapshots name them)."""
    return rows(db, Department, "account_id = :a", {"a": account_id})


def competitors(db: Database, account_id: str) -> list[Competitor]:
    return rows(db, Competitor, "account_id = :a", {"a": account_id})


def person_names(db: Database, account_id: str) -> dict[str, str]:
    """id → name of every person of the account (archived too), as plain strings."""
    return dict(db.execute("SELECT id, name FROM person WHERE account_id = ?", [account_id]).fetchall())
